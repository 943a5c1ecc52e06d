"""Population tables joined to organisations by code, so analysts need not pre-join.

A population table (GP registered patients per CCG or sub-ICB location, ONS resident
population, ...) gives each commissioner the population that weighs its score, or sums
to each ICS's population for the shading of the trust-proportions map.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import pandas as pd

from .codes import blank_codes, clean_codes
from .component import Component
from .errors import DuplicateCodeError, PopulationError
from .fields import require_fields
from .published_method import DEFAULT_TIER_WEIGHTS
from .sources import SOURCE_ROW, SourceRef, source_rows
from .weights import Weighting, weights_of


@dataclass(frozen=True)
class PopulationTable:
    """A table of populations: the field holding the code each row belongs to (an
    organisation's or an ICS's) and the field holding the population."""

    table: pd.DataFrame
    source: SourceRef
    code_field: str
    value_field: str


def population_by_code(population: PopulationTable) -> pd.Series:
    """Population per code, checked: every row has a code and a number from 0 to 10^9; a
    code listed twice with two different populations stops the run."""
    table, source = population.table, population.source
    require_fields(
        [c for c in table.columns if c != SOURCE_ROW],
        {population.code_field: "code", population.value_field: "population"},
        source=source,
    )
    rows = source_rows(table, source)
    codes = clean_codes(table[population.code_field])
    blank = blank_codes(codes)
    if blank.any():
        raise PopulationError(
            f"{source}: field {population.code_field!r} is empty in "
            f"{source.rows(rows[blank].tolist())}; every population row needs a code."
        )
    values = weights_of(
        table[population.value_field],
        weighting=Weighting.POPULATION,
        tier_weights=DEFAULT_TIER_WEIGHTS,
        field=population.value_field,
        source=source,
        codes=codes,
        rows=rows,
    )
    frame = pd.DataFrame({"code": codes, "value": values, "row": rows}).drop_duplicates(
        ["code", "value"]
    )
    clash = frame[frame["code"].duplicated(keep=False)]
    if not clash.empty:
        listed = "; ".join(
            f"{code}: "
            + ", ".join(f"{source.unit} {r} {v:g}" for r, v in zip(g["row"], g["value"]))
            for code, g in list(clash.groupby("code"))[:10]
        )
        raise DuplicateCodeError(
            f"{source}: codes listed with two different populations ({listed})."
        )
    return frame.set_index("code")["value"]


def with_population(
    component: Component, population: PopulationTable
) -> tuple[Component, tuple[str, ...]]:
    """The component weighted by the population table's value for each organisation's code.

    An organisation that counts but has no population row stops the run (naming it);
    population rows matching no organisation are noted.
    """
    values = population_by_code(population)
    codes = clean_codes(component.table[component.code_field])
    label = f"{population.value_field} of {population.source}"
    table = component.table.assign(**{label: codes.map(values)})
    unused = sorted(set(values.index) - set(codes.dropna()))
    notes: tuple[str, ...] = ()
    if unused:
        notes = (
            f"{population.source}: {len(unused)} population row(s) match no organisation of "
            f"{component.source} (e.g. {', '.join(unused[:5])}); they weigh nothing.",
        )
    weighted = dataclasses.replace(
        component, table=table, weight_field=label, weighting=Weighting.POPULATION
    )
    return weighted, notes


def with_population_field(
    component: Component, population: PopulationTable
) -> tuple[Component, tuple[str, ...]]:
    """The component with the population table's value for each organisation's code as a
    field of its own, named as the table's (its weighting unchanged): another population
    the ICSs can be ranked by (:mod:`.rank_range`), joined as an analyst joins it in QGIS.
    An organisation without a row holds none; rows matching no organisation are noted."""
    weighted, notes = with_population(component, population)
    values = weighted.table[weighted.weight_field]
    table = component.table.assign(**{population.value_field: values.to_numpy()})
    return dataclasses.replace(component, table=table), notes
