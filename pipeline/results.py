"""The steps that compute the method's results from its inputs, with the core as the QGIS
algorithms compute them: the ICS composite, what would raise it, the trust proportions and
the summary."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..core.codes import IcsCodes
from ..core.component import Component
from ..core.composite import CompositeRequest, GivenComposite, ics_composite
from ..core.crosstab import sector_status_crosstab
from ..core.gains import GainsRequest, composite_gains
from ..core.population import PopulationTable, with_population, with_population_field
from ..core.proportions import POPULATION_FIELD, ProportionsRequest, trust_proportions
from ..core.rank_range import VariantRequest, rank_ranges
from ..core.resolve import DECIDED_BY_FIELD
from ..core.sources import file_source, layer_source
from ..core.weights import totals_by_group
from .crosswalk import read_file
from .inputs import numbered, with_lookup
from .state import Run
from .steps import Composite, Gains, Population, Proportions, Summary


def composite(run: Run, step: Composite) -> None:
    """Each ICS's composite, its commissioners weighted by the step's population table
    when it names one, and its rank under every variant of the method (each of the step's
    other populations among them)."""
    side = run.side
    if step.population is not None:
        side, _ = with_population(side, population_table(run, step.population))
    for other in step.others:
        side, _ = with_population_field(side, population_table(run, other))
    request = CompositeRequest(groups=IcsCodes.of(run.ics[run.recipe.ics_code]))
    run.composite_commissioners = side
    run.composite = ics_composite(side, run.trust_side, request)
    run.rank_ranges = rank_ranges(
        side,
        run.trust_side,
        VariantRequest(request, populations=tuple(o.value_field for o in step.others)),
    )


def population_table(run: Run, step: Population) -> PopulationTable:
    """The recipe's population table of ``step``, as the composite joins it by code: named
    by its file's name, as QGIS names a file (the variants it weighs are named by it)."""
    table = read_file(run.data, run.recipe, step.role, (step.code_field, step.value_field)).table
    name = Path(run.recipe.files[step.role]).name
    return PopulationTable(table, file_source(name), step.code_field, step.value_field)


def gains(run: Run, step: Gains) -> None:
    """Each submission's gain to its ICS's composite, from the composite just computed and
    the sides it weighed (a side's statuses decided by the submission its decided_by names,
    where the side carries the import's field)."""
    commissioners, trusts = run.composite_commissioners, run.trust_side
    groups = IcsCodes.of(run.ics[run.recipe.ics_code])
    run.gains = composite_gains(
        commissioners,
        trusts,
        GivenComposite(run.composite.table, layer_source("ics_composite")),
        GainsRequest(
            CompositeRequest(groups=groups),
            commissioner_decided_by=_decided_by(commissioners),
            trust_decided_by=_decided_by(trusts),
        ),
    )


def _decided_by(side: Component) -> str | None:
    """The decided_by field when the side carries it: the import's (a successor's
    submission), the join's copy of it, the crosswalk's (the submission whose status each
    small area takes)."""
    return DECIDED_BY_FIELD if DECIDED_BY_FIELD in side.table.columns else None


def proportions(run: Run, step: Proportions) -> None:
    """Each ICS's share of trusts in each status, with its population (map 2's shading)."""
    groups = IcsCodes.of(run.ics[run.recipe.ics_code])
    run.proportions = trust_proportions(run.trust_side, ProportionsRequest(groups=groups))
    run.proportions.table[POPULATION_FIELD] = run.proportions.table["ics"].map(
        ics_population(run, step.population)
    )


def ics_population(run: Run, step: Population) -> pd.Series:
    """Population per ICS code, its codes translated first when the step says."""
    table = read_file(run.data, run.recipe, step.role, (step.code_field, step.value_field)).table
    group = step.code_field
    if step.lookup is not None:
        table = with_lookup(run.data, run.recipe, table, step.code_field, step.lookup)
        group = step.lookup.target
    return totals_by_group(
        table,
        group_field=group,
        value_field=step.value_field,
        source=file_source(run.recipe.files[step.role]),
    )


def summary(run: Run, step: Summary) -> None:
    """The statuses counted by sector and status."""
    run.crosstab = sector_status_crosstab(
        numbered(run.statuses),
        sector_field="sector",
        status_field="status",
        source=layer_source("statuses"),
        edition_field="edition",
    )
