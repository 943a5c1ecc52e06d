"""The published summary table: organisations by sector and status, with totals.

Row percentages give each sector's mix of statuses. The total row's label is "Total"
unless a sector of the input is itself called "Total", so data never overwrites the
structure of the table.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .errors import EmptyInputError
from .fields import require_fields
from .proportions import count_field, percent_field
from .published_method import NOT_PUBLISHED
from .scoring import DEFAULT_SCHEME, ScoringScheme
from .sectors import SECTOR_CLASSES
from .sources import SOURCE_ROW, SourceRef
from .statuses import (
    choose_edition,
    parse_status_column,
    statuses_for_edition,
)

NO_SECTOR = "(no sector)"
#: The summary's field recording the edition it counted (core.agreement reads it).
EDITION_FIELD = "edition"


@dataclass(frozen=True)
class Crosstab:
    """The table (``sector``, a count per status, ``total``, a percentage per status), the
    label of its total row, notes for the log, and the edition read."""

    table: pd.DataFrame
    total_label: str
    notes: tuple[str, ...]
    edition: str | None

    def output(self) -> pd.DataFrame:
        """The table as the summary tool writes it: with the edition it counted on every row."""
        rows = self.table.copy()
        rows[EDITION_FIELD] = self.edition
        return rows


def sector_status_crosstab(
    table: pd.DataFrame,
    *,
    sector_field: str,
    status_field: str,
    source: SourceRef,
    edition: str | None = None,
    edition_field: str | None = None,
    scheme: ScoringScheme = DEFAULT_SCHEME,
) -> Crosstab:
    """Sector x status counts with a total row, a ``total`` column and row percentages.

    Rows follow the method's sector order (Commissioner, Trust, CSU, Other), then any
    other sector values (e.g. raw sector names) alphabetically. A missing status counts as
    Not Published, and so does a status of another edition than the one read.
    """
    require_fields(
        [c for c in table.columns if c != SOURCE_ROW],
        {sector_field: "sector", status_field: "status", edition_field: "edition"},
        source=source,
    )
    if table.empty:
        raise EmptyInputError(f"{source} has no rows to summarise.")
    rows = table[SOURCE_ROW] if SOURCE_ROW in table.columns else None
    parsed = parse_status_column(
        table[status_field],
        column=status_field,
        source=source,
        rows=rows,
        extra_statuses=scheme.added_statuses,
    )
    chosen_edition = choose_edition(
        edition,
        parsed=parsed,
        edition_field=table[edition_field] if edition_field else None,
        source=source,
        field=edition_field or "edition",
    )
    chosen = statuses_for_edition(parsed, chosen_edition)
    sector = table[sector_field].astype(object).where(table[sector_field].notna(), NO_SECTOR)
    counts, label = _counts(sector, chosen.status.fillna(NOT_PUBLISHED), list(scheme.statuses))
    notes: tuple[str, ...] = ()
    if chosen.set_aside.any():
        notes = (
            f"{source}: {int(chosen.set_aside.sum())} status(es) in field {status_field!r} are "
            f"of another edition than {chosen_edition}: counted as Not Published.",
        )
    if label != "Total":
        notes = (*notes, f"A sector is called 'Total'; the total row is labelled {label!r}.")
    return Crosstab(counts.reset_index(), label, notes, chosen_edition)


def _counts(sector: pd.Series, status: pd.Series, statuses: list[str]) -> tuple[pd.DataFrame, str]:
    """Counts per sector (in the method's order) and status, a total row and column, and
    row percentages; with the total row's label."""
    counts = pd.crosstab(sector, status).reindex(columns=statuses, fill_value=0)
    known = [s for s in SECTOR_CLASSES if s in counts.index]
    counts = counts.reindex(known + sorted(s for s in counts.index if s not in SECTOR_CLASSES))
    label = total_label(set(map(str, counts.index)))
    counts = pd.concat([counts, pd.DataFrame([counts.sum(axis=0)], index=[label])])
    counts = counts.rename(columns={s: count_field(s) for s in statuses}).astype(int)
    counts["total"] = counts[[count_field(s) for s in statuses]].sum(axis=1)
    for status_name in statuses:
        counts[percent_field(status_name)] = (
            100.0 * counts[count_field(status_name)] / counts["total"]
        ).round(1)
    counts.index.name = "sector"
    counts.columns.name = None
    return counts, label


def total_label(sectors: set[str]) -> str:
    """ "Total", unless a sector is itself called that (then "Total (all sectors)", ...)."""
    label, number = "Total", 1
    while label.lower() in {s.lower() for s in sectors}:
        label = "Total (all sectors)" if number == 1 else f"Total (all sectors) {number}"
        number += 1
    return label


def crosstab_from_table(
    table: pd.DataFrame, *, source: SourceRef, scheme: ScoringScheme = DEFAULT_SCHEME
) -> Crosstab:
    """A summary table read back (the output of the summary tool, from a layer or file):
    its last row is the total row."""
    wanted = [
        "sector",
        "total",
        *(count_field(s) for s in scheme.statuses),
        *(percent_field(s) for s in scheme.statuses),
    ]
    require_fields(
        [c for c in table.columns if c != SOURCE_ROW],
        dict.fromkeys(wanted, "summary"),
        source=source,
    )
    if table.empty:
        raise EmptyInputError(
            f"{source} has no rows: is it the output of 'Summary of compliance by sector'?"
        )
    frame = table[wanted].copy()
    for column in wanted[1:]:
        frame[column] = pd.to_numeric(frame[column], errors="coerce").fillna(0)
    frame = frame.astype({c: int for c in wanted[1:] if not c.startswith("pct_")})
    frame.index = pd.RangeIndex(len(frame))
    return Crosstab(frame, str(frame["sector"].iloc[-1]), (), None)
