"""Per-ICS aggregation: means of scores, the composite, trust proportions, summary tables.

The published method: commissioner scores are weighted by resident population
(``sum(pop * score) / sum(pop)``); trust scores are a simple mean or weighted by EPRR
tier; the two means are combined with equal shares into a composite that stays within
the scoring scheme's bounds (-3..3 by default).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np
import pandas as pd

from dspt_qgis.core import diagnostics as diag
from dspt_qgis.core.errors import DsptError, PopulationError
from dspt_qgis.core.reader import SOURCE_ROW, clean_codes
from dspt_qgis.core.resolve import deduplicate
from dspt_qgis.core.scoring import DEFAULT_SCHEME, ScoringScheme
from dspt_qgis.core.sectors import SECTOR_CLASSES
from dspt_qgis.core.statuses import (
    APPROACHING,
    CANONICAL_STATUSES,
    EXCEEDED,
    MET,
    NOT_MET,
    NOT_PUBLISHED,
    parse_status_column,
)

#: EPRR tier -> weight in the seed's method (tier 1, the highest-risk trusts, weigh most).
DEFAULT_TIER_WEIGHTS: Mapping[int, float] = MappingProxyType({1: 4.0, 2: 3.0, 3: 2.0, 4: 1.0})

#: Count field of each canonical status in per-ICS and summary tables.
STATUS_COUNT_FIELDS: Mapping[str, str] = {
    EXCEEDED: "n_exceeded",
    MET: "n_met",
    APPROACHING: "n_approaching",
    NOT_MET: "n_not_met",
    NOT_PUBLISHED: "n_not_published",
}

#: What the composite holds when an ICS lacks one component.
MISSING_NULL = "null"
MISSING_USE_AVAILABLE = "use_available"

MEAN = "mean"
POPULATION = "population"
WEIGHT = "weight"
TIER = "tier"


@dataclass(frozen=True)
class Component:
    """One side of the composite (commissioners or trusts) as plain columns.

    ``table`` has one row per organisation with ``code_field``, ``group_field`` (the ICS
    code) and ``status_field``; ``weight_field`` holds populations (``method`` =
    ``population``), weights (``weight``) or EPRR tiers (``tier``); ``method`` ``mean``
    ignores weights.
    """

    table: pd.DataFrame
    label: str
    code_field: str = "code"
    group_field: str = "ics"
    status_field: str = "status"
    weight_field: str | None = None
    method: str = MEAN
    tier_weights: Mapping[int, float] = dataclasses.field(
        default_factory=lambda: DEFAULT_TIER_WEIGHTS
    )


@dataclass(frozen=True)
class CompositeResult:
    """Per-ICS composite table and the account of every input organisation."""

    table: pd.DataFrame
    diagnostics: pd.DataFrame


def prepare_component(
    component: Component, *, groups: Iterable[str] | None, scheme: ScoringScheme
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Score a component's organisations and decide which count.

    Returns ``(used, diagnostics)``: ``used`` has ``code``, ``group``, ``status``,
    ``score`` and ``weight`` for each organisation that counts. Organisations without an
    ICS code, with an ICS code outside ``groups``, or repeated, are reported; a missing
    status counts as Not Published (the published rule) and is reported as such.
    """
    table = component.table
    source = component.label
    if table.empty:
        empty = pd.DataFrame(columns=["code", "group", "status", "score", "weight", SOURCE_ROW])
        return empty, pd.DataFrame(columns=list(diag.DIAGNOSTIC_COLUMNS))
    for field in (component.code_field, component.group_field, component.status_field):
        if field not in table.columns:
            raise DsptError(
                f"{source}: no field {field!r}; fields are {', '.join(map(repr, table.columns))}."
            )
    rows = (
        table[SOURCE_ROW]
        if SOURCE_ROW in table.columns
        else pd.Series(range(1, len(table) + 1), index=table.index)
    )
    codes = clean_codes(table[component.code_field])
    group = clean_codes(table[component.group_field])
    parsed = parse_status_column(
        table[component.status_field],
        column=component.status_field,
        source=source,
        first_row=int(rows.iloc[0]),
    )
    status = parsed["status"].fillna(NOT_PUBLISHED)
    frame = pd.DataFrame(
        {
            "code": codes,
            "group": group,
            "status": status,
            "score": scheme.score(status),
            SOURCE_ROW: rows,
        },
        index=table.index,
    )

    outcome = pd.Series(diag.USED, index=table.index, dtype=object)
    reason = pd.Series(f"counted in the {source} score of its ICS", index=table.index, dtype=object)
    reason[parsed["status"].isna()] = (
        f"no status in {component.status_field!r}: counted as Not Published"
    )
    no_code = frame["code"].isna()
    no_group = frame["group"].isna() & ~no_code
    outcome[no_code] = diag.EXCLUDED
    reason[no_code] = f"no organisation code in {component.code_field!r}"
    outcome[no_group] = diag.UNMATCHED
    reason[no_group] = f"no ICS code in {component.group_field!r}"
    if groups is not None:
        known = {str(g).strip().upper() for g in groups}
        outside = frame["group"].notna() & ~frame["group"].isin(known) & ~no_code
        outcome[outside] = diag.UNMATCHED
        reason[outside] = frame.loc[outside, "group"].map(
            lambda g: f"ICS code {g!r} is not in the ICS layer"
        )
    candidates = frame[outcome == diag.USED].copy()
    candidates["weight"] = _weights(component, table.loc[candidates.index], candidates, source)
    kept, dropped_reason = deduplicate(candidates, code="code", status="status", source=source)
    outcome[dropped_reason.index] = diag.DUPLICATE
    reason[dropped_reason.index] = dropped_reason
    diagnostics = diag.diagnostics_frame(
        source=source, source_row=rows, code=frame["code"], outcome=outcome, reason=reason
    )
    _check_group_weights(kept, component, source)
    return kept, diagnostics


def group_means(used: pd.DataFrame, method: str) -> pd.DataFrame:
    """Per group: the (weighted) mean score and the number of organisations."""
    if used.empty:
        return pd.DataFrame({"score": pd.Series(dtype=float), "n": pd.Series(dtype=int)})
    weights = used["weight"] if method != MEAN else pd.Series(1.0, index=used.index)
    weighted = (weights * used["score"]).groupby(used["group"]).sum()
    totals = weights.groupby(used["group"]).sum()
    counts = used.groupby("group").size()
    return pd.DataFrame({"score": weighted / totals, "n": counts})


def ics_composite(
    commissioners: Component,
    trusts: Component,
    *,
    groups: Iterable[str] | None = None,
    commissioner_share: float = 0.5,
    scheme: ScoringScheme = DEFAULT_SCHEME,
    missing_component: str = MISSING_NULL,
) -> CompositeResult:
    """Composite score per ICS: share x commissioner mean + (1 - share) x trust mean.

    An ICS with no commissioners or no trusts gets a NULL composite and a note saying
    which side is missing (``missing_component="null"``, the default), or the mean of the
    side it has (``"use_available"``); the note says so either way.
    """
    if not 0.0 <= commissioner_share <= 1.0:
        raise DsptError(
            f"The commissioner share must lie between 0 and 1, not {commissioner_share}."
        )
    if missing_component not in (MISSING_NULL, MISSING_USE_AVAILABLE):
        raise DsptError(f"Unknown missing-component rule {missing_component!r}.")
    groups = None if groups is None else [str(g).strip().upper() for g in groups]
    used_c, diag_c = prepare_component(commissioners, groups=groups, scheme=scheme)
    used_t, diag_t = prepare_component(trusts, groups=groups, scheme=scheme)
    means_c = group_means(used_c, commissioners.method)
    means_t = group_means(used_t, trusts.method)
    index = pd.Index(
        groups if groups is not None else sorted(set(means_c.index) | set(means_t.index)),
        name="ics",
    )
    table = pd.DataFrame(index=index)
    table["commissioner_score"] = means_c["score"].reindex(index)
    table["trust_score"] = means_t["score"].reindex(index)
    table["n_commissioners"] = means_c["n"].reindex(index).fillna(0).astype(int)
    table["n_trusts"] = means_t["n"].reindex(index).fillna(0).astype(int)
    share_t = 1.0 - commissioner_share
    both = table["commissioner_score"].notna() & table["trust_score"].notna()
    composite = pd.Series(np.nan, index=index)
    composite[both] = (
        commissioner_share * table.loc[both, "commissioner_score"]
        + share_t * table.loc[both, "trust_score"]
    )
    note = pd.Series("", index=index, dtype=object)
    note[both] = f"{commissioner_share:g} x commissioner mean + {share_t:g} x trust mean"
    only_c = table["commissioner_score"].notna() & ~both
    only_t = table["trust_score"].notna() & ~both
    neither = ~(both | only_c | only_t)
    if missing_component == MISSING_USE_AVAILABLE:
        composite[only_c] = table.loc[only_c, "commissioner_score"]
        composite[only_t] = table.loc[only_t, "trust_score"]
        note[only_c] = "no trusts: commissioner mean only"
        note[only_t] = "no commissioners: trust mean only"
    else:
        note[only_c] = "no trusts: composite not computed"
        note[only_t] = "no commissioners: composite not computed"
    note[neither] = "no commissioners and no trusts"
    table["composite_score"] = composite.clip(scheme.lower, scheme.upper)
    table["composite_note"] = note
    diagnostics = pd.concat([diag_c, diag_t], ignore_index=True)
    return CompositeResult(table.reset_index(), diagnostics)


def status_counts(used: pd.DataFrame, groups: Iterable[str] | None = None) -> pd.DataFrame:
    """Per group: count and proportion of organisations in each status (the pie charts)."""
    counts = pd.crosstab(used["group"], used["status"]).reindex(
        columns=list(CANONICAL_STATUSES), fill_value=0
    )
    if groups is not None:
        counts = counts.reindex([str(g).strip().upper() for g in groups], fill_value=0)
    counts.index.name = "ics"
    counts.columns.name = None
    table = counts.rename(columns=STATUS_COUNT_FIELDS)
    table["n_trusts"] = table[list(STATUS_COUNT_FIELDS.values())].sum(axis=1)
    for field in STATUS_COUNT_FIELDS.values():
        table["p_" + field[2:]] = (
            table[field] / table["n_trusts"].where(table["n_trusts"] > 0)
        ).round(4)
    return table.reset_index()


def sector_status_crosstab(
    table: pd.DataFrame, *, sector_field: str = "sector", status_field: str = "status"
) -> pd.DataFrame:
    """Sector x status counts with a ``Total`` row, a ``total`` column and row percentages.

    Rows follow the method's sector order (Commissioner, Trust, CSU, Other), then any other
    sector values (e.g. raw sector names) alphabetically.
    """
    for field in (sector_field, status_field):
        if field not in table.columns:
            raise DsptError(
                f"No field {field!r}; fields are {', '.join(map(repr, table.columns))}."
            )
    if table.empty:
        raise DsptError("The table has no rows to summarise.")
    parsed = parse_status_column(table[status_field], column=status_field, source="summary input")
    status = parsed["status"].fillna(NOT_PUBLISHED)
    sector = table[sector_field].astype(object).where(table[sector_field].notna(), "(no sector)")
    counts = pd.crosstab(sector, status).reindex(columns=list(CANONICAL_STATUSES), fill_value=0)
    known = [s for s in SECTOR_CLASSES if s in counts.index]
    counts = counts.reindex(known + sorted(s for s in counts.index if s not in SECTOR_CLASSES))
    counts.loc["Total"] = counts.sum(axis=0)
    counts = counts.rename(columns=STATUS_COUNT_FIELDS)
    counts["total"] = counts.sum(axis=1)
    for field in STATUS_COUNT_FIELDS.values():
        counts["pct_" + field[2:]] = (100.0 * counts[field] / counts["total"]).round(1)
    counts.index.name = "sector"
    counts.columns.name = None
    return counts.reset_index()


def _weights(
    component: Component, table: pd.DataFrame, frame: pd.DataFrame, source: str
) -> pd.Series:
    if component.method == MEAN or component.weight_field is None:
        if component.method != MEAN:
            raise DsptError(f"{source}: a {component.method} mean needs a weight field.")
        return pd.Series(1.0, index=table.index)
    field = component.weight_field
    if field not in table.columns:
        raise DsptError(
            f"{source}: no field {field!r}; fields are {', '.join(map(repr, table.columns))}."
        )
    raw = table[field]
    numbers = pd.to_numeric(raw, errors="coerce")
    bad = numbers.isna() | ~np.isfinite(numbers.astype(float))
    if bad.any():
        raise PopulationError(
            f"{source}: field {field!r} is missing or not a number for "
            + _list_rows(frame[bad], raw[bad])
            + ". Every organisation that counts needs a value."
        )
    if component.method == TIER:
        tiers = numbers.astype(float)
        mapping = {float(k): float(v) for k, v in component.tier_weights.items()}
        unknown = ~tiers.isin(list(mapping))
        if unknown.any():
            raise PopulationError(
                f"{source}: EPRR tier field {field!r} has tiers with no weight for "
                + _list_rows(frame[unknown], raw[unknown])
                + f". Known tiers: {', '.join(f'{k:g}' for k in mapping)}."
            )
        return tiers.map(mapping)
    negative = numbers < 0
    if negative.any():
        raise PopulationError(
            f"{source}: field {field!r} is negative for "
            + _list_rows(frame[negative], raw[negative])
            + "."
        )
    return numbers.astype(float)


def _check_group_weights(used: pd.DataFrame, component: Component, source: str) -> None:
    if component.method == MEAN or used.empty:
        return
    totals = used.groupby("group")["weight"].sum()
    zero = totals[totals <= 0]
    if len(zero):
        raise PopulationError(
            f"{source}: the {component.weight_field!r} values of ICS "
            f"{', '.join(map(str, zero.index[:10]))} add up to zero, so no weighted mean "
            "exists. Check the populations or weights of its organisations."
        )


def _list_rows(frame: pd.DataFrame, raw: pd.Series, limit: int = 10) -> str:
    items = [
        f"{code} (row {row}: {value!r})"
        for code, row, value in zip(frame["code"], frame[SOURCE_ROW], raw, strict=True)
    ]
    more = f" and {len(items) - limit} more" if len(items) > limit else ""
    return ", ".join(items[:limit]) + more


def parse_tier_weights(text: str) -> dict[int, float]:
    """Read ``"1=4; 2=3; 3=2; 4=1"`` (tier=weight); empty text gives the default mapping."""
    if not text or not text.strip():
        return dict(DEFAULT_TIER_WEIGHTS)
    weights: dict[int, float] = {}
    for part in filter(None, (p.strip() for p in text.replace(",", ";").split(";"))):
        tier, sep, weight = part.partition("=")
        try:
            weights[int(tier)] = float(weight)
        except ValueError:
            raise DsptError(
                f"Cannot read EPRR tier weight {part!r}: write '<tier>=<weight>', e.g. '1=4'."
            ) from None
        if not sep or weights[int(tier)] < 0:
            raise DsptError(f"EPRR tier weight {part!r} must be '<tier>=<non-negative weight>'.")
    return weights


def group_totals(
    table: pd.DataFrame, *, group_field: str, value_field: str, source: str
) -> pd.Series:
    """Sum a population (or any count) per group; missing, non-numeric or negative is an error.

    Rows without a group code are left out of the sums; the caller reports them.
    """
    for name in (group_field, value_field):
        if name not in table.columns:
            raise DsptError(
                f"{source}: no field {name!r}; fields are {', '.join(map(repr, table.columns))}."
            )
    groups = clean_codes(table[group_field])
    numbers = pd.to_numeric(table[value_field], errors="coerce")
    rows = (
        table[SOURCE_ROW]
        if SOURCE_ROW in table.columns
        else pd.Series(range(1, len(table) + 1), index=table.index)
    )
    bad = groups.notna() & (numbers.isna() | (numbers < 0))
    if bad.any():
        listed = ", ".join(
            f"row {r} ({g}: {v!r})"
            for r, g, v in zip(rows[bad][:10], groups[bad][:10], table[value_field][bad][:10])
        )
        raise PopulationError(
            f"{source}: field {value_field!r} must be a non-negative number; it is not for {listed}"
            + (f" and {int(bad.sum()) - 10} more" if bad.sum() > 10 else "")
            + "."
        )
    return numbers[groups.notna()].groupby(groups[groups.notna()]).sum()
