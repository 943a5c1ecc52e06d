"""What would move our score: how far each organisation's status could lift its ICS's
composite, and where the ICS would then rank.

The composite is linear in every score. An organisation of weight ``w``, on a side whose
organisations in its ICS weigh ``W`` in all (a simple mean: 1 each, ``W`` their number),
that side counting ``s`` in the composite (the commissioner share, or the rest for trusts),
moves its ICS's composite by ``s x w / W x (new score - score)``. Gains are read from that,
with the weights the composite itself counted (:func:`~.composite.count_sides`,
:func:`~.component.group_means`), in one pass over the organisations: the composite is never
re-run per organisation.

What this module decides:

- A gain is never negative. An organisation already at Standards Met or above gains 0 from
  "becoming Met" (it is never asked to fall), and likewise for Exceeded.
- An ICS without trusts or without commissioners: where its composite is empty, its
  organisations have no gain; where the composite is the mean of the side it has, that
  side counts whole (``s`` = 1). Each such row says so in ``gain_note``.
- One submission can decide several organisations' statuses (successors:
  :attr:`~.resolve.ImportResult.decided_by`). It is one row per ICS, under the organisation
  whose submission it is, naming the organisations it decides there (``covers``); its gain
  is the sum of their changes. Where it decides organisations in several ICSs, each ICS's
  rank after the change counts the other ICSs' moves too.
- Ranks are the atlas's (:func:`~.atlas.places`): competition ranking, ties share the best
  place ('=14'). ``gain_rank`` ranks the rows of an ICS by ``gain_if_met`` (reaching Standards
  Met is what the toolkit asks of every organisation).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .atlas import places, ranking
from .codes import IcsCodes, blank_codes, clean_codes
from .component import Component, Counted, group_means
from .composite import (
    CompositeRequest,
    GivenComposite,
    MissingComponent,
    check_given,
    count_sides,
    mean_words,
    method_words,
    per_ics,
)
from .errors import InputMismatchError
from .fields import require_fields
from .published_method import EXCEEDED, MET
from .weights import Weighting

#: Fields of the gains table, in this order (the public output contract).
GAIN_FIELDS: tuple[str, ...] = (
    "ics",
    "code",
    "side",
    "status",
    "covers",
    "n_covered",
    "gain_if_met",
    "gain_if_exceeded",
    "composite_score",
    "composite_if_met",
    "composite_if_exceeded",
    "rank",
    "rank_label",
    "rank_if_met",
    "rank_if_met_label",
    "rank_if_exceeded",
    "rank_if_exceeded_label",
    "gain_rank",
    "gain_note",
    "edition",
    "method",
)

#: The statuses a gain is read for, by the suffix of their fields.
TARGETS = {"met": MET, "exceeded": EXCEEDED}


@dataclass(frozen=True)
class GainsRequest:
    """The composite's choices (its ``groups``: the given composite's ICS codes when None),
    and each side's field naming the organisation whose submission decides each status
    (the import's ``decided_by``; None, or an empty value: the organisation's own)."""

    composite: CompositeRequest = CompositeRequest()
    commissioner_decided_by: str | None = None
    trust_decided_by: str | None = None


@dataclass(frozen=True)
class Gains:
    """:data:`GAIN_FIELDS`, one row per submission per ICS (by ICS, largest gain first);
    notes for the log; the edition and the method the gains assume."""

    table: pd.DataFrame
    notes: tuple[str, ...]
    edition: str | None
    method: str


def composite_gains(
    commissioners: Component,
    trusts: Component,
    given: GivenComposite,
    request: GainsRequest = GainsRequest(),
) -> Gains:
    """Each submission's gain to its ICS's composite if it became Standards Met or Exceeded,
    and the ICS's rank before and after (see the module docstring). ``given`` must be the
    composite these inputs and choices make: anything else stops, naming both."""
    choices = _choices(given, request.composite)
    sides = count_sides(commissioners, trusts, choices)
    means = (
        group_means(sides.commissioners.used, commissioners),
        group_means(sides.trusts.used, trusts),
    )
    words = (mean_words(commissioners, "commissioner"), mean_words(trusts, "trust"))
    current = per_ics(*means, sides.groups, choices, words)
    method = method_words(commissioners, trusts, choices)
    check_given(given, current, sides.edition, (commissioners, trusts), method)
    shares = _side_shares(current, choices)
    organisations = pd.concat(
        [
            _organisations(
                commissioners,
                sides.commissioners,
                means[0],
                shares[0],
                request.commissioner_decided_by,
            ),
            _organisations(trusts, sides.trusts, means[1], shares[1], request.trust_decided_by),
        ],
        ignore_index=True,
    )
    table = _ranked(_entries(organisations, choices), current["composite_score"])
    table["gain_note"] = _gain_notes(table, current)
    table["edition"] = sides.edition
    table["method"] = method
    # by ICS, largest gain first, then by code (the entries' own order: lexsort is stable)
    order = np.lexsort(
        (table["gain_rank"].fillna(np.inf).to_numpy(), pd.factorize(table["ics"], sort=True)[0])
    )
    table = table.take(order)
    return Gains(
        table[list(GAIN_FIELDS)].reset_index(drop=True),
        (*sides.commissioners.notes, *sides.trusts.notes, *_shared_note(table)),
        sides.edition,
        method,
    )


def _shared_note(table: pd.DataFrame) -> tuple[str, ...]:
    """Which submissions decide several organisations' statuses, for the log."""
    shared = table.loc[table["n_covered"] > 1, "code"].drop_duplicates()
    if shared.empty:
        return ()
    return (
        f"{len(shared)} submission(s) decide the status of several organisations each (their "
        f"successors'), e.g. {', '.join(sorted(shared)[:5])}: each is one row per ICS, its gain "
        "the sum of the changes of the organisations it decides there (covers).",
    )


def _choices(given: GivenComposite, choices: CompositeRequest) -> CompositeRequest:
    """The composite's choices, for the ICS codes of the composite given unless named."""
    require_fields(
        list(given.table.columns),
        {
            given.ics_field: "ICS code",
            "composite_score": "composite score",
            "n_commissioners": "number of commissioners",
            "n_trusts": "number of trusts",
        },
        source=given.source,
    )
    if choices.groups is not None:
        return choices
    return dataclasses.replace(choices, groups=IcsCodes.of(given.table[given.ics_field]))


def _side_shares(current: pd.DataFrame, choices: CompositeRequest) -> list[pd.Series]:
    """Per ICS, the share of the composite each side carries: the commissioner share and
    the rest where the ICS has both sides; the whole for the side it has where the
    composite is that side's mean; NaN where there is no composite."""
    has_c = current["commissioner_score"].notna().to_numpy()
    has_t = current["trust_score"].notna().to_numpy()
    alone = 1.0 if choices.missing is MissingComponent.USE_AVAILABLE else np.nan
    share = choices.commissioner_share
    return [
        pd.Series(np.where(mine & other, both, np.where(mine, alone, np.nan)), current.index)
        for mine, other, both in ((has_c, has_t, share), (has_t, has_c, 1.0 - share))
    ]


def _organisations(
    component: Component,
    counted: Counted,
    means: pd.DataFrame,
    side_share: pd.Series,
    decided_by: str | None,
) -> pd.DataFrame:
    """One side's counted organisations: ICS, code, status, score, the share of the
    composite its score carries (side share x weight / the ICS's total weight on the side)
    and the organisation whose submission decides its status."""
    used = counted.used
    weight = (
        used["weight"].to_numpy(dtype=float) if component.weighting is not Weighting.MEAN else 1.0
    )
    total = means["weight"].reindex(used["group"]).to_numpy(dtype=float)
    codes = used["code"].astype(object)
    decider = codes
    if decided_by is not None:
        require_fields(
            list(component.table.columns), {decided_by: "decided-by"}, source=component.source
        )
        named = clean_codes(component.table.loc[used.index, decided_by])
        decider = named.where(~blank_codes(named), codes)
    return pd.DataFrame(
        {
            "ics": used["group"].astype(object).to_numpy(),
            "code": codes.to_numpy(),
            "side": component.role,
            "status": used["status"].astype(object).to_numpy(),
            "score": used["score"].to_numpy(dtype=float),
            "share": side_share.reindex(used["group"]).to_numpy() * weight / total,
            "decider": decider.to_numpy(),
        }
    )


def _entries(organisations: pd.DataFrame, choices: CompositeRequest) -> pd.DataFrame:
    """One row per submission per ICS: the organisations it decides there (``covers``) and
    the sum of their changes to the composite if it became Met, or Exceeded (never below 0)."""
    for suffix, status in TARGETS.items():
        lift = (choices.scheme.scores[status] - organisations["score"]).clip(lower=0.0)
        organisations[f"gain_if_{suffix}"] = organisations["share"] * lift
    _check_one_status(organisations)
    keys = ["decider", "ics"]
    grouped = organisations.groupby(keys, sort=True)  # by code, then ICS
    entries = grouped[["status", "side"]].first()
    entries["n_covered"] = grouped.size()
    gains = [f"gain_if_{suffix}" for suffix in TARGETS]
    entries[gains] = grouped[gains].sum(min_count=1)
    entries["covers"] = grouped["code"].first()
    group = grouped.ngroup().to_numpy()
    several = np.bincount(group)[group] > 1
    if several.any():  # a few submissions decide several organisations: joined only for them
        joined = organisations[several].sort_values("code").groupby(keys)
        shared = joined.size().index
        entries.loc[shared, "covers"] = joined["code"].agg(", ".join)
        entries.loc[shared, "side"] = joined["side"].agg(lambda s: " and ".join(sorted(set(s))))
    return entries.reset_index().rename(columns={"decider": "code"})


def _check_one_status(organisations: pd.DataFrame) -> None:
    """Stop when organisations said to be decided by one submission hold different
    statuses: the decided-by field is not the one resolved with these statuses."""
    shared = organisations[organisations["decider"].duplicated(keep=False)]
    statuses = shared.groupby("decider")["status"].nunique()
    differing = statuses.index[statuses > 1]
    if len(differing) == 0:
        return
    decider = sorted(differing)[0]
    rows = shared[shared["decider"] == decider]
    listed = ", ".join(f"{c} ({s})" for c, s in zip(rows["code"], rows["status"]))
    raise InputMismatchError(
        f"The decided-by fields say {decider}'s submission decides the status of {listed}, "
        f"but their statuses differ ({len(differing)} such submission(s)): the field is not "
        "the one resolved with these statuses. Give the decided-by codes of the import these "
        "statuses come from."
    )


def _ranked(entries: pd.DataFrame, composite: pd.Series) -> pd.DataFrame:
    """The ICS's composite and rank now, and if the submission became Met or Exceeded
    (every ICS it decides organisations in moving at once); each row's gain rank in its ICS."""
    before = ranking(composite)
    at = entries["ics"]
    entries["composite_score"] = composite.reindex(at).to_numpy()
    entries["rank"] = before["rank"].reindex(at).to_numpy()
    entries["rank_label"] = before["rank_label"].reindex(at).to_numpy()
    row, row_other = _moved_together(entries["code"])
    others = row != row_other
    old = entries["composite_score"].to_numpy()
    out = pd.Series(old[row_other], index=row)  # every ICS the submission moves leaves the field
    for suffix in TARGETS:
        new = entries["composite_score"] + entries[f"gain_if_{suffix}"]
        entries[f"composite_if_{suffix}"] = new
        into = pd.Series(new.to_numpy()[row_other[others]], index=row[others])
        placed = places(new, composite, out=out, into=into)
        entries[f"rank_if_{suffix}"] = placed["rank"]
        entries[f"rank_if_{suffix}_label"] = placed["rank_label"]
    gain = entries["gain_if_met"]
    ics = pd.Series(pd.factorize(at)[0], index=entries.index)
    entries["gain_rank"] = places(gain, gain, out=gain, within=(ics, ics))["rank"]
    return entries


def _moved_together(codes: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Every pair of rows (by label) of one submission, each row with itself included:
    one change moves all of them at once."""
    spread = codes.duplicated(keep=False).to_numpy()
    rows = pd.DataFrame({"code": codes[spread], "row": codes.index[spread]})
    pairs = rows.merge(rows, on="code", suffixes=("", "_other"))
    alone = codes.index[~spread].to_numpy()
    return (
        np.concatenate([alone, pairs["row"].to_numpy()]),
        np.concatenate([alone, pairs["row_other"].to_numpy()]),
    )


def _gain_notes(entries: pd.DataFrame, current: pd.DataFrame) -> pd.Series:
    """Why a row's gain is what it is, where that needs saying: its ICS lacks a side (the
    composite's own note, and what follows for the gain), or its submission also decides
    organisations of other ICSs."""
    has_both = current["commissioner_score"].notna() & current["trust_score"].notna()
    composite = current["composite_score"]
    said = pd.Series("", index=current.index, dtype=object)
    alone = ~has_both & composite.notna()
    said[alone] = current.loc[alone, "composite_note"] + ": the side it has counts whole"
    said[composite.isna()] = current.loc[composite.isna(), "composite_note"] + ": no gain"
    notes = said.reindex(entries["ics"]).to_numpy()
    spread = entries["code"].duplicated(keep=False)
    if spread.any():
        icss = entries[spread].groupby("code")["ics"].agg(list)
        elsewhere = [
            f"its submission also decides organisations of ICS "
            f"{', '.join(i for i in icss[code] if i != ics)}"
            for code, ics in zip(entries.loc[spread, "code"], entries.loc[spread, "ics"])
        ]
        notes[spread.to_numpy()] = [
            "; ".join(filter(None, (n, e))) for n, e in zip(notes[spread.to_numpy()], elsewhere)
        ]
    return pd.Series(notes, index=entries.index, dtype=object)
