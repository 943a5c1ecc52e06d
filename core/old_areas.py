"""The old geography of a crosswalk: which organisation's status each old small area
takes, and its part of the area when the old lookup shares an area out (an area formed
from several organisations, each with its share, e.g. their registered patients).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .codes import clean_codes
from .errors import DuplicateCodeError, PopulationError
from .fields import require_fields
from .published_method import DEFAULT_TIER_WEIGHTS
from .sources import SOURCE_ROW, SourceRef, source_rows
from .weights import Weighting, weights_of


@dataclass(frozen=True)
class Table:
    """A table of the crosswalk with where it came from."""

    table: pd.DataFrame
    source: SourceRef


@dataclass(frozen=True)
class OldGeography:
    """The old geography's small areas (``area_field``) and the organisation whose status
    each takes (``code_field``: e.g. sub-ICB location -> its 2023 ICB). None of this is
    needed when the statuses are the small areas' own (e.g. sub-ICB statuses). With a
    ``share_field`` a small area may be listed under several organisations (those merged
    into it), each taking that share of it."""

    lookup: Table
    area_field: str
    code_field: str
    share_field: str | None = None


def checked_population(
    values: pd.Series, field: str, source: SourceRef, codes: pd.Series, rows: pd.Series
) -> pd.Series:
    """A population or share column checked (finite, not negative: see weights_of)."""
    return weights_of(
        values,
        weighting=Weighting.POPULATION,
        tier_weights=DEFAULT_TIER_WEIGHTS,
        field=field,
        source=source,
        codes=codes,
        rows=rows,
    )


def old_areas(old: OldGeography | None, statuses: Table, code_field: str) -> pd.DataFrame:
    """Each old small area (``area``), the code whose status it takes (``code``) and that
    code's part of it (``part``: 1 unless the old lookup shares the area out)."""
    if old is None:
        codes = clean_codes(statuses.table[code_field]).dropna().drop_duplicates()
        return pd.DataFrame({"area": codes.to_numpy(), "code": codes.to_numpy(), "part": 1.0})
    table, source = old.lookup.table, old.lookup.source
    wanted: dict[str | None, str] = {
        old.area_field: "small area",
        old.code_field: "organisation code",
    }
    if old.share_field:
        wanted[old.share_field] = "share"
    require_fields([c for c in table.columns if c != SOURCE_ROW], wanted, source=source)
    frame = pd.DataFrame(
        {
            "area": clean_codes(table[old.area_field]),
            "code": clean_codes(table[old.code_field]),
            "row": source_rows(table, source),
        }
    )
    if old.share_field:
        return _shared_out(frame, table[old.share_field], old)
    pairs = frame.dropna(subset=["area"]).drop_duplicates(["area", "code"])
    clash = pairs[pairs["area"].duplicated(keep=False)]
    if not clash.empty:
        raise DuplicateCodeError(
            f"{source}: small areas listed under two organisations: "
            + "; ".join(
                f"{a}: "
                + ", ".join(f"{c} ({source.unit} {r})" for c, r in zip(g["code"], g["row"]))
                for a, g in list(clash.groupby("area"))[:10]
            )
            + ". Each small area belongs to one; if it was formed from several, pick the old "
            "lookup's share field (e.g. their registered patients) to split it between them."
        )
    return pairs.assign(part=1.0)[["area", "code", "part"]]


def _shared_out(frame: pd.DataFrame, values: pd.Series, old: OldGeography) -> pd.DataFrame:
    """The old lookup's organisations per small area with their part of it, from the share
    field (the same organisation listed twice in an area: its shares added)."""
    source = old.lookup.source
    frame = frame.assign(
        share=checked_population(values, str(old.share_field), source, frame["code"], frame["row"])
    ).dropna(subset=["area"])
    grouped = frame.groupby(["area", "code"], sort=False)
    pairs = grouped["share"].sum().reset_index()
    pairs["rows"] = grouped["row"].apply(list).to_numpy()
    totals = pairs.groupby("area")["share"].transform("sum")
    single = ~pairs["area"].duplicated(keep=False)
    empty = (totals <= 0) & ~single
    if empty.any():
        listed = "; ".join(
            f"{a} ({source.rows(sum(g['rows'], []))})"
            for a, g in list(pairs[empty].groupby("area"))[:10]
        )
        raise PopulationError(
            f"{source}: the {old.share_field!r} values of the organisations sharing a small area "
            f"add up to zero, so it cannot be split between them: {listed}."
        )
    pairs["part"] = (pairs["share"] / totals).where(~single, 1.0)
    return pairs[["area", "code", "part"]]
