"""Commissioner statuses carried onto a newer geography, weighted by its small areas.

NHS geography moves (CCGs -> sub-ICB locations and ICBs in 2022 -> the April 2026 ICBs),
while a DSPT edition's commissioner statuses belong to the organisations of its own year.
The crosswalk goes through the small areas both geographies are built from (sub-ICB
locations): each small area of the new geography takes the status of the organisation
that covered it in the old one, and weighs by its own population in the new geography.
An old ICB split between two new ones thus counts in each, in proportion to its areas'
patients there; a new ICB made of several old ones gets a patient-weighted mean of them.

A small area is matched to the old geography by its code. One whose code the old
geography does not have (a new sub-ICB location) is matched by the caller from the
boundaries (which old area covers most of what its new ICB's other areas do not) and
the match is reported with its overlap. Every small area of the new geography is
accounted for: matched, or the run stops naming it.

A small area formed by merging several old organisations (the 2020 CCGs merged in April
2021 into the CCGs that became sub-ICB locations) is listed in the old lookup once per
organisation, with each one's share (e.g. its registered patients): its weight is split
between them in proportion, one row per part, and the split is said in ``matched_by``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .codes import clean_codes
from .errors import DsptError, DuplicateCodeError, PopulationError
from .fields import require_fields
from .old_areas import OldGeography, Table, checked_population, old_areas
from .organisations import statuses_by_code
from .published_method import NOT_PUBLISHED
from .resolve import DECIDED_BY_FIELD
from .scoring import DEFAULT_SCHEME, ScoringScheme
from .sources import SOURCE_ROW, SourceRef, source_rows

#: Fields the crosswalk adds to each small area of the new geography (the public contract).
ADDED_FIELDS: tuple[str, ...] = (
    "code",
    "status_code",
    DECIDED_BY_FIELD,
    "status_name",
    "status",
    "score",
    "weight",
    "area_part",
    "ics_share",
    "old_area",
    "matched_by",
)
BY_CODE = "code"


class CrosswalkError(DsptError):
    """A small area of the new geography cannot be placed in the old one."""


@dataclass(frozen=True)
class NewGeography:
    """The new geography's small areas, the ICS each belongs to and its population."""

    lookup: Table
    area_field: str
    ics_field: str
    weight_field: str


@dataclass(frozen=True)
class AreaMatch:
    """A new small area matched to an old one from the boundaries, and how well: the share
    of the new area's estimated extent that lies in the old area."""

    old_area: str
    overlap: float


@dataclass(frozen=True)
class Crosswalk:
    """The new geography's small areas with their status and weight (the new lookup's
    rows, then :data:`ADDED_FIELDS`), each old organisation's share of each new ICS, and
    notes for the log."""

    table: pd.DataFrame
    shares: pd.DataFrame
    notes: tuple[str, ...]


def areas_without_code_match(
    old: OldGeography | None, statuses: Table, code_field: str, new: NewGeography
) -> pd.DataFrame:
    """The new small areas whose code the old geography lacks, with their new ICS code:
    these need a match from the boundaries (:class:`AreaMatch`)."""
    known = old_areas(old, statuses, code_field)
    areas = clean_codes(new.lookup.table[new.area_field])
    missing = areas.notna() & ~areas.isin(set(known["area"]))
    return pd.DataFrame(
        {"area": areas[missing], "ics": clean_codes(new.lookup.table.loc[missing, new.ics_field])}
    )


def areas_beside(unmatched: pd.DataFrame, new: NewGeography) -> dict[str, list[str]]:
    """For each new ICS with a small area to match (``unmatched``, from
    :func:`areas_without_code_match`), the codes of its other small areas: what is left of
    the ICS without them is the area to match. Two new small areas in one ICS cannot be
    told apart that way: the run stops naming both."""
    twice = unmatched[unmatched["ics"].duplicated(keep=False)]
    if not twice.empty:
        listed = "; ".join(
            f"{', '.join(sorted(g['area']))} in {ics}" for ics, g in twice.groupby("ics")
        )
        raise CrosswalkError(
            f"{new.lookup.source}: more than one new small area in one ICS ({listed}): they "
            "cannot be told apart by area. Add them to the old lookup with the old small area "
            "each replaces."
        )
    areas = clean_codes(new.lookup.table[new.area_field])
    icss = clean_codes(new.lookup.table[new.ics_field])
    others = ~areas.isin(set(unmatched["area"])) & icss.isin(set(unmatched["ics"]))
    beside: dict[str, list[str]] = {ics: [] for ics in unmatched["ics"]}
    for area, ics in zip(areas[others], icss[others]):
        beside[ics].append(area)
    return beside


def crosswalk(
    statuses: Table,
    *,
    code_field: str,
    status_field: str,
    name_field: str | None,
    old: OldGeography | None,
    new: NewGeography,
    area_matches: Mapping[str, AreaMatch] | None = None,
    scheme: ScoringScheme = DEFAULT_SCHEME,
) -> Crosswalk:
    """Each new small area with the status of the organisation that covered it before."""
    by_code = statuses_by_code(
        statuses.table,
        source=statuses.source,
        code_field=code_field,
        status_field=status_field,
        scheme=scheme,
        name_field=name_field,
    )
    covering = old_areas(old, statuses, code_field)
    table = new.lookup.table
    areas, rows = _new_areas(new)
    weights = checked_population(
        table[new.weight_field], new.weight_field, new.lookup.source, areas, rows
    )
    old_area, matched_by = _covered_by(
        areas,
        rows,
        set(covering["area"]),
        area_matches or {},
        old.lookup.source if old else statuses.source,
        new,
    )
    parts = _parts(old_area, covering)
    at, status_code = parts["row"], parts["code"]
    known = status_code.isin(set(by_code.index))
    several = at.duplicated(keep=False).to_numpy()
    area_codes = areas.loc[at].to_numpy()
    added = pd.DataFrame(
        {
            "code": np.where(several, area_codes + "/" + status_code.to_numpy(), area_codes),
            "status_code": status_code,
            DECIDED_BY_FIELD: _deciders(statuses.table, code_field, status_code),
            "status_name": status_code.map(by_code["name"]).where(known, None),
            "status": status_code.map(by_code["status"]).where(known, NOT_PUBLISHED),
            "weight": weights.loc[at].to_numpy() * parts["part"].to_numpy(),
            "area_part": parts["part"],
            "old_area": old_area.loc[at].to_numpy(),
            "matched_by": _split_said(matched_by.loc[at], parts, several, old),
        }
    )
    added["score"] = added["status"].map(dict(scheme.scores)).astype(float)
    ics = clean_codes(table[new.ics_field]).loc[at].reset_index(drop=True)
    added["ics_share"] = _ics_shares(
        added["weight"], ics, pd.Series(area_codes), rows.loc[at].reset_index(drop=True), new
    )
    notes = _notes(added, area_codes, known, statuses, new)
    rows_kept = table.loc[at].reset_index(drop=True)
    return Crosswalk(_with_added(rows_kept, added), _shares(ics, added, by_code), notes)


def _deciders(statuses: pd.DataFrame, code_field: str, status_codes: pd.Series) -> pd.Series:
    """The code of the submission that decides each small area's status: the status
    code's own decided_by where the statuses carry it (a successor's submission), else the
    status code. Every area an ICB's one submission covers is then one submission for
    what would raise a composite, not one per area."""
    deciders = status_codes.astype(object)
    if DECIDED_BY_FIELD not in statuses.columns:
        return deciders
    by_code = pd.Series(
        clean_codes(statuses[DECIDED_BY_FIELD]).to_numpy(),
        index=clean_codes(statuses[code_field]).to_numpy(),
    )
    by_code = by_code[by_code.notna() & ~by_code.index.duplicated()]
    successor = status_codes.map(by_code)
    return successor.where(successor.notna(), deciders)


def _parts(old_area: pd.Series, covering: pd.DataFrame) -> pd.DataFrame:
    """One row per new small area and old organisation covering it: the new lookup's row
    (``row``), the organisation (``code``) and its part of the small area (``part``)."""
    frame = pd.DataFrame({"row": old_area.index, "area": old_area.to_numpy()})
    return frame.merge(covering, on="area", how="left", sort=False)


def _split_said(
    matched_by: pd.Series, parts: pd.DataFrame, several: np.ndarray, old: OldGeography | None
) -> list[str]:
    """How each row was matched and, for a small area shared by several organisations,
    the part of it this organisation takes and by what."""
    by = f" (by {old.share_field})" if old is not None and old.share_field else ""
    return [
        f"{how}; {part:.0%} of it from {code}{by}" if split else how
        for how, part, code, split in zip(matched_by, parts["part"], parts["code"], several)
    ]


def _with_added(table: pd.DataFrame, added: pd.DataFrame) -> pd.DataFrame:
    """The new lookup's rows with :data:`ADDED_FIELDS` (``_crosswalk`` where it has the name)."""
    taken = {c.lower() for c in table.columns}
    added = added.rename(columns={c: f"{c}_crosswalk" for c in added.columns if c.lower() in taken})
    columns = list(_renamed(ADDED_FIELDS, taken))
    return pd.concat([table.drop(columns=[SOURCE_ROW], errors="ignore"), added[columns]], axis=1)


def _new_areas(new: NewGeography) -> tuple[pd.Series, pd.Series]:
    """The new lookup's small areas (cleaned codes, each listed once) and their rows."""
    table, source = new.lookup.table, new.lookup.source
    require_fields(
        [c for c in table.columns if c != SOURCE_ROW],
        {new.area_field: "small area", new.ics_field: "ICS code", new.weight_field: "population"},
        source=source,
    )
    rows = source_rows(table, source)
    areas = clean_codes(table[new.area_field])
    if areas.isna().any():
        raise CrosswalkError(
            f"{source}: field {new.area_field!r} is empty in {source.rows(rows[areas.isna()].tolist())}."
        )
    repeated = areas[areas.duplicated(keep=False)]
    if not repeated.empty:
        listed = ", ".join(
            f"{c} ({source.rows(rows[areas == c].tolist())})" for c in sorted(set(repeated))[:10]
        )
        raise DuplicateCodeError(
            f"{source}: small areas listed more than once: {listed}. List each once."
        )
    return areas, rows


def _covered_by(
    areas: pd.Series,
    rows: pd.Series,
    covering: set[str],
    matches: Mapping[str, AreaMatch],
    old_source: SourceRef,
    new: NewGeography,
) -> tuple[pd.Series, pd.Series]:
    """Each new small area's old small area (by code, else by the area match given) and
    how it was matched, in words."""
    old_area = areas.where(areas.isin(covering), None)
    matched_by = pd.Series(BY_CODE, index=areas.index, dtype=object)
    source = new.lookup.source
    for index in old_area.index[old_area.isna()]:
        match = matches.get(areas[index])
        if match is None:
            raise CrosswalkError(
                f"{source}: small area {areas[index]} ({source.unit} {rows[index]}) is not in {old_source}. Give "
                "the old small areas' and the new ICSs' boundaries so it is matched by area, or add it to the old "
                "lookup."
            )
        if match.old_area not in covering:
            raise CrosswalkError(
                f"{source}: small area {areas[index]} was matched by area to {match.old_area}, which "
                f"is not in {old_source}."
            )
        old_area[index] = match.old_area
        matched_by[index] = f"area overlap: {match.overlap:.0%} of it lies in {match.old_area}"
    return old_area, matched_by


def _ics_shares(
    weights: pd.Series, ics: pd.Series, areas: pd.Series, rows: pd.Series, new: NewGeography
) -> pd.Series:
    """Each small area's share of its ICS's weight. A small area without an ICS code, or
    an ICS whose small areas weigh nothing in all, has no share: that stops the run."""
    source = new.lookup.source
    if ics.isna().any():
        raise CrosswalkError(
            f"{source}: field {new.ics_field!r} is empty in {source.rows(rows[ics.isna()].tolist())}; "
            "every small area needs the code of its ICS."
        )
    totals = weights.groupby(ics).transform("sum")
    zero = totals <= 0
    if zero.any():
        listed = "; ".join(
            f"ICS {code}: {', '.join(f'{a} ({source.unit} {r})' for a, r in zip(areas[group.index], rows[group.index]))}"
            for code, group in list(ics[zero].groupby(ics[zero], sort=True))[:10]
        )
        raise PopulationError(
            f"{source}: the {new.weight_field!r} values of the small areas of an ICS add up to zero, so no "
            f"share of it exists ({listed}). Check the populations of those small areas."
        )
    return weights / totals


def _renamed(fields: tuple[str, ...], taken: set[str]) -> list[str]:
    return [f"{f}_crosswalk" if f.lower() in taken else f for f in fields]


def _shares(ics: pd.Series, added: pd.DataFrame, by_code: pd.DataFrame) -> pd.DataFrame:
    """Each old organisation's share of each new ICS's weight: the weights the composite uses."""
    frame = pd.DataFrame(
        {"ics": ics, "status_code": added["status_code"], "weight": added["weight"]}
    )
    shares = frame.groupby(["ics", "status_code"], sort=True)["weight"].sum().reset_index()
    shares["share"] = shares["weight"] / shares.groupby("ics")["weight"].transform("sum")
    shares["status_name"] = shares["status_code"].map(by_code["name"])
    shares["status"] = shares["status_code"].map(by_code["status"]).fillna(NOT_PUBLISHED)
    return shares[["ics", "status_code", "status_name", "status", "weight", "share"]]


def _notes(
    added: pd.DataFrame, areas: np.ndarray, known: pd.Series, statuses: Table, new: NewGeography
) -> tuple[str, ...]:
    """What the log says: how many small areas took statuses from how many organisations,
    each one matched by area or shared out, and the organisations without a row."""
    notes = [
        f"{len(set(areas))} small areas of {new.lookup.source} take their status from "
        f"{added['status_code'].nunique()} organisations of {statuses.source}."
    ]
    notes += [
        f"Small area {code}: {how}."
        for code, how in zip(added["code"], added["matched_by"])
        if how != BY_CODE
    ]
    if (~known).any():
        missing = sorted(set(added["status_code"][~known].dropna()))
        notes.append(
            f"{statuses.source} has no row for {', '.join(missing)}: their small areas count as "
            f"{NOT_PUBLISHED}, as an organisation without a status does."
        )
    return tuple(notes)
