"""The summary report: the sector x status crosstab as an HTML page with a bar chart.

Organisation and sector names come from input files, so every value is HTML-escaped;
the chart is an inline SVG drawn by matplotlib (no files beside the report).
"""

from __future__ import annotations

import html
import io

import pandas as pd

from dspt_qgis.core.crosstab import Crosstab
from dspt_qgis.core.palette import status_colours
from dspt_qgis.core.proportions import count_field, percent_field
from dspt_qgis.core.scoring import DEFAULT_SCHEME, ScoringScheme

_STYLE = """
body { font-family: "DejaVu Sans", Arial, sans-serif; color: #212b32; margin: 2em; max-width: 60em; }
h1 { color: #005eb8; font-size: 1.5em; }
table { border-collapse: collapse; margin: 1em 0; }
th, td { border: 1px solid #d8dde0; padding: 0.3em 0.6em; text-align: right; }
th:first-child, td:first-child { text-align: left; }
tr.total td { font-weight: bold; border-top: 2px solid #212b32; }
.note { color: #4c6272; font-size: 0.9em; }
"""


def summary_html(
    crosstab: Crosstab, *, title: str, note: str = "", scheme: ScoringScheme = DEFAULT_SCHEME
) -> str:
    """A self-contained HTML page: title, count + row-percentage table, stacked bar chart."""
    statuses = list(scheme.statuses)
    head = "".join(f"<th>{html.escape(s)}</th>" for s in ["Sector", *statuses, "Total"])
    rows = []
    for record in crosstab.table.to_dict("records"):
        cells = [html.escape(str(record["sector"]))]
        for status in statuses:
            cells.append(f"{record[count_field(status)]} ({record[percent_field(status)]:.1f}%)")
        cells.append(str(record["total"]))
        css = ' class="total"' if record["sector"] == crosstab.total_label else ""
        rows.append(f"<tr{css}>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title><style>{_STYLE}</style></head><body>"
        f"<h1>{html.escape(title)}</h1>"
        f'<p class="note">{html.escape(note)}</p>'
        f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
        '<p class="note">Counts, with the share of the sector\'s organisations in brackets.</p>'
        f"{_bar_chart_svg(crosstab, scheme)}"
        '<p class="note">DSPT status: NHS England (Data Security and Protection Toolkit), '
        "published data.</p></body></html>\n"
    )


def _bar_chart_svg(crosstab: Crosstab, scheme: ScoringScheme) -> str:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    table = crosstab.table
    sectors = table[table["sector"] != crosstab.total_label]
    figure = Figure(figsize=(8, 0.6 * len(sectors) + 1.6))
    axes = figure.add_subplot()
    left = pd.Series(0.0, index=sectors.index)
    labels = [str(s).replace("$", r"\$") for s in sectors["sector"]]  # no mathtext from data
    for status, colour in status_colours(scheme.scores).items():
        share = sectors[percent_field(status)]
        axes.barh(labels, share, left=left, color=colour, label=status, edgecolor="white")
        left = left + share
    axes.set_xlim(0, 100)
    axes.set_xlabel("Share of organisations (%)")
    axes.invert_yaxis()
    axes.legend(ncol=3, fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.25), frameon=False)
    axes.spines[["top", "right"]].set_visible(False)
    figure.tight_layout()
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg")
    svg = buffer.getvalue()
    return svg[svg.index("<svg") :]
