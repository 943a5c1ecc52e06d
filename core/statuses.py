"""DSPT status vocabulary: parse ``"20/21 Standards Met"`` into an edition and a status.

The portal prefixes each published status with its edition (``YY/YY``); "Not Published"
carries no edition; GP extracts use a ``STANDARDS MET (19-20)`` suffix form. Known
spelling variants are normalised; anything else is reported, never guessed.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from dspt_qgis.core.errors import UnknownStatusError

EXCEEDED = "Standards Exceeded"
MET = "Standards Met"
APPROACHING = "Approaching Standards"
NOT_MET = "Standards Not Met"
NOT_PUBLISHED = "Not Published"

#: The five statuses of the published method, best first (the order of every legend).
CANONICAL_STATUSES: tuple[str, ...] = (EXCEEDED, MET, APPROACHING, NOT_MET, NOT_PUBLISHED)

#: Statuses of editions before 20/21; recognised so old rows read, scored only if a
#: scheme names them (they can never count for a 20/21 or later edition).
PLAN_AGREED = "Standards Not Fully Met (Plan Agreed)"
ENTRY_LEVEL = "Entry Level"

_VARIANTS: dict[str, str] = {
    "standards exceeded": EXCEEDED,
    "standard exceeded": EXCEEDED,
    "exceeded": EXCEEDED,
    "standards met": MET,
    "standard met": MET,
    "met": MET,
    "approaching standards": APPROACHING,
    "approaching standard": APPROACHING,
    "approaching": APPROACHING,
    "standards not met": NOT_MET,
    "standard not met": NOT_MET,
    "not met": NOT_MET,
    "not published": NOT_PUBLISHED,
    "none": NOT_PUBLISHED,
    "standards not fully met (plan agreed)": PLAN_AGREED,
    "standards not fully met plan agreed": PLAN_AGREED,
    "entry level": ENTRY_LEVEL,
}

#: Spreadsheet placeholders for an empty cell (Excel's failed look-up, "N/A").
_BLANKS = frozenset({"#n/a", "n/a", "na", "-", "null"})

_PREFIX = re.compile(r"^(?:20)?(\d\d)\s*[/-]\s*(\d\d)\s*[-:]?\s*(.*)$")
_SUFFIX = re.compile(r"^(.*?)\s*\((?:20)?(\d\d)\s*[/-]\s*(\d\d)\)$")
_EDITION = re.compile(r"^(?:20)?(\d\d)\s*[/-]\s*(?:20)?(\d\d)$")


def normalise_edition(edition: str) -> str:
    """Return an edition as ``YY/YY`` ("2020/21", "20-21" and "20/21" are one edition)."""
    match = _EDITION.match(str(edition).strip())
    if not match:
        raise ValueError(
            f"Edition {edition!r} is not of the form YY/YY (for example 20/21 or 2022/23)."
        )
    first, second = match.groups()
    if (int(first) + 1) % 100 != int(second):
        raise ValueError(f"Edition {edition!r} does not span two consecutive years.")
    return f"{first}/{second}"


def parse_status(raw: object) -> tuple[str | None, str | None]:
    """Split one raw status into ``(edition, canonical status)``.

    Blank values give ``(None, None)`` (no status). Unknown text gives
    ``(edition or None, None)`` with a non-blank raw value, which
    :func:`parse_status_column` reports.
    """
    if raw is None or (isinstance(raw, float) and pd.isna(raw)):
        return None, None
    text = " ".join(str(raw).split())
    if not text or text.lower() in _BLANKS:
        return None, None
    edition = None
    match = _PREFIX.match(text)
    if match and match.group(3):
        edition, text = f"{match.group(1)}/{match.group(2)}", match.group(3)
    else:
        match = _SUFFIX.match(text)
        if match:
            text, edition = match.group(1), f"{match.group(2)}/{match.group(3)}"
    return edition, _VARIANTS.get(text.lower())


def parse_status_column(
    values: pd.Series, *, column: str, source: str, first_row: int = 2
) -> pd.DataFrame:
    """Parse a whole status column; raise listing every unknown value and its row count.

    ``values`` keeps the input's positional order; ``first_row`` is the spreadsheet row
    number of its first element (2 when row 1 is the header), used in the message.
    """
    values = values.astype(object).where(values.notna(), None)
    positions, raw_unique = pd.factorize(values, use_na_sentinel=True)
    parsed = {raw: parse_status(raw) for raw in raw_unique}
    unknown = [raw for raw, (_, status) in parsed.items() if status is None and not _is_blank(raw)]
    if unknown:
        as_array = values.to_numpy(dtype=object)
        lines = []
        for raw in unknown[:20]:
            found = np.flatnonzero(as_array == raw)
            rows = ", ".join(str(p + first_row) for p in found[:5])
            more = f" and {len(found) - 5} more" if len(found) > 5 else ""
            lines.append(f"  {raw!r}: {len(found)} row(s) (rows {rows}{more})")
        if len(unknown) > 20:
            lines.append(f"  ... and {len(unknown) - 20} more unrecognised values")
        known = ", ".join(CANONICAL_STATUSES)
        raise UnknownStatusError(
            f"{source}: column {column!r} holds {len(unknown)} unrecognised status "
            f"value(s):\n" + "\n".join(lines) + f"\nExpected 'YY/YY <status>' with "
            f"<status> one of: {known}."
        )
    editions = _take([parsed[raw][0] for raw in raw_unique], positions)
    statuses = _take([parsed[raw][1] for raw in raw_unique], positions)
    return pd.DataFrame({"edition": editions, "status": statuses}, index=values.index)


def _take(per_unique: list[object], positions: np.ndarray) -> np.ndarray:
    """Spread per-distinct-value results back over the rows (-1 = blank cell -> None)."""
    lookup = np.array([*per_unique, None], dtype=object)
    return lookup[positions]  # position -1 picks the trailing None


def newest_edition(editions: pd.Series) -> str | None:
    """Return the latest ``YY/YY`` edition present, or None when no value carries one."""
    present = [e for e in pd.unique(editions.dropna()) if e]
    if not present:
        return None
    return max(present, key=lambda e: int(e[:2]) if int(e[:2]) < 90 else int(e[:2]) - 100)


def _is_blank(raw: object) -> bool:
    if raw is None or (isinstance(raw, float) and pd.isna(raw)):
        return True
    text = str(raw).strip()
    return not text or text.lower() in _BLANKS
