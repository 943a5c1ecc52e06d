"""``make demo``: the whole published method on the sample data, through the plugin's own
Processing algorithms, headless. Carries out an edition's recipe
(:mod:`dspt_qgis.pipeline.recipes`) step by step (:mod:`scripts.demo_steps`), writes a
styled GeoPackage (every layer in British National Grid), a QGIS project with a map theme
and a print layout per map, the maps as PNG and PDF, the summary report and the web
report, then prints the ICS composites.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

from dspt_qgis.pipeline.recipes import (
    add_recipe_arguments,
    explain_missing,
    missing_files,
    recipe_for,
    trend_recipes,
)
from scripts.demo_run import Run

REPO = Path(__file__).resolve().parents[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=" ".join(__doc__.split("\n\n")[0].split()))
    parser.add_argument(
        "--data",
        type=Path,
        default=REPO.parent / "shared" / "data",
        help="the data folder (default ../shared/data)",
    )
    add_recipe_arguments(parser)
    parser.add_argument("--out", type=Path, default=REPO / "out")
    parser.add_argument(
        "--readme-images", type=Path, help="also write small PNGs here (docs/images)"
    )
    args = parser.parse_args()
    try:
        recipe = recipe_for(args.edition, args.geography)
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2
    missing = sorted(
        {
            rel
            for needed in (recipe, *trend_recipes(recipe))
            for rel in missing_files(str(args.data), needed)
        }
    )
    if missing:
        print(explain_missing(str(args.data), missing), file=sys.stderr)
        return 2
    return run_demo(
        Run(args.data.resolve(), args.out.resolve(), recipe, readme_images=args.readme_images)
    )


def run_demo(run: Run) -> int:
    """Carry the recipe out and print what it gave; a step refusing its input stops with
    its message."""
    from scripts import headless

    started = time.perf_counter()
    run.out.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm", "-journal"):  # a run stopped midway leaves its log too
        run.gpkg.with_name(run.gpkg.name + suffix).unlink(missing_ok=True)
    qgis = headless.start(preload="pandas")  # the core needs pandas at the first step
    from osgeo import gdal
    from qgis.core import QgsProcessingException

    from scripts.demo_steps import carry_out

    # GDAL's notices while writing GeoPackage tables and PNG maps are not errors of the
    # method; real failures raise QgsProcessingException or RuntimeError here.
    gdal.PushErrorHandler("CPLQuietErrorHandler")
    # The demo's GeoPackage is written afresh on every run, so SQLite need not wait for the
    # disk at each commit (some 30 per table written).
    gdal.SetConfigOption("OGR_SQLITE_SYNCHRONOUS", "OFF")

    try:
        carry_out(run)
        print_composites(run)
    except QgsProcessingException as error:  # a step refused its input: say which, no traceback
        print(f"The demo stopped: {error}", file=sys.stderr)
        return 1
    finally:
        qgis.stop()
    print(
        f"\nDSPT demo, edition {run.recipe.label}, done in {time.perf_counter() - started:.2f} s:"
    )
    print(f"  GeoPackage (styled layers, British National Grid): {run.gpkg}")
    for label, path in [*run.written, *reports(run)]:
        print(f"  {label}: {path}")
    return 0


def reports(run: Run) -> list[tuple[str, str]]:
    """(what, where) of each report the steps wrote beside the maps."""
    written = [
        ("ICS atlas (a cover and one page per ICS)", run.layers["atlas"]),
        ("summary report", str(run.out / "dspt_summary.html")),
    ]
    if "change" in run.layers:
        written.append(("trust change 2020/21 to 2022/23", str(run.out / "trust_change.html")))
    site = str(Path(run.layers["site"]) / "index.html")
    written.append(("web report (open in a browser, or publish the folder)", site))
    return written


def print_composites(run: Run) -> None:
    """The composites, best first, with the simple means beside when weighted."""
    from scripts.demo_project import load

    recipe, layers = run.recipe, run.layers

    def scores(source: str) -> dict[str, tuple[float | None, str]]:
        layer = load(source, "composite", stored_style=False)
        return {
            f[recipe.ics_code]: (_number(f["composite_score"]), f[recipe.ics_name])
            for f in layer.getFeatures()
        }

    weighted = scores(layers["composite"])
    simple = scores(layers["composite_simple"]) if "composite_simple" in layers else {}
    rows = sorted(weighted.items(), key=lambda item: (item[1][0] is None, -(item[1][0] or 0)))
    print(
        f"\nICS composite scores ({len(rows)} ICSs, -3 worst .. 3 best; {recipe.weighting_note}"
        + ("; simple means beside" if simple else "")
        + "):"
    )
    for code, (score, name) in rows:
        shown = f"{score:+.2f}" if score is not None else "  n/a"
        beside = ""
        if simple:
            other = simple[code][0]
            beside = f"  (simple {other:+.2f})" if other is not None else "  (simple n/a)"
        print(f"  {shown}{beside}  {code}  {name}")


def _number(value: Any) -> float | None:
    """A feature's number, None for NULL (QGIS gives NULL as a QVariant on Qt 5)."""
    return float(value) if isinstance(value, (int, float)) else None


if __name__ == "__main__":
    sys.exit(main())
