"""Matching organisations to DSPT rows by code, optionally through an ONS <-> ODS lookup.

Boundary layers carry ONS codes (``E38000130``) while DSPT uses ODS codes (``00L``), and
names and codes drift between releases, so every feature and every DSPT row is accounted
for: matched, or reported as unmatched with the reason.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from dspt_qgis.core import diagnostics as diag
from dspt_qgis.core.errors import DuplicateCodeError
from dspt_qgis.core.reader import SOURCE_ROW, clean_codes
from dspt_qgis.core.resolve import deduplicate


@dataclass(frozen=True)
class JoinResult:
    """``dspt_row`` gives, per feature (by index), the matched DSPT row index or NA."""

    dspt_row: pd.Series
    diagnostics: pd.DataFrame


def build_lookup(
    frame: pd.DataFrame, from_field: str, to_field: str, *, source: str
) -> dict[str, str]:
    """A code translation table; a code translated two different ways is an error."""
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
    return dict(zip(pairs["from"], pairs["to"]))


def match_codes(
    feature_codes: pd.Series,
    dspt_codes: pd.Series,
    *,
    lookup: Mapping[str, str] | None = None,
    feature_rows: pd.Series | None = None,
    dspt_rows: pd.Series | None = None,
    feature_source: str = "features",
    dspt_source: str = "DSPT table",
) -> JoinResult:
    """Match each feature's code (translated through ``lookup``) to a DSPT code.

    ``dspt_codes`` must be unique once cleaned (deduplicate first). Features without a
    code or without a partner, and DSPT rows no feature matched, are reported.
    """
    f_codes = clean_codes(feature_codes)
    d_codes = clean_codes(dspt_codes)
    wanted = (
        f_codes.map(lambda c: lookup.get(c) if c is not None else None)
        if lookup is not None
        else f_codes
    )
    position = pd.Series(d_codes.index, index=d_codes.to_numpy()).loc[lambda s: s.index.notna()]
    dspt_row = wanted.map(lambda c: position.get(c) if c is not None else None)

    f_outcome = pd.Series(diag.USED, index=f_codes.index, dtype=object)
    f_reason = pd.Series("matched to " + wanted.astype(str), index=f_codes.index, dtype=object)
    no_code = f_codes.isna()
    not_in_lookup = ~no_code & wanted.isna()
    no_partner = ~no_code & ~not_in_lookup & dspt_row.isna()
    f_outcome[no_code | not_in_lookup | no_partner] = diag.UNMATCHED
    f_reason[no_code] = "feature has no code"
    f_reason[not_in_lookup] = f_codes[not_in_lookup].map(
        lambda c: f"code {c} is not in the lookup table"
    )
    f_reason[no_partner] = wanted[no_partner].map(lambda c: f"no DSPT row has code {c}")

    matched = set(dspt_row.dropna())
    d_outcome = pd.Series(diag.USED, index=d_codes.index, dtype=object)
    d_reason = pd.Series("joined to a feature", index=d_codes.index, dtype=object)
    lonely = ~d_codes.index.isin(list(matched))
    d_outcome[lonely] = diag.UNMATCHED
    d_reason[lonely] = d_codes[lonely].map(
        lambda c: f"no feature has code {c}" if c is not None else "DSPT row has no code"
    )
    diagnostics = pd.concat(
        [
            diag.diagnostics_frame(
                source=feature_source,
                source_row=_rows(feature_rows, f_codes),
                code=f_codes,
                outcome=f_outcome,
                reason=f_reason,
            ),
            diag.diagnostics_frame(
                source=dspt_source,
                source_row=_rows(dspt_rows, d_codes),
                code=d_codes,
                outcome=d_outcome,
                reason=d_reason,
            ),
        ],
        ignore_index=True,
    )
    return JoinResult(dspt_row, diagnostics)


def _rows(rows: pd.Series | None, codes: pd.Series) -> pd.Series:
    if rows is not None:
        return rows
    return pd.Series(range(1, len(codes) + 1), index=codes.index)


@dataclass(frozen=True)
class DsptJoin:
    """A join of features to a DSPT table: the DSPT rows kept (each code once), the matched
    row per feature, and the account of every feature and every DSPT row."""

    kept: pd.DataFrame
    dspt_row: pd.Series
    diagnostics: pd.DataFrame


def join_to_dspt(
    feature_codes: pd.Series,
    dspt: pd.DataFrame,
    *,
    code_field: str,
    status_field: str,
    lookup: Mapping[str, str] | None = None,
    feature_rows: pd.Series | None = None,
    feature_source: str = "features",
    dspt_source: str = "DSPT table",
) -> DsptJoin:
    """Deduplicate the DSPT table by code (same status: once; different: an error), then
    match each feature's code to it. Repeated DSPT rows are reported as duplicates."""
    codes = clean_codes(dspt[code_field])
    coded = dspt[codes.notna()].assign(_code=codes)
    kept_coded, duplicate_reason = deduplicate(
        coded, code="_code", status=status_field, source=dspt_source
    )
    kept = pd.concat([kept_coded, dspt[codes.isna()]]).drop(columns="_code")
    result = match_codes(
        feature_codes,
        kept[code_field],
        lookup=lookup,
        feature_rows=feature_rows,
        dspt_rows=kept[SOURCE_ROW],
        feature_source=feature_source,
        dspt_source=dspt_source,
    )
    diagnostics = result.diagnostics
    if len(duplicate_reason):
        dropped = dspt.loc[duplicate_reason.index]
        duplicates = diag.diagnostics_frame(
            source=dspt_source,
            source_row=dropped[SOURCE_ROW],
            code=clean_codes(dropped[code_field]),
            outcome=diag.DUPLICATE,
            reason=duplicate_reason,
        )
        diagnostics = pd.concat([diagnostics, duplicates], ignore_index=True)
    return DsptJoin(kept, result.dspt_row, diagnostics)
