"""The change between two editions as one offline HTML page: how many went each way, the
transition matrix, a flow chart of status transitions (inline SVG, Sankey-style) and the
organisations whose score moved.

Names come from input files, so every value is HTML-escaped; the page has no script and
fetches nothing.
"""

from __future__ import annotations

import html

import pandas as pd

from ..core.compare import DECLINED, DIRECTIONS, IMPROVED, NOT_AFTER, NOT_BEFORE, Change
from ..core.scoring import DEFAULT_SCHEME, ScoringScheme
from .palette import NO_STATUS_COLOUR, status_colours
from .report_html import PAGE_STYLE, page, scrolling

_STYLE = (
    PAGE_STYLE
    + """
ul.counts { list-style: none; padding: 0; display: flex; gap: 1.5em; flex-wrap: wrap; }
ul.counts strong { font-size: 1.3em; }
#flows { max-width: 52em; } #flows text { font-size: 12px; fill: #212b32; }
"""
)


def change_html(change: Change, *, title: str, scheme: ScoringScheme = DEFAULT_SCHEME) -> str:
    """The self-contained change page for ``change``."""
    counts = change.table["direction"].value_counts()
    items = "".join(
        f"<li><strong>{int(counts.get(d, 0))}</strong> {html.escape(d)}</li>" for d in DIRECTIONS
    )
    notes = "".join(f'<p class="note">{html.escape(n)}</p>' for n in change.notes)
    return page(
        title,
        _STYLE,
        f"{notes}"
        f'<ul class="counts">{items}</ul>'
        '<p class="note">Improved, unchanged and declined compare the two statuses\' scores '
        f"({html.escape(scheme.describe())}); new and gone are organisations in one edition only.</p>"
        f"<h2>Status transitions</h2>{flow_svg(change, scheme)}"
        f"<h2>Transition matrix</h2>{matrix_table(change, scheme)}"
        f"<h2>Organisations whose score moved</h2>{moved_table(change)}"
        '<p class="note">DSPT status: NHS England (Data Security and Protection Toolkit), '
        "published data.</p>",
    )


def matrix_table(change: Change, scheme: ScoringScheme) -> str:
    """The transition matrix, one block per sector, the all-sectors block last."""
    after_columns = [c for c in change.matrix.columns if c.startswith("to_")]
    after_names = [*scheme.statuses, NOT_AFTER]
    head = "".join(
        f'<th scope="col">{html.escape(h)}</th>'
        for h in [
            "Sector",
            f"{change.before_label} status",
            *(f"{change.after_label}: {s}" for s in after_names),
            "Total",
        ]
    )
    last = change.matrix["sector"].iloc[-1] if len(change.matrix) else None
    rows = []
    for record in change.matrix.to_dict("records"):
        css = ' class="total"' if record["sector"] == last else ""
        cells = [
            f'<td class="text">{html.escape(str(record["sector"]))}</td>',
            f'<td class="text">{html.escape(str(record["status_before"]))}</td>',
        ]
        cells += [
            f'<td data-count="{int(record[c])}">{int(record[c])}</td>'
            for c in [*after_columns, "total"]
        ]
        rows.append(f"<tr{css}>{''.join(cells)}</tr>")
    return scrolling(
        f'<table id="transitions"><caption>Organisations by {html.escape(change.before_label)} status (rows) '
        f"and {html.escape(change.after_label)} status (columns)</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>",
        "Transition matrix",
    )


def moved_table(change: Change) -> str:
    """Every organisation whose score went up or down, largest moves first."""
    moved = change.table[change.table["direction"].isin([IMPROVED, DECLINED])]
    moved = moved.sort_values(["score_change", "code"], ascending=[False, True])
    head = "".join(
        f'<th scope="col">{h}</th>'
        for h in [
            "Code",
            "Name",
            "Sector",
            html.escape(change.before_label),
            html.escape(change.after_label),
            "Change",
            "Note",
        ]
    )
    rows = []
    for record in moved.to_dict("records"):
        texts = [
            record["code"],
            record["name"],
            record["sector"],
            record["status_before"],
            record["status_after"],
        ]
        cells = [f'<td class="text">{_text(v)}</td>' for v in texts]
        cells.append(f"<td>{record['score_change']:+g}</td>")
        cells.append(f'<td class="text">{_text(record["note"])}</td>')
        rows.append(f"<tr>{''.join(cells)}</tr>")
    return (
        scrolling(
            f'<table id="moved"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>',
            "Organisations whose score moved",
        )
        if rows
        else '<p class="note">No organisation\'s score moved.</p>'
    )


#: The flow chart's geometry (SVG units): gap between nodes, plot height, node width, and
#: the x of the left and right columns of nodes.
GAP, PLOT_HEIGHT, NODE_WIDTH, LEFT_X, RIGHT_X = 10, 360, 14, 210, 560


def flow_svg(change: Change, scheme: ScoringScheme) -> str:
    """Earlier statuses on the left, later ones on the right, a band per transition as wide
    as its count; each band names its transition and count when pointed at."""
    flows = _Flows(change, scheme)
    before, after = html.escape(change.before_label), html.escape(change.after_label)
    return "".join(
        [
            f'<svg id="flows" role="img" viewBox="0 0 800 {PLOT_HEIGHT + 30}" width="100%" '
            f'xmlns="http://www.w3.org/2000/svg" aria-label="Flows from {before} statuses to {after} statuses">',
            *flows.bands(),
            *flows.nodes(),
            f'<text x="{LEFT_X + NODE_WIDTH}" y="{PLOT_HEIGHT + 26}" text-anchor="end" font-weight="bold">{before}</text>',
            f'<text x="{RIGHT_X}" y="{PLOT_HEIGHT + 26}" font-weight="bold">{after}</text>',
            "</svg>",
        ]
    )


class _Flows:
    """The transitions between two editions' statuses, laid out as columns of nodes."""

    def __init__(self, change: Change, scheme: ScoringScheme) -> None:
        self.colours = {
            **status_colours(scheme.scores),
            NOT_BEFORE: NO_STATUS_COLOUR,
            NOT_AFTER: NO_STATUS_COLOUR,
        }
        before = change.table["status_before"].fillna(NOT_BEFORE)
        after = change.table["status_after"].fillna(NOT_AFTER)
        self.flows = pd.crosstab(before, after)
        self.left = [s for s in [*scheme.statuses, NOT_BEFORE] if s in self.flows.index]
        self.right = [s for s in [*scheme.statuses, NOT_AFTER] if s in self.flows.columns]
        total = int(self.flows.to_numpy().sum())
        self.unit = (PLOT_HEIGHT - GAP * (max(len(self.left), len(self.right)) - 1)) / max(total, 1)
        self.left_sizes, self.right_sizes = self.flows.sum(axis=1), self.flows.sum(axis=0)
        self.left_top, self.right_top = (
            self._tops(self.left, self.left_sizes),
            self._tops(self.right, self.right_sizes),
        )

    def _tops(self, nodes: list[str], sizes: pd.Series) -> dict[str, float]:
        tops, y = {}, 10.0
        for node in nodes:
            tops[node] = y
            y += float(sizes[node]) * self.unit + GAP
        return tops

    def bands(self) -> list[str]:
        """A band per transition, stacked down both columns in status order."""
        left_used, right_used = dict.fromkeys(self.left, 0.0), dict.fromkeys(self.right, 0.0)
        counts = self.flows.to_dict(orient="index")
        x0, x1 = LEFT_X + NODE_WIDTH, RIGHT_X
        middle = (x0 + x1) / 2
        parts = []
        for source in self.left:
            for target in self.right:
                count = int(counts[source][target])
                if count == 0:
                    continue
                width = count * self.unit
                y0, y1 = (
                    self.left_top[source] + left_used[source],
                    self.right_top[target] + right_used[target],
                )
                left_used[source] += width
                right_used[target] += width
                path = (
                    f"M{x0},{y0:.1f} C{middle},{y0:.1f} {middle},{y1:.1f} {x1},{y1:.1f} L{x1},{y1 + width:.1f} "
                    f"C{middle},{y1 + width:.1f} {middle},{y0 + width:.1f} {x0},{y0 + width:.1f} Z"
                )
                label = html.escape(f"{source} \u2192 {target}: {count}")
                parts.append(
                    f'<path d="{path}" fill="{self.colours[source]}" fill-opacity="0.55" stroke="#ffffff" '
                    f'stroke-width="0.5" data-count="{count}"><title>{label}</title></path>'
                )
        return parts

    def nodes(self) -> list[str]:
        """Each status as a bar with its name and count beside it."""
        parts = []
        for nodes, tops, sizes, x, anchor, text_x in (
            (self.left, self.left_top, self.left_sizes, LEFT_X, "end", LEFT_X - 6),
            (
                self.right,
                self.right_top,
                self.right_sizes,
                RIGHT_X,
                "start",
                RIGHT_X + NODE_WIDTH + 6,
            ),
        ):
            for node in nodes:
                height = max(float(sizes[node]) * self.unit, 1.0)
                parts.append(
                    f'<rect x="{x}" y="{tops[node]:.1f}" width="{NODE_WIDTH}" height="{height:.1f}" '
                    f'fill="{self.colours[node]}" stroke="#4d4d4d" stroke-width="0.6"/>'
                )
                parts.append(
                    f'<text x="{text_x}" y="{tops[node] + height / 2 + 4:.1f}" text-anchor="{anchor}">'
                    f"{html.escape(node)} ({int(sizes[node])})</text>"
                )
        return parts


def _text(value: object) -> str:
    return (
        ""
        if value is None or (isinstance(value, float) and value != value)
        else html.escape(str(value))
    )
