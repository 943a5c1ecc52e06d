"""The sector x status crosstab as HTML: its table, its bar chart, and the summary page.

The summary tool writes the page; the web report reuses the table and the chart. Sector
names come from input files, so every value is HTML-escaped; the chart is an inline SVG
(no files beside the page, no plotting library), each segment naming its count and share
when pointed at.
"""

from __future__ import annotations

import html

from ..core.crosstab import Crosstab
from ..core.proportions import count_field, percent_field
from ..core.scoring import DEFAULT_SCHEME, ScoringScheme
from .palette import status_colours

#: The look every self-contained HTML page shares (summary, change between editions).
PAGE_STYLE = """
body { font-family: "DejaVu Sans", Arial, sans-serif; color: #212b32; margin: 2em; max-width: 64em; }
h1 { color: #005eb8; font-size: 1.5em; } h2 { color: #003087; font-size: 1.2em; margin-top: 1.6em; }
table { border-collapse: collapse; margin: 1em 0; }
caption { text-align: left; color: #4c6272; padding-bottom: 0.3em; }
th, td { border: 1px solid #d8dde0; padding: 0.3em 0.6em; text-align: right; }
th:first-child, td.text { text-align: left; }
tr.total th, tr.total td { font-weight: bold; border-top: 2px solid #212b32; }
.pct, .note { color: #4c6272; }
.note { font-size: 0.9em; }
.table-scroll { overflow-x: auto; max-width: 100%; }
.table-scroll:focus { outline: 3px solid #212b32; outline-offset: 2px; }
@media (max-width: 40em) { body { margin: 0.75em; } }
"""
_STYLE = (
    PAGE_STYLE
    + """
#bar-chart { max-width: 46em; }
#bar-chart .axis { font-size: 12px; fill: #212b32; }
#bar-chart .grid { stroke: #d8dde0; }
.chart-legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 0.3em 1.2em; font-size: 0.9em; }
.chart-legend .swatch { margin-right: 6px; vertical-align: -1px; }
"""
)


def summary_html(
    crosstab: Crosstab, *, title: str, note: str = "", scheme: ScoringScheme = DEFAULT_SCHEME
) -> str:
    """A self-contained HTML page: title, count + row-percentage table, stacked bar chart."""
    return page(
        title,
        _STYLE,
        f'<p class="note">{html.escape(note)}</p>'
        f"{crosstab_table(crosstab, scheme)}"
        f"{bar_chart_svg(crosstab, scheme)}"
        '<p class="note">DSPT status: NHS England (Data Security and Protection Toolkit), '
        "published data.</p>",
    )


def page(title: str, style: str, body: str) -> str:
    """A self-contained page as every offline report writes it: its language, a width
    that follows the screen (phones included), one main landmark with the title."""
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(title)}</title><style>{style}</style></head><body><main>"
        f"<h1>{html.escape(title)}</h1>{body}</main></body></html>\n"
    )


def scrolling(table: str, label: str) -> str:
    """A wide table in a container of its own that scrolls sideways (and takes the
    keyboard focus to do so), so that on a phone the page itself never does."""
    return (
        f'<section class="table-scroll" aria-label="{html.escape(label)}" '
        f'tabindex="0">{table}</section>'
    )


def crosstab_table(crosstab: Crosstab, scheme: ScoringScheme) -> str:
    """The sector x status table: counts with row percentages, totals in bold."""
    statuses = list(scheme.statuses)
    head = "".join(f'<th scope="col">{html.escape(s)}</th>' for s in ["Sector", *statuses, "Total"])
    rows = []
    for record in crosstab.table.to_dict("records"):
        cells = [f'<th scope="row">{html.escape(str(record["sector"]))}</th>']
        for status in statuses:
            count, percent = record[count_field(status)], record[percent_field(status)]
            cells.append(
                f'<td data-count="{int(count)}">{int(count)} <span class="pct">({percent:.1f}%)</span></td>'
            )
        cells.append(f'<td data-count="{int(record["total"])}">{int(record["total"])}</td>')
        css = ' class="total"' if record["sector"] == crosstab.total_label else ""
        rows.append(f"<tr{css}>{''.join(cells)}</tr>")
    return scrolling(
        f'<table id="crosstab"><caption>Organisations by sector and DSPT status (share of the '
        f"sector in brackets)</caption><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>",
        "Organisations by sector and DSPT status",
    )


def bar_chart_svg(crosstab: Crosstab, scheme: ScoringScheme) -> str:
    """A stacked horizontal bar per sector (share of its organisations in each status);
    each segment names its count and share when pointed at (an SVG title)."""
    table = crosstab.table[crosstab.table["sector"] != crosstab.total_label]
    colours = status_colours(scheme.scores)
    bar, gap, left, width = 26, 12, 150, 520
    height = len(table) * (bar + gap) + 34
    parts = [
        f'<svg id="bar-chart" role="img" aria-label="Share of each sector\'s organisations in each DSPT status" '
        f'viewBox="0 0 {left + width + 20} {height}" width="100%" xmlns="http://www.w3.org/2000/svg">'
    ]
    axis_y = 10 + len(table) * (bar + gap)
    for tick in range(0, 101, 25):
        x = left + width * tick / 100
        parts.append(f'<line x1="{x}" x2="{x}" y1="5" y2="{axis_y}" class="grid"/>')
        parts.append(
            f'<text x="{x}" y="{axis_y + 14}" text-anchor="middle" class="axis">{tick}%</text>'
        )
    for row, record in enumerate(table.to_dict("records")):
        y = 10 + row * (bar + gap)
        name = html.escape(str(record["sector"]))
        parts.append(
            f'<text x="{left - 8}" y="{y + bar * 0.68:.1f}" text-anchor="end" class="axis">{name}</text>'
        )
        x = float(left)
        for status, colour in colours.items():
            share = float(record[percent_field(status)])
            if share <= 0:
                continue
            span = width * share / 100
            count = int(record[count_field(status)])
            parts.append(
                f'<rect x="{x:.1f}" y="{y}" width="{span:.1f}" height="{bar}" fill="{colour}" stroke="#fff">'
                f"<title>{name}: {html.escape(status)} {count} ({share:.1f}%)</title></rect>"
            )
            x += span
    parts.append("</svg>")
    keys = "".join(
        f'<li><svg class="swatch" width="12" height="12" aria-hidden="true"><rect x="0.5" y="0.5" '
        f'width="11" height="11" fill="{colour}" stroke="#4d4d4d"/></svg>{html.escape(status)}</li>'
        for status, colour in colours.items()
    )
    return "".join(parts) + f'<ul class="chart-legend">{keys}</ul>'
