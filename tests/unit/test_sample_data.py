"""The core on the real published samples, checked against independent hand computations.

Expectations are computed here with the ``csv`` module and plain arithmetic from the
files' own columns (the curated file's ``Short.Status``, the snapshots' ``Status``
strings), never with the code under test.
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from statistics import mean

import pytest

from dspt_qgis.core.aggregate import Component, ics_composite
from dspt_qgis.core.resolve import import_export

SCORE = {
    "Standards Exceeded": 3,
    "Standards Met": 1,
    "Approaching Standards": -1,
    "Standards Not Met": -3,
    "Not Published": -3,
}


def read_rows(path):
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def hand_status(raw: str, edition: str) -> str:
    """'22/23 Standards Met' -> 'Standards Met' when of the edition, else Not Published."""
    return raw[6:] if raw.startswith(edition + " ") else "Not Published"


def test_curated_2020_21_short_status_rederived_for_all_rows(shared_data):
    path = shared_data / "dspt/2020_21/curated_dspt_20220208.csv"
    rows = read_rows(path)
    resolved = import_export(path, edition="20/21").table.set_index("code")["status"]
    mismatches = [
        (r["Code"], r["Short.Status"], resolved.get(r["Code"]))
        for r in rows
        if resolved.get(r["Code"]) != r["Short.Status"]
    ]
    assert len(rows) == 357
    assert mismatches == []


def hand_composites(commissioners, trusts):
    groups = set(commissioners) | set(trusts)
    return {
        g: 0.5 * mean(commissioners[g]) + 0.5 * mean(trusts[g])
        for g in groups
        if commissioners.get(g) and trusts.get(g)
    }


def test_2020_21_ics_composites_match_hand_check(shared_data):
    path = shared_data / "dspt/2020_21/curated_dspt_20220208.csv"
    seen, comm, trust = set(), defaultdict(list), defaultdict(list)
    for row in read_rows(path):
        if row["Code"] in seen:
            continue
        seen.add(row["Code"])
        target = {"CCG": comm, "Trust": trust}.get(row["Sector"])
        if target is not None:
            target[row["STP20CD"]].append(SCORE[row["Short.Status"]])
    expected = hand_composites(comm, trust)
    stps = [
        f["properties"]["STP20CD"]
        for f in json.loads((shared_data / "boundaries/stp_april2020.geojson").read_text())[
            "features"
        ]
    ]

    table = import_export(path, edition="20/21").table
    result = ics_composite(
        Component(table[table["sector"] == "Commissioner"], "commissioners", group_field="STP20CD"),
        Component(table[table["sector"] == "Trust"], "trusts", group_field="STP20CD"),
        groups=stps,
    )
    got = result.table.set_index("ics")["composite_score"].to_dict()
    assert len(got) == 42
    assert len(expected) == 42
    assert got == pytest.approx(expected)
    assert result.table["n_commissioners"].sum() == 135
    assert result.table["n_trusts"].sum() == 216  # 217 rows, RW6 listed twice


def test_2022_23_ics_composites_match_hand_check(shared_data):
    icb_path = shared_data / "dspt/2022_23/icb_snapshot_20231116.csv"
    trust_path = shared_data / "dspt/2022_23/trusts_snapshot_20231116.csv"
    comm, trust = defaultdict(list), defaultdict(list)
    for row in read_rows(icb_path):
        comm[row["ICB23CDH"]].append(SCORE[hand_status(row["Status"], "22/23")])
    for row in read_rows(trust_path):
        trust[row["High Level Health Geography"]].append(SCORE[hand_status(row["Status"], "22/23")])
    expected = hand_composites(comm, trust)

    icbs = import_export(icb_path, edition="22/23").table
    trusts = import_export(trust_path, edition="22/23").table
    result = ics_composite(
        Component(icbs, "ICBs", group_field="ICB23CDH"),
        Component(trusts, "trusts", group_field="High Level Health Geography"),
        groups=sorted(comm),
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
    assert len(result.diagnostics) == len(read_rows(path))
    assert set(result.table["status"]) <= set(SCORE)
