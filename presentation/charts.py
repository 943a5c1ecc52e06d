"""Charts drawn as SVG text (no plotting library): an ICS's composites over editions."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from html import escape

from ..core.trend import full_year
from .palette import composite_colour

#: The chart's drawing box (SVG units; printed 128 x 22 mm on an atlas page).
CHART_WIDTH, CHART_HEIGHT = 640, 110
_PLOT_LEFT, _PLOT_RIGHT, _PLOT_TOP, _PLOT_BOTTOM = 110, 600, 22, 84


def trend_chart(points: Sequence[tuple[str, float | None]], scores: Mapping[str, float]) -> str:
    """An ICS's composites over editions as a small SVG line chart: the scoring scheme's
    range and zero as guides, each edition's composite as a point in its
    map class's colour with its value above, joined where consecutive editions both have
    one; an edition without a composite says "none"."""
    low, high = float(min(scores.values())), float(max(scores.values()))
    step = (_PLOT_RIGHT - _PLOT_LEFT) / max(len(points) - 1, 1)
    xs = [_PLOT_LEFT + step * i for i in range(len(points))]

    def y(value: float) -> float:
        return _PLOT_TOP + (high - value) / (high - low) * (_PLOT_BOTTOM - _PLOT_TOP)

    parts = [
        # Twice the drawing box in pixels: a QGIS that reads the chart as an image (3.22)
        # renders it at about 250 dpi on the page.
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{2 * CHART_WIDTH}" height="{2 * CHART_HEIGHT}" '
        f'viewBox="0 0 {CHART_WIDTH} {CHART_HEIGHT}" font-family="sans-serif">',
        *_guides(y, low, high),
    ]
    for (x0, (_, v0)), (x1, (_, v1)) in zip(zip(xs, points), zip(xs[1:], points[1:])):
        if v0 is not None and v1 is not None:
            parts.append(_line(x0, y(v0), x1, y(v1), "#1a1a1a", 3))
    for x, (edition, value) in zip(xs, points):
        parts.append(_text(x, CHART_HEIGHT - 4, full_year(edition), 15, "#1a1a1a"))
        if value is None:
            parts.append(_text(x, y(0) - 8, "none", 15, "#555555"))
            continue
        fill = composite_colour(value, scores)
        parts.append(
            f'<circle cx="{x:.1f}" cy="{y(value):.1f}" r="7" fill="{fill}" stroke="#1a1a1a" '
            'stroke-width="1.5"/>'
        )
        label_y = y(value) - 11 if value < high - 0.5 else y(value) + 24
        parts.append(_text(x, label_y, f"{value:+.2f}", 16, "#1a1a1a", bold=True))
    parts.append("</svg>")
    return "".join(parts)


def _guides(y: Callable[[float], float], low: float, high: float) -> list[str]:
    """The range's ends and zero as light lines, labelled on the left."""
    guides = []
    for value, colour in ((high, "#cccccc"), (0.0, "#888888"), (low, "#cccccc")):
        guides.append(_line(_PLOT_LEFT - 30, y(value), _PLOT_RIGHT + 30, y(value), colour, 1.5))
        label = f"{value:+g}" if value else "0"
        guides.append(_text(_PLOT_LEFT - 60, y(value) + 5, label, 14, "#555555"))
    return guides


def _line(x0: float, y0: float, x1: float, y1: float, colour: str, width: float) -> str:
    return (
        f'<line x1="{x0:.1f}" y1="{y0:.1f}" x2="{x1:.1f}" y2="{y1:.1f}" stroke="{colour}" '
        f'stroke-width="{width}"/>'
    )


def _text(x: float, y: float, text: str, size: int, colour: str, *, bold: bool = False) -> str:
    weight = ' font-weight="bold"' if bold else ""
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" fill="{colour}" '
        f'text-anchor="middle"{weight}>{escape(text)}</text>'
    )
