"""How far each ICS's rank depends on the method: its place under every variant of the
published method the inputs allow.

The published method leaves choices open: commissioners averaged simply or weighted by a
population (GP registered patients, ONS residents, ...), trusts simply or by EPRR tier. A
board reading "we rank 14th" should know whether another reasonable choice would say 4th
or 30th. Each variant is the composite itself with one side counted again under another
weighting (:func:`~.composite.count_sides`, :func:`~.component.count_side`,
:func:`~.composite.per_ics`), ranked as the atlas ranks (:func:`~.atlas.ranking`); the same
organisations count under every variant, only their weights change.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from .atlas import ranking
from .component import Component, count_side, group_means
from .composite import CompositeRequest, CountedSides, count_sides, named_mean_words, per_ics
from .weights import Weighting

#: An ICS whose best and worst rank lie more than this many places apart depends on the method.
RANK_SPAN = 5
#: What :data:`RANGE_FIELDS`' ``rank_note`` says of such an ICS.
DEPENDS = "depends on the method"

#: Fields of the rank-range table, in this order (the public output contract).
RANGE_FIELDS: tuple[str, ...] = (
    "ics",
    "composite_score",
    "rank",
    "rank_label",
    "rank_best",
    "rank_worst",
    "rank_best_variant",
    "rank_worst_variant",
    "rank_note",
)
#: What the rank range adds to a composite's table (which has ``ics`` and ``composite_score``).
ADDED_FIELDS: tuple[str, ...] = RANGE_FIELDS[2:]
#: The places among them: whole numbers, none where the ICS has no composite.
PLACES: tuple[str, ...] = ("rank", "rank_best", "rank_worst")


@dataclass(frozen=True)
class VariantRequest:
    """The composite as chosen, and what else the inputs allow: fields of the
    commissioners' table each holding a population to weigh by, and the trusts' EPRR tier
    field. ``span``: how many places apart best and worst may lie before an ICS's rank
    depends on the method."""

    composite: CompositeRequest = CompositeRequest()
    populations: Sequence[str] = ()
    tier_field: str | None = None
    span: int = RANK_SPAN


@dataclass(frozen=True)
class RankRanges:
    """:data:`RANGE_FIELDS` per ICS (``composite_score``, ``rank``: as chosen; the variant
    giving the best and the worst rank, the first such in :attr:`variants`, empty where
    every variant ranks the ICS alike); the variants, named, the chosen one first; each
    ICS's rank under each (by ICS code, a column per variant); notes for the log."""

    table: pd.DataFrame
    variants: tuple[str, ...]
    ranks: pd.DataFrame
    notes: tuple[str, ...]


def rank_ranges(
    commissioners: Component, trusts: Component, request: VariantRequest = VariantRequest()
) -> RankRanges:
    """Each ICS's rank under every variant, its best and worst, and whether its rank
    depends on the method (see the module docstring)."""
    choices = request.composite
    sides = count_sides(commissioners, trusts, choices)
    c_means = _side_variants(
        (commissioners, "commissioner", 0),
        sides,
        choices,
        [(Weighting.POPULATION, field) for field in request.populations],
    )
    t_means = _side_variants(
        (trusts, "trust", 1),
        sides,
        choices,
        [(Weighting.TIER, request.tier_field)] if request.tier_field else [],
    )
    composites = {
        f"{c_name} + {t_name}": per_ics(c, t, sides.groups, choices, (c_name, t_name))[
            "composite_score"
        ]
        for c_name, c in c_means.items()
        for t_name, t in t_means.items()
    }
    chosen = next(iter(composites.values()))
    ranks = pd.DataFrame({name: ranking(c)["rank"] for name, c in composites.items()})
    table = ranking(chosen)[["rank", "rank_label"]].copy()
    table.insert(0, "composite_score", chosen)
    table["rank_best"], table["rank_worst"] = ranks.min(axis=1), ranks.max(axis=1)
    moves = ranks.notna().all(axis=1) & (table["rank_best"] < table["rank_worst"])
    table["rank_best_variant"] = ranks[moves].idxmin(axis=1).reindex(table.index).fillna("")
    table["rank_worst_variant"] = ranks[moves].idxmax(axis=1).reindex(table.index).fillna("")
    depends = (table["rank_worst"] - table["rank_best"]) > request.span
    table["rank_note"] = depends.map({True: DEPENDS, False: ""})
    table = table.rename_axis("ics").reset_index()
    return RankRanges(
        table[list(RANGE_FIELDS)],
        tuple(composites),
        ranks.rename_axis("ics"),
        _notes(composites, table, request.span),
    )


def with_rank_ranges(table: pd.DataFrame, ranges: RankRanges) -> pd.DataFrame:
    """The composite's table (by ``ics``) with each ICS's :data:`ADDED_FIELDS` beside, the
    places as nullable whole numbers: the one shape every engine writes, so the QGIS
    composite and dspt-report's agree field for field."""
    ranks = ranges.table.set_index("ics")[list(ADDED_FIELDS)]
    joined = table.join(ranks, on="ics")
    return joined.astype({field: "Int64" for field in PLACES})


def _side_variants(
    side: tuple[Component, str, int],
    sides: CountedSides,
    choices: CompositeRequest,
    others: list[tuple[Weighting, str]],
) -> dict[str, pd.DataFrame]:
    """A side's means per ICS under each weighting, by name: as chosen first, then the
    simple mean, then each weighting of ``others`` (each variant once). ``side``: the
    component, its role in words, and which side it is (0 commissioners, 1 trusts)."""
    component, role, which = side
    counted = (sides.commissioners, sides.trusts)[which]
    variants = {named_mean_words(component, role): group_means(counted.used, component)}
    alternatives = [
        dataclasses.replace(component, weighting=Weighting.MEAN, weight_field=None),
        *(
            dataclasses.replace(component, weighting=weighting, weight_field=field)
            for weighting, field in others
        ),
    ]
    for variant in alternatives:
        name = named_mean_words(variant, role)
        if name in variants:
            continue
        recounted = count_side(
            variant,
            parsed=sides.parsed[which],
            edition=sides.edition,
            groups=sides.groups,
            scheme=choices.scheme,
        )
        variants[name] = group_means(recounted.used, variant)
    return variants


def _notes(composites: dict[str, pd.Series], table: pd.DataFrame, span: int) -> tuple[str, ...]:
    """The variants, and the ICSs whose rank depends on the method, for the log."""
    depends = table.loc[table["rank_note"] == DEPENDS, "ics"].tolist()
    listed = "; ".join(f"({n}) {name}" for n, name in enumerate(composites, start=1))
    said = (
        f"{len(depends)} ICS(s) rank more than {span} places apart between variants "
        f"(their rank depends on the method): {', '.join(depends)}."
        if depends
        else f"No ICS ranks more than {span} places apart between variants."
    )
    return (
        f"Ranks under {len(composites)} variant(s) of the method, the chosen first: {listed}.",
        said,
    )
