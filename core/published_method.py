"""The published method's names and numbers, and the method in words, written from them.

"Open Statistics - Cyber Security" scores DSPT statuses, reads one edition, and combines
commissioners and trusts per ICS. Help texts, the plugin's metadata, the web report's
methodology and the maps' subtitles are all written here from the same constants the
computation uses, so the words cannot drift from the numbers. Nothing here imports
pandas: the plugin describes the method at QGIS start-up without loading it.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

EXCEEDED = "Standards Exceeded"
MET = "Standards Met"
APPROACHING = "Approaching Standards"
NOT_MET = "Standards Not Met"
NOT_PUBLISHED = "Not Published"

#: The five statuses of the published method, best first (the order of every legend).
CANONICAL_STATUSES: tuple[str, ...] = (EXCEEDED, MET, APPROACHING, NOT_MET, NOT_PUBLISHED)

#: The published method's scores.
PUBLISHED_SCORES: Mapping[str, float] = MappingProxyType(
    {EXCEEDED: 3.0, MET: 1.0, APPROACHING: -1.0, NOT_MET: -3.0, NOT_PUBLISHED: -3.0}
)

#: EPRR tier -> weight in the seed's method (tier 1, the highest-risk trusts, weigh most).
DEFAULT_TIER_WEIGHTS: Mapping[int, float] = MappingProxyType({1: 4.0, 2: 3.0, 3: 2.0, 4: 1.0})

#: The commissioner share of the composite (the trust share is the rest).
DEFAULT_COMMISSIONER_SHARE = 0.5


def describe_scores(scores: Mapping[str, float] = PUBLISHED_SCORES) -> str:
    """``Standards Exceeded 3, Standards Met 1, ..., Not Published -3``."""
    return ", ".join(f"{status} {score:g}" for status, score in scores.items())


def describe_tier_weights(weights: Mapping[int, float] = DEFAULT_TIER_WEIGHTS) -> str:
    """``tier 1 -> 4, 2 -> 3, 3 -> 2, 4 -> 1``."""
    return "tier " + ", ".join(f"{tier} -> {weight:g}" for tier, weight in sorted(weights.items()))


def format_tier_weights(weights: Mapping[int, float] = DEFAULT_TIER_WEIGHTS) -> str:
    """``1=4; 2=3; 3=2; 4=1``: the text the tier-weights parameter reads."""
    return "; ".join(f"{tier}={weight:g}" for tier, weight in sorted(weights.items()))


def score_range(scores: Mapping[str, float] = PUBLISHED_SCORES) -> str:
    """``-3..3``: the range every mean and composite of these scores lies in."""
    return f"{min(scores.values()):g}..{max(scores.values()):g}"


def scores_sentence(scores: Mapping[str, float] = PUBLISHED_SCORES) -> str:
    """``Statuses score Standards Exceeded 3, ... Not Published -3.``"""
    return f"Statuses score {describe_scores(scores)}."


def edition_sentence() -> str:
    """The edition and successor rules."""
    return (
        "Only the chosen DSPT edition counts; an organisation without a status for it "
        "inherits its successor's, otherwise it is Not Published."
    )


def composite_sentence(
    scores: Mapping[str, float] = PUBLISHED_SCORES,
    tier_weights: Mapping[int, float] = DEFAULT_TIER_WEIGHTS,
    share: float = DEFAULT_COMMISSIONER_SHARE,
) -> str:
    """How commissioners and trusts combine into the composite per ICS."""
    return (
        "Per ICS, commissioner scores are averaged weighted by population, trust scores "
        f"simply or weighted by EPRR tier ({describe_tier_weights(tier_weights)}); the "
        f"composite is {share:g} x commissioner mean + {1 - share:g} x trust mean, within "
        f"{score_range(scores)}."
    )


def method_summary(
    scores: Mapping[str, float] = PUBLISHED_SCORES,
    tier_weights: Mapping[int, float] = DEFAULT_TIER_WEIGHTS,
    share: float = DEFAULT_COMMISSIONER_SHARE,
) -> str:
    """The whole method in three sentences."""
    return " ".join(
        (
            scores_sentence(scores),
            edition_sentence(),
            composite_sentence(scores, tier_weights, share),
        )
    )
