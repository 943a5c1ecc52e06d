"""Under CI=true a missing prerequisite fails the run; elsewhere it skips with a reason."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def _run_sample_data_tests(ci: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "CI": ci, "DSPT_DATA": str(REPO / "no-such-folder")}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"]
        + ["tests/unit/test_sample_data.py"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.parametrize(("ci", "fails"), [("true", True), ("", False)])
def test_missing_sample_data_fails_under_ci_and_skips_elsewhere(ci, fails):
    done = _run_sample_data_tests(ci)
    report = done.stdout + done.stderr
    assert "sample data not found at" in report or "skipped" in report, report[-2000:]
    if fails:
        assert done.returncode != 0, report[-2000:]
        assert "nothing may be skipped" in report
    else:
        assert done.returncode == 0, report[-2000:]
        assert "skipped" in report
        assert "error" not in report.lower()
