"""One side of the method per ICS (commissioners or trusts): which organisations count,
with which status, score and weight.

An organisation counts in its ICS when it has a code, an ICS code the ICS layer knows
(from a field, or from the ICS polygon its point lies in), and is listed once. Its status
counts only for the chosen edition: a status of another edition is no status, which the
method counts as Not Published. Everything not counted is reported with the reason.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from . import diagnostics as diag
from .agreement import TABLE_EDITION_FIELD, Edition, edition_field_of, edition_where
from .codes import IcsCodes, blank_codes, clean_codes, clean_repeated_codes
from .duplicates import deduplicate
from .errors import PopulationError
from .fields import require_fields
from .placement import Placement
from .published_method import DEFAULT_TIER_WEIGHTS, NOT_PUBLISHED
from .scoring import ScoringScheme
from .sources import SOURCE_ROW, SourceRef, source_rows
from .statuses import (
    EditionStatuses,
    choose_edition,
    edition_counts,
    parse_status_column,
    statuses_for_edition,
)
from .weights import Weighting, weights_of


@dataclass(frozen=True)
class Component:
    """Commissioners or trusts as the analyst gave them.

    ``table`` holds the analyst's own fields (and ``source_row``); the ICS code comes from
    ``group_field`` or, for points, from ``placement``. ``weight_field`` holds populations,
    weights or EPRR tiers, as ``weighting`` says (ignored for a simple mean).
    """

    table: pd.DataFrame
    source: SourceRef
    role: str  # "commissioner" or "trust": how messages name an organisation of this side
    code_field: str
    status_field: str
    group_field: str | None = None
    placement: Placement | None = None
    weight_field: str | None = None
    weighting: Weighting = Weighting.MEAN
    tier_weights: Mapping[int, float] = dataclasses.field(
        default_factory=lambda: dict(DEFAULT_TIER_WEIGHTS)
    )

    def group_codes(self) -> pd.Series:
        """The ICS code each organisation names (cleaned; None where it names none): from
        ``group_field``, else from ``placement``."""
        return clean_repeated_codes(
            self.table[self.group_field]
            if self.group_field is not None
            else self.placement.codes.reindex(self.table.index)  # type: ignore[union-attr]
        )

    @property
    def group_description(self) -> str:
        """Where the ICS code comes from, in words."""
        if self.group_field is not None:
            return f"field {self.group_field!r}"
        return "its location (the ICS polygon containing it)"


@dataclass(frozen=True)
class Counted:
    """A side as counted: ``used`` has ``code``, ``group``, ``status``, ``score``,
    ``weight`` and ``source_row`` per organisation that counts; ``diagnostics`` accounts
    for every input row; ``notes`` are log lines (statuses set aside)."""

    used: pd.DataFrame
    diagnostics: pd.DataFrame
    notes: tuple[str, ...]


def side_edition(
    component: Component, requested: str | None, scheme: ScoringScheme
) -> tuple[pd.DataFrame, str | None]:
    """Parse a side's statuses (those the scheme adds included) and decide the edition
    they are read for."""
    table = component.table
    _check_fields(component)
    parsed = parse_status_column(
        table[component.status_field],
        column=component.status_field,
        source=component.source,
        rows=source_rows(component.table, component.source),
        extra_statuses=scheme.added_statuses,
    )
    edition_field = edition_field_of(table)
    edition = choose_edition(
        requested,
        parsed=parsed,
        edition_field=table[edition_field] if edition_field else None,
        source=component.source,
        field=edition_field or TABLE_EDITION_FIELD,
    )
    return parsed, edition


def count_side(
    component: Component,
    *,
    parsed: pd.DataFrame,
    edition: str | None,
    groups: IcsCodes | None,
    scheme: ScoringScheme,
) -> Counted:
    """Decide which organisations of a side count, and score and weigh them."""
    table, source = component.table, component.source
    rows = source_rows(component.table, component.source)
    if table.empty:
        empty = pd.DataFrame(columns=["code", "group", "status", "score", "weight", SOURCE_ROW])
        return Counted(empty, diag.empty_diagnostics(), ())
    chosen = statuses_for_edition(parsed, edition)
    status = chosen.status.fillna(NOT_PUBLISHED)
    codes = clean_codes(table[component.code_field])
    group = component.group_codes()
    frame = pd.DataFrame(
        {
            "code": codes,
            "group": group,
            "status": status,
            "score": scheme.score(status),
            SOURCE_ROW: rows,
        },
        index=table.index,
        copy=False,  # no consolidated copy: on a register each column is a million rows
    )
    outcome = diag.outcomes(table.index)
    reason = _counted_reasons(component, parsed, chosen)
    _set_aside_unplaced(component, frame, groups, outcome, reason)
    usable = (outcome == diag.USED).to_numpy()
    candidates = frame if usable.all() else frame[usable].copy()  # no copy in the usual case
    candidates["weight"] = _weights(component, candidates)
    kept, dropped_reason = deduplicate(
        candidates,
        code="code",
        status="status",
        source=source,
        deciding={"group": "ICS", "weight": "weight"},
    )
    if len(dropped_reason):
        outcome[dropped_reason.index] = diag.DUPLICATE
        reason[dropped_reason.index] = dropped_reason
    diagnostics = diag.diagnostics_frame(
        source=source, source_row=rows, code=codes, outcome=outcome, reason=reason
    )
    placed = component.placement.notes if component.placement is not None else ()
    return Counted(kept, diagnostics, (*placed, *_set_aside_note(component, parsed, chosen)))


def _set_aside_unplaced(
    component: Component,
    frame: pd.DataFrame,
    groups: IcsCodes | None,
    outcome: pd.Series,
    reason: pd.Series,
) -> None:
    """Mark the organisations without a code, without an ICS, or in an ICS the ICS layer
    does not have, each with the reason."""
    no_code = blank_codes(frame["code"])
    no_group = frame["group"].isna() & ~no_code
    outcome[no_code] = diag.EXCLUDED
    reason[no_code] = f"no organisation code in field {component.code_field!r}"
    outcome[no_group] = diag.UNMATCHED
    if component.placement is not None and component.group_field is None:
        reason[no_group] = component.placement.reasons.reindex(frame.index)[no_group]
    else:
        reason[no_group] = f"no ICS code in {component.group_description}"
    if groups is None:
        return
    known = set(groups.codes)
    outside = frame["group"].notna() & ~frame["group"].isin(known) & ~no_code
    if outside.any():
        outcome[outside] = diag.UNMATCHED
        described = component.group_description
        reason[outside] = (
            frame.loc[outside, "group"]
            .astype(object)
            .map(lambda g: f"ICS code {g!r} ({described}) is not in the ICS layer")
        )


def recorded_edition(component: Component, edition: str | None) -> Edition:
    """The edition a side's table records (``edition``, as :func:`side_edition` read it with
    none asked for), and where: its edition field, else its dated statuses."""
    return Edition(
        str(component.source), edition, edition_where(component.table, component.status_field)
    )


def _counted_reasons(
    component: Component, parsed: pd.DataFrame, chosen: EditionStatuses
) -> pd.Series:
    counted = f"counted in the {component.role} score of its ICS"
    reason = pd.Series(counted, index=component.table.index, dtype=object)
    blank = parsed["status"].isna() & ~chosen.set_aside
    reason[blank] = f"no status in field {component.status_field!r}: counted as Not Published"
    if chosen.set_aside.any():
        raw = component.table.loc[chosen.set_aside, component.status_field]
        reason[chosen.set_aside] = raw.map(
            lambda r: f"status {r!r} is not of edition {chosen.edition}: counted as Not Published"
        )
    return reason


def _set_aside_note(
    component: Component, parsed: pd.DataFrame, chosen: EditionStatuses
) -> tuple[str, ...]:
    if not chosen.set_aside.any():
        return ()
    editions = edition_counts(parsed.loc[chosen.set_aside, "edition"])
    listed = ", ".join(f"{count} of {edition}" for edition, count in editions.items())
    return (
        f"{component.source}: {int(chosen.set_aside.sum())} status(es) in field "
        f"{component.status_field!r} are of another edition ({listed}); only "
        f"{chosen.edition} counts, so they count as Not Published. Import the export for "
        f"{chosen.edition} to apply successors.",
    )


def _weights(component: Component, candidates: pd.DataFrame) -> pd.Series:
    if component.weighting is Weighting.MEAN:
        return pd.Series(1.0, index=candidates.index)
    if component.weight_field is None:
        raise PopulationError(
            f"{component.source}: a {component.weighting.value}-weighted mean needs a field "
            "holding the weights."
        )
    return weights_of(
        component.table.loc[candidates.index, component.weight_field],
        weighting=component.weighting,
        tier_weights=component.tier_weights,
        field=component.weight_field,
        source=component.source,
        codes=candidates["code"],
        rows=candidates[SOURCE_ROW],
    )


def group_means(used: pd.DataFrame, component: Component) -> pd.DataFrame:
    """Per ICS: the side's (weighted) mean score, the number of organisations counted and
    their total weight (the count for a simple mean): each organisation weighs its weight
    over that total in the mean, which is how core.gains reads one organisation's share.

    An ICS whose weights add up to zero has no weighted mean: that stops the run.
    """
    if used.empty:
        return pd.DataFrame(
            {
                "score": pd.Series(dtype=float),
                "n": pd.Series(dtype=int),
                "weight": pd.Series(dtype=float),
            }
        )
    # One pass of hashing over the ICS codes (factorize), then sums by position: three
    # groupbys would hash a register's million codes three times.
    positions, groups = pd.factorize(used["group"], sort=True)
    scores = used["score"].to_numpy(dtype=float)
    weighted_mean = component.weighting is not Weighting.MEAN
    weights = used["weight"].to_numpy(dtype=float) if weighted_mean else np.ones(len(used))
    weighted = np.bincount(positions, weights=weights * scores, minlength=len(groups))
    totals = np.bincount(positions, weights=weights, minlength=len(groups))
    counts = np.bincount(positions, minlength=len(groups))
    if weighted_mean and (totals <= 0).any():
        zero = groups[totals <= 0]
        raise PopulationError(
            f"{component.source}: the {component.weight_field!r} values of the "
            f"{component.role}s of ICS {', '.join(map(str, zero[:10]))} add up to zero, "
            "so no weighted mean exists. Check the populations or weights of its organisations."
        )
    return pd.DataFrame(
        {"score": weighted / totals, "n": counts, "weight": totals},
        index=pd.Index(groups, name="group", dtype=object),
    )


def _check_fields(component: Component) -> None:
    require_fields(
        [c for c in component.table.columns if c != SOURCE_ROW],
        {
            component.code_field: "code",
            component.status_field: "status",
            component.group_field: "ICS code",
            component.weight_field if component.weighting is not Weighting.MEAN else None: "weight",
        },
        source=component.source,
    )
