"""scripts/qgis_desktop_check.sh fails alone: an early failure stops no other process."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_a_failure_before_xvfb_starts_kills_nothing_else(tmp_path):
    """Packaging fails before Xvfb starts: the script's exit must not signal its process
    group (``kill 0``), which holds whoever called it."""
    fake = tmp_path / "checkout"
    (fake / "scripts").mkdir(parents=True)
    shutil.copy2(REPO / "scripts" / "qgis_desktop_check.sh", fake / "scripts")
    python = fake / ".venv" / "bin" / "python"
    python.parent.mkdir(parents=True)
    python.write_text("#!/bin/sh\necho 'packaging failed' >&2\nexit 1\n")
    python.chmod(0o755)
    caller = (
        f"bash {fake / 'scripts' / 'qgis_desktop_check.sh'} {tmp_path / 'out'}; echo caller-alive"
    )
    done = subprocess.run(
        ["bash", "-c", caller],
        capture_output=True,
        text=True,
        timeout=60,
        start_new_session=True,  # should the script signal its group, only this test's shell goes
    )
    assert "packaging failed" in done.stderr
    assert "caller-alive" in done.stdout
