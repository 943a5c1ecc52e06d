"""Organisation and area codes: compared as trimmed upper-case text, whatever the field type.

Codes arrive as text (``00L``, ``E38000130``), lower case (portal exports since 2024), or
as numbers when a tool typed the column: an ICS code field of type Real holds ``38.0``
where another table holds the text ``38``. Integral numbers are written without a
decimal part, so both compare equal. Each distinct value is cleaned once: codes repeat
across a national register.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from numbers import Integral, Real

import numpy as np
import pandas as pd

from .categories import spread

_ONS = re.compile(r"^[EWSNK]\d{8}$")
_NUMBER = re.compile(r"^\d+$")
#: What an organisation or area code looks like: letters and digits (ODS 00L, RX1, W2U3Z;
#: ONS E38000130), perhaps joined by single hyphens or dots (1-101234567, 38.0), at most
#: :data:`CODE_LENGTH` characters, in any case. A note's text (words, a colon) never does.
CODE_SHAPE = re.compile(r"[A-Za-z0-9]+(?:[-.][A-Za-z0-9]+)*")
CODE_LENGTH = 15


def clean_code(value: object) -> str | None:
    """One code as comparable text; None for a blank cell."""
    if value is None or value is pd.NA:
        return None
    if isinstance(value, bool):
        return str(value).upper()
    if isinstance(value, Integral):
        return str(int(value))
    if isinstance(value, Real):
        number = float(value)
        if math.isnan(number):
            return None
        if math.isfinite(number) and number.is_integer():
            return str(int(number))
        return repr(number).upper()
    text = str(value).strip().upper()
    return text or None


def clean_codes(values: pd.Series) -> pd.Series:
    """Clean a column of codes (see :func:`clean_code`), keeping the index.

    A column of text that is clean already (every code imported by this plugin, and
    upper-case exports) is recognised in one pass over its joined text and kept as it
    is. Otherwise each distinct value is cleaned once, and a code already clean is kept
    as the same string object rather than a new copy of it.
    """
    array = values.to_numpy(dtype=object)
    if _clean_text(array):
        return pd.Series(array.copy(), index=values.index, dtype=object)
    positions, uniques = pd.factorize(array, use_na_sentinel=True)
    if pd.api.types.infer_dtype(uniques, skipna=False) == "string":
        # Inline (no call per value): on a register of a million distinct codes this is
        # the core's hottest line. A clean code is kept as the same object; "" is blank.
        cleaned = [t if (c := t.strip().upper()) == t and t else (c or None) for t in uniques]
    else:
        cleaned = [clean_code(v) for v in uniques]
    lookup = np.array([*cleaned, None], dtype=object)
    return pd.Series(lookup[positions], index=values.index, dtype=object)


def clean_repeated_codes(values: pd.Series) -> pd.Series:
    """Clean a column of codes that repeat (each organisation's ICS), as a categorical.

    Each distinct value is cleaned once, and what follows (finding blanks, checking
    membership, grouping) works on small integer codes instead of a million strings.
    Codes that clean to the same text share one category; blanks are missing.
    """
    positions, uniques = pd.factorize(values.to_numpy(dtype=object), use_na_sentinel=True)
    cleaned = clean_codes(pd.Series(uniques, dtype=object)).tolist()
    categories = list(dict.fromkeys(code for code in cleaned if code is not None))
    return spread(cleaned, positions, categories, values.index)


def blank_codes(codes: pd.Series) -> pd.Series:
    """True where a code cleaned by :func:`clean_codes` is blank.

    Cleaned codes are text or None, so a comparison with None (in C) is enough: twice as
    fast on a register as pandas' general test for every kind of missing value.
    """
    return pd.Series(
        np.equal(codes.to_numpy(dtype=object), np.array(None, dtype=object)), index=codes.index
    )


def _clean_text(array: np.ndarray) -> bool:
    """True when every value is text that is already a clean code: not blank, no spaces,
    no lower case. Checked on the values joined by NUL, in C, instead of value by value,
    which is about five times faster on a register of a million codes."""
    if len(array) == 0 or pd.api.types.infer_dtype(array, skipna=False) != "string":
        return False  # blanks (None, NaN) or numbers: cleaned value by value
    joined = "\0".join(array)
    return (
        joined.count("\0") == len(array) - 1  # no value holds a NUL itself
        and "\0\0" not in joined  # no empty text
        and not joined.startswith("\0")
        and not joined.endswith("\0")
        and joined.split(maxsplit=1) == [joined]  # no white space anywhere
        and joined.upper() == joined
    )


def looks_like_code(cells: pd.Series) -> pd.Series:
    """Per cell of text (trimmed, None for blank), whether it looks like a code
    (:data:`CODE_SHAPE`): what tells a note written into a table from an organisation's
    row (core.notes). False for a blank cell."""
    text = cells.astype("string")
    shaped = text.str.fullmatch(CODE_SHAPE.pattern) & (text.str.len() <= CODE_LENGTH)
    return shaped.fillna(False).astype(bool)


def code_kind(code: str) -> str:
    """What a code looks like: "ONS" (E38000130), "number" (38) or "ODS" (00L, RX1)."""
    if _ONS.match(code):
        return "ONS"
    if _NUMBER.match(code):
        return "number"
    return "ODS"


def _kinds(codes: Iterable[str]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for code in codes:
        found.setdefault(code_kind(code), []).append(code)
    return found


def explain_mismatch(
    wanted: Iterable[str | None],
    available: Iterable[str | None],
    *,
    wanted_in: str,
    available_in: str,
) -> str | None:
    """Why few or none of the ``wanted`` codes are among the ``available`` ones, or None.

    Returns a sentence when fewer than half of the distinct wanted codes match, naming the
    kinds of code on each side (ONS ``E38…`` against ODS ``00L``, numbers against text)
    with an example of each, so a wrong field choice reads as such instead of as a list
    of unmatched organisations.
    """
    wanted_set = {c for c in wanted if c is not None}
    available_set = {c for c in available if c is not None}
    if not wanted_set:
        return None
    matched = len(wanted_set & available_set)
    if matched * 2 >= len(wanted_set):
        return None
    have, want = _kinds(sorted(available_set)), _kinds(sorted(wanted_set))
    share = (
        f"only {matched} of {len(wanted_set)} codes"
        if matched
        else f"none of the {len(wanted_set)} codes"
    )
    example_w = ", ".join(repr(c) for c in sorted(wanted_set)[:2])
    example_a = ", ".join(repr(c) for c in sorted(available_set)[:2]) or "nothing"
    text = f"{share} in {wanted_in} (e.g. {example_w}) are in {available_in} (e.g. {example_a})."
    main_w = max(want, key=lambda k: len(want[k]))
    main_a = max(have, key=lambda k: len(have[k])) if have else None
    if main_a is not None and main_w != main_a:
        text += (
            f" The first hold {_describe(main_w)}, the second {_describe(main_a)}: choose the "
            "field holding the same kind of code on both sides, or translate them with a "
            "lookup table (ONS ...CD to ODS ...CDH)."
        )
    return text[0].upper() + text[1:]


def _describe(kind: str) -> str:
    return {
        "ONS": "ONS codes (like E38000130)",
        "number": "plain numbers (like 38)",
        "ODS": "ODS codes (like 00L or RX1)",
    }[kind]


@dataclass(frozen=True)
class IcsCodes:
    """The ICS layer's codes, cleaned once where they enter the method (trimmed, upper
    case, each once, in the layer's order): what every step compares an organisation's
    ICS code with, never cleaned again."""

    codes: tuple[str, ...]

    @classmethod
    def of(cls, values: Iterable[object]) -> IcsCodes:
        """The codes of ``values`` (an ICS layer's code field), blanks left out."""
        cleaned = clean_codes(pd.Series(list(values), dtype=object)).dropna()
        return cls(tuple(dict.fromkeys(cleaned)))
