"""Each ICS's composite over several editions, side by side on one geography.

A board's first question is whether its ICS is getting better. The composites of several
editions answer it only when they are on the same ICSs: each edition carried onto one
geography first (``dspt:crosswalk`` onto the April 2026 ICBs), then put side by side
here. Each composite names the edition it counted (``composite_edition``), so the
columns are labelled from the data, in the editions' order, whatever order the layers
come in; two composites of one edition, or a composite on other ICSs than the
geography's (core.agreement), stop the run.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from .agreement import Geography, codes_of, same_geography
from .codes import clean_codes
from .errors import DsptError
from .statuses import edition_year, normalise_edition

#: The change from the earliest edition to the latest (both needed).
CHANGE_FIELD = "composite_change"
#: The composites in words, earliest first ("2020/21 -0.52 → 2021/22 +0.10 → ...").
TREND_FIELD = "composite_trend"


class TrendError(DsptError):
    """The composites cannot be put side by side on the geography given."""


@dataclass(frozen=True)
class EditionComposite:
    """One edition's composite: ``table`` with ``ics`` and ``composite_score``, the
    edition it counted, how messages name it (the layer as the analyst sees it), and its
    field of the ICS layer's code field's name (None: it has none)."""

    edition: str | None
    table: pd.DataFrame
    source: str
    field: str | None


@dataclass(frozen=True)
class Trend:
    """Per ICS (``ics``): one composite field per edition (:func:`edition_field`),
    :data:`CHANGE_FIELD` and :data:`TREND_FIELD`; the editions, earliest first."""

    table: pd.DataFrame
    editions: tuple[str, ...]

    @property
    def fields(self) -> list[str]:
        """The fields the trend adds to each ICS, in order."""
        return [*(edition_field(e) for e in self.editions), CHANGE_FIELD, TREND_FIELD]


def full_year(edition: str) -> str:
    """``20/21`` -> ``2020/21``: the edition as a board reads it."""
    return f"20{edition}"


def edition_field(edition: str) -> str:
    """``20/21`` -> ``composite_2020_21``."""
    return "composite_" + full_year(edition).replace("/", "_")


def ics_trend(composites: Sequence[EditionComposite], ics: Geography) -> Trend:
    """The composites of ``composites`` per ICS of ``ics`` (the geography: its layer, code
    field and codes), one column per edition in the editions' order, with the change and
    the trend in words."""
    if len(composites) < 2:
        raise TrendError("Give the composites of at least two editions to see a trend.")
    by_edition = _by_edition(composites)
    editions = tuple(sorted(by_edition, key=edition_year))
    index: pd.Index = pd.Index(list(ics.codes), name="ics", dtype=object)
    table = pd.DataFrame(index=index)
    for edition in editions:
        table[edition_field(edition)] = _scores(by_edition[edition], ics).reindex(index)
    first, last = (table[edition_field(e)] for e in (editions[0], editions[-1]))
    table[CHANGE_FIELD] = last - first
    table[TREND_FIELD] = [
        " → ".join(f"{full_year(e)} {_signed(row[edition_field(e)])}" for e in editions)
        for _, row in table.iterrows()
    ]
    return Trend(table.reset_index(), editions)


def _by_edition(composites: Sequence[EditionComposite]) -> dict[str, EditionComposite]:
    """Each composite by its edition; one without, or two of the same, stop the run."""
    found: dict[str, EditionComposite] = {}
    for composite in composites:
        if not composite.edition:
            raise TrendError(
                f"{composite.source} does not say which edition it counted (no composite_edition): "
                "make it again with 'ICS composite score'."
            )
        edition = normalise_edition(composite.edition)
        if edition in found:
            raise TrendError(
                f"{found[edition].source} and {composite.source} are both composites of {edition}: "
                "give one composite per edition."
            )
        found[edition] = composite
    return found


def _scores(composite: EditionComposite, ics: Geography) -> pd.Series:
    """The composite's score per ICS code; a composite computed on other ICSs stops the run
    (core.agreement: another code field, or other codes)."""
    codes = clean_codes(composite.table["ics"])
    same_geography(
        ics,
        Geography(composite.source, composite.field, codes_of(codes)),
        advice="Carry its edition onto these ICSs first ('Commissioner statuses on a newer "
        "geography'), then make its composite on them.",
    )
    scores = pd.to_numeric(composite.table["composite_score"], errors="coerce").astype(float)
    return pd.Series(scores.to_numpy(), index=codes.to_numpy()).groupby(level=0).first()


def _signed(value: object) -> str:
    """A composite as a board reads it (+0.50, -1.25), or "none" when it has none."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "none"
    return f"{float(value):+.2f}"  # type: ignore[arg-type]


def edition_of_field(name: str) -> str | None:
    """``composite_2020_21`` -> ``20/21``; None for any other field."""
    match = re.fullmatch(r"composite_20(\d\d)_(\d\d)", name)
    return f"{match.group(1)}/{match.group(2)}" if match else None


def editions_in(fields: Sequence[str]) -> list[tuple[str, str]]:
    """The (edition, field) pairs of a trend's composite fields, earliest edition first."""
    found = [(edition, name) for name in fields if (edition := edition_of_field(name))]
    return sorted(found, key=lambda pair: edition_year(pair[0]))
