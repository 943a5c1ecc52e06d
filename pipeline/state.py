"""What one ``dspt-report`` run holds as a recipe's steps go: each step reads what earlier
steps left here and adds its own (a step that reads what no earlier step made stops the
run with an ``AttributeError`` naming it)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import pandas as pd

from ..core.component import Component
from ..core.composite import CompositeResult
from ..core.crosstab import Crosstab
from ..core.gains import Gains
from ..core.proportions import ProportionsResult
from ..core.rank_range import RankRanges
from .recipes import Recipe


@dataclass
class Run:
    """One recipe carried out from ``data`` into ``out``: its ICS and region polygons (in
    WGS84), then what each step makes."""

    data: Path
    recipe: Recipe
    out: Path
    ics: gpd.GeoDataFrame
    regions: gpd.GeoDataFrame
    trusts_by_location: bool = False  # place every trust by where it lies
    # import: each export by its role, all of them as one table, the ODS records read
    imported: dict[str, pd.DataFrame] = field(init=False)
    statuses: pd.DataFrame = field(init=False)
    ods: pd.DataFrame | None = field(init=False)
    # join commissioners: the polygons with their statuses (map 1); the composite's
    # commissioners (the crosswalk's small areas when it follows)
    commissioners: gpd.GeoDataFrame = field(init=False)
    side: Component = field(init=False)
    # locate trusts: their points, and the composite's trusts
    trusts: gpd.GeoDataFrame = field(init=False)
    trust_side: Component = field(init=False)
    # composite: the result, the commissioners as it weighed them (its population added,
    # and the other populations it ranks by), and each ICS's rank range
    composite: CompositeResult = field(init=False)
    rank_ranges: RankRanges = field(init=False)
    composite_commissioners: Component = field(init=False)
    gains: Gains = field(init=False)
    proportions: ProportionsResult = field(init=False)
    crosstab: Crosstab = field(init=False)  # summary
    site: Path = field(init=False)  # web report: its page
    geopackage: Path = field(init=False)  # the steps' layers, written after them
