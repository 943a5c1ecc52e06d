"""Small builders for core inputs (no QGIS): organisations as a layer would give them."""

from __future__ import annotations

import pandas as pd

from dspt_qgis.core.component import Component
from dspt_qgis.core.sources import layer_source
from dspt_qgis.core.weights import Weighting


def orgs(rows: list[tuple], extra: list[str] | None = None) -> pd.DataFrame:
    """A table with code, ics, status (and ``extra`` columns), numbered as features."""
    frame = pd.DataFrame(rows, columns=["code", "ics", "status", *(extra or [])], dtype=object)
    frame["source_row"] = range(1, len(frame) + 1)
    return frame


def side(
    rows: list[tuple],
    role: str = "trust",
    *,
    extra: list[str] | None = None,
    weight_field: str | None = None,
    weighting: Weighting = Weighting.MEAN,
    **options: object,
) -> Component:
    """A side of the method from rows of (code, ics, status[, extra...])."""
    return Component(
        orgs(rows, extra),
        layer_source(f"{role}s"),
        role,
        code_field="code",
        status_field="status",
        group_field="ics",
        weight_field=weight_field,
        weighting=weighting,
        **options,  # type: ignore[arg-type]
    )
