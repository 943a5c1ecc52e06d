"""The status colours every map, chart and report shares (one place, so they agree).

Colour-blind-safe: ColorBrewer RdYlBu ends for the scored statuses, dark grey for
"did not publish", near-white for "no status" (no DSPT row at all).
"""

from __future__ import annotations

STATUS_COLOURS: tuple[tuple[str, str], ...] = (
    ("Standards Exceeded", "#2c7bb6"),
    ("Standards Met", "#abd9e9"),
    ("Approaching Standards", "#fdae61"),
    ("Standards Not Met", "#d7191c"),
    ("Not Published", "#636363"),
)
NO_STATUS_COLOUR = "#f0f0f0"
NO_STATUS_LABEL = "No status"
