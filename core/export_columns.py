"""Which column of an export plays which role: found by its usual names, or named by the
analyst, checked to be there once and reached by the file's last row."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .errors import AmbiguousColumnError, MissingColumnError
from .fields import find_by_candidates, find_field
from .reader import TableRead, Wanted, check_last_row
from .roles import (
    CODE,
    NAME,
    REQUIRED_ROLES,
    ROLE_CANDIDATES,
    ROLE_WORDS,
    SECTOR,
    STATUS,
    SUCCESSOR_CODE,
    SUCCESSOR_STATUS,
)
from .sources import SOURCE_ROW


@dataclass(frozen=True)
class ColumnMap:
    """Which input column plays which role; None where the input has no such column."""

    code: str
    status: str
    name: str | None = None
    sector: str | None = None
    successor_code: str | None = None
    successor_status: str | None = None

    def as_dict(self) -> dict[str, str | None]:
        """Role -> column name, for messages and the algorithm log."""
        return {
            CODE: self.code,
            NAME: self.name,
            STATUS: self.status,
            SECTOR: self.sector,
            SUCCESSOR_CODE: self.successor_code,
            SUCCESSOR_STATUS: self.successor_status,
        }


def export_wanted(overrides: Mapping[str, str | None] | None) -> Wanted:
    """The export's columns: each role named explicitly, the required ones otherwise by
    name; the organisation code tells notes written into the export from its rows."""
    named = {role: name for role, name in (overrides or {}).items() if name}
    return Wanted(
        tuple(named.values()),
        tuple(r for r in REQUIRED_ROLES if r not in named),
        named.get(CODE),
    )


def detect_columns(read: TableRead, overrides: Mapping[str, str | None] | None = None) -> ColumnMap:
    """Find the column for each role, honouring explicit ``overrides`` (role -> name); the
    file's last row must reach each of them (:func:`check_last_row`)."""
    columns = [c for c in read.table.columns if c != SOURCE_ROW]
    named = {k: v for k, v in (overrides or {}).items() if v}
    found: dict[str, str | None] = {}
    for role, candidates in ROLE_CANDIDATES.items():
        if role in named:
            found[role] = find_field(
                columns, named[role], source=read.source, role=ROLE_WORDS[role]
            )
            continue
        found[role] = find_by_candidates(columns, candidates)
        if found[role] is not None and found[role] in read.renamed_headers.values():
            raise AmbiguousColumnError(
                f"{read.source}: column {found[role]!r} appears more than once, so the "
                f"{ROLE_WORDS[role]} column is ambiguous. Rename one of them, or name the "
                "column to use explicitly."
            )
    missing = [role for role in REQUIRED_ROLES if found[role] is None]
    if missing:
        wanted = "; ".join(
            f"{ROLE_WORDS[role]}: one of {', '.join(_readable(c) for c in ROLE_CANDIDATES[role])}"
            for role in missing
        )
        raise MissingColumnError(
            f"{read.source}: no {' or '.join(ROLE_WORDS[r] for r in missing)} column found "
            f"({wanted}). Columns in the file: {', '.join(map(repr, columns))}. Name the "
            "column explicitly if it is called something else."
        )
    check_last_row(read, found.values())
    return ColumnMap(**found)  # type: ignore[arg-type]


def _readable(candidate: str) -> str:
    return candidate.replace(r"\d\d", "NN")
