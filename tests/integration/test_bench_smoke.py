"""The benchmark script runs end to end at its smallest sizes and writes every section."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_bench_smoke_writes_every_figure(tmp_path):
    out = tmp_path / "results.md"
    done = subprocess.run(
        [sys.executable, "-m", "bench.run", "--smoke", "--out", str(out)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert done.returncode == 0, done.stderr[-3000:]
    text = out.read_text()
    for heading in (
        "Core at register scale",
        "Memory",
        "against the native QGIS chain",
        "Points to polygons",
        "Start-up",
        "What would move our score",
        "Machine:",
    ):
        assert heading in text
    assert "| NO |" not in text  # the plugin and the native chain agree on every composite
