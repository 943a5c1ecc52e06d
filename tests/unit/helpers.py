"""Small builders for core inputs (no QGIS): organisations as a layer would give them, and
the 2020/21 sample's sides as the import gives them."""

from __future__ import annotations

import json

import pandas as pd

from dspt_qgis.core.component import Component
from dspt_qgis.core.population import PopulationTable, with_population
from dspt_qgis.core.resolve import ImportRequest, import_export
from dspt_qgis.core.sources import file_source, layer_source
from dspt_qgis.core.weights import Weighting


def orgs(rows: list[tuple], extra: list[str] | None = None) -> pd.DataFrame:
    """A table with code, ics, status (and ``extra`` columns), numbered as features."""
    frame = pd.DataFrame(rows, columns=["code", "ics", "status", *(extra or [])], dtype=object)
    frame["source_row"] = range(1, len(frame) + 1)
    return frame


def side(
    rows: list[tuple],
    role: str = "trust",
    *,
    extra: list[str] | None = None,
    weight_field: str | None = None,
    weighting: Weighting = Weighting.MEAN,
    **options: object,
) -> Component:
    """A side of the method from rows of (code, ics, status[, extra...])."""
    return Component(
        orgs(rows, extra),
        layer_source(f"{role}s"),
        role,
        code_field="code",
        status_field="status",
        group_field="ics",
        weight_field=weight_field,
        weighting=weighting,
        **options,  # type: ignore[arg-type]
    )


def sample_sides(shared_data, weighted: bool) -> tuple[Component, Component, list[str]]:
    """The 2020/21 sample's commissioners (weighted by GP registered patients, or simply)
    and trusts by STP20CD, each with the import's ``decided_by``; the 42 STP codes."""
    result = import_export(
        shared_data / "dspt/2020_21/curated_dspt_20220208.csv", ImportRequest(edition="20/21")
    )
    table = result.table.assign(decided_by=result.decided_by)

    def component(rows: pd.DataFrame, name: str, role: str) -> Component:
        return Component(rows, layer_source(name), role, "code", "status", group_field="STP20CD")

    commissioners = component(table[table["sector"] == "Commissioner"], "CCGs", "commissioner")
    if weighted:
        patients = pd.read_csv(
            shared_data / "populations/ccg_april2020_gp_registered_jan2021.csv", dtype=str
        )
        commissioners, _ = with_population(
            commissioners,
            PopulationTable(patients, file_source("gp.csv"), "CCG20CDH", "registered_patients"),
        )
    stps = [
        f["properties"]["STP20CD"]
        for f in json.loads((shared_data / "boundaries/stp_april2020.geojson").read_text())[
            "features"
        ]
    ]
    return commissioners, component(table[table["sector"] == "Trust"], "Trusts", "trust"), stps
