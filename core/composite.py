"""The ICS composite score: commissioners' and trusts' means combined, per ICS.

The published method: commissioner scores are averaged per ICS, weighted by population;
trust scores are averaged simply or weighted by EPRR tier; the composite is
``share x commissioner mean + (1 - share) x trust mean`` with share 0.5. A mean of scores
lies within the scheme's lowest and highest score, so the composite does too: a value
outside is a bug and raises, it is never clipped into range.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

import numpy as np
import pandas as pd

from . import diagnostics as diag
from .agreement import same_edition
from .codes import IcsCodes, clean_codes, explain_mismatch
from .component import (
    Component,
    Counted,
    count_side,
    group_means,
    recorded_edition,
    side_edition,
)
from .errors import DsptError, InputMismatchError, InternalError
from .published_method import DEFAULT_COMMISSIONER_SHARE
from .scoring import DEFAULT_SCHEME, ScoringScheme
from .sources import SourceRef
from .statuses import normalise_edition
from .weights import Weighting

#: Fields the composite adds to each ICS, in this order (the public output contract).
RESULT_FIELDS: tuple[str, ...] = (
    "commissioner_score",
    "trust_score",
    "composite_score",
    "n_commissioners",
    "n_trusts",
    "composite_note",
)

#: The edition whose statuses a composite counts ("20/21"), written beside
#: :data:`RESULT_FIELDS` so composites of several editions can be told apart (ICS
#: composites over editions reads it rather than trusting the order layers are given in).
EDITION_FIELD = "composite_edition"

#: Floating-point sums may pass a bound by a few units in the last place; such values are
#: the bound. Anything further out is an arithmetic error and raises.
BOUND_TOLERANCE = 1e-9


def formula_note(notes: Iterable[object]) -> str | None:
    """How the composite was made, as its notes say it (``0.5 x commissioner mean ... +
    0.5 x trust mean``: the note of an ICS with both sides), or None when no ICS has both."""
    return next((note for note in notes if isinstance(note, str) and " x " in note), None)


class MissingComponent(str, Enum):
    """What the composite of an ICS with no trusts or no commissioners holds."""

    NULL = "null"  # empty, with a note saying which side is missing
    USE_AVAILABLE = "use_available"  # the mean of the side it has, with a note


@dataclass(frozen=True)
class CompositeRequest:
    """The choices of one composite run; ``groups`` are the ICS layer's codes (None:
    every ICS code the organisations name)."""

    commissioner_share: float = DEFAULT_COMMISSIONER_SHARE
    scheme: ScoringScheme = DEFAULT_SCHEME
    missing: MissingComponent = MissingComponent.NULL
    edition: str | None = None
    groups: IcsCodes | None = None


@dataclass(frozen=True)
class CompositeResult:
    """Per-ICS table (``ics`` + :data:`RESULT_FIELDS`), the account of every input
    organisation, notes for the log, and the edition the statuses were read for."""

    table: pd.DataFrame
    diagnostics: pd.DataFrame
    notes: tuple[str, ...]
    edition: str | None


@dataclass(frozen=True)
class CountedSides:
    """What a composite counts: the edition its statuses are read for, the ICS codes it is
    computed for (None: those the organisations name), each side as counted (and its
    statuses as parsed, so a side can be counted again under another weighting)."""

    edition: str | None
    groups: IcsCodes | None
    commissioners: Counted
    trusts: Counted
    parsed: tuple[pd.DataFrame, pd.DataFrame]


def count_sides(
    commissioners: Component, trusts: Component, request: CompositeRequest
) -> CountedSides:
    """Each side's organisations as the composite counts them (see :func:`ics_composite`):
    the one place that decides, for the composite and everything read from it."""
    share = request.commissioner_share
    if not (math.isfinite(share) and 0.0 <= share <= 1.0):
        raise DsptError(f"The commissioner share must lie between 0 and 1, not {share}.")
    parsed_c, edition_c = side_edition(commissioners, request.edition, request.scheme)
    parsed_t, edition_t = side_edition(trusts, request.edition, request.scheme)
    edition = (
        normalise_edition(request.edition)
        if request.edition
        else same_edition(
            recorded_edition(commissioners, edition_c),
            recorded_edition(trusts, edition_t),
            advice="Only one edition counts: choose it, or give tables of the same edition.",
        )
    )
    groups = request.groups
    counted_c = count_side(
        commissioners, parsed=parsed_c, edition=edition, groups=groups, scheme=request.scheme
    )
    counted_t = count_side(
        trusts, parsed=parsed_t, edition=edition, groups=groups, scheme=request.scheme
    )
    return CountedSides(edition, groups, counted_c, counted_t, (parsed_c, parsed_t))


def ics_composite(
    commissioners: Component, trusts: Component, request: CompositeRequest
) -> CompositeResult:
    """Composite score per ICS (see the module docstring)."""
    sides = count_sides(commissioners, trusts, request)
    table = per_ics(
        group_means(sides.commissioners.used, commissioners),
        group_means(sides.trusts.used, trusts),
        sides.groups,
        request,
        (mean_words(commissioners, "commissioner"), mean_words(trusts, "trust")),
    )
    table[EDITION_FIELD] = sides.edition
    diagnostics = diag.combined([sides.commissioners.diagnostics, sides.trusts.diagnostics])
    notes = (
        *sides.commissioners.notes,
        *sides.trusts.notes,
        *_overlap_notes(commissioners, trusts, sides.commissioners, sides.trusts),
    )
    return CompositeResult(table.reset_index(), diagnostics, notes, sides.edition)


def per_ics(
    means_c: pd.DataFrame,
    means_t: pd.DataFrame,
    groups: IcsCodes | None,
    request: CompositeRequest,
    words: tuple[str, str],
) -> pd.DataFrame:
    """:data:`RESULT_FIELDS` by ICS code (index ``ics``) from each side's means per ICS
    (:func:`~.component.group_means`); ``words``: how each side was averaged
    (:func:`mean_words`), for the notes."""
    index = pd.Index(
        list(groups.codes)
        if groups is not None
        else sorted(set(means_c.index) | set(means_t.index)),
        name="ics",
        dtype=object,
    )
    table = pd.DataFrame(index=index)
    table["commissioner_score"] = means_c["score"].reindex(index)
    table["trust_score"] = means_t["score"].reindex(index)
    table["composite_score"] = np.nan
    table["n_commissioners"] = means_c["n"].reindex(index).fillna(0).astype(int)
    table["n_trusts"] = means_t["n"].reindex(index).fillna(0).astype(int)
    table["composite_score"], table["composite_note"] = _combine(
        table, request.commissioner_share, request.missing, *words
    )
    table["composite_score"] = _within_bounds(table["composite_score"], request.scheme)
    return table


def method_words(commissioners: Component, trusts: Component, request: CompositeRequest) -> str:
    """The composite's method in one line (for a table computed from it to carry): the
    share, how each side is averaged, the scores and the rule for a missing side."""
    share = request.commissioner_share
    missing = {
        MissingComponent.NULL: "an ICS without commissioners or trusts has no composite",
        MissingComponent.USE_AVAILABLE: (
            "an ICS without commissioners or trusts takes the mean of the side it has"
        ),
    }[request.missing]
    return (
        f"composite = {share:g} x {named_mean_words(commissioners, 'commissioner')} + "
        f"{1 - share:g} x {named_mean_words(trusts, 'trust')}; scores: "
        f"{request.scheme.describe()}; {missing}"
    )


def named_mean_words(component: Component, role: str) -> str:
    """:func:`mean_words` naming the field that weighs: ``commissioner mean weighted by
    population ('registered_patients')``, so two weightings of one kind can be told apart."""
    words = mean_words(component, role)
    if component.weighting is Weighting.MEAN or component.weight_field is None:
        return words
    return f"{words} ({component.weight_field!r})"


def mean_words(component: Component, role: str) -> str:
    """``commissioner mean weighted by population``, ``trust mean``: how a side was averaged."""
    how = {
        Weighting.MEAN: "",
        Weighting.POPULATION: " weighted by population",
        Weighting.WEIGHT: " weighted",
        Weighting.TIER: " weighted by EPRR tier",
    }[component.weighting]
    return f"{role} mean{how}"


def _combine(
    table: pd.DataFrame,
    share: float,
    missing: MissingComponent,
    commissioner_mean: str,
    trust_mean: str,
) -> tuple[pd.Series, pd.Series]:
    share_t = 1.0 - share
    has_c, has_t = table["commissioner_score"].notna(), table["trust_score"].notna()
    both, only_c, only_t = has_c & has_t, has_c & ~has_t, has_t & ~has_c
    composite = pd.Series(np.nan, index=table.index)
    composite[both] = (
        share * table.loc[both, "commissioner_score"] + share_t * table.loc[both, "trust_score"]
    )
    note = pd.Series("", index=table.index, dtype=object)
    note[both] = f"{share:g} x {commissioner_mean} + {share_t:g} x {trust_mean}"
    if missing is MissingComponent.USE_AVAILABLE:
        composite[only_c] = table.loc[only_c, "commissioner_score"]
        composite[only_t] = table.loc[only_t, "trust_score"]
        note[only_c] = f"no trusts: {commissioner_mean} only"
        note[only_t] = f"no commissioners: {trust_mean} only"
    else:
        note[only_c] = "no trusts: composite not computed"
        note[only_t] = "no commissioners: composite not computed"
    note[~(has_c | has_t)] = "no commissioners and no trusts"
    return composite, note


def _within_bounds(composite: pd.Series, scheme: ScoringScheme) -> pd.Series:
    """Snap float noise at a bound to the bound; raise on anything really out of range."""
    low, high = scheme.lower, scheme.upper
    outside = (composite < low - BOUND_TOLERANCE) | (composite > high + BOUND_TOLERANCE)
    if outside.any():
        raise InternalError(
            f"Composite score(s) outside the scheme's range {low:g}..{high:g} for ICS "
            f"{', '.join(map(str, composite[outside].index[:5]))}: this is a bug in the method's "
            "arithmetic. Please report it with the input."
        )
    return composite.clip(low, high)


def _overlap_notes(
    commissioners: Component, trusts: Component, counted_c: Counted, counted_t: Counted
) -> tuple[str, ...]:
    """Warn when the same organisations count on both sides (the same layer given twice)."""
    smaller, larger = sorted((counted_c.used["code"], counted_t.used["code"]), key=len)
    both = set(smaller.tolist()).intersection(
        larger.tolist()
    )  # Python's set beats pandas' isin here
    if not both:
        return ()
    same = (
        " (the same source was given as commissioners and trusts)"
        if commissioners.source == trusts.source
        else ""
    )
    return (
        f"{len(both)} organisation(s) count as both commissioners and trusts{same}, e.g. "
        f"{', '.join(heapq.nsmallest(5, both))}: each then weighs in both means. Filter each input to "
        "its sector.",
    )


@dataclass(frozen=True)
class GivenComposite:
    """A composite as given back (the ICS composite tool's table or layer): the field of
    ICS codes, ``composite_score``, ``n_commissioners``, ``n_trusts`` and, when present,
    ``composite_edition``."""

    table: pd.DataFrame
    source: SourceRef
    ics_field: str = "ics"


def check_given(
    given: GivenComposite,
    current: pd.DataFrame,
    edition: str | None,
    sides: tuple[Component, Component],
    method: str,
) -> None:
    """Stop unless ``given`` is the composite these inputs make (``current``: its fields by
    ICS as :func:`per_ics` gives them): the same edition, ICS codes, counts and composites
    (to :data:`BOUND_TOLERANCE`). What reads a composite back beside its inputs relies on it."""
    table, (commissioners, trusts) = given.table, sides
    inputs = (
        f"{commissioners.source} (ICS from {commissioners.group_description}) and "
        f"{trusts.source} (ICS from {trusts.group_description})"
    )
    editions = (
        sorted(set(table[EDITION_FIELD].dropna().astype(str))) if EDITION_FIELD in table else []
    )
    if editions and editions != [edition]:
        raise InputMismatchError(
            f"{given.source} is the composite of edition {', '.join(editions)}, but {inputs} are "
            f"read for edition {edition}. Give the composite of these inputs, or choose its edition."
        )
    rows = table.assign(_ics=clean_codes(table[given.ics_field])).dropna(subset=["_ics"])
    theirs = rows.drop_duplicates("_ics").set_index("_ics")
    index = current.index.union(theirs.index)
    mine, theirs = current.reindex(index), theirs.reindex(index)
    counts = ["n_commissioners", "n_trusts"]
    same_counts = (mine[counts] == theirs[counts].apply(pd.to_numeric, errors="coerce")).all(axis=1)
    a, b = mine["composite_score"], pd.to_numeric(theirs["composite_score"], errors="coerce")
    same_scores = (a.isna() & b.isna()) | ((a - b).abs() <= BOUND_TOLERANCE)
    differing = index[~(same_counts & same_scores)]
    if len(differing) == 0:
        return
    ics = differing[0]
    hint = explain_mismatch(
        pd.concat([commissioners.group_codes(), trusts.group_codes()]).dropna(),
        theirs.index,
        wanted_in="the ICS codes the commissioners and trusts name",
        available_in=f"field {given.ics_field!r} of {given.source}",
    )
    raise InputMismatchError(
        f"{given.source}: ICS {ics} has composite {_score(b[ics])} from "
        f"{_count(theirs.at[ics, 'n_commissioners'])} commissioners and "
        f"{_count(theirs.at[ics, 'n_trusts'])} trusts, but {inputs} give {_score(a[ics])} from "
        f"{_count(mine.at[ics, 'n_commissioners'])} and {_count(mine.at[ics, 'n_trusts'])} "
        f"(edition {edition}; {method}). {hint + ' ' if hint else ''}Give the commissioners, "
        "trusts, edition and method the composite was computed from."
    )


def _score(value: object) -> str:
    """A composite in a message: '+0.2500', or 'none'."""
    number = pd.to_numeric(pd.Series([value]), errors="coerce").iloc[0]
    return "none" if pd.isna(number) else f"{float(number):+.4f}"


def _count(value: object) -> str:
    """A count in a message: '3', or 'no' (an ICS the table does not have)."""
    number = pd.to_numeric(pd.Series([value]), errors="coerce").iloc[0]
    return "no" if pd.isna(number) else f"{int(number)}"
