"""What a test needs from the machine, and what happens when it is missing.

On a developer's machine a missing prerequisite (the sample data, Chromium, qgis_process,
PostgreSQL) skips the tests that need it with the way to get it. Under ``CI=true`` it is a
failure: ``.ci/run`` installs everything, so a skip there would be a green run that
tested less than it says.
"""

from __future__ import annotations

import os
from typing import NoReturn

import pytest


def unavailable(reason: str) -> NoReturn:
    """Skip with ``reason``, or fail with it under ``CI=true``."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI=true: nothing may be skipped)", pytrace=False)
    pytest.skip(reason)
