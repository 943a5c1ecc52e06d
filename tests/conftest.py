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


def _hypothesis_profiles() -> None:
    """Sized so the whole suite stays well inside CI's limit; `HYPOTHESIS_PROFILE=thorough` for more."""
    from hypothesis import HealthCheck, settings

    settings.register_profile(
        "ci", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
    )
    settings.register_profile("thorough", max_examples=1000, deadline=None)
    settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


_hypothesis_profiles()
