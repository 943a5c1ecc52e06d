"""Trust statuses per ICS: counts and proportions (the pie charts of the published map 2),
and the ICS population the map is shaded by.

The count and proportion field names are defined here once; styles, reports and the web
report read them from here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .codes import IcsCodes
from .component import Component, count_side, side_edition
from .published_method import APPROACHING, EXCEEDED, MET, NOT_MET, NOT_PUBLISHED
from .scoring import DEFAULT_SCHEME, ScoringScheme

#: Count field of each published status in per-ICS and summary tables.
STATUS_COUNT_FIELDS: Mapping[str, str] = {
    EXCEEDED: "n_exceeded",
    MET: "n_met",
    APPROACHING: "n_approaching",
    NOT_MET: "n_not_met",
    NOT_PUBLISHED: "n_not_published",
}
TOTAL_FIELD = "n_trusts"
POPULATION_FIELD = "population"
#: The edition whose statuses the proportions count, written beside the counts so the web
#: report can check they are of its composite's edition (core.agreement).
EDITION_FIELD = "proportions_edition"


def count_field(status: str) -> str:
    """``n_met`` for Standards Met; ``n_<status in snake case>`` for a status a scheme adds."""
    return STATUS_COUNT_FIELDS.get(status) or "n_" + re.sub(
        r"[^0-9a-z]+", "_", status.lower()
    ).strip("_")


def share_field(status: str) -> str:
    """``p_met`` for Standards Met: the share of trusts in that status (0-1)."""
    return "p_" + count_field(status)[2:]


def percent_field(status: str) -> str:
    """``pct_met`` for Standards Met: the percentage of organisations in that status."""
    return "pct_" + count_field(status)[2:]


@dataclass(frozen=True)
class ProportionsRequest:
    """Which ICSs (the ICS layer's codes), which edition, which statuses (the scheme's)."""

    groups: IcsCodes
    scheme: ScoringScheme = DEFAULT_SCHEME
    edition: str | None = None


@dataclass(frozen=True)
class ProportionsResult:
    """Per ICS: ``ics``, a count per status, ``n_trusts`` and a share per status; the
    account of every trust; notes for the log; the edition read."""

    table: pd.DataFrame
    diagnostics: pd.DataFrame
    notes: tuple[str, ...]
    edition: str | None

    @property
    def count_fields(self) -> list[str]:
        """The count fields in legend order (best status first), then ``n_trusts``."""
        return [c for c in self.table.columns if c.startswith("n_") and c != TOTAL_FIELD] + [
            TOTAL_FIELD
        ]

    @property
    def share_fields(self) -> list[str]:
        """The share fields in legend order."""
        return [c for c in self.table.columns if c.startswith("p_")]


def trust_proportions(trusts: Component, request: ProportionsRequest) -> ProportionsResult:
    """Count each ICS's trusts in each status and their shares."""
    parsed, edition = side_edition(trusts, request.edition, request.scheme)
    counted = count_side(
        trusts, parsed=parsed, edition=edition, groups=request.groups, scheme=request.scheme
    )
    table = status_counts(
        counted.used, groups=request.groups.codes, statuses=request.scheme.statuses
    )
    table[EDITION_FIELD] = edition
    return ProportionsResult(table, counted.diagnostics, counted.notes, edition)


def status_counts(
    used: pd.DataFrame, *, groups: Sequence[str], statuses: Sequence[str]
) -> pd.DataFrame:
    """Per group: the count and share of organisations in each status."""
    # Counted by position (factorize, then one bincount): pd.crosstab walks every group
    # in Python, a second per 60,000 areas.
    group_at, group_codes = pd.factorize(used["group"])
    status_at, status_names = pd.factorize(used["status"])
    cells = np.bincount(
        group_at * len(status_names) + status_at, minlength=len(group_codes) * len(status_names)
    )
    counts = pd.DataFrame(
        cells.reshape(len(group_codes), len(status_names)),
        index=pd.Index(group_codes, dtype=object),
        columns=list(status_names),
    )
    counts = counts.reindex(index=list(groups), columns=list(statuses), fill_value=0)
    counts.index.name = "ics"
    counts.columns.name = None
    table = counts.rename(columns={s: count_field(s) for s in statuses}).astype(int)
    count_columns = [count_field(s) for s in statuses]
    table[TOTAL_FIELD] = table[count_columns].sum(axis=1)
    for status in statuses:
        table[share_field(status)] = (
            table[count_field(status)] / table[TOTAL_FIELD].where(table[TOTAL_FIELD] > 0)
        ).round(4)
    return table.reset_index()
