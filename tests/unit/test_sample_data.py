"""The core on the real published samples, checked against independent hand computations.

Expectations are computed here with the ``csv`` module and plain arithmetic from the
files' own columns (the curated file's ``Short.Status``, the snapshots' ``Status``
strings), never with the code under test.
"""

from __future__ import annotations

import json

import pytest

from dspt_qgis.core.codes import IcsCodes
from dspt_qgis.core.component import Component
from dspt_qgis.core.composite import CompositeRequest, ics_composite
from dspt_qgis.core.resolve import ImportRequest, import_export
from dspt_qgis.core.sources import layer_source
from tests import hand_method


def component(table, name: str, role: str, group_field: str) -> Component:
    return Component(
        table,
        layer_source(name),
        role,
        code_field="code",
        status_field="status",
        group_field=group_field,
    )


def test_curated_2020_21_short_status_rederived_for_all_rows(shared_data):
    path = shared_data / "dspt/2020_21/curated_dspt_20220208.csv"
    rows = hand_method.read_rows(path)
    resolved = import_export(path, ImportRequest(edition="20/21")).table.set_index("code")["status"]
    mismatches = [
        (r["Code"], r["Short.Status"], resolved.get(r["Code"]))
        for r in rows
        if resolved.get(r["Code"]) != r["Short.Status"]
    ]
    assert len(rows) == 357
    assert mismatches == []


def test_2020_21_ics_composites_match_hand_check(shared_data):
    path = shared_data / "dspt/2020_21/curated_dspt_20220208.csv"
    expected = hand_method.composites_2020_21(shared_data)
    stps = [
        f["properties"]["STP20CD"]
        for f in json.loads((shared_data / "boundaries/stp_april2020.geojson").read_text())[
            "features"
        ]
    ]
    table = import_export(path, ImportRequest(edition="20/21")).table
    result = ics_composite(
        component(
            table[table["sector"] == "Commissioner"], "commissioners", "commissioner", "STP20CD"
        ),
        component(table[table["sector"] == "Trust"], "trusts", "trust", "STP20CD"),
        CompositeRequest(groups=IcsCodes.of(stps)),
    )
    got = result.table.set_index("ics")["composite_score"].to_dict()
    assert len(got) == 42
    assert len(expected) == 42
    assert got == pytest.approx(expected)
    assert result.table["n_commissioners"].sum() == 135
    assert result.table["n_trusts"].sum() == 216  # 217 rows, RW6 listed twice


def test_2022_23_ics_composites_match_hand_check(shared_data):
    expected = hand_method.composites_2022_23(shared_data)
    icbs = import_export(
        shared_data / "dspt/2022_23/icb_snapshot_20231116.csv", ImportRequest(edition="22/23")
    ).table
    trusts = import_export(
        shared_data / "dspt/2022_23/trusts_snapshot_20231116.csv", ImportRequest(edition="22/23")
    ).table
    result = ics_composite(
        component(icbs, "ICBs", "commissioner", "ICB23CDH"),
        component(trusts, "trusts", "trust", "High Level Health Geography"),
        CompositeRequest(groups=IcsCodes.of(sorted(expected))),
    )
    got = result.table.set_index("ics")["composite_score"].to_dict()
    assert len(got) == 42
    assert got == pytest.approx(expected)
    assert set(result.diagnostics["outcome"]) == {"used"}


@pytest.mark.parametrize(
    "relative",
    [
        "2021_22/ccg_snapshot_20220909.csv",
        "2021_22/trusts_snapshot_20220909.csv",
        "2022_23/csu_snapshot_20231116.csv",
        "2022_23/sub_icb_snapshot_20231017.csv",
    ],
)
def test_every_sample_export_reads_and_accounts_for_every_row(shared_data, relative):
    path = shared_data / "dspt" / relative
    result = import_export(path)
    assert len(result.diagnostics) == len(hand_method.read_rows(path))
    assert set(result.table["status"]) <= set(hand_method.SCORE)
