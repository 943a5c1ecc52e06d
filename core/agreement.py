"""Inputs that must belong together, checked together.

An atlas drawn from a composite of one edition and the organisations of another, a web
report whose pies come from another geography, a change "since the previous edition"
that runs the other way: each contradicts itself page by page without an error. So every
output of the method records what it was made from, and inputs that must agree are
compared here, naming both inputs as the analyst sees them, where each records it and
both values:

- the **edition**: ``edition`` (an imported or joined table, and the summary),
  ``composite_edition`` (a composite), ``proportions_edition`` (trust proportions),
  ``edition_before`` / ``edition_after`` (a comparison of editions), the
  ``composite_20YY_YY`` fields of composites over editions; an organisation table
  without an edition field records the edition of its dated statuses;
- the **geography** of a per-ICS output: the ICS code field it was computed on and its
  ICS codes.

An input that records no edition (an older output, a table of undated statuses) is
compared with none: the others still are with each other.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pandas as pd

from .codes import clean_codes
from .errors import EditionError, GeographyError
from .scoring import ScoringScheme
from .sources import SourceRef, source_rows
from .statuses import choose_edition, edition_year, normalise_edition, parse_status_column

#: The field of an imported or joined table recording the edition of its statuses.
TABLE_EDITION_FIELD = "edition"

#: How many codes a message lists before "...".
LISTED = 10


@dataclass(frozen=True)
class Edition:
    """The edition an input records (normalised ``YY/YY``; None: it records none), the
    input as the analyst sees it, and where it records it ("field 'composite_edition'";
    empty for an edition the analyst typed)."""

    source: str
    edition: str | None
    where: str = ""

    def __str__(self) -> str:
        where = f" ({self.where})" if self.where else ""
        return f"{self.source}{where}: {self.edition or 'no edition'}"


@dataclass(frozen=True)
class Geography:
    """The ICS code field a per-ICS input was computed on (None: it has no field of that
    name), its ICS codes (cleaned, each once, in the input's order), and the input as the
    analyst sees it."""

    source: str
    field: str | None
    codes: tuple[str, ...]


def edition_in_field(values: Iterable[object], *, source: str, field: str) -> Edition:
    """The edition recorded in ``field`` of an output (None when empty); an output holding
    several stops the run (it was put together from several runs)."""
    found = sorted({normalise_edition(v) for v in values if v is not None and str(v).strip()})
    if len(found) > 1:
        raise EditionError(
            f"{source}: field {field!r} records {len(found)} editions ({', '.join(found)}); "
            "an output of one run records one. Give the output of one run."
        )
    return Edition(source, found[0] if found else None, f"field {field!r}")


def table_edition(
    table: pd.DataFrame, *, status_field: str, source: SourceRef, scheme: ScoringScheme
) -> Edition:
    """The edition an organisation table records: its edition field (an imported or joined
    table), else the newest edition of its dated statuses ("20/21 Standards Met")."""
    parsed = parse_status_column(
        table[status_field],
        column=status_field,
        source=source,
        rows=source_rows(table, source),
        extra_statuses=scheme.added_statuses,
    )
    field = edition_field_of(table)
    edition = choose_edition(
        None,
        parsed=parsed,
        edition_field=table[field] if field else None,
        source=source,
        field=field or TABLE_EDITION_FIELD,
    )
    return Edition(str(source), edition, edition_where(table, status_field))


def edition_field_of(table: pd.DataFrame) -> str | None:
    """The table's edition field (any letter case), or None."""
    return next((c for c in table.columns if str(c).lower() == TABLE_EDITION_FIELD), None)


def edition_where(table: pd.DataFrame, status_field: str) -> str:
    """Where an organisation table records its edition, in words: its edition field when it
    holds one, else its dated statuses."""
    field = edition_field_of(table)
    if field is not None and table[field].notna().any():
        return f"field {field!r}"
    return f"the statuses of field {status_field!r}"


def same_edition(*editions: Edition, advice: str = "Give inputs of one edition.") -> str | None:
    """The edition the inputs record (None when none does); two different ones stop the
    run naming the first input and the first that differs from it, with both editions."""
    known = [e for e in editions if e.edition]
    other = next((e for e in known if e.edition != known[0].edition), None)
    if other is not None:
        raise EditionError(f"Inputs of different editions: {known[0]}, but {other}. {advice}")
    return known[0].edition if known else None


def edition_among(reference: Edition, other: Edition, editions: Sequence[str]) -> None:
    """Stop when ``other`` (composites over ``editions``) lacks the edition of
    ``reference`` (an atlas's composite): the page would show two different composites."""
    if reference.edition and editions and reference.edition not in editions:
        raise EditionError(
            f"Inputs of different editions: {reference}, but {other.source} ({other.where}) "
            f"holds the composites of {', '.join(editions)} only. Give the composites over "
            f"editions that include {reference.edition}."
        )


def editions_in_order(before: Edition, after: Edition) -> None:
    """Stop when a comparison's earlier edition is not earlier than its later one."""
    if not (before.edition and after.edition):
        return
    if before.edition == after.edition:
        raise EditionError(
            f"Both editions compared are {before.edition}: {before}; {after}. Give an earlier "
            "and a later edition."
        )
    if edition_year(before.edition) > edition_year(after.edition):
        raise EditionError(
            f"The earlier edition given is the later one: {before}, but {after}. Swap them."
        )


def same_geography(
    reference: Geography,
    other: Geography,
    advice: str = "Give inputs computed on the same ICS layer.",
) -> None:
    """Stop when ``other`` was not computed on the ICSs of ``reference``: it lacks the ICS
    code field, or has ICS codes ``reference`` does not (another geography has codes of
    its own: new ones for merged or split ICSs). ``other`` may lack some of the reference's
    ICSs (a composite of an edition without them)."""
    if other.field is None:
        raise GeographyError(
            f"Inputs on different geographies: {reference.source} is on ICS code field "
            f"{reference.field!r}, which {other.source} does not have. {advice}"
        )
    foreign = sorted(set(other.codes) - set(reference.codes))
    if foreign:
        raise GeographyError(
            f"Inputs on different geographies: {other.source} (field {other.field!r}) has ICS "
            f"codes that {reference.source} (field {reference.field!r}) does not: "
            f"{_listed(foreign)}: it was computed on another geography. {advice}"
        )


def codes_of(values: pd.Series) -> tuple[str, ...]:
    """The ICS codes of a per-ICS input, cleaned as the method compares them, each once."""
    return tuple(dict.fromkeys(clean_codes(values).dropna()))


def _listed(codes: list[str]) -> str:
    if not codes:
        return "none"
    return ", ".join(codes[:LISTED]) + (" ..." if len(codes) > LISTED else "")
