"""An organisation's ICS as ODS records it, rather than where its headquarters stand.

ODS gives each trust a "high level health geography": the ODS code of the STP or ICB it
belongs to. Specialist and mental-health trusts often stand in one ICS and belong to
another (London and the West Midlands above all), so the official membership and the
point-in-polygon one differ. Boundary layers carry ONS codes (``E54000029``), so the ODS
code (``QMF``) is translated through a lookup (``...CDH`` -> ``...CD``) when needed.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from . import diagnostics as diag
from .codes import blank_codes, clean_codes, explain_mismatch
from .duplicates import deduplicate
from .fields import require_fields
from .join import Lookup, Side
from .sources import SOURCE_ROW, source_rows

#: Fields the membership step adds to each organisation.
ODS_ICS_FIELD = "ods_ics_code"
ICS_FIELD = "ics_code"


@dataclass(frozen=True)
class Membership:
    """Per organisation (by index): its ICS code as ODS gives it and as the ICS layer
    spells it (after the lookup); the account of every organisation; notes for the log."""

    ods_codes: pd.Series
    ics_codes: pd.Series
    diagnostics: pd.DataFrame
    notes: tuple[str, ...]


def ics_from_ods(
    organisations: Side, ods: Side, *, ics_field: str, lookup: Lookup | None = None
) -> Membership:
    """Each organisation's ICS from the ODS table (``ods.code_field`` -> ``ics_field``)."""
    by_code = _ods_ics(ods, ics_field)
    codes = clean_codes(organisations.table[organisations.code_field])
    ods_codes = codes.map(lambda c: by_code.get(c) if c is not None else None).astype(object)
    ics_codes = ods_codes.map(
        lambda c: lookup.codes.get(c) if lookup is not None and c is not None else c
    )
    ics_codes = ics_codes.astype(object).where(ics_codes.notna(), None)
    outcome, reason = _account(organisations, ods, by_code, codes, (ods_codes, ics_codes), lookup)
    rows = source_rows(organisations.table, organisations.source)
    diagnostics = diag.diagnostics_frame(
        source=organisations.source, source_row=rows, code=codes, outcome=outcome, reason=reason
    )
    hints = [
        explain_mismatch(
            codes,
            by_code.keys(),
            wanted_in=f"field {organisations.code_field!r} of {organisations.source}",
            available_in=f"the ODS records ({ods.source})",
        )
    ]
    if lookup is not None:
        hints.append(
            explain_mismatch(
                ods_codes,
                lookup.codes.keys(),
                wanted_in="the ODS ICS codes",
                available_in=f"the lookup ({lookup.source}, field {lookup.from_field!r})",
            )
        )
    return Membership(ods_codes, ics_codes, diagnostics, tuple(h for h in hints if h))


def _ods_ics(ods: Side, ics_field: str) -> dict[str, str]:
    """Each ODS code's ICS code (records of one code that disagree stop the run)."""
    require_fields(
        [c for c in ods.table.columns if c != SOURCE_ROW],
        {ods.code_field: "code", ics_field: "ICS (high level health geography)"},
        source=ods.source,
    )
    records = ods.table.assign(
        _code=clean_codes(ods.table[ods.code_field]), _ics=clean_codes(ods.table[ics_field])
    )
    records = records[records["_code"].notna()]
    unique, _ = deduplicate(records, code="_code", status="_ics", source=ods.source)
    return dict(zip(unique["_code"], unique["_ics"]))


def _account(
    organisations: Side,
    ods: Side,
    by_code: dict[str, str],
    codes: pd.Series,
    found: tuple[pd.Series, pd.Series],
    lookup: Lookup | None,
) -> tuple[pd.Series, pd.Series]:
    """Each organisation's outcome and the reason, in words."""
    ods_codes, ics_codes = found
    in_ods = codes.map(lambda c: c in by_code if c is not None else False).astype(bool)
    outcome = diag.outcomes(codes.index)
    translated = (" = " + ics_codes.astype(str)) if lookup is not None else ""
    reason = ("ICS " + ods_codes.astype(str) + " from ODS" + translated).astype(object)
    no_code = blank_codes(codes)
    for mask, text in (
        (no_code, f"no code in field {organisations.code_field!r}"),
        (~no_code & ~in_ods, f"not in the ODS records ({ods.source})"),
        (
            ~no_code & in_ods & ods_codes.isna(),
            "ODS records no ICS (high level health geography) for it",
        ),
    ):
        outcome[mask] = diag.UNMATCHED
        reason[mask] = text
    if lookup is not None:
        not_in_lookup = ~no_code & ods_codes.notna() & ics_codes.isna()
        outcome[not_in_lookup] = diag.UNMATCHED
        reason[not_in_lookup] = ods_codes[not_in_lookup].map(
            lambda c: (
                f"its ODS ICS code {c} is not in the lookup ({lookup.source}, field {lookup.from_field!r})"
            )
        )
    return outcome, reason
