"""Numbers that weigh organisations: populations, weights and EPRR tiers.

Every number from a parameter or a field is checked before it weighs anything: finite,
in range, given once. A NaN tier weight would weigh a trust 0 while still counting it; an
infinite one would empty the trust mean; a repeated tier would silently take the last
value. Each of these stops with the analyst's own field, code and row.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from enum import Enum

import numpy as np
import pandas as pd

from .codes import clean_codes
from .errors import PopulationError
from .published_method import DEFAULT_TIER_WEIGHTS
from .sources import SourceRef, source_rows

#: No population or weight is larger: above it a value is a typo (England has about 57
#: million people), and sums of such values would lose the precision of the mean.
LARGEST_WEIGHT = 1e9


class Weighting(str, Enum):
    """How a side's scores are averaged per ICS."""

    MEAN = "mean"  # every organisation counts once
    POPULATION = "population"  # weighted by the population each serves
    WEIGHT = "weight"  # weighted by a number given per organisation
    TIER = "tier"  # weighted by EPRR tier, through the tier weights


def parse_tier_weights(text: str) -> dict[int, float]:
    """Read ``"1=4; 2=3; 3=2; 4=1"`` (tier=weight); empty text gives the published weights.

    A tier is a whole number given once; a weight a finite number above zero.
    """
    if not text or not text.strip():
        return dict(DEFAULT_TIER_WEIGHTS)
    weights: dict[int, float] = {}
    for part in filter(None, (p.strip() for p in text.replace(",", ";").split(";"))):
        tier_text, sep, weight_text = part.partition("=")
        try:
            tier = int(tier_text.strip())
            weight = float(weight_text)
        except ValueError:
            raise PopulationError(
                f"Cannot read EPRR tier weight {part!r}: write tier=weight, e.g. '1=4; 2=3'."
            ) from None
        if not sep:
            raise PopulationError(f"Cannot read EPRR tier weight {part!r}: write tier=weight.")
        if tier in weights:
            raise PopulationError(f"EPRR tier {tier} is given two weights; give each tier once.")
        if not math.isfinite(weight) or weight <= 0 or weight > LARGEST_WEIGHT:
            raise PopulationError(
                f"EPRR tier {tier} weight {weight_text.strip()!r} must be a number above 0 "
                f"and at most {LARGEST_WEIGHT:,.0f}."
            )
        weights[tier] = weight
    return weights


def weights_of(
    values: pd.Series,
    *,
    weighting: Weighting,
    tier_weights: Mapping[int, float],
    field: str,
    source: SourceRef,
    codes: pd.Series,
    rows: pd.Series,
) -> pd.Series:
    """The weight of each organisation from its ``field`` value, checked.

    Populations and weights: finite numbers from 0 to :data:`LARGEST_WEIGHT`. Tiers: whole
    numbers that have a tier weight.
    """
    numbers = pd.to_numeric(values, errors="coerce").astype(float)
    what = {Weighting.TIER: "EPRR tier", Weighting.POPULATION: "population"}.get(
        weighting, "weight"
    )
    bad = numbers.isna() | ~np.isfinite(numbers)
    if bad.any():
        raise PopulationError(
            f"{source}: {what} field {field!r} is missing or not a finite number for "
            + _list(codes[bad], rows[bad], values[bad], source)
            + ". Every organisation that counts needs a value."
        )
    if weighting is Weighting.TIER:
        mapping = {float(k): float(v) for k, v in tier_weights.items()}
        unknown = ~numbers.isin(list(mapping))
        if unknown.any():
            raise PopulationError(
                f"{source}: EPRR tier field {field!r} holds tiers with no weight for "
                + _list(codes[unknown], rows[unknown], values[unknown], source)
                + f". Tiers with a weight: {', '.join(f'{k:g}' for k in mapping)}."
            )
        return numbers.map(mapping)
    out_of_range = (numbers < 0) | (numbers > LARGEST_WEIGHT)
    if out_of_range.any():
        raise PopulationError(
            f"{source}: {what} field {field!r} must lie between 0 and {LARGEST_WEIGHT:,.0f}; "
            "it does not for "
            + _list(codes[out_of_range], rows[out_of_range], values[out_of_range], source)
            + "."
        )
    return numbers


def totals_by_group(
    table: pd.DataFrame, *, group_field: str, value_field: str, source: SourceRef
) -> pd.Series:
    """Sum a population field per group code (e.g. registered patients per ICS)."""
    rows = source_rows(table, source)
    groups = clean_codes(table[group_field])
    numbers = weights_of(
        table[value_field],
        weighting=Weighting.POPULATION,
        tier_weights=DEFAULT_TIER_WEIGHTS,
        field=value_field,
        source=source,
        codes=groups.fillna("(no code)"),
        rows=rows,
    )
    no_group = groups.isna()
    if no_group.any():
        raise PopulationError(
            f"{source}: field {group_field!r} is empty in {source.rows(rows[no_group].tolist())}; "
            "every population row needs the code it belongs to."
        )
    return numbers.groupby(groups).sum()


def _list(
    codes: pd.Series, rows: pd.Series, raw: pd.Series, source: SourceRef, limit: int = 10
) -> str:
    items = [
        f"{code} ({source.unit} {row}: {value!r})" for code, row, value in zip(codes, rows, raw)
    ]
    more = f" and {len(items) - limit} more" if len(items) > limit else ""
    return ", ".join(items[:limit]) + more
