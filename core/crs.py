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
of Greenwich) are degrees. Coordinates that are no places of the UK read either way stop
the run naming the layer and what they look like (:func:`misplaced`):

- the UK's latitudes as x and its longitudes as y: latitude and longitude in the wrong
  order (east of Greenwich both are small and positive, so they fit the Grid, within
  62 m of its origin);
- read as National Grid, every point within :data:`ORIGIN_RADIUS` of the Grid's origin,
  in the sea south-west of the Isles of Scilly, whose nearest rock (Bishop Rock) is 81 km
  from it: kilometres or degrees taken for metres.

Any other layer without a CRS stops the run, naming it and saying how to set its CRS in
QGIS. A layer that declares a longitude and latitude CRS (EPSG:4326, ETRS89, ...) or one
of the National Grid's (EPSG:27700, EPSG:7405 with heights, ...) is read in it, unless
every one of its coordinates is no place of the UK in it (:func:`check_declared_crs`):
degrees or kilometres in a layer declaring the National Grid, metres in one declaring
degrees, latitude and longitude in the wrong order; then the run stops naming it. :mod:`.locate` holds latitude and longitude fields, and a postcode lookup's eastings
and northings, to the same rule.
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
    """A layer without a CRS whose coordinates show no CRS the method knows, or no places
    of the UK in the one they fit."""


@dataclass(frozen=True)
class Extent:
    """The smallest box holding a layer's coordinates."""

    x_min: float
    y_min: float
    x_max: float
    y_max: float

    @classmethod
    def of(cls, x: pd.Series, y: pd.Series) -> Extent:
        """The box holding the points (x, y) (NaN where there are none)."""
        return cls(float(x.min()), float(y.min()), float(x.max()), float(y.max()))

    def __str__(self) -> str:
        return f"x {self.x_min:,.6g} to {self.x_max:,.6g}, y {self.y_min:,.6g} to {self.y_max:,.6g}"


@dataclass(frozen=True)
class Area:
    """The coordinates a kind of data takes over the UK: x within ``xs``, y within ``ys``."""

    xs: tuple[float, float]
    ys: tuple[float, float]

    def holds(self, extent: Extent) -> bool:
        """Whether every coordinate within ``extent`` is one this kind takes in the UK."""
        return (
            self.xs[0] <= extent.x_min <= extent.x_max <= self.xs[1]
            and self.ys[0] <= extent.y_min <= extent.y_max <= self.ys[1]
        )

    def takes(self, x: pd.Series, y: pd.Series) -> pd.Series:
        """Per row, whether (x, y) is a point of the UK of this kind (False where missing)."""
        return x.between(*self.xs) & y.between(*self.ys)


@dataclass(frozen=True)
class KnownCrs(Area):
    """A CRS the rule recognises, and the coordinates it takes in the United Kingdom."""

    authid: str
    description: str


WGS84 = KnownCrs(
    xs=UK_LONGITUDES,
    ys=UK_LATITUDES,
    authid="EPSG:4326",
    description="the longitudes and latitudes of the UK (EPSG:4326: longitude -9 to 2.5, "
    "latitude 49 to 61.5)",
)
BRITISH_NATIONAL_GRID = KnownCrs(
    xs=(0.0, 700_000.0),
    ys=(0.0, 1_300_000.0),
    authid="EPSG:27700",
    description="the British National Grid (EPSG:27700: eastings 0 to 700,000 m, northings 0 "
    "to 1,300,000 m)",
)
#: Every longitude and latitude there is.
DEGREES = Area((-180.0, 180.0), (-90.0, 90.0))
#: In the order the rule tries them (degrees first: see the module docstring).
KNOWN_CRS: tuple[KnownCrs, ...] = (WGS84, BRITISH_NATIONAL_GRID)
#: The UK's latitudes as x and its longitudes as y: degrees in the wrong order.
SWAPPED_DEGREES = Area(UK_LATITUDES, UK_LONGITUDES)
#: Points read as National Grid all this close to its origin (metres) are at sea: the
#: nearest land, Bishop Rock off the Isles of Scilly, is 81 km from it.
ORIGIN_RADIUS = 50_000.0


def crs_shown_by(extent: Extent) -> KnownCrs | None:
    """The CRS whose UK coordinates hold all of ``extent`` (degrees first), or None."""
    return next((known for known in KNOWN_CRS if known.holds(extent)), None)


def misplaced(
    extent: Extent, read_as: KnownCrs | None, axes: tuple[str, str] = ("x", "y")
) -> str | None:
    """Why coordinates all within ``extent``, read as ``read_as``, are no places of the UK
    (see the module docstring), said with ``axes`` naming the x and y values; None when
    nothing shows that."""
    if SWAPPED_DEGREES.holds(extent):
        return (
            "they look like latitude and longitude in the wrong order: "
            f"{axes[0]} holds the UK's latitudes (49 to 61.5) and {axes[1]} its longitudes "
            "(-9 to 2.5)"
        )
    farthest = math.hypot(
        max(abs(extent.x_min), abs(extent.x_max)), max(abs(extent.y_min), abs(extent.y_max))
    )
    if read_as is BRITISH_NATIONAL_GRID and farthest <= ORIGIN_RADIUS:
        return (
            f"read as {BRITISH_NATIONAL_GRID.description}, they all lie within "
            f"{ORIGIN_RADIUS / 1000:g} km of its origin, in the sea south-west of the Isles of "
            "Scilly, where no organisation or boundary is (kilometres or degrees taken for metres?)"
        )
    return None


def assumed_crs(layer: str, extent: Extent) -> tuple[str, str]:
    """``(authid, warning)`` for ``layer``, which has no CRS, from its coordinates' extent;
    stops naming the layer when they show no CRS the rule knows, or are no places of the
    UK in the one they fit (:func:`misplaced`)."""
    values = (extent.x_min, extent.y_min, extent.x_max, extent.y_max)
    finite = all(map(math.isfinite, values))
    known = crs_shown_by(extent) if finite else None
    why = misplaced(extent, known) if finite else None
    if why is not None:
        raise CrsError(
            f"{layer} has no coordinate reference system (CRS), and its coordinates ({extent}) "
            f"are no places of the UK: {why}. Correct its coordinates (latitude and longitude "
            "in the wrong order: the Processing tool 'Swap X and Y coordinates'), then "
            f"{HOW_TO_SET}, and run again."
        )
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


def declared_as(geographic: bool, national_grid: bool) -> KnownCrs | None:
    """The CRS the rule reads a layer's declared CRS as: any longitude and latitude CRS as
    degrees, any with the National Grid's projection as the Grid, any other as it is
    (None: not judged)."""
    return WGS84 if geographic else BRITISH_NATIONAL_GRID if national_grid else None


def check_declared_crs(layer: str, declared: str, read_as: KnownCrs | None, extent: Extent) -> None:
    """Stop naming ``layer``, which declares the CRS ``declared``, when that is read as a CRS
    the rule knows (``read_as``: any longitude and latitude CRS as degrees, any of the
    National Grid's as the Grid) and every one of its coordinates (within ``extent``) is
    no place of the UK in it (:func:`misplaced`, or metres in degrees). One stray point
    does not stop the run: it is named as outside every ICS. Otherwise the layer's CRS is
    trusted: its own word, not its coordinates, decides where it lies."""
    values = (extent.x_min, extent.y_min, extent.x_max, extent.y_max)
    if read_as is None or not all(map(math.isfinite, values)):
        return
    why = misplaced(extent, read_as)
    if why is None and read_as is WGS84 and _no_degrees(extent):
        why = (
            "they are no longitudes and latitudes at all (longitude -180 to 180, latitude "
            "-90 to 90)"
        )
    if why is not None:
        raise CrsError(
            f"{layer} declares its coordinate reference system (CRS) as {declared}, but its "
            f"coordinates ({extent}) are no places of the UK in it: {why}. If they are in "
            f"another CRS, {HOW_TO_SET}; latitude and longitude in the wrong order: correct "
            "them with the Processing tool 'Swap X and Y coordinates'. Then run again."
        )


def _no_degrees(extent: Extent) -> bool:
    """Whether every point within ``extent`` lies beyond every longitude or latitude."""
    (west, east), (south, north) = DEGREES.xs, DEGREES.ys
    return (
        extent.x_min > east or extent.x_max < west or extent.y_min > north or extent.y_max < south
    )
