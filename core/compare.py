"""What changed between two DSPT editions: each organisation's status before and after.

Two imported tables (any two editions) are compared organisation by organisation. An
organisation in both is compared with itself. One that is only in the earlier table but
closed into a successor (a successor table: old code -> new code, chains followed) is
compared with its successor's later status, and the row says so. Otherwise an
organisation only before is ``gone`` and one only after is ``new``. The direction of a
change follows the scores: a move between two statuses of equal score (Not Met to Not
Published) is ``unchanged``, while the transition matrix still shows the move.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .agreement import Edition, editions_in_order, table_edition
from .codes import clean_codes
from .crosstab import total_label
from .errors import EmptyInputError, SuccessorCycleError
from .organisations import statuses_by_code
from .proportions import count_field
from .scoring import DEFAULT_SCHEME, ScoringScheme
from .sectors import SECTOR_CLASSES
from .sources import SourceRef
from .statuses import normalise_edition

IMPROVED, UNCHANGED, DECLINED, NEW, GONE = "improved", "unchanged", "declined", "new", "gone"
#: Every direction, best news first (the legend's and the report's order).
DIRECTIONS: tuple[str, ...] = (IMPROVED, UNCHANGED, DECLINED, NEW, GONE)

#: The editions compared, written on every row so a table read back says which they were
#: (the atlas checks a change table runs into its composite's edition: core.agreement).
BEFORE_EDITION_FIELD, AFTER_EDITION_FIELD = "edition_before", "edition_after"

#: The rows of the change table, in order (the public output contract).
CHANGE_FIELDS: tuple[str, ...] = (
    "code",
    "name",
    "sector",
    "status_before",
    "status_after",
    "score_before",
    "score_after",
    "score_change",
    "direction",
    "compared_with",
    "note",
    BEFORE_EDITION_FIELD,
    AFTER_EDITION_FIELD,
)

#: Matrix labels for an organisation missing from one edition.
NOT_BEFORE = "(not in the earlier edition)"
NOT_AFTER = "(not in the later edition)"


@dataclass(frozen=True)
class EditionTable:
    """One edition's organisations: a table with a code and a status per row (usually the
    import's output), the names of those fields, an optional name and sector field, and
    where it came from (for messages)."""

    table: pd.DataFrame
    source: SourceRef
    code_field: str = "code"
    status_field: str = "status"
    name_field: str | None = None
    sector_field: str | None = None
    edition: str | None = None


@dataclass(frozen=True)
class Change:
    """The change table (one row per organisation of either edition, ``CHANGE_FIELDS``),
    the transition matrix per sector, the editions compared and notes for the log."""

    table: pd.DataFrame
    matrix: pd.DataFrame
    before_label: str
    after_label: str
    notes: tuple[str, ...]

    def counts(self) -> dict[str, int]:
        """How many organisations went each way, in :data:`DIRECTIONS` order."""
        found = self.table["direction"].value_counts()
        return {d: int(found.get(d, 0)) for d in DIRECTIONS}


def compare_editions(
    before: EditionTable,
    after: EditionTable,
    *,
    successors: Mapping[str, str] | None = None,
    scheme: ScoringScheme = DEFAULT_SCHEME,
) -> Change:
    """Compare two editions organisation by organisation (see the module's rules); an
    earlier edition that is not earlier than the later one stops the run naming both."""
    earlier, later = _organisations(before, scheme), _organisations(after, scheme)
    editions = _edition(before, scheme), _edition(after, scheme)
    editions_in_order(*editions)
    successor_of = {k: v for k, v in _clean_mapping(successors or {}).items() if k != v}
    later_codes = set(later.index)
    compared_with = pd.Series(
        [_follow(code, successor_of, later_codes, before.source) for code in earlier.index],
        index=earlier.index,
        dtype=object,
    )
    rows = earlier.join(later, lsuffix="_before", rsuffix="_after", how="outer")
    reached = compared_with.dropna()
    rows.loc[reached.index, "status_after"] = later["status"].reindex(reached.to_numpy()).to_numpy()
    table = pd.DataFrame(
        {
            "code": rows.index,
            "name": _later_else_earlier(rows, "name"),
            "sector": _later_else_earlier(rows, "sector"),
            "status_before": rows["status_before"].to_numpy(),
            "status_after": rows["status_after"].to_numpy(),
        }
    )
    scores = dict(scheme.scores)
    table["score_before"] = table["status_before"].map(scores).astype(float)
    table["score_after"] = table["status_after"].map(scores).astype(float)
    table["score_change"] = table["score_after"] - table["score_before"]
    followed = compared_with.reindex(table["code"])
    table["compared_with"] = followed.where(
        followed.notna() & (followed != table["code"].to_numpy()), None
    ).to_numpy()
    table["direction"] = _directions(table)
    table[BEFORE_EDITION_FIELD], table[AFTER_EDITION_FIELD] = (e.edition for e in editions)
    labels = editions[0].edition or "earlier edition", editions[1].edition or "later edition"
    table["note"] = _row_notes(table, *labels)
    table = table.sort_values(["direction", "code"], key=_direction_order).reset_index(drop=True)[
        list(CHANGE_FIELDS)
    ]
    return Change(
        table, transition_matrix(table, scheme), *labels, _notes(table, before, after, *labels)
    )


def _edition(side: EditionTable, scheme: ScoringScheme) -> Edition:
    """The edition a table holds: as given, else the one it records (its edition field, else
    its dated statuses)."""
    if side.edition:
        return Edition(str(side.source), normalise_edition(side.edition), "as given")
    return table_edition(
        side.table, status_field=side.status_field, source=side.source, scheme=scheme
    )


def transition_matrix(table: pd.DataFrame, scheme: ScoringScheme = DEFAULT_SCHEME) -> pd.DataFrame:
    """Status before x status after, per sector and for all sectors: one row per sector and
    earlier status (or :data:`NOT_BEFORE`), a count per later status (``to_met``, ...,
    ``to_gone`` for organisations not in the later edition) and ``total``."""
    before = table["status_before"].fillna(NOT_BEFORE)
    after = table["status_after"].fillna(NOT_AFTER)
    columns = {**{s: "to_" + count_field(s)[2:] for s in scheme.statuses}, NOT_AFTER: "to_gone"}
    row_order = [*scheme.statuses, NOT_BEFORE]
    sectors = [s for s in SECTOR_CLASSES if (table["sector"] == s).any()]
    sectors += sorted(set(table["sector"].dropna().astype(str)) - set(sectors))
    label = total_label(set(sectors))
    blocks = []
    for sector, rows in [
        *((s, table["sector"] == s) for s in sectors),
        (label, pd.Series(True, index=table.index)),
    ]:
        counts = pd.crosstab(before[rows], after[rows]).reindex(
            index=row_order, columns=list(columns), fill_value=0
        )
        counts = counts.rename(columns=columns)
        counts["total"] = counts.sum(axis=1)
        counts = counts[counts["total"] > 0]
        counts.index.name = "status_before"
        counts.columns.name = None
        blocks.append(counts.reset_index().assign(sector=sector))
    matrix = pd.concat(blocks, ignore_index=True)
    return matrix[["sector", "status_before", *columns.values(), "total"]].astype(
        {c: int for c in [*columns.values(), "total"]}
    )


def _organisations(side: EditionTable, scheme: ScoringScheme) -> pd.DataFrame:
    """One row per cleaned code: name, sector and status (blank counts as Not Published)."""
    if side.table.empty:
        raise EmptyInputError(f"{side.source} has no organisations to compare.")
    return statuses_by_code(
        side.table,
        source=side.source,
        code_field=side.code_field,
        status_field=side.status_field,
        scheme=scheme,
        name_field=side.name_field,
        sector_field=side.sector_field,
    )


def _clean_mapping(successors: Mapping[str, str]) -> dict[str, str]:
    old = clean_codes(pd.Series(list(successors.keys()), dtype=object))
    new = clean_codes(pd.Series(list(successors.values()), dtype=object))
    return {o: n for o, n in zip(old, new) if o is not None and n is not None}


def _follow(
    code: str, successor_of: Mapping[str, str], later: set[str], source: SourceRef
) -> str | None:
    """The code this organisation is compared with: itself when in the later edition, else
    the first successor along its chain that is; None when none is."""
    path = [code]
    current = code
    while current not in later:
        following = successor_of.get(current)
        if following is None:
            return None
        if following in path:
            loop = " -> ".join([*path[path.index(following) :], following])
            raise SuccessorCycleError(
                f"{source}: successor codes form a loop ({loop}). Correct one of them."
            )
        path.append(following)
        current = following
    return current


def _later_else_earlier(rows: pd.DataFrame, field: str) -> np.ndarray:
    """The later edition's value (names change), else the earlier one's."""
    later = rows[f"{field}_after"]
    return later.where(later.notna(), rows[f"{field}_before"]).to_numpy(dtype=object)


def _directions(table: pd.DataFrame) -> np.ndarray:
    change = table["score_change"].to_numpy()
    direction = np.select(
        [change > 0, change < 0, change == 0], [IMPROVED, DECLINED, UNCHANGED], default=""
    )
    direction = np.where(table["status_before"].isna(), NEW, direction)
    return np.where(table["status_after"].isna(), GONE, direction).astype(object)


def _row_notes(table: pd.DataFrame, before: str, after: str) -> list[str | None]:
    """Why a row compares what it compares: a successor followed, or who a new one succeeds."""
    followed = table.dropna(subset=["compared_with"])
    formed_from = followed.groupby("compared_with")["code"].agg(
        lambda codes: ", ".join(sorted(codes))
    )
    notes: list[str | None] = []
    for code, successor, direction in zip(
        table["code"], table["compared_with"], table["direction"]
    ):
        if successor is not None:
            notes.append(f"not in {after}; compared with its successor {successor}")
        elif direction == NEW and code in formed_from.index:
            notes.append(f"successor of {formed_from[code]} (compared through them)")
        elif direction == GONE:
            notes.append(f"not in {after}, and no successor in it")
        elif direction == NEW:
            notes.append(f"not in {before}")
        else:
            notes.append(None)
    return notes


def _direction_order(column: pd.Series) -> pd.Series:
    if column.name == "direction":
        return column.map({d: i for i, d in enumerate(DIRECTIONS)})
    return column


def _notes(
    table: pd.DataFrame,
    before: EditionTable,
    after: EditionTable,
    before_label: str,
    after_label: str,
) -> tuple[str, ...]:
    found = table["direction"].value_counts()
    summary = ", ".join(f"{int(found.get(d, 0))} {d}" for d in DIRECTIONS)
    notes = [f"{before.source} ({before_label}) -> {after.source} ({after_label}): {summary}."]
    followed = int(table["compared_with"].notna().sum())
    if followed:
        notes.append(
            f"{followed} organisation(s) of {before_label} closed into a successor and are "
            f"compared with the successor's {after_label} status."
        )
    return tuple(notes)
