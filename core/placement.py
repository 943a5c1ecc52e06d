"""Which ICS an organisation's location puts it in (trusts given as points, no ICS field).

The rule, the same whatever order the organisations or the ICS polygons come in: an
organisation belongs to the ICS whose polygon holds its point, or all its points (a
multipoint), boundaries included. One whose points lie in no polygon is outside every
ICS; one without a point has no location; both are reported, never dropped silently.
One whose points lie in two or more ICSs (a multipoint with points in two ICSs, a point
on the border of two ICSs or where two ICS polygons overlap) stops the run naming it: the
method counts each organisation in one ICS, and which one would otherwise depend on the
order of the features. A multipoint with some points in one ICS and the others outside
every polygon counts in that ICS, and the log says so.

The spatial side (QGIS's KD-tree and GEOS, or geopandas) finds every polygon each point
lies in; the decision is made here, once, for both.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .errors import DsptError
from .sources import SourceRef

#: Why an organisation placed by location got no ICS (the same words whatever placed it).
OUTSIDE = "the point lies outside every ICS polygon"
NO_LOCATION = "the organisation has no point geometry"

#: The columns of the points table the spatial side gives: one row per point (a part of
#: a multipoint counts as one) and polygon it lies in, ``group`` None for a point in none.
FEATURE, PART, GROUP = "feature", "part", "group"

#: How many organisations a message lists before "and N more".
LISTED = 10


class PlacementError(DsptError):
    """Organisations whose points lie in more than one ICS."""


@dataclass(frozen=True)
class Placement:
    """ICS codes found by location: the code of the polygon holding each organisation
    (by table index; None where none does), the reason for those without one, and notes
    for the log."""

    codes: pd.Series
    reasons: pd.Series
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Organisations:
    """The organisations being placed, as messages name them: the feature each row of
    the table is (``features``), its code and row number, its layer and role ("trust")."""

    features: pd.Series
    codes: pd.Series
    rows: pd.Series
    source: SourceRef
    role: str


def place(organisations: Organisations, points: pd.DataFrame, polygons: str) -> Placement:
    """Each organisation's ICS from ``points`` (:data:`FEATURE`, :data:`PART`,
    :data:`GROUP`; see the module docstring); ``polygons`` names the ICS layer."""
    inside = points.dropna(subset=[GROUP]).drop_duplicates([FEATURE, GROUP])
    groups = inside.groupby(FEATURE)[GROUP].agg(lambda codes: tuple(sorted(map(str, codes))))
    _refuse_several(organisations, groups[groups.map(len) > 1], polygons)
    by_feature = groups.map(lambda codes: codes[0])
    features = organisations.features
    codes = features.map(by_feature).astype(object)
    codes = codes.where(codes.notna(), None)
    located = features.isin(set(points[FEATURE]))
    reasons = pd.Series(
        [
            (OUTSIDE if code is None else None) if here else NO_LOCATION
            for here, code in zip(located, codes)
        ],
        index=features.index,
        dtype=object,
    )
    return Placement(codes, reasons, _partly_outside(organisations, points, by_feature))


def _named(organisations: Organisations, features: pd.Index) -> pd.Series:
    """``RXX (feature 12)`` for each of ``features``, by feature."""
    chosen = organisations.features.isin(features)
    unit = organisations.source.unit
    return pd.Series(
        [
            f"{code} ({unit} {row})"
            for code, row in zip(organisations.codes[chosen], organisations.rows[chosen])
        ],
        index=organisations.features[chosen].to_numpy(),
    )


def _listed(names: pd.Series, what: pd.Series) -> str:
    """Up to :data:`LISTED` of ``names`` with ``what`` each, in feature order."""
    shown = [f"{names[feature]} {what[feature]}" for feature in sorted(names.index)[:LISTED]]
    more = f" and {len(names) - LISTED} more" if len(names) > LISTED else ""
    return "; ".join(shown) + more


def _refuse_several(organisations: Organisations, several: pd.Series, polygons: str) -> None:
    """Stop naming every organisation whose points lie in more than one ICS."""
    if several.empty:
        return
    names = _named(organisations, several.index)
    role = organisations.role
    raise PlacementError(
        f"{organisations.source}: {len(several)} {role}(s) lie in more than one ICS polygon of "
        f"{polygons}, so the ICS each counts in cannot be told: "
        f"{_listed(names, several.map(lambda codes: 'in ' + ' and '.join(codes)))}. A point on "
        "the border of two ICSs or where ICS polygons overlap, or a multipoint with points in "
        f"two ICSs: give the {role}s a field holding each one's ICS code, or correct the points "
        "or the ICS polygons."
    )


def _partly_outside(
    organisations: Organisations, points: pd.DataFrame, by_feature: pd.Series
) -> tuple[str, ...]:
    """A note naming the multipoints placed in an ICS with some points outside every polygon."""
    outside_parts = points.groupby(PART)[GROUP].count() == 0
    owners = points.drop_duplicates(PART).set_index(PART)[FEATURE]
    partly = pd.Index(sorted(set(owners[outside_parts[outside_parts].index])))
    partly = partly[partly.isin(by_feature.index)]
    if partly.empty:
        return ()
    names = _named(organisations, partly)
    return (
        f"{organisations.source}: {len(partly)} {organisations.role}(s) have points outside "
        "every ICS polygon as well as in one ICS, and count in that ICS: "
        f"{_listed(names, by_feature[partly].map(lambda code: f'in {code}'))}.",
    )
