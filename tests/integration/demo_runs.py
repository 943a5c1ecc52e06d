"""``make demo`` runs shared by the whole test session: each edition and geography run once,
whichever test (and whichever xdist worker) asks first, the others waiting for it and
reading what it left. Tests read a shared run and never write into it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from filelock import FileLock

REPO = Path(__file__).resolve().parents[2]

#: ``python -m scripts.demo``, with a deprecated call in the plugin's or the scripts' own
#: code an error (as in the test run itself: pyproject.toml's filterwarnings). qgis.utils
#: first: importing it resets the filters to "default".
DEMO_WITHOUT_DEPRECATIONS = """
import runpy, warnings
import qgis.utils
for category in (DeprecationWarning, PendingDeprecationWarning, FutureWarning):
    warnings.filterwarnings("error", category=category, module=r"(dspt_qgis|scripts)(\\..*)?$")
runpy.run_module("scripts.demo", run_name="__main__", alter_sys=True)
"""


def run_demo(shared_data: Path, out: Path, *extra: str) -> subprocess.CompletedProcess:
    """One ``make demo`` into ``out`` (``extra``: ``--edition``, ``--geography``)."""
    return subprocess.run(
        [
            sys.executable,
            "-c",
            DEMO_WITHOUT_DEPRECATIONS,
            "--data",
            str(shared_data),
            "--out",
            str(out),
            *extra,
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )


@dataclass(frozen=True)
class DemoRun:
    """A finished ``make demo``: its folder, what it printed, and, as it was the moment the
    demo ended (before any test opened it), the files beside its GeoPackage and a copy of
    the GeoPackage alone (as a user would pass it on)."""

    out: Path
    stdout: str
    stderr: str
    returncode: int
    beside: tuple[str, ...]
    alone: Path


def shared_run(shared_data: Path, cache: Path, edition: str, geography: str) -> DemoRun:
    """The session's run of ``edition`` on ``geography``, made now if no test made it yet."""
    key = f"{edition.replace('/', '-')}-{geography}"
    folder = cache / key
    record = folder / "run.json"
    cache.mkdir(parents=True, exist_ok=True)
    with FileLock(str(cache / f"{key}.lock")):
        if not record.exists():
            shutil.rmtree(folder, ignore_errors=True)
            out = folder / "out"
            done = run_demo(shared_data, out, "--edition", edition, "--geography", geography)
            alone = folder / "alone" / "dspt_demo.gpkg"
            alone.parent.mkdir(parents=True)
            if (out / "dspt_demo.gpkg").exists():
                shutil.copy(out / "dspt_demo.gpkg", alone)
            record.write_text(
                json.dumps(
                    {
                        "stdout": done.stdout,
                        "stderr": done.stderr,
                        "returncode": done.returncode,
                        "beside": sorted(p.name for p in out.glob("dspt_demo.gpkg?*")),
                    }
                ),
                encoding="utf-8",
            )
    saved = json.loads(record.read_text(encoding="utf-8"))
    return DemoRun(
        folder / "out",
        saved["stdout"],
        saved["stderr"],
        saved["returncode"],
        tuple(saved["beside"]),
        folder / "alone" / "dspt_demo.gpkg",
    )
