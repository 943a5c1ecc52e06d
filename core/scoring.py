"""Scoring schemes: the number each status contributes to a mean.

The published method scores Standards Exceeded 3, Met 1, Approaching -1, Not Met -3 and
Not Published -3. The method may change, and newer toolkits publish other statuses, so a
scheme can change any score and add status names; its bounds are its lowest and highest
score, and every mean of its scores stays within them.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .errors import ScoringError
from .published_method import CANONICAL_STATUSES, PUBLISHED_SCORES, describe_scores
from .statuses import ENTRY_LEVEL, PLAN_AGREED, vocabulary


@dataclass(frozen=True)
class ScoringScheme:
    """Status -> score; a scheme scores the five statuses and any it adds."""

    scores: Mapping[str, float] = field(default_factory=lambda: dict(PUBLISHED_SCORES))

    def __post_init__(self) -> None:
        missing = [s for s in CANONICAL_STATUSES if s not in self.scores]
        if missing:
            raise ScoringError(f"The scoring scheme gives no score for: {', '.join(missing)}.")
        bad = {s: v for s, v in self.scores.items() if not _is_finite_number(v)}
        if bad:
            raise ScoringError(
                "Every score must be a finite number; not "
                + ", ".join(f"{s}={v!r}" for s, v in bad.items())
                + "."
            )

    @property
    def statuses(self) -> tuple[str, ...]:
        """Every status the scheme scores: the five, then those it adds, in its order."""
        return tuple(self.scores)

    @property
    def added_statuses(self) -> tuple[str, ...]:
        """Statuses beyond the published five (older or newer toolkits' names)."""
        return tuple(s for s in self.scores if s not in CANONICAL_STATUSES)

    @property
    def lower(self) -> float:
        """The lowest score: no mean of this scheme's scores can fall below it."""
        return float(min(self.scores.values()))

    @property
    def upper(self) -> float:
        """The highest score: no mean of this scheme's scores can rise above it."""
        return float(max(self.scores.values()))

    def score(self, statuses: pd.Series) -> pd.Series:
        """Score a column of statuses; a status the scheme lacks is an error."""
        positions, found = pd.factorize(statuses, use_na_sentinel=False)
        unknown = sorted(str(status) for status in found if status not in self.scores)
        if unknown:
            raise ScoringError(
                f"No score for status(es) {', '.join(unknown)} in the scoring scheme "
                f"(it scores {', '.join(self.scores)}). Give them a score in the scores, "
                f"e.g. '{unknown[0]}=-1'."
            )
        scores = np.array([self.scores[status] for status in found], dtype=float)
        return pd.Series(scores[positions], index=statuses.index)

    def describe(self) -> str:
        """``Standards Exceeded 3, Standards Met 1, ...`` for help texts and reports."""
        return describe_scores(self.scores)

    @classmethod
    def from_text(cls, text: str) -> ScoringScheme:
        """Build a scheme from ``"Standards Exceeded=3; Standards Met=1; ..."``.

        Statuses left out keep the published score, so ``"Not Published=-4"`` changes one
        score only. A name that is not a known status adds a status (e.g. a newer
        toolkit's ``"Achieved=3"``) unless it looks like a misspelt known one. Each status
        may be named once.
        """
        scores = dict(PUBLISHED_SCORES)
        words = vocabulary([PLAN_AGREED, ENTRY_LEVEL])
        named: set[str] = set()
        for part in filter(None, (p.strip() for p in text.replace("\n", ";").split(";"))):
            name, sep, value = part.partition("=")
            spelled = " ".join(name.split())
            if not sep or not spelled:
                raise ScoringError(
                    f"Cannot read scoring rule {part!r}: write '<status>=<score>', e.g. "
                    "'Not Published=-4'."
                )
            status = words.get(spelled.lower()) or _new_status(spelled, words)
            if status in named:
                raise ScoringError(f"The scores name {status!r} twice; give each status once.")
            named.add(status)
            try:
                number = float(value)
            except ValueError:
                raise ScoringError(
                    f"Score {value.strip()!r} for {status} is not a number."
                ) from None
            if not math.isfinite(number):
                raise ScoringError(f"Score {value.strip()!r} for {status} is not a finite number.")
            scores[status] = number
        return cls(scores)


def _new_status(spelled: str, words: Mapping[str, str]) -> str:
    close = difflib.get_close_matches(spelled.lower(), list(words), n=1, cutoff=0.8)
    if close:
        raise ScoringError(
            f"Scoring rule for {spelled!r}: did you mean {words[close[0]]!r}? A name that is "
            "not a known status adds a new status; check the spelling."
        )
    return spelled


def _is_finite_number(value: object) -> bool:
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False
    return math.isfinite(number)


#: The published method's scheme (Exceeded 3, Met 1, Approaching -1, Not Met/Not Published -3).
DEFAULT_SCHEME = ScoringScheme()
