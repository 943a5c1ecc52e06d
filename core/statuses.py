"""DSPT status vocabulary: parse ``"20/21 Standards Met"`` into an edition and a status,
and apply the method's first rule: only the chosen edition counts.

The portal prefixes each published status with its edition (``YY/YY``); "Not Published"
carries no edition; GP extracts use a ``STANDARDS MET (19-20)`` suffix form. Known
spelling variants are normalised; a scoring scheme may add status names of newer
toolkits; anything else is reported, never guessed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .categories import spread
from .errors import EditionError, UnknownStatusError
from .published_method import (
    APPROACHING,
    CANONICAL_STATUSES,
    EXCEEDED,
    MET,
    NOT_MET,
    NOT_PUBLISHED,
)
from .sources import SourceRef

#: Statuses of editions before 20/21; recognised so old rows read, scored only if a
#: scheme names them (they can never count for a 20/21 or later edition).
PLAN_AGREED = "Standards Not Fully Met (Plan Agreed)"
ENTRY_LEVEL = "Entry Level"

#: Lower-case spellings seen in exports -> the canonical status.
KNOWN_SPELLINGS: Mapping[str, str] = {
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
BLANK_SPELLINGS = frozenset({"#n/a", "n/a", "na", "-", "null"})

_YEARS = r"(?:20)?(\d\d)\s*[/-]\s*(?:20)?(\d\d)(?:\s*\(\s*version\s*\d+\s*\))?"
_PREFIX = re.compile(rf"^{_YEARS}\s*[-:]?\s*(.*)$", re.IGNORECASE)
_SUFFIX = re.compile(r"^(.*?)\s*\((?:20)?(\d\d)\s*[/-]\s*(?:20)?(\d\d)\)$")
_EDITION = re.compile(rf"^{_YEARS}$", re.IGNORECASE)


def normalise_edition(edition: object) -> str:
    """An edition as ``YY/YY``: "2020/21", "20-21", "2023-24", "2024-25 (version 7)" and
    "2023/2024" name editions 20/21, 20/21, 23/24, 24/25 and 23/24."""
    match = _EDITION.match(" ".join(str(edition).split()))
    if not match:
        raise EditionError(
            f"Edition {edition!r} is not of the form YY/YY (for example 20/21 or 2022-23)."
        )
    first, second = match.groups()
    if (int(first) + 1) % 100 != int(second):
        raise EditionError(f"Edition {edition!r} does not span two consecutive years.")
    return f"{first}/{second}"


def vocabulary(extra_statuses: Iterable[str] = ()) -> dict[str, str]:
    """Lower-case spelling -> status: the known spellings plus a scheme's own statuses."""
    words = dict(KNOWN_SPELLINGS)
    for status in extra_statuses:
        words.setdefault(" ".join(status.split()).lower(), status)
    return words


def parse_status(
    raw: object, words: Mapping[str, str] = KNOWN_SPELLINGS
) -> tuple[str | None, str | None]:
    """Split one raw status into ``(edition, status)``.

    Blank values give ``(None, None)`` (no status). Unknown text gives
    ``(edition or None, None)`` with a non-blank raw value, which
    :func:`parse_status_column` reports.
    """
    if is_blank(raw):
        return None, None
    text = " ".join(str(raw).split())
    edition = None
    match = _PREFIX.match(text)
    if match and match.group(3):
        edition, text = f"{match.group(1)}/{match.group(2)}", match.group(3)
    else:
        match = _SUFFIX.match(text)
        if match:
            text, edition = match.group(1), f"{match.group(2)}/{match.group(3)}"
    return edition, words.get(text.lower())


def parse_status_column(
    values: pd.Series,
    *,
    column: str,
    source: SourceRef,
    rows: pd.Series | None = None,
    extra_statuses: Iterable[str] = (),
) -> pd.DataFrame:
    """Parse a whole status column into ``edition`` and ``status`` columns.

    Both are categorical (a register's million rows hold a handful of values): comparing,
    filling and scoring them works on small integer codes. The status categories are
    every status the vocabulary knows, so filling in Not Published never adds one.

    Raises listing every unrecognised value with its count and rows (``rows`` holds the
    row or feature number of each value; by default the source's numbering from the top).
    """
    words = vocabulary(extra_statuses)
    positions, raw_unique = pd.factorize(values.to_numpy(dtype=object), use_na_sentinel=True)
    parsed = [parse_status(raw, words) for raw in raw_unique]
    unknown = [
        i
        for i, (raw, (_, status)) in enumerate(zip(raw_unique, parsed))
        if status is None and not is_blank(raw)
    ]
    if unknown:
        numbers = (
            rows.to_numpy() if rows is not None else np.arange(len(values)) + source.first_number
        )
        lines = []
        for index in unknown[:20]:
            found = numbers[positions == index].tolist()
            lines.append(f"  {raw_unique[index]!r}: {source.rows(found)}")
        if len(unknown) > 20:
            lines.append(f"  ... and {len(unknown) - 20} more unrecognised values")
        known = ", ".join(dict.fromkeys([*CANONICAL_STATUSES, *extra_statuses]))
        raise UnknownStatusError(
            f"{source}: column {column!r} holds {len(unknown)} unrecognised status value(s):\n"
            + "\n".join(lines)
            + f"\nExpected 'YY/YY <status>' with <status> one of: {known}. A status of a newer "
            "toolkit can be scored by naming it in the scores (e.g. 'Achieved=3')."
        )
    statuses = list(dict.fromkeys([*CANONICAL_STATUSES, *words.values()]))
    editions = sorted({edition for edition, _ in parsed if edition is not None})
    return pd.DataFrame(
        {
            "edition": spread([p[0] for p in parsed], positions, editions, values.index),
            "status": spread([p[1] for p in parsed], positions, statuses, values.index),
        }
    )


@dataclass(frozen=True)
class EditionStatuses:
    """Statuses as they count for one edition.

    ``status`` is the status of each row for ``edition`` (None where the row has none);
    ``set_aside`` marks rows whose status belongs to another edition: no status for this
    one. ``edition`` is None when no status names an edition (undated statuses count).
    """

    status: pd.Series
    set_aside: pd.Series
    edition: str | None


def statuses_for_edition(parsed: pd.DataFrame, edition: str | None) -> EditionStatuses:
    """Apply "only the chosen edition counts" to parsed statuses.

    Undated statuses (an imported table's canonical ``status``, "Not Published") count as
    they are; a status dated with another edition is set aside.
    """
    dated = parsed["edition"].notna()
    if edition is None:
        set_aside = pd.Series(False, index=parsed.index)
    else:
        set_aside = dated & (parsed["edition"] != edition)
    return EditionStatuses(parsed["status"].where(~set_aside, None), set_aside, edition)


def choose_edition(
    requested: str | None,
    *,
    parsed: pd.DataFrame,
    edition_field: pd.Series | None,
    source: SourceRef,
    field: str = "edition",
) -> str | None:
    """The edition a table is read for: the one asked for, else the table's own
    ``edition`` field (an imported table), else the newest edition among its statuses.

    Stops when the table's edition field disagrees with the edition asked for, or holds
    more than one edition.
    """
    declared = None
    if edition_field is not None:
        found = sorted(
            {normalise_edition(e) for e in edition_field.dropna().unique() if str(e).strip()}
        )
        if len(found) > 1:
            raise EditionError(
                f"{source}: field {field!r} holds statuses of {len(found)} editions "
                f"({', '.join(found)}); only one edition counts. Filter the table to one edition."
            )
        declared = found[0] if found else None
    if requested:
        chosen = normalise_edition(requested)
        if declared is not None and declared != chosen:
            raise EditionError(
                f"{source}: its statuses were resolved for edition {declared} (field {field!r}), "
                f"not {chosen}. Import the export again for {chosen}, or choose edition {declared}."
            )
        return chosen
    return declared or newest_edition(parsed["edition"])


def newest_edition(editions: pd.Series) -> str | None:
    """The latest ``YY/YY`` edition present, or None when no value carries one."""
    present = [e for e in pd.unique(editions.dropna()) if e]
    if not present:
        return None
    return max(present, key=edition_year)


def edition_year(edition: str) -> int:
    """The year a ``YY/YY`` edition starts in, to order editions: 20/21 -> 2020 (the
    toolkit began in 2018; 90/91 and later are read as the 1990s)."""
    first = int(edition[:2])
    return 2000 + first if first < 90 else 1900 + first


def edition_counts(editions: pd.Series) -> pd.Series:
    """How many rows name each edition present (editions no row names are left out)."""
    counts = editions.value_counts().sort_index()
    return counts[counts > 0]


def is_blank(raw: object) -> bool:
    """True for an empty cell, blanks and spreadsheet placeholders such as ``#N/A``."""
    if raw is None or raw is pd.NA or (isinstance(raw, float) and np.isnan(raw)):
        return True
    text = str(raw).strip()
    return not text or text.lower() in BLANK_SPELLINGS
