"""The web report's tables: the sortable table every map has beside it (the same rows as
the map, for anyone who cannot use the map) and the composite table, every value escaped."""

from __future__ import annotations

import html
import math
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ..core.proportions import count_field
from ..core.published_method import MET
from ..core.scoring import ScoringScheme
from . import palette
from .report_html import scrolling

if TYPE_CHECKING:
    from .webreport import FeatureCollection, ReportContent


def is_number(value: Any) -> bool:
    """A finite number (not a flag): what a table shows as a number and sorts by value."""
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


#: A column of a sortable table: the property it shows, its heading, and how it sorts
#: ('text', or 'number' by value).
Column = tuple[str, str, str]
#: A column showing a text that sorts as a number ('=14th' by 14): the property shown, its
#: heading, and the property holding the number.
WordsColumn = tuple[str, str, str, str]


def sortable_table(
    table_id: str,
    caption: str,
    columns: Sequence[Column | WordsColumn],
    rows: Sequence[Mapping[str, Any]],
) -> str:
    """A table the page's script sorts by any column (numbers by value), in a container
    that scrolls sideways on a narrow screen; every value escaped."""
    head = "".join(
        f'<th scope="col" data-type="{_kind(column)}"{_aligned(column)}><button type="button">'
        f"{html.escape(column[1])}</button></th>"
        for column in columns
    )
    body = "".join(
        "<tr>" + "".join(_row_cell(row, column) for column in columns) + "</tr>" for row in rows
    )
    table = (
        f'<table id="{table_id}" class="sortable"><caption>{html.escape(caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )
    return scrolling(table, caption.split(" (")[0])


def _kind(column: Column | WordsColumn) -> str:
    return column[2] if len(column) == 3 else "number"


def _aligned(column: Column | WordsColumn) -> str:
    """Words read from the left (text, and words that sort as numbers); numbers line up
    on the right."""
    return "" if len(column) == 3 and column[2] == "number" else ' class="text"'


def _row_cell(row: Mapping[str, Any], column: Column | WordsColumn) -> str:
    if len(column) == 3:
        return _cell(row.get(column[0]), column[0], column[2])
    shown, number = row.get(column[0]), row.get(column[3])
    sort = repr(float(number)) if number is not None and is_number(number) else ""
    words = html.escape("" if shown is None else str(shown))
    return f'<td class="text" data-sort="{sort}">{words}</td>'


def _cell(value: Any, key: str, kind: str) -> str:
    if kind != "number":
        return f'<td class="text">{html.escape("" if value is None else str(value))}</td>'
    if not is_number(value):
        return '<td data-sort=""></td>'
    shown = f"{value:+.2f}" if "score" in key else f"{int(round(value)):,}"
    return f'<td data-sort="{float(value)!r}">{shown}</td>'


def composite_table(ics: FeatureCollection, scheme: ScoringScheme) -> str:
    """The composite per ICS, sortable by any column; its rank, the rank's range across
    method variants and its largest gain when the composite carries them (``ics``'
    properties, :func:`~dspt_qgis.core.gains_shown.web_fields`)."""
    columns: list[Column | WordsColumn] = [
        ("code", "ICS code", "text"),
        ("name", "ICS", "text"),
        ("region", "Region", "text"),
        ("composite_score", "Composite", "number"),
        ("rank_label", "Rank", "number", "rank"),
        ("rank_range", "Rank across method variants", "number", "rank_best"),
        (
            "largest_gain",
            f"Largest gain if one organisation reached {MET}",
            "number",
            "gain_if_met",
        ),
        ("commissioner_score", "Commissioner mean", "number"),
        ("trust_score", "Trust mean", "number"),
        ("n_commissioners", "Commissioners", "number"),
        ("n_trusts", "Trusts", "number"),
        ("composite_note", "Note", "text"),
    ]
    present = [c for c in columns if any(c[0] in f["properties"] for f in ics["features"])]
    caption = (
        f"ICS composite scores (select a column heading to sort; {scheme.lower:g} worst, "
        f"{scheme.upper:+g} best)"
    )
    return sortable_table("composite-table", caption, present, _by_name(ics))


def organisations_table(commissioners: FeatureCollection, trusts: FeatureCollection) -> str:
    """Map 1 as a table: every commissioner and trust with its status."""
    rows = [
        {**f["properties"], "kind": kind}
        for kind, collection in (("Commissioner", commissioners), ("Trust", trusts))
        for f in collection["features"]
    ]
    for row in rows:
        row["status"] = row.get("status") or palette.NO_STATUS_LABEL
    rows.sort(key=lambda r: (str(r.get("name") or ""), str(r.get("code") or "")))
    columns = [
        ("name", "Organisation", "text"),
        ("code", "Code", "text"),
        ("kind", "Commissioner or trust", "text"),
        ("status", "DSPT status", "text"),
    ]
    return sortable_table(
        "individual-table",
        "Commissioners and trusts by DSPT status (map 1 as a table)",
        columns,
        rows,
    )


def proportions_table(ics: FeatureCollection, content: ReportContent) -> str:
    """Map 2 as a table: each ICS's population and its trusts in each status."""
    columns: list[Column] = [
        ("name", "ICS", "text"),
        ("population", content.population_label, "number"),
        ("n_trusts", "Trusts", "number"),
        *((count_field(s), s, "number") for s in content.scheme.statuses),
    ]
    return sortable_table(
        "proportions-table",
        "Trusts of each ICS by DSPT status, with its population (map 2 as a table)",
        columns,
        _by_name(ics),
    )


def _by_name(collection: FeatureCollection) -> list[dict[str, Any]]:
    return sorted(
        (f["properties"] for f in collection["features"]), key=lambda p: str(p.get("name", ""))
    )
