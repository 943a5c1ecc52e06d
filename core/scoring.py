"""Scoring schemes: the number each status contributes to a mean.

The published method scores Standards Exceeded 3, Met 1, Approaching -1, Not Met -3 and
Not Published -3. The method may change, so any scheme can be passed; a scheme's bounds
are its lowest and highest score, and every mean of its scores stays within them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

from dspt_qgis.core.errors import ScoringError
from dspt_qgis.core.statuses import (
    APPROACHING,
    CANONICAL_STATUSES,
    EXCEEDED,
    MET,
    NOT_MET,
    NOT_PUBLISHED,
)


@dataclass(frozen=True)
class ScoringScheme:
    """Map from canonical status to score; a scheme must score all five statuses."""

    scores: Mapping[str, float] = field(
        default_factory=lambda: {
            EXCEEDED: 3.0,
            MET: 1.0,
            APPROACHING: -1.0,
            NOT_MET: -3.0,
            NOT_PUBLISHED: -3.0,
        }
    )

    def __post_init__(self) -> None:
        missing = [s for s in CANONICAL_STATUSES if s not in self.scores]
        if missing:
            raise ScoringError(f"The scoring scheme gives no score for: {', '.join(missing)}.")
        bad = {s: v for s, v in self.scores.items() if not _is_finite_number(v)}
        if bad:
            raise ScoringError(f"The scoring scheme has non-numeric scores: {bad}.")

    @property
    def lower(self) -> float:
        """The lowest score: no mean of this scheme's scores can fall below it."""
        return float(min(self.scores.values()))

    @property
    def upper(self) -> float:
        """The highest score: no mean of this scheme's scores can rise above it."""
        return float(max(self.scores.values()))

    def score(self, statuses: pd.Series) -> pd.Series:
        """Score a column of canonical statuses; a status the scheme lacks is an error."""
        known = statuses.isin(list(self.scores))
        if not known.all():
            unknown = sorted(map(str, pd.unique(statuses[~known])))
            raise ScoringError(
                f"No score for status(es) {', '.join(unknown)} in the scoring scheme "
                f"(it scores {', '.join(self.scores)})."
            )
        return statuses.map(dict(self.scores)).astype(float)

    @classmethod
    def from_text(cls, text: str) -> ScoringScheme:
        """Build a scheme from ``"Standards Exceeded=3; Standards Met=1; ..."``.

        Statuses left out keep their default score, so ``"Not Published=-4"`` changes
        one score only. Used by the Processing parameter of the same form.
        """
        scores = dict(DEFAULT_SCHEME.scores)
        for part in filter(None, (p.strip() for p in text.replace("\n", ";").split(";"))):
            name, sep, value = part.partition("=")
            canonical = {s.lower(): s for s in scores}.get(" ".join(name.split()).lower())
            if not sep or canonical is None:
                raise ScoringError(
                    f"Cannot read scoring rule {part!r}: write '<status>=<score>' with a "
                    f"status among {', '.join(scores)}."
                )
            try:
                scores[canonical] = float(value)
            except ValueError:
                raise ScoringError(
                    f"Score {value.strip()!r} for {canonical} is not a number."
                ) from None
        return cls(scores)


def _is_finite_number(value: object) -> bool:
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False
    return number == number and abs(number) != float("inf")


#: The published method's scheme (Exceeded 3, Met 1, Approaching -1, Not Met/Not Published -3).
DEFAULT_SCHEME = ScoringScheme()
