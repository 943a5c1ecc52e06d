"""What verified writes cost: every output staged, read back and swapped into place (issue
29), against the code before them, on the same machine in turn.

Two measures, each with the outputs in a GeoPackage (where reading back costs most):
``make demo`` on the 2020/21 sample (every algorithm on the national data, the time the
demo prints) and ``dspt:icscomposite`` on 100,000 organisations in 33,000 areas (the run
alone, QGIS started before the clock). The code before is a commit's tree (``--base``),
the code now the working tree; each is assembled into a package of its own and run in a
fresh process, base and now in turn, so both see the machine's drift alike.

``python -m bench.readback [--base REV] [--runs N]`` writes ``bench/readback.md``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
#: The last commit before verified writes.
BASE = "f0fea6a"

CHILD = """
import sys, time
sys.path.insert(0, sys.argv[1])
sys.path.append("/usr/share/qgis/python/plugins")
from qgis.core import QgsApplication
app = QgsApplication([], False)
app.initQgis()
from processing.core.Processing import Processing
Processing.initialize()
import dspt_qgis
assert dspt_qgis.__file__.startswith(sys.argv[1]), dspt_qgis.__file__
from dspt_qgis.processing_algs.provider import DsptProvider
provider = DsptProvider()
QgsApplication.processingRegistry().addProvider(provider)
import processing
paths = dict(zip(("areas", "orgs"), sys.argv[2:4]))
start = time.perf_counter()
processing.run("dspt:icscomposite", {
    "ICS": paths["areas"], "ICS_FIELD": "code",
    "COMMISSIONERS": paths["orgs"], "COMMISSIONER_ICS_FIELD": "area",
    "COMMISSIONER_POPULATION_FIELD": "population",
    "TRUSTS": paths["orgs"], "TRUST_ICS_FIELD": "area",
    "OUTPUT": sys.argv[4] + "|layername=composite"})
print(time.perf_counter() - start)
"""


def tree(revision: str | None, target: Path) -> Path:
    """The checkout at ``revision`` (None: the working tree) with its package assembled in
    ``target/package/dspt_qgis``, as Python would import it installed."""
    source = REPO
    if revision is not None:
        source = target / "checkout"
        source.mkdir()
        archive = subprocess.run(
            ["git", "-C", str(REPO), "archive", revision], capture_output=True, check=True
        )
        subprocess.run(["tar", "-x", "-C", str(source)], input=archive.stdout, check=True)
    parts = {"dspt_qgis": "dspt_qgis", "core": "core", "processing_algs": "processing_algs"}
    parts["pipeline"] = "pipeline"
    package = target / "package" / "dspt_qgis"
    for inside, folder in parts.items():
        destination = package if inside == "dspt_qgis" else package / inside
        shutil.copytree(source / folder, destination, dirs_exist_ok=True)
    return source


def demo_seconds(checkout: Path, package: Path, data: Path, out: Path) -> float:
    """The seconds a warm ``make demo`` (2020/21) reports, with this code."""
    shutil.rmtree(out, ignore_errors=True)
    environment = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONPATH": f"{package}{os.pathsep}{checkout}",
    }
    done = subprocess.run(
        [sys.executable, "-m", "scripts.demo", "--data", str(data), "--out", str(out)],
        # Run from the assembled package: from the checkout, its plugin shell folder
        # (dspt_qgis/, without core/) would be imported and the venv's editable install
        # would complete it with the working tree's modules.
        cwd=package.parent,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    return float(done.stdout.split("done in ")[1].split(" s")[0])


def composite_seconds(package: Path, paths: dict[str, str], out: Path) -> float:
    """Seconds of one ``dspt:icscomposite`` run into a new GeoPackage, with this code."""
    out.unlink(missing_ok=True)
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(package), paths["areas"], paths["orgs"], str(out)],
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        check=True,
    )
    return float(done.stdout.strip().splitlines()[-1])


def measure(base: str, runs: int, data: Path) -> dict[str, dict[str, list[float]]]:
    """Seconds of each measure, base and now in turn, ``runs`` times after one warm-up."""
    from bench.qgis_runs import write_geopackages

    times: dict[str, dict[str, list[float]]] = {"demo": {}, "composite": {}}
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        trees = {}
        for name, revision in (("before", base), ("now", None)):
            (root / name).mkdir()
            trees[name] = (tree(revision, root / name), root / name / "package")
        synthetic = root / "synthetic"
        synthetic.mkdir()
        paths = write_geopackages(synthetic, 100_000, 33_000, 1)
        for run in range(runs + 1):
            for name, (checkout, package) in trees.items():
                demo = demo_seconds(checkout, package, data, root / name / "out")
                composite = composite_seconds(package, paths, root / name / "composite.gpkg")
                if run:  # the first round warms the disk and Python's bytecode caches
                    times["demo"].setdefault(name, []).append(demo)
                    times["composite"].setdefault(name, []).append(composite)
    return times


def report(times: dict[str, dict[str, list[float]]], base: str, runs: int) -> str:
    from bench.run import machine

    lines = [
        "# Verified writes: what reading every output back costs",
        "",
        f"Machine: {machine()}.",
        "",
        f"Code before: commit {base}; now: the working tree. Outputs in a GeoPackage; "
        f"median (fastest-slowest) of {runs} runs each, before and now in turn, after one "
        "uncounted round. Written by `python -m bench.readback` (part of `make bench`).",
        "",
        "| measure | before s | now s | now / before |",
        "|---|---:|---:|---:|",
    ]
    names = {
        "demo": "`make demo` 2020/21 (every algorithm, national sample)",
        "composite": "`dspt:icscomposite`, 100,000 organisations in 33,000 areas",
    }
    for key, label in names.items():
        before, now = times[key]["before"], times[key]["now"]
        ratio = statistics.median(now) / statistics.median(before)
        lines.append(f"| {label} | {_spread(before)} | {_spread(now)} | {ratio:.2f} |")
    return "\n".join(lines) + "\n"


def _spread(values: list[float]) -> str:
    return f"{statistics.median(values):.2f} ({min(values):.2f}-{max(values):.2f})"


def main() -> int:
    parser = argparse.ArgumentParser(description=" ".join(__doc__.split("\n\n")[0].split()))
    parser.add_argument("--base", default=BASE)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "readback.md")
    arguments = parser.parse_args()
    times = measure(arguments.base, arguments.runs, arguments.data)
    arguments.out.write_text(report(times, arguments.base, arguments.runs), encoding="utf-8")
    print(arguments.out.read_text(encoding="utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
