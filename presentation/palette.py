"""The colours and classes every map, chart and report shares (one place, so they agree).

Statuses use ColorBrewer's PiYG (colour-blind safe): greens for the statuses that meet
the standards, pinks for those that do not, dark grey for "did not publish". It shares no
hue with the Blues that shade ICS populations under the trust-status pies, nor with the
RdYlBu scale of the composite score. The composite classes are derived from the scoring
scheme's scores, so a scheme scoring Not Published -4 gets a class for it. Nothing here
imports pandas: styles are built as QGIS starts.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..core.published_method import (
    APPROACHING,
    EXCEEDED,
    MET,
    NOT_MET,
    NOT_PUBLISHED,
    PUBLISHED_SCORES,
)

STATUS_COLOURS: Mapping[str, str] = {
    EXCEEDED: "#4dac26",
    MET: "#b8e186",
    APPROACHING: "#f1b6da",
    NOT_MET: "#d01c8b",
    NOT_PUBLISHED: "#525252",
}
#: Statuses a scheme adds (newer toolkits) get these, in order.
EXTRA_STATUS_COLOURS: Sequence[str] = ("#8c6bb1", "#fe9929", "#66c2a4", "#969696")
NO_STATUS_COLOUR = "#ffffff"
NO_STATUS_LABEL = "No status"

#: ColorBrewer RdYlBu (11 classes), worst (red) to best (blue): the composite's scale,
#: as on the published page.
RDYLBU: Sequence[str] = (
    "#a50026",
    "#d73027",
    "#f46d43",
    "#fdae61",
    "#fee090",
    "#ffffbf",
    "#e0f3f8",
    "#abd9e9",
    "#74add1",
    "#4575b4",
    "#313695",
)
#: Change between editions, from ColorBrewer RdBu (diverging, colour-blind safe): blue
#: improved, red declined, grey unchanged; white and dark grey for organisations in one
#: edition only. Keys are :data:`dspt_qgis.core.compare.DIRECTIONS` (no pandas here).
DIRECTION_COLOURS: Mapping[str, str] = {
    "improved": "#2166ac",
    "unchanged": "#d9d9d9",
    "declined": "#b2182b",
    "new": "#ffffff",
    "gone": "#525252",
}
#: ColorBrewer Blues (5 classes): ICS population shading.
BLUES: Sequence[str] = ("#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c")

#: Outline colours shared by maps and the web report.
ICS_OUTLINE = "#000000"
REGION_OUTLINE = "#005eb8"  # NHS blue
AREA_OUTLINE = "#4d4d4d"


def status_colours(scores: Mapping[str, float] = PUBLISHED_SCORES) -> dict[str, str]:
    """Colour of every status a scheme scores (its ``scores``), in legend order."""
    extra = iter(EXTRA_STATUS_COLOURS)
    return {s: STATUS_COLOURS.get(s) or next(extra, "#bdbdbd") for s in scores}


@dataclass(frozen=True)
class ScoreClass:
    """One class of the composite map: ``lower < score <= upper`` (the first class also
    holds ``lower`` itself), its colour and its legend label."""

    lower: float
    upper: float
    colour: str
    label: str


def composite_classes(scores: Mapping[str, float] = PUBLISHED_SCORES) -> list[ScoreClass]:
    """Classes covering the scheme's whole range: one per score unit when the range is
    whole and at most 12 units wide (-3..3 gives six), else six equal classes.

    Labels say which end belongs to the class, as the renderer decides it: a score of
    exactly +1 belongs to "0 < score ≤ +1".
    """
    low, high = float(min(scores.values())), float(max(scores.values()))
    if high <= low:
        return [ScoreClass(low, high, RDYLBU[len(RDYLBU) // 2], f"score = {_signed(low)}")]
    width = high - low
    count = int(width) if float(width).is_integer() and width <= 12 else 6
    breaks = [low + width * i / count for i in range(count + 1)]
    colours = ramp(RDYLBU, count)
    classes = []
    for index in range(count):
        lower, upper = breaks[index], breaks[index + 1]
        label = (
            f"{_signed(lower)} ≤ score ≤ {_signed(upper)}"
            if index == 0
            else f"{_signed(lower)} < score ≤ {_signed(upper)}"
        )
        if index == 0:
            label += " (worst)"
        elif index == count - 1:
            label += " (best)"
        classes.append(ScoreClass(lower, upper, colours[index], label))
    return classes


def composite_colour(value: float, scores: Mapping[str, float] = PUBLISHED_SCORES) -> str:
    """The colour of the composite class holding ``value``: the first whose upper end is
    not below it, as the map's renderer and the web page's script decide."""
    classes = composite_classes(scores)
    return next((c.colour for c in classes if value <= c.upper), classes[-1].colour)


def ramp(stops: Sequence[str], count: int) -> list[str]:
    """``count`` colours evenly spaced along the colour stops (linear in RGB)."""
    if count == 1:
        return [stops[len(stops) // 2]]
    rgb = [tuple(int(c[i : i + 2], 16) for i in (1, 3, 5)) for c in stops]
    colours = []
    for index in range(count):
        position = index * (len(rgb) - 1) / (count - 1)
        left = min(int(math.floor(position)), len(rgb) - 2)
        share = position - left
        mixed = [round(a + (b - a) * share) for a, b in zip(rgb[left], rgb[left + 1])]
        colours.append("#" + "".join(f"{v:02x}" for v in mixed))
    return colours


def _signed(value: float) -> str:
    text = f"{value:+.2f}".rstrip("0").rstrip(".")
    text = "0" if text in ("+0", "-0") else text
    return text.replace("-", "−")
