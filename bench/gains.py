"""What the gains cost on top of the composite (issue 31: "in under a second on top of the
composite", read in one pass, never by re-running the composite per organisation).

Two cases, each run through Processing as the toolbox runs it, the outputs in a GeoPackage:
the national sample (2020/21: the CCGs joined to their statuses, the trusts, commissioners
weighted by GP registered patients; inputs made before the clock) and 100,000 synthetic
organisations in 33,000 areas (the case ``bench.readback`` times the composite on). Each
round times ``dspt:icscomposite`` alone, then ``dspt:improvementgains`` on what it wrote;
composite + gains over composite alone is the ratio.

``python -m bench.gains [--runs N]`` writes ``bench/gains.md`` (part of ``make bench``).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

#: A QGIS process timing one case: argv = the case as JSON, the runs, the GeoPackage to write.
CHILD = """
import json, sys, time
sys.path.append("/usr/share/qgis/python/plugins")
from qgis.core import QgsApplication
app = QgsApplication([], False)
app.initQgis()
from processing.core.Processing import Processing
Processing.initialize()
from dspt_qgis.processing_algs.provider import DsptProvider
provider = DsptProvider()
QgsApplication.processingRegistry().addProvider(provider)
import processing
case, runs, gpkg = json.loads(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
for step in case.get("prepare", []):
    processing.run(step["algorithm"], step["parameters"])
times = []
for run in range(runs + 1):  # the first round warms caches, uncounted
    start = time.perf_counter()
    processing.run("dspt:icscomposite", {**case["composite"],
                   "OUTPUT": f"{gpkg}|layername=composite_{run}"})
    composed = time.perf_counter()
    processing.run("dspt:improvementgains", {**case["gains"],
                   "COMPOSITE": f"{gpkg}|layername=composite_{run}",
                   "OUTPUT": f"{gpkg}|layername=gains_{run}"})
    if run:
        times.append([composed - start, time.perf_counter() - composed])
print(json.dumps(times))
"""


def sample_case(data: Path, folder: Path) -> dict:
    """The 2020/21 national sample: the export imported and the CCGs joined to their
    statuses (before the clock), then the composite's and the gains' parameters."""
    inputs = folder / "sample_inputs.gpkg"
    statuses = f"{inputs}|layername=statuses"
    prepare = [
        {
            "algorithm": "dspt:importexport",
            "parameters": {
                "INPUT": str(data / "dspt/2020_21/curated_dspt_20220208.csv"),
                "EDITION": "20/21",
                "OUTPUT": statuses,
            },
        },
        {
            "algorithm": "dspt:joinstatus",
            "parameters": {
                "INPUT": str(data / "boundaries/ccg_april2020.geojson"),
                "FIELD": "CCG20CDH",
                "DSPT": f"{statuses}|subset=\"sector\" = 'Commissioner'",
                "OUTPUT": f"{inputs}|layername=commissioners",
            },
        },
    ]
    sides = {
        "COMMISSIONERS": f"{inputs}|layername=commissioners",
        "COMMISSIONER_ICS_FIELD": "STP20CD",
        "POPULATION": str(data / "populations/ccg_april2020_gp_registered_jan2021.csv"),
        "POPULATION_CODE_FIELD": "CCG20CDH",
        "POPULATION_VALUE_FIELD": "registered_patients",
        "TRUSTS": f"{statuses}|subset=\"sector\" = 'Trust'",
        "TRUST_ICS_FIELD": "STP20CD",
    }
    return {
        "prepare": prepare,
        "composite": {
            "ICS": str(data / "boundaries/stp_april2020.geojson"),
            "ICS_FIELD": "STP20CD",
            **sides,
        },
        "gains": {"ICS_FIELD": "STP20CD", **sides},
    }


def synthetic_case(folder: Path) -> dict:
    """100,000 organisations in 33,000 areas, each counted on both sides (as
    ``bench.readback`` times the composite), commissioners weighted by population."""
    from bench.qgis_runs import write_geopackages

    paths = write_geopackages(folder, 100_000, 33_000, 1)
    sides = {
        "COMMISSIONERS": paths["orgs"],
        "COMMISSIONER_ICS_FIELD": "area",
        "COMMISSIONER_POPULATION_FIELD": "population",
        "TRUSTS": paths["orgs"],
        "TRUST_ICS_FIELD": "area",
    }
    return {
        "composite": {"ICS": paths["areas"], "ICS_FIELD": "code", **sides},
        "gains": {"ICS_FIELD": "code", **sides},
    }


def timed(case: dict, runs: int, gpkg: Path) -> list[list[float]]:
    """[composite s, gains s] of each counted round, in a fresh QGIS process."""
    done = subprocess.run(
        [sys.executable, "-c", CHILD, json.dumps(case), str(runs), str(gpkg)],
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def report(times: dict[str, list[list[float]]], runs: int) -> str:
    """The table of bench/gains.md: each case's composite, gains, and their ratio."""
    from bench.run import machine

    lines = [
        "# What the gains cost on top of the composite",
        "",
        f"Machine: {machine()}.",
        "",
        f"Median (fastest-slowest) of {runs} rounds after one uncounted, through Processing, "
        "outputs in a GeoPackage; each round `dspt:icscomposite` then `dspt:improvementgains` "
        "on what it wrote. Written by `python -m bench.gains` (part of `make bench`). The gains "
        "table has a row per submission (100,000 rows in the synthetic case, against the "
        "composite's 33,000), each written and read back; the core's part of the gains is "
        "timed alone by bench.run (What would move our score).",
        "",
        "| case | composite s | gains s | composite + gains s | (composite + gains) / composite |",
        "|---|---:|---:|---:|---:|",
    ]
    for label, rounds in times.items():
        composite = [c for c, _ in rounds]
        gains = [g for _, g in rounds]
        both = [c + g for c, g in rounds]
        ratio = statistics.median(both) / statistics.median(composite)
        lines.append(
            f"| {label} | {_spread(composite)} | {_spread(gains)} | {_spread(both)} | {ratio:.2f} |"
        )
    return "\n".join(lines) + "\n"


def _spread(values: list[float]) -> str:
    return f"{statistics.median(values):.2f} ({min(values):.2f}-{max(values):.2f})"


def main() -> int:
    parser = argparse.ArgumentParser(description=" ".join(__doc__.split("\n\n")[0].split()))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "gains.md")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        times = {
            "national sample 2020/21 (42 STPs; the curated export's CCGs and trusts)": timed(
                sample_case(arguments.data, root), arguments.runs, root / "sample.gpkg"
            ),
            "synthetic: 100,000 organisations in 33,000 areas": timed(
                synthetic_case(root), arguments.runs, root / "synthetic.gpkg"
            ),
        }
    arguments.out.write_text(report(times, arguments.runs), encoding="utf-8")
    print(arguments.out.read_text(encoding="utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
