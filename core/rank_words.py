"""A rank in words, as the atlas and the web report write it: '=14th', and its range
across the method's variants ('9th–17th across method variants', from the fields
``rank_best``, ``rank_worst`` and ``rank_note`` that 'ICS composite score' writes)."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

#: What a range across variants means, said once beside every page that shows one.
VARIANTS_MEANING = (
    "Rank across method variants: best and worst rank with commissioners averaged simply or "
    "by each population given, trusts simply or by EPRR tier."
)
#: The composite's fields holding its rank's range across method variants.
RANGE_READ = ("rank_best", "rank_worst", "rank_note")


def ordinal(label: object) -> str:
    """A rank as said in words: '=14' -> '=14th', 1 -> '1st', '22' -> '22nd'."""
    text = str(label) if isinstance(label, str) else str(whole(label))
    number = int(text.lstrip("="))
    suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    if 11 <= number % 100 <= 13:
        suffix = "th"
    return f"{text}{suffix}"


def rank_said(label: object, of: int, row: Mapping[Any, object]) -> str:
    """An ICS's rank as a page states it: '=14 of 42 (1 = best)', or, when ``row`` (the
    composite's fields) carries its range, '=14th of 42 (1 = best); 9th–17th across
    method variants'."""
    if "rank_best" not in row:
        return f"{label} of {of} (1 = best)"
    return f"{ordinal(label)} of {of} (1 = best); {range_words(row)}"


def range_words(row: Mapping[Any, object]) -> str:
    """'9th–17th across method variants' (and ', depends on the method' when the rank
    note says so); '14th under every method variant' when best and worst agree."""
    span = range_span(row)
    if missing(row["rank_best"]) or missing(row["rank_worst"]):
        said = "not ranked under every method variant"
    elif whole(row["rank_best"]) == whole(row["rank_worst"]):
        said = f"{span} under every method variant"
    else:
        said = f"{span} across method variants"
    return _noted(said, row["rank_note"])


def range_cell(row: Mapping[Any, object]) -> str:
    """The range as a table's cell under the heading 'across method variants':
    '9th–17th', '14th', '–' (unranked), with the rank note."""
    return _noted(range_span(row), row["rank_note"])


def range_span(row: Mapping[Any, object]) -> str:
    best, worst = row["rank_best"], row["rank_worst"]
    if missing(best) or missing(worst):
        return "–"
    if whole(best) == whole(worst):
        return ordinal(whole(best))
    return f"{ordinal(whole(best))}–{ordinal(whole(worst))}"


def _noted(said: str, note: object) -> str:
    return f"{said}, {note.strip()}" if isinstance(note, str) and note.strip() else said


def whole(value: object) -> int:
    """A rank read from a layer (an integer, or a float from a file) as an int."""
    return int(float(value))  # type: ignore[arg-type]


def missing(value: object) -> bool:
    """No value: None, NULL or NaN, as a layer's empty field is read."""
    if value is None:
        return True
    try:
        return math.isnan(value)  # type: ignore[arg-type]
    except TypeError:
        return False
