"""Matching organisations to DSPT rows by code, optionally through an ONS <-> ODS lookup.

Boundary layers carry ONS codes (``E38000130``) while DSPT uses ODS codes (``00L``), and
names and codes drift between releases, so every feature and every DSPT row is accounted
for: matched, or reported as unmatched with the reason; and when few codes match, the
message says why (the two sides hold different kinds of code).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from . import diagnostics as diag
from .codes import blank_codes, clean_codes, explain_mismatch
from .duplicates import deduplicate
from .errors import DuplicateCodeError, EditionError
from .fields import require_fields
from .sources import SOURCE_ROW, SourceRef, source_rows
from .statuses import choose_edition, edition_counts, parse_status_column


@dataclass(frozen=True)
class Lookup:
    """A code translation (the layer's code -> the DSPT code) and where it came from."""

    codes: Mapping[str, str]
    source: SourceRef
    from_field: str


@dataclass(frozen=True)
class Side:
    """One side of a join: a table, the field holding its codes, and where it came from."""

    table: pd.DataFrame
    code_field: str
    source: SourceRef


@dataclass(frozen=True)
class DsptJoin:
    """The DSPT rows kept (each code once), the matched DSPT row index per feature (or
    None), the account of every feature and every DSPT row, and notes for the log."""

    kept: pd.DataFrame
    dspt_row: pd.Series
    diagnostics: pd.DataFrame
    notes: tuple[str, ...]


def build_lookup(
    frame: pd.DataFrame, from_field: str, to_field: str, *, source: SourceRef
) -> Lookup:
    """A code translation table; a code translated two different ways is an error."""
    require_fields(
        list(frame.columns), {from_field: "'from' code", to_field: "'to' code"}, source=source
    )
    pairs = pd.DataFrame(
        {"from": clean_codes(frame[from_field]), "to": clean_codes(frame[to_field])}
    )
    pairs = pairs.dropna().drop_duplicates()
    clashes = pairs[pairs["from"].duplicated(keep=False)]
    if not clashes.empty:
        listed = "; ".join(
            f"{code} -> {', '.join(group['to'])}"
            for code, group in list(clashes.groupby("from"))[:10]
        )
        raise DuplicateCodeError(
            f"{source}: the lookup translates some codes in more than one way ({listed})."
        )
    return Lookup(dict(zip(pairs["from"], pairs["to"])), source, from_field)


def join_to_dspt(
    features: Side,
    dspt: Side,
    *,
    status_field: str,
    lookup: Lookup | None = None,
    edition: str | None = None,
) -> DsptJoin:
    """Deduplicate the DSPT table by code (same status: once; different: an error), then
    match each feature's code (translated through ``lookup``) to it.

    The status field must hold one edition's statuses: a raw export mixing editions is
    refused (importing it first applies the edition and successor rules).
    """
    require_fields(
        [c for c in dspt.table.columns if c != SOURCE_ROW],
        {dspt.code_field: "DSPT code", status_field: "DSPT status"},
        source=dspt.source,
    )
    _check_one_edition(dspt, status_field, edition)
    table = dspt.table
    codes = clean_codes(table[dspt.code_field])
    blank = blank_codes(codes)
    coded = table[~blank].assign(_code=codes[~blank])
    kept_coded, duplicate_reason = deduplicate(
        coded, code="_code", status=status_field, source=dspt.source
    )
    kept = pd.concat([kept_coded.drop(columns="_code"), table[blank]])

    f_codes = clean_codes(features.table[features.code_field])
    wanted = f_codes.map(lookup.codes.get) if lookup is not None else f_codes
    wanted = wanted.where(~blank_codes(f_codes), None)
    d_codes = clean_codes(kept[dspt.code_field])
    position = pd.Series(d_codes.index, index=d_codes.to_numpy())
    position = position[position.index.notna()]
    dspt_row = wanted.map(lambda c: position.get(c) if c is not None else None)

    diagnostics = diag.combined(
        [
            _feature_diagnostics(features, f_codes, wanted, dspt_row, lookup),
            _dspt_diagnostics(dspt, kept, d_codes, set(dspt_row.dropna())),
            _duplicate_diagnostics(dspt, duplicate_reason),
        ]
    )
    notes = _mismatch_notes(features, dspt, f_codes, wanted, d_codes, lookup)
    return DsptJoin(kept, dspt_row, diagnostics, notes)


def _check_one_edition(dspt: Side, status_field: str, edition: str | None) -> None:
    parsed = parse_status_column(dspt.table[status_field], column=status_field, source=dspt.source)
    edition_field = next((c for c in dspt.table.columns if str(c).lower() == "edition"), None)
    chosen = choose_edition(
        edition,
        parsed=parsed,
        edition_field=dspt.table[edition_field] if edition_field else None,
        source=dspt.source,
        field=edition_field or "edition",
    )
    if chosen is None:
        return
    others = edition_counts(parsed["edition"]).drop(chosen, errors="ignore")
    if not others.empty:
        counts = ", ".join(f"{n} of {e}" for e, n in others.items())
        raise EditionError(
            f"{dspt.source}: field {status_field!r} holds statuses of other editions than "
            f"{chosen} ({counts}); only one edition counts, and joining would show them as "
            f"they are. Run 'Import DSPT status export' for edition {chosen} first (it also "
            "applies successors) and join its output."
        )


def _feature_diagnostics(
    features: Side,
    f_codes: pd.Series,
    wanted: pd.Series,
    dspt_row: pd.Series,
    lookup: Lookup | None,
) -> pd.DataFrame:
    outcome = diag.outcomes(f_codes.index)
    reason = pd.Series(
        "matched to DSPT code " + wanted.astype(str), index=f_codes.index, dtype=object
    )
    no_code = blank_codes(f_codes)
    not_in_lookup = ~no_code & wanted.isna()
    no_partner = ~no_code & ~not_in_lookup & dspt_row.isna()
    outcome[no_code | not_in_lookup | no_partner] = diag.UNMATCHED
    reason[no_code] = f"no code in field {features.code_field!r}"
    if lookup is not None:
        reason[not_in_lookup] = f_codes[not_in_lookup].map(
            lambda c: (
                f"code {c} is not in the lookup ({lookup.source}, field {lookup.from_field!r})"
            )
        )
    reason[no_partner] = wanted[no_partner].map(lambda c: f"no DSPT row has code {c}")
    return diag.diagnostics_frame(
        source=features.source,
        source_row=source_rows(features.table, features.source),
        code=f_codes,
        outcome=outcome,
        reason=reason,
    )


def _dspt_diagnostics(
    dspt: Side, kept: pd.DataFrame, d_codes: pd.Series, matched: set
) -> pd.DataFrame:
    outcome = diag.outcomes(kept.index)
    reason = pd.Series("joined to a feature", index=kept.index, dtype=object)
    lonely = ~kept.index.isin(list(matched))
    outcome[lonely] = diag.UNMATCHED
    reason[lonely] = d_codes[lonely].map(
        lambda c: (
            f"no feature has code {c}" if c is not None else f"no code in field {dspt.code_field!r}"
        )
    )
    return diag.diagnostics_frame(
        source=dspt.source,
        source_row=source_rows(kept, dspt.source),
        code=d_codes,
        outcome=outcome,
        reason=reason,
    )


def _duplicate_diagnostics(dspt: Side, duplicate_reason: pd.Series) -> pd.DataFrame:
    if duplicate_reason.empty:
        return diag.empty_diagnostics()
    dropped = dspt.table.loc[duplicate_reason.index]
    return diag.diagnostics_frame(
        source=dspt.source,
        source_row=source_rows(dropped, dspt.source),
        code=clean_codes(dropped[dspt.code_field]),
        outcome=diag.outcomes(dropped.index, diag.DUPLICATE),
        reason=duplicate_reason,
    )


def _mismatch_notes(
    features: Side,
    dspt: Side,
    f_codes: pd.Series,
    wanted: pd.Series,
    d_codes: pd.Series,
    lookup: Lookup | None,
) -> tuple[str, ...]:
    if lookup is not None:
        hint = explain_mismatch(
            f_codes,
            lookup.codes.keys(),
            wanted_in=f"field {features.code_field!r} of {features.source}",
            available_in=f"the lookup ({lookup.source}, field {lookup.from_field!r})",
        )
        if hint:
            return (hint,)
    hint = explain_mismatch(
        wanted,
        d_codes,
        wanted_in=f"field {features.code_field!r} of {features.source}"
        + (" (after the lookup)" if lookup else ""),
        available_in=f"field {dspt.code_field!r} of {dspt.source}",
    )
    return (hint,) if hint else ()
