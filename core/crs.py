"""Which coordinate reference system (CRS) a layer is in when it does not say.

A layer without a CRS (a shapefile without its .prj, a layer made by a script) cannot be
compared with one that has one: its points land outside every ICS polygon, and nothing
says why. Nearly all NHS boundary and organisation data is in one of two CRSs whose
coordinates cannot be mistaken for each other's over the United Kingdom: longitude and
latitude (WGS84, EPSG:4326: a few degrees) and British National Grid (EPSG:27700:
hundreds of thousands of metres).

The rule: a layer without a CRS whose coordinates all lie within the UK's longitudes and
latitudes is read as EPSG:4326; else, when they all lie within the National Grid, as
EPSG:27700; either way with a warning naming the layer. Coordinates that fit both (a few
metres from the Grid's origin, in the sea off the Isles of Scilly, are also degrees east
of Greenwich) are degrees. Any other layer without a CRS stops the run, naming it and
saying how to set its CRS in QGIS.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from .errors import DsptError

#: Latitudes and longitudes of the United Kingdom and its islands, generously drawn.
UK_LATITUDES = (49.0, 61.5)
UK_LONGITUDES = (-9.0, 2.5)

#: How an analyst gives a layer its CRS, said in every message about a missing one.
HOW_TO_SET = (
    "set its CRS in QGIS (right-click the layer › Layer CRS › Set Layer CRS…, or the "
    "Processing tool 'Assign projection' to save a copy with its CRS; a shapefile keeps its "
    "CRS in the .prj file beside it)"
)


class CrsError(DsptError):
    """A layer without a CRS whose coordinates show no CRS the method knows."""


@dataclass(frozen=True)
class Extent:
    """The smallest box holding a layer's coordinates."""

    x_min: float
    y_min: float
    x_max: float
    y_max: float

    def __str__(self) -> str:
        return f"x {self.x_min:,.6g} to {self.x_max:,.6g}, y {self.y_min:,.6g} to {self.y_max:,.6g}"


@dataclass(frozen=True)
class KnownCrs:
    """A CRS the rule recognises, and the coordinates it takes in the United Kingdom."""

    authid: str
    description: str
    xs: tuple[float, float]
    ys: tuple[float, float]

    def holds(self, extent: Extent) -> bool:
        """Whether every coordinate within ``extent`` is one this CRS takes in the UK."""
        return (
            self.xs[0] <= extent.x_min <= extent.x_max <= self.xs[1]
            and self.ys[0] <= extent.y_min <= extent.y_max <= self.ys[1]
        )

    def takes(self, x: pd.Series, y: pd.Series) -> pd.Series:
        """Per row, whether (x, y) is a point of the UK in this CRS (False where missing)."""
        return x.between(*self.xs) & y.between(*self.ys)


WGS84 = KnownCrs(
    "EPSG:4326",
    "the longitudes and latitudes of the UK (EPSG:4326: longitude -9 to 2.5, latitude 49 to 61.5)",
    UK_LONGITUDES,
    UK_LATITUDES,
)
BRITISH_NATIONAL_GRID = KnownCrs(
    "EPSG:27700",
    "the British National Grid (EPSG:27700: eastings 0 to 700,000 m, northings 0 to 1,300,000 m)",
    (0.0, 700_000.0),
    (0.0, 1_300_000.0),
)
#: In the order the rule tries them (degrees first: see the module docstring).
KNOWN_CRS: tuple[KnownCrs, ...] = (WGS84, BRITISH_NATIONAL_GRID)


def crs_shown_by(extent: Extent) -> KnownCrs | None:
    """The CRS whose UK coordinates hold all of ``extent`` (degrees first), or None."""
    return next((known for known in KNOWN_CRS if known.holds(extent)), None)


def assumed_crs(layer: str, extent: Extent) -> tuple[str, str]:
    """``(authid, warning)`` for ``layer``, which has no CRS, from its coordinates' extent;
    stops naming the layer when they show no CRS the rule knows."""
    values = (extent.x_min, extent.y_min, extent.x_max, extent.y_max)
    known = crs_shown_by(extent) if all(map(math.isfinite, values)) else None
    if known is None:
        raise CrsError(
            f"{layer} has no coordinate reference system (CRS), and its coordinates ({extent}) "
            f"fit neither {WGS84.description} nor {BRITISH_NATIONAL_GRID.description}, so "
            f"where its features lie cannot be told. Please {HOW_TO_SET}, then run again."
        )
    return known.authid, (
        f"{layer} has no coordinate reference system (CRS); its coordinates ({extent}) all lie "
        f"within {known.description}, so it is read as {known.authid}. If it is in another "
        f"CRS, {HOW_TO_SET}."
    )
