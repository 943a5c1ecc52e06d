"""Successor chains: the status an organisation without one of its own inherits, and whose
submission that status is.

An organisation without a status for the edition inherits its successor's: the
successor's own row in the same export (chains A -> B -> C followed), else the successor
status its row states. Either way one submission decides it: that of the organisation at
the end of the chain, or of the successor named beside the stated status. Recording that
organisation (``decided_by``) is what lets "what would move our score" change one
submission and see every organisation it decides move with it (core.gains).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .categories import categorical
from .errors import SuccessorCycleError
from .published_method import NOT_PUBLISHED
from .sources import SourceRef

OWN = "own"
SUCCESSOR = "successor"
NONE = "none"
STATUS_SOURCES: tuple[str, ...] = (OWN, SUCCESSOR, NONE)

#: A status found along a chain, with the code of the organisation whose submission it is.
Found = tuple[str, str]


@dataclass(frozen=True)
class StatusRows:
    """What decides each row's status: its code, its own status where valid for the
    edition, its successor code, and the successor status the export states for it."""

    codes: pd.Series
    no_code: pd.Series
    own: pd.Series  # the own status where valid for the edition, else NaN
    own_valid: pd.Series
    successor_codes: pd.Series | None
    explicit: pd.DataFrame | None
    explicit_valid: pd.Series | None
    source: SourceRef


@dataclass(frozen=True)
class Resolved:
    """Per row: the status (categorical), where it came from (:data:`STATUS_SOURCES`,
    categorical) and the code of the organisation whose submission decides it (its own
    code for ``own``, the successor's for ``successor``, None for ``none``)."""

    status: pd.Series
    status_source: pd.Series
    decided_by: pd.Series


def resolve_statuses(rows: StatusRows) -> Resolved:
    """Apply own -> successor -> Not Published; follow successor chains, stop on loops.

    Each row inherits through its own successor code, so an organisation listed twice with
    two successors gets one status per row (the duplicate check then compares them) and no
    result depends on the order of the rows. Rows of one code inheriting one status from
    two successors (RW6 -> RM3, RW6 -> R0A) are decided by the first successor by code, in
    any row order.
    """
    status, codes = rows.own, rows.codes
    source_codes = np.where(
        rows.own_valid.to_numpy(), STATUS_SOURCES.index(OWN), STATUS_SOURCES.index(NONE)
    )
    decided_by = codes.where(rows.own_valid.to_numpy(), None).astype(object)
    if rows.successor_codes is None and rows.explicit is None:
        return Resolved(
            status.fillna(NOT_PUBLISHED),
            categorical(source_codes, STATUS_SOURCES, codes.index),
            decided_by,
        )
    # Only organisations without an own status that name a successor or carry a
    # successor's status can inherit one: a few per cent of a register. Plain arrays:
    # pandas indexing per row would dominate the run time.
    could_inherit = pd.Series(False, index=codes.index)
    if rows.successor_codes is not None:
        could_inherit |= rows.successor_codes.notna()
    if rows.explicit_valid is not None:
        could_inherit |= rows.explicit_valid
    pending = np.flatnonzero((~rows.own_valid & ~rows.no_code & could_inherit).to_numpy())
    chains = _Chains(rows, pending)
    status_codes = status.cat.codes.to_numpy().copy()
    status_at = {name: position for position, name in enumerate(status.cat.categories)}
    deciders: dict[str, str] = {}
    inherited = []
    for position in pending:
        found = chains.row_status(position)
        if found is not None:
            status_codes[position] = status_at[found[0]]
            source_codes[position] = STATUS_SOURCES.index(SUCCESSOR)
            code = chains.code_values[position]
            deciders[code] = min(deciders.get(code, found[1]), found[1])
            inherited.append(position)
    decided_by.iloc[inherited] = [deciders[chains.code_values[p]] for p in inherited]
    return Resolved(
        categorical(status_codes, list(status.cat.categories), codes.index).fillna(NOT_PUBLISHED),
        categorical(source_codes, STATUS_SOURCES, codes.index),
        decided_by,
    )


class _Chains:
    """Successor chains through the export, each organisation's status found once.

    An organisation's status along a chain is its own where it has one, else what its rows
    inherit: from their successor's status when the export lists the successor, else from
    the successor status the row states. Rows of one code that would inherit different
    statuses give a set of two values; the smallest is carried on (deterministically) and
    the duplicate check stops the run naming that code. Each status travels with the code
    of the organisation whose submission it is.
    """

    def __init__(self, rows: StatusRows, pending: np.ndarray) -> None:
        self.rows = rows
        self.code_values = rows.codes.to_numpy(dtype=object)
        self.successors = (
            rows.successor_codes.to_numpy(dtype=object)
            if rows.successor_codes is not None
            else None
        )
        self.explicit = (
            rows.explicit["status"].to_numpy(dtype=object) if rows.explicit is not None else None
        )
        self.explicit_ok = (
            rows.explicit_valid.to_numpy(dtype=bool) if rows.explicit_valid is not None else None
        )
        # Only the codes a chain can reach are looked up: the successors named by the rows
        # that could inherit (every link without an own status is itself such a row).
        targets = set(self.successors[pending]) - {None} if self.successors is not None else set()
        reachable = rows.codes.isin(targets)
        self.present = set(rows.codes[reachable])
        with_own = rows.own_valid & reachable
        self.own: dict[str, set[str]] = {}
        for code, value in zip(rows.codes[with_own], rows.own[with_own]):
            self.own.setdefault(code, set()).add(value)
        self.pending_rows: dict[str, list[int]] = {}
        for position in pending:
            self.pending_rows.setdefault(self.code_values[position], []).append(position)
        self.memo: dict[str, Found | None] = {}

    def row_status(self, position: int) -> Found | None:
        """The status a row without an own status inherits, and whose it is (None: none).

        A stated successor status is the named successor's submission; with no successor
        named it can be traced no further than the row's own organisation.
        """
        successor = self.successors[position] if self.successors is not None else None
        found = None
        if successor is not None and successor in self.present:
            found = self._code_status(successor, start=self.code_values[position])
        if found is None and self.explicit_ok is not None and self.explicit_ok[position]:
            decider = successor if successor is not None else self.code_values[position]
            found = (self.explicit[position], decider)  # type: ignore[index]
        return found

    def _code_status(self, code: str, *, start: str) -> Found | None:
        """An organisation's status along a chain (see the class). Walked with a stack,
        not recursion: each code's successors are settled before the code itself, and a
        code met again on its own path is a loop. ``start``: the code of the row asking;
        a chain stops at any code with a status of its own, the start's included, so
        whether a loop is found never depends on which row is resolved first."""
        path, stack = ([] if start in self.own else [start]), [(code, False)]
        while stack:
            current, expanded = stack.pop()
            if current in self.memo:
                continue
            if expanded:
                path.pop()
                self.memo[current] = self._settle(current)
                continue
            if current in path:
                self._loop([*path[path.index(current) :], current])
            path.append(current)
            stack.append((current, True))
            stack.extend((s, False) for s in self._successors_of(current) if s not in self.memo)
        return self.memo[code]

    def _settle(self, code: str) -> Found | None:
        """A code's status once its successors are settled."""
        if code in self.own:
            return min(self.own[code]), code
        values = {
            value
            for p in self.pending_rows.get(code, [])
            if (value := self.row_status(p)) is not None
        }
        return min(values) if values else None

    def _successors_of(self, code: str) -> list[str]:
        if self.successors is None or code in self.own:
            return []
        named = {self.successors[p] for p in self.pending_rows.get(code, [])}
        return sorted(s for s in named if s is not None and s in self.present)

    def _loop(self, codes: list[str]) -> None:
        raise SuccessorCycleError(
            f"{self.rows.source}: successor codes form a loop ({' -> '.join(codes)}) and none of these "
            "organisations has a status of its own, so no successor status exists. "
            "Correct the successor code of one of them."
        )
