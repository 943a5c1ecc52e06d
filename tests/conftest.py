"""Shared fixtures: where the sample data lives, and small files the tests write."""

from __future__ import annotations

import csv
import os
from pathlib import Path

import pytest

from tests.prerequisites import unavailable

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = Path(os.environ.get("DSPT_DATA", REPO.parent / "shared" / "data"))


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The sample data folder; when absent, tests needing it skip (fail under CI=true)."""
    if not (SHARED_DATA / "dspt").is_dir():
        unavailable(
            f"sample data not found at {SHARED_DATA} (set DSPT_DATA to the folder holding "
            "dspt/, boundaries/ and lookups/)"
        )
    return SHARED_DATA


@pytest.fixture
def write_csv(tmp_path: Path):
    """Write rows (first row = header) as CSV in a chosen encoding; return the path."""

    def write(
        rows: list[list[object]],
        name: str = "export.csv",
        encoding: str = "utf-8",
        newline: str = "\n",
    ) -> Path:
        path = tmp_path / name
        with open(path, "w", encoding=encoding, newline="") as handle:
            writer = csv.writer(handle, lineterminator=newline)
            writer.writerows(rows)
        return path

    return write


#: Markers given from the fixtures a test uses: what it needs from the machine.
_NEEDS = {"shared_data": "shared_data", "browser": "browser", "postgis": "postgis"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark each test by what it needs, so a run can pick by it (``-m "not host"``: the
    QGIS roots run what depends on the QGIS version; the host's own tools, Chromium,
    PostgreSQL, qgis-plugin-ci, pylupdate6 and the desktop, are tested on the host)."""
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        for fixture, marker in _NEEDS.items():
            if fixture in fixtures:
                item.add_marker(marker)
        if fixtures & {"browser", "postgis"}:
            item.add_marker("host")


def _hypothesis_profiles() -> None:
    """Sized so the whole suite stays well inside CI's limit; `HYPOTHESIS_PROFILE=thorough` for more."""
    from hypothesis import HealthCheck, settings
    from hypothesis.configuration import set_hypothesis_home_dir
    from hypothesis.database import DirectoryBasedExampleDatabase

    # Its examples and caches are kept in the user's cache, not in the checkout (hypothesis's
    # default is .hypothesis/ in the current folder).
    home = Path.home() / ".cache" / "dspt-qgis" / "hypothesis"
    set_hypothesis_home_dir(home)
    examples = DirectoryBasedExampleDatabase(home / "examples")
    settings.register_profile(
        "ci",
        max_examples=60,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow],
        database=examples,
    )
    settings.register_profile("thorough", max_examples=1000, deadline=None, database=examples)
    settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


_hypothesis_profiles()
