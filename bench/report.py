"""``bench/results.md`` from what :func:`bench.run.measure` measured: every figure comes
from that run's data, nothing is typed in by hand."""

from __future__ import annotations

import statistics
from typing import Any


def spread_of(times: list[float]) -> str:
    """``median (low-high)`` of a list of seconds."""
    return f"{statistics.median(times):.3f} ({min(times):.3f}-{max(times):.3f})"


def render(results: dict[str, Any], notes: str = "") -> str:
    """The whole report, section by section, then the targets and the notes."""
    sections = [
        _heading(results),
        _core(results),
        _memory(results),
        _composite(results),
        _spatial(results),
        _sample(results),
        _startup(results),
        _gains(results),
        _targets(results),
    ]
    return "\n".join([*sections, notes]).rstrip() + "\n"


def _heading(results: dict[str, Any]) -> str:
    command = "python -m bench.run --smoke" if results["smoke"] else "make bench"
    return (
        f"# Benchmarks\n\nMachine: {results['machine']}.\n\nThe machine is shared and its speed drifts: the same "
        "work can take a third longer from one run to the next, so the core and the demo are given with the "
        f"range of their runs.\n\nRun by `{command}` on {results['date']}; every figure below is from that run.\n"
    )


def _core(results: dict[str, Any]) -> str:
    runs = results["runs"]["core"]
    lines = [
        "## 1. Core at register scale (parse + resolve + score + aggregate, in memory)",
        "",
        f"| organisations | seconds: median (fastest-slowest) of {runs} | rows/s (median) |",
        "|---:|---:|---:|",
    ]
    core = [(rows, statistics.median(times), times) for rows, times in results["core"]]
    lines += [
        f"| {rows:,} | {spread_of(times)} | {rows / seconds:,.0f} |"
        for rows, seconds, times in core
    ]
    if len(core) > 1:
        (r0, s0, _), (r1, s1, _) = core[-2], core[-1]
        shape = "linear" if s1 / s0 < 1.5 * r1 / r0 else "worse than linear"
        lines += [
            "",
            f"Growth from {r0:,} to {r1:,} rows: time x{s1 / s0:.1f} for rows x{r1 / r0:.0f} ({shape}).",
        ]
    return "\n".join(lines) + "\n"


def _memory(results: dict[str, Any]) -> str:
    memory = results["memory"]
    return (
        f"## 2. Memory\n\nPeak RSS of a fresh process running the core on {memory['rows']:,} organisations "
        f"(synthetic register included): **{memory['peak_mb']:,.0f} MB**.\n"
    )


def _composite(results: dict[str, Any]) -> str:
    lines = [
        "## 3. `dspt:icscomposite` against the native QGIS chain",
        "",
        "Organisations in a GeoPackage table; areas are squares in a GeoPackage (EPSG:27700). Native chain: "
        "Field calculator (score) -> Field calculator (population x score) -> Statistics by categories x3 (per "
        "area: sum of population x score, sum of population, mean score) -> Join attributes by field value x2 -> "
        "Field calculator (composite) -> Join attributes by field value onto the areas. Plugin: one "
        "`dspt:icscomposite` run (population-weighted commissioner mean + simple trust mean over the same "
        "organisations). Outputs in memory; median of 3 runs each, plugin and native in turn.",
        "",
        "| areas | plugin s | native s | native / plugin | same composites |",
        "|---:|---:|---:|---:|:---:|",
    ]
    lines += [
        f"| {c['areas']:,} | {c['ours']:.2f} | {c['theirs']:.2f} | {c['theirs'] / c['ours']:.1f}x | "
        f"{'yes' if c['same'] else 'NO'} |"
        for c in results["composite"]
    ]
    return "\n".join(lines) + "\n"


def _spatial(results: dict[str, Any]) -> str:
    spatial = results["spatial"]
    return (
        f"## 4. Points to polygons\n\n{spatial['points']:,} points into {spatial['areas']:,} polygons (spatial "
        "index). Plugin: `dspt:trustproportions` with no ICS field (places every point in its polygon, then "
        "counts statuses per area). Native: Join attributes by location (intersects, first match), which only "
        "places the points. Median of 3 runs each, in turn.\n\n| plugin s | native s | native / plugin |\n"
        f"|---:|---:|---:|\n| {spatial['ours']:.2f} | {spatial['theirs']:.2f} | "
        f"{spatial['theirs'] / spatial['ours']:.1f}x |\n"
    )


def _sample(results: dict[str, Any]) -> str:
    sample = results["sample"]
    if sample is None:
        return "## 5. The national sample (2020/21)\n\nSkipped: no sample data (or a smoke run).\n"
    demo, runs = sample["demo"], results["runs"]["demo"]
    return (
        f"## 5. The national sample (2020/21)\n\n`make demo` warm (median of {runs} runs after a first; the time "
        f"the demo prints, QGIS start-up included): **{statistics.median(demo):.2f} s** ({min(demo):.2f}-"
        f"{max(demo):.2f} s). `dspt:webreport` on the demo's layers (135 CCGs, 216 trusts, 42 ICSs, 7 regions; "
        f"median of 3): **{sample['web']:.2f} s**, site {sample['site_size']}. `dspt:icsatlas` on the same "
        f"layers (a cover and 42 ICS pages as one PDF, the trust change included; median of 3): "
        f"**{sample['atlas']:.2f} s**, PDF {sample['atlas_size']}.\n"
    )


def _startup(results: dict[str, Any]) -> str:
    enabled, disabled = results["startup"]["enabled"], results["startup"]["disabled"]
    return (
        f"## 6. Start-up\n\n`qgis_process list`, plugin enabled vs disabled, interleaved, median of "
        f"{results['runs']['startup']} after one uncounted round (Python keeps the plugin's bytecode, as in a "
        f"profile): enabled {enabled * 1000:.0f} ms, disabled {disabled * 1000:.0f} ms, overhead "
        f"**{(enabled - disabled) * 1000:.0f} ms** (ratio {enabled / disabled:.3f}).\n"
    )


def _gains(results: dict[str, Any]) -> str:
    runs = results["runs"]["gains"]
    lines = [
        "## 7. What would move our score: gains and rank ranges",
        "",
        "A synthetic register (one organisation in fifty naming a successor) resolved, then the composite "
        "(commissioners weighted by population), each submission's gain read from it (`core.gains`), and each "
        "area's rank under the 6 variants of the method its inputs allow (`core.rank_range`: simple, "
        "population or second population x simple or EPRR tier), in memory. Seconds: median "
        f"(fastest-slowest) of {runs}.",
        "",
        "| organisations | areas | composite | gains | rank ranges |",
        "|---:|---:|---:|---:|---:|",
    ]
    lines += [
        f"| {g['organisations']:,} | {g['areas']:,} | {spread_of(g['composite'])} | "
        f"{spread_of(g['gains'])} | {spread_of(g['ranges'])} |"
        for g in results["gains"]
    ]
    if len(results["gains"]) > 1:
        small, large = results["gains"][-2], results["gains"][-1]
        grown = statistics.median(large["gains"]) / statistics.median(small["gains"])
        size = large["organisations"] / small["organisations"]
        shape = "linear" if grown < 1.5 * size else "worse than linear"
        lines += [
            "",
            f"Gains from {small['organisations']:,} to {large['organisations']:,} organisations: "
            f"time x{grown:.1f} for organisations x{size:.0f} ({shape}).",
        ]
    return "\n".join(lines) + "\n"


def _targets(results: dict[str, Any]) -> str:
    rows, times = results["core"][-1]
    spatial, sample, startup = results["spatial"], results["sample"], results["startup"]
    speedups = ", ".join(
        f"{c['theirs'] / c['ours']:.1f}x at {c['areas']:,} areas" for c in results["composite"]
    )
    demo = (
        f"{statistics.median(sample['demo']):.2f} s (runs {min(sample['demo']):.2f}-{max(sample['demo']):.2f} s)"
        if sample
        else "not run"
    )
    web = f"{sample['web']:.2f} s" if sample else "not run"
    atlas = f"{sample['atlas']:.2f} s" if sample else "not run"
    return "\n".join(
        [
            "## Targets (issue 15)",
            "",
            "| target | result |",
            "|---|---|",
            f"| core >= 1,000,000 rows/s at 1,000,000 rows | {rows / statistics.median(times):,.0f} rows/s at {rows:,} "
            f"rows (runs {rows / max(times):,.0f}-{rows / min(times):,.0f}) |",
            f"| peak RSS of the {results['memory']['rows']:,}-row run <= 700 MB | {results['memory']['peak_mb']:,.0f} MB |",
            f"| icscomposite >= 6x native at 42 areas, >= 4x at 33,000 | {speedups} |",
            f"| trustproportions >= 3x the native join | {spatial['theirs'] / spatial['ours']:.1f}x |",
            f"| web report for the national sample <= 2 s | {web} |",
            f"| ICS atlas (42 ICSs, one PDF) < 15 s | {atlas} |",
            f"| `make demo` warm <= 3 s (2020/21) | {demo} |",
            f"| start-up overhead <= 50 ms | {(startup['enabled'] - startup['disabled']) * 1000:.0f} ms |",
            "",
            f"Total benchmark time: {results['seconds']:.0f} s.",
            "",
        ]
    )
