"""``dspt-report``: the method and its web report from a data folder, without QGIS.

dspt-report --data ../shared/data --edition 20/21 --out report/
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import pandas as pd

from .recipes import (
    add_recipe_arguments,
    explain_missing,
    missing_files,
    recipe_for,
)


def main(argv: list[str] | None = None) -> int:
    """Run one edition of the sample and write its GeoPackage and web report."""
    parser = argparse.ArgumentParser(
        prog="dspt-report", description=" ".join(__doc__.split("\n\n")[0].split())
    )
    parser.add_argument(
        "--data", type=Path, required=True, help="the data folder (laid out as ../shared/data)"
    )
    add_recipe_arguments(parser)
    parser.add_argument(
        "--out", type=Path, required=True, help="folder for dspt_report.gpkg and site/"
    )
    parser.add_argument(
        "--trusts-by-location",
        action="store_true",
        help="place each trust in the ICS polygon containing it, not the ICS its row names",
    )
    args = parser.parse_args(argv)
    try:
        recipe = recipe_for(args.edition, args.geography)
    except ValueError as error:
        print(f"dspt-report: {error}", file=sys.stderr)
        return 2
    missing = missing_files(str(args.data), recipe)
    if missing:
        print(explain_missing(str(args.data), missing), file=sys.stderr)
        return 2
    from ..core.errors import DsptError
    from .run import carry_out

    started = time.perf_counter()
    try:
        run = carry_out(args.data, recipe, args.out, trusts_by_location=args.trusts_by_location)
    except DsptError as error:
        print(f"dspt-report: {error}", file=sys.stderr)
        return 1
    for note in (*run.composite.notes, *run.rank_ranges.notes):  # the variants ranked by too
        print(f"note: {note}", file=sys.stderr)
    table = run.composite.table.sort_values("composite_score", ascending=False)
    print(
        f"DSPT {recipe.label}: {len(table)} ICS composites ({recipe.weighting_note}) "
        f"in {time.perf_counter() - started:.1f} s"
    )
    for ics, score in zip(table["ics"].astype(str), table["composite_score"]):
        shown = "  n/a" if pd.isna(score) else f"{score:+.2f}"
        print(f"  {shown}  {ics}")
    print(f"geopackage: {run.geopackage}")
    print(f"site: {run.site}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
