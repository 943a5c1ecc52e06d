"""``make bench``: the plugin at national and full-register scale, against QGIS's own tools.

Writes ``bench/results.md`` (or ``--out``): machine, medians, ratios. Each figure comes
from this script's own run; nothing is copied in by hand. ``--smoke`` runs the smallest
sizes only (used by the test suite to keep the script working).
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parents[1]
CANONICAL = {
    "Standards Exceeded": 3,
    "Standards Met": 1,
    "Approaching Standards": -1,
    "Standards Not Met": -3,
    "Not Published": -3,
}


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory = next(
        (
            int(line.split()[1]) // 1024 // 1024
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        ),
        0,
    )
    import pandas
    from qgis.core import Qgis

    return (
        f"{cpu}, {os.cpu_count()} cores, {memory} GiB RAM; {platform.platform()}; Python "
        f"{platform.python_version()}, pandas {pandas.__version__}, QGIS {Qgis.QGIS_VERSION}"
    )


def timed(function, repeats: int) -> float:
    """Median wall time of ``repeats`` calls."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def interleaved(ours, theirs, repeats: int) -> tuple[float, float]:
    """Median wall times of ``ours`` and ``theirs``, run in turn: on a shared machine whose
    speed drifts, both see the same drift."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(repeats):
        for function, spent in zip((ours, theirs), times):
            start = time.perf_counter()
            function()
            spent.append(time.perf_counter() - start)
    return statistics.median(times[0]), statistics.median(times[1])


def core_run(rows: int, groups: int = 42) -> None:
    """Parse + resolve + score + aggregate a synthetic register of ``rows`` organisations."""
    from bench.synthetic import register
    from dspt_qgis.core.component import Component
    from dspt_qgis.core.composite import CompositeRequest, ics_composite
    from dspt_qgis.core.export_columns import detect_columns
    from dspt_qgis.core.reader import TableRead
    from dspt_qgis.core.resolve import ImportRequest, resolve_export
    from dspt_qgis.core.sources import file_source, layer_source
    from dspt_qgis.core.weights import Weighting

    read = TableRead(register(rows, groups), file_source("register.csv"))
    started = time.perf_counter()
    result = resolve_export(read, detect_columns(read), ImportRequest(edition="22/23"))
    orgs = result.table[
        ["code", "sector", "status", "Area", "Population", "source_row"]
    ]  # what the algorithms read
    commissioners = orgs["sector"] == "Commissioner"

    def side(frame, role: str, **weights: object) -> Component:
        return Component(
            frame,
            layer_source(role),
            role,
            code_field="code",
            status_field="status",
            group_field="Area",
            **weights,
        )  # type: ignore[arg-type]

    ics_composite(
        side(
            orgs[commissioners],
            "commissioner",
            weight_field="Population",
            weighting=Weighting.POPULATION,
        ),
        side(orgs[~commissioners], "trust"),
        CompositeRequest(),
    )
    return time.perf_counter() - started


def bench_core(sizes: list[int], runs: int) -> list[tuple[int, list[float]]]:
    """The times of ``runs`` runs at each size (a new synthetic register each run)."""
    return [(rows, [core_run(rows) for _ in range(runs)]) for rows in sizes]


def peak_memory_mb(rows: int) -> float:
    """Peak RSS of a fresh process running the core on ``rows`` organisations.

    Read from the child's own VmHWM: getrusage's ru_maxrss survives fork and exec on
    Linux, so a child of this (large) process would report the parent's peak.
    """
    code = (
        f"import sys; sys.path.insert(0, {str(REPO)!r}); from bench.run import core_run; core_run({rows}); "
        "print(next(l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM:')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return int(done.stdout.strip().splitlines()[-1]) / 1024


# ---------------------------------------------------------------- what would move our score


def gains_run(organisations: int = 100_000, areas: int = 33_000) -> dict[str, float]:
    """Seconds of the composite, then of the gains and of the rank ranges read from it, on
    a synthetic register of ``organisations`` over ``areas`` (one in fifty naming a
    successor; commissioners weighted by population, a second population beside them;
    trusts with EPRR tiers: 3 x 2 variants of the method)."""
    from bench.synthetic import register
    from dspt_qgis.core.composite import CompositeRequest, GivenComposite, ics_composite
    from dspt_qgis.core.export_columns import detect_columns
    from dspt_qgis.core.gains import GainsRequest, composite_gains
    from dspt_qgis.core.rank_range import VariantRequest, rank_ranges
    from dspt_qgis.core.reader import TableRead
    from dspt_qgis.core.resolve import ImportRequest, resolve_export
    from dspt_qgis.core.sources import file_source, layer_source

    rng = np.random.default_rng(31)
    read = TableRead(register(organisations, areas), file_source("register.csv"))
    result = resolve_export(read, detect_columns(read), ImportRequest(edition="22/23"))
    orgs = result.table[["code", "sector", "status", "Area", "Population", "source_row"]].assign(
        decided_by=result.decided_by,
        Residents=rng.integers(1_000, 500_000, len(result.table)),
        Tier=rng.integers(1, 5, len(result.table)),
    )
    commissioners, trusts = _sides(orgs)
    request = CompositeRequest()
    started = time.perf_counter()
    composite = ics_composite(commissioners, trusts, request).table
    composed = time.perf_counter()
    composite_gains(
        commissioners,
        trusts,
        GivenComposite(composite, layer_source("composite")),
        GainsRequest(request, "decided_by", "decided_by"),
    )
    gained = time.perf_counter()
    rank_ranges(
        commissioners, trusts, VariantRequest(request, populations=["Residents"], tier_field="Tier")
    )
    return {
        "composite": composed - started,
        "gains": gained - composed,
        "ranges": time.perf_counter() - gained,
    }


def _sides(orgs):
    """Commissioners (weighted by population) and the rest as trusts, by area."""
    from dspt_qgis.core.component import Component
    from dspt_qgis.core.sources import layer_source
    from dspt_qgis.core.weights import Weighting

    def side(frame, role: str, **weights: object) -> Component:
        return Component(
            frame, layer_source(role), role, "code", "status", group_field="Area", **weights
        )  # type: ignore[arg-type]

    is_commissioner = orgs["sector"] == "Commissioner"
    return (
        side(
            orgs[is_commissioner],
            "commissioner",
            weight_field="Population",
            weighting=Weighting.POPULATION,
        ),
        side(orgs[~is_commissioner], "trust"),
    )


def bench_gains(sizes: list[tuple[int, int]], runs: int) -> list[dict[str, Any]]:
    """Each stage's times over ``runs`` runs at each (organisations, areas)."""
    measured = []
    for organisations, areas in sizes:
        times = [gains_run(organisations, areas) for _ in range(runs)]
        measured.append(
            {"organisations": organisations, "areas": areas}
            | {stage: [t[stage] for t in times] for stage in ("composite", "gains", "ranges")}
        )
    return measured


# ---------------------------------------------------------------- start-up


def startup(runs: int) -> tuple[float, float]:
    """Median ``qgis_process list`` time with the plugin enabled and disabled (interleaved)."""
    from scripts.build_plugin import build

    qgis_process = "/usr/bin/qgis_process.bin"
    with tempfile.TemporaryDirectory() as root:
        build(Path(root) / "profiles" / "default" / "python" / "plugins")
        env = {**os.environ, "QGIS_CUSTOM_CONFIG_PATH": root, "QT_QPA_PLATFORM": "offscreen"}
        env.pop("PYTHONPATH", None)
        # As in a user's profile, Python keeps the plugin's compiled bytecode between runs
        # (CI shells often turn that off, which would time compiling the plugin every run).
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        times: dict[str, list[float]] = {"enable": [], "disable": []}
        for _ in range(runs + 1):
            for state in ("enable", "disable"):
                subprocess.run(
                    [qgis_process, "plugins", state, "dspt_qgis"],
                    env=env,
                    capture_output=True,
                    check=True,
                )
                start = time.perf_counter()
                subprocess.run([qgis_process, "list"], env=env, capture_output=True, check=True)
                times[state].append(time.perf_counter() - start)
    # The first round compiled the plugin's bytecode: not counted.
    return statistics.median(times["enable"][1:]), statistics.median(times["disable"][1:])


# ---------------------------------------------------------------- report


@dataclass(frozen=True)
class Plan:
    """What a benchmark run measures: sizes and repetitions (``--smoke``: the smallest)."""

    smoke: bool
    data: Path

    @property
    def sizes(self) -> list[int]:
        return [1_000] if self.smoke else [1_000, 10_000, 100_000, 1_000_000]

    @property
    def organisations(self) -> int:
        return 1_000 if self.smoke else 100_000

    @property
    def area_counts(self) -> list[int]:
        return [42, 100] if self.smoke else [42, 33_000]

    @property
    def points(self) -> int:
        return 1_000 if self.smoke else 100_000

    @property
    def gains_sizes(self) -> list[tuple[int, int]]:
        """(organisations, areas): ten times the organisations and areas, to show growth."""
        return [(1_000, 330)] if self.smoke else [(10_000, 3_300), (100_000, 33_000)]

    @property
    def runs(self) -> dict[str, int]:
        return {
            "core": 1 if self.smoke else 5,
            "gains": 1 if self.smoke else 5,
            "demo": 5,
            "startup": 1 if self.smoke else 11,
        }


def measure_against_native(plan: Plan) -> dict[str, Any]:
    """The composite and the point placement, ours and QGIS's own tools in turn."""
    from bench.qgis_runs import (
        native_composite,
        native_spatial,
        plugin_composite,
        plugin_spatial,
        same_composites,
        write_geopackages,
    )

    composites, spatial = [], {}
    with tempfile.TemporaryDirectory() as folder:
        for areas in plan.area_counts:
            sub = Path(folder) / str(areas)
            sub.mkdir()
            paths = write_geopackages(sub, plan.organisations, areas, plan.points)
            ours, theirs = interleaved(
                lambda paths=paths: plugin_composite(paths),
                lambda paths=paths: native_composite(paths),
                3,
            )
            same = same_composites(plugin_composite(paths), native_composite(paths))
            composites.append({"areas": areas, "ours": ours, "theirs": theirs, "same": same})
            if areas == plan.area_counts[-1]:
                ours, theirs = interleaved(
                    lambda paths=paths: plugin_spatial(paths),
                    lambda paths=paths: native_spatial(paths),
                    3,
                )
                spatial = {"points": plan.points, "areas": areas, "ours": ours, "theirs": theirs}
    return {"composite": composites, "spatial": spatial}


def measure(plan: Plan) -> dict[str, Any]:
    """Every figure of the report, measured now, as plain data (see :mod:`bench.report`)."""
    from scripts import headless

    began = time.perf_counter()
    sys.path.insert(0, str(REPO))
    qgis = headless.start(every_provider=True)
    results: dict[str, Any] = {
        "machine": machine(),
        "date": time.strftime("%Y-%m-%d"),
        "smoke": plan.smoke,
        "runs": plan.runs,
    }
    results["core"] = bench_core(plan.sizes, plan.runs["core"])
    results["memory"] = {"rows": plan.sizes[-1], "peak_mb": peak_memory_mb(plan.sizes[-1])}
    results["gains"] = bench_gains(plan.gains_sizes, plan.runs["gains"])
    results |= measure_against_native(plan)
    from bench.qgis_runs import sample_runs

    sample = None if plan.smoke else sample_runs(plan.data, plan.runs["demo"])
    results["sample"] = sample
    enabled, disabled = startup(plan.runs["startup"])
    results["startup"] = {"enabled": enabled, "disabled": disabled}
    results["seconds"] = time.perf_counter() - began
    qgis.stop()
    return results


def main() -> int:
    from bench.report import render

    parser = argparse.ArgumentParser(description=" ".join(__doc__.split("\n\n")[0].split()))
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "results.md")
    parser.add_argument("--smoke", action="store_true", help="smallest sizes only")
    parser.add_argument(
        "--data",
        type=Path,
        default=REPO.parent / "shared" / "data",
        help="the sample data, for the demo and web report timings",
    )
    args = parser.parse_args()
    results = measure(Plan(args.smoke, args.data))
    notes = REPO / "bench" / "notes.md"
    args.out.write_text(
        render(results, notes.read_text() if notes.exists() and not args.smoke else "")
    )
    print(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
