"""The crosswalk onto a newer geography, on five small areas, weights worked out by hand.

Old geography: A1, A2 -> OLD1 (Exceeded, 3); A3 -> OLD2 (Not Met, -3); A4 -> OLD3 (no row).
New geography: N1 = A1 (100) + A5 (200, a new code, matched by area to A4);
               N2 = A2 (300) + A3 (100)   (OLD1 is split between N1 and N2).
"""

from __future__ import annotations

import pandas as pd
import pytest

from dspt_qgis.core.crosswalk import (
    AreaMatch,
    CrosswalkError,
    NewGeography,
    OldGeography,
    Table,
    areas_beside,
    areas_without_code_match,
    crosswalk,
)
from dspt_qgis.core.errors import DuplicateCodeError, PopulationError
from dspt_qgis.core.sources import file_source

STATUSES = Table(
    pd.DataFrame(
        {
            "code": ["OLD1", "OLD2"],
            "status": ["Standards Exceeded", "Standards Not Met"],
            "name": ["Old one", "Old two"],
        }
    ),
    file_source("icb.csv"),
)
OLD = OldGeography(
    Table(
        pd.DataFrame({"area": ["A1", "A2", "A3", "A4"], "icb": ["OLD1", "OLD1", "OLD2", "OLD3"]}),
        file_source("old.csv"),
    ),
    "area",
    "icb",
)


def new_geography(rows=None) -> NewGeography:
    rows = rows or [("A1", "N1", 100), ("A2", "N2", 300), ("A3", "N2", 100), ("A5", "N1", 200)]
    table = pd.DataFrame(rows, columns=["area", "ics", "patients"]).astype({"patients": object})
    return NewGeography(Table(table, file_source("new.csv")), "area", "ics", "patients")


def run(**kwargs):
    arguments = {
        "code_field": "code",
        "status_field": "status",
        "name_field": "name",
        "old": OLD,
        "new": new_geography(),
        "area_matches": {"A5": AreaMatch("A4", 0.9)},
        **kwargs,
    }
    return crosswalk(STATUSES, **arguments)


def weighted_means(result) -> dict[str, float]:
    table = result.table
    return {
        ics: (g["score"] * g["weight"]).sum() / g["weight"].sum() for ics, g in table.groupby("ics")
    }


def test_each_small_area_takes_the_status_of_whoever_covered_it():
    table = run().table.set_index("area")
    assert table["status_code"].to_dict() == {
        "A1": "OLD1",
        "A2": "OLD1",
        "A3": "OLD2",
        "A5": "OLD3",
    }
    assert table["status"].to_dict() == {
        "A1": "Standards Exceeded",
        "A2": "Standards Exceeded",
        "A3": "Standards Not Met",
        "A5": "Not Published",
    }
    assert table.loc["A5", "matched_by"] == "area overlap: 90% of it lies in A4"
    assert table.loc["A1", "matched_by"] == "code"


def test_a_split_organisation_counts_in_each_new_ics_by_its_areas_population():
    result = run()
    assert weighted_means(result) == pytest.approx(
        {"N1": (3 * 100 - 3 * 200) / 300, "N2": (3 * 300 - 3 * 100) / 400}
    )
    shares = result.shares.set_index(["ics", "status_code"])["share"].to_dict()
    assert shares == pytest.approx(
        {("N1", "OLD1"): 1 / 3, ("N1", "OLD3"): 2 / 3, ("N2", "OLD1"): 0.75, ("N2", "OLD2"): 0.25}
    )
    assert result.table.set_index("area")["ics_share"].to_dict() == pytest.approx(
        {"A1": 1 / 3, "A5": 2 / 3, "A2": 0.75, "A3": 0.25}
    )


def test_the_new_lookups_rows_are_kept_and_a_missing_status_is_noted():
    result = run()
    assert list(result.table["area"]) == ["A1", "A2", "A3", "A5"]
    assert any("OLD3" in note and "Not Published" in note for note in result.notes)
    assert any("A5: area overlap" in note for note in result.notes)


def test_an_area_the_old_geography_lacks_is_named_until_matched():
    missing = areas_without_code_match(OLD, STATUSES, "code", new_geography())
    assert missing.to_dict("records") == [{"area": "A5", "ics": "N1"}]
    with pytest.raises(CrosswalkError, match=r"small area A5 \(row 5\) is not in file old\.csv"):
        run(area_matches={})


def test_without_an_old_lookup_the_statuses_are_the_areas_own():
    own = Table(
        pd.DataFrame({"code": ["A1", "A2"], "status": ["Standards Met", "Approaching Standards"]}),
        file_source("sub_icb.csv"),
    )
    result = crosswalk(
        own,
        code_field="code",
        status_field="status",
        name_field=None,
        old=None,
        new=new_geography([("A1", "N1", 10), ("A2", "N1", 30)]),
    )
    assert weighted_means(result) == pytest.approx({"N1": (1 * 10 - 1 * 30) / 40})


def test_an_area_listed_twice_in_the_new_lookup_stops():
    with pytest.raises(DuplicateCodeError, match=r"A1 \(rows 2, 3\)"):
        run(new=new_geography([("A1", "N1", 1), ("A1", "N2", 2)]))


def test_an_area_under_two_old_organisations_stops():
    old = OldGeography(
        Table(
            pd.DataFrame({"area": ["A1", "A1"], "icb": ["OLD1", "OLD2"]}), file_source("old.csv")
        ),
        "area",
        "icb",
    )
    with pytest.raises(
        DuplicateCodeError, match=r"A1: OLD1 \(row 2\), OLD2 \(row 3\)\. .*share field"
    ):
        run(old=old)


def test_a_bad_population_names_the_area_and_row():
    with pytest.raises(Exception, match=r"patients.*A2.*row 3"):
        run(new=new_geography([("A1", "N1", 100), ("A2", "N2", "lots")]))


def test_the_areas_beside_a_new_one_are_the_rest_of_its_ics():
    missing = areas_without_code_match(OLD, STATUSES, "code", new_geography())
    assert areas_beside(missing, new_geography()) == {"N1": ["A1"]}


def test_two_new_areas_in_one_ics_cannot_be_told_apart():
    new = new_geography([("A1", "N1", 100), ("A5", "N1", 200), ("A6", "N1", 50)])
    missing = areas_without_code_match(OLD, STATUSES, "code", new)
    with pytest.raises(CrosswalkError, match=r"A5, A6 in N1"):
        areas_beside(missing, new)


def test_an_ics_whose_small_areas_weigh_nothing_stops_naming_it_and_its_areas():
    new = new_geography([("A1", "N1", 100), ("A2", "N2", 0), ("A3", "N2", 0), ("A5", "N1", 200)])
    with pytest.raises(
        PopulationError,
        match=r"file new.csv: the 'patients' values of the small areas of an ICS add up "
        r"to zero, so no share of it exists \(ICS N2: A2 \(row 3\), A3 \(row 4\)\)",
    ):
        run(new=new)


def test_a_small_area_without_an_ics_code_stops_naming_its_row():
    new = new_geography(
        [("A1", "N1", 100), ("A2", None, 300), ("A3", "N2", 100), ("A5", "N1", 200)]
    )
    with pytest.raises(CrosswalkError, match=r"file new.csv: field 'ics' is empty in row 3"):
        run(new=new)


def merged_old(rows) -> OldGeography:
    """An old lookup listing a small area under each organisation merged into it, with
    each one's registered patients."""
    table = pd.DataFrame(rows, columns=["area", "ccg", "patients"]).astype({"patients": object})
    return OldGeography(Table(table, file_source("merged.csv")), "area", "ccg", "patients")


def test_an_area_formed_from_several_organisations_is_split_by_their_shares():
    """A1 was OLD1 (30 patients) and OLD2 (10): of its 100, OLD1 takes 75 and OLD2 25;
    A2 (OLD1 only) keeps its 300 whatever OLD1's share says."""
    old = merged_old([("A1", "OLD1", 30), ("A1", "OLD2", 10), ("A2", "OLD1", 5)])
    result = run(old=old, new=new_geography([("A1", "N1", 100), ("A2", "N1", 300)]))
    table = result.table.set_index("code")
    assert table["weight"].to_dict() == pytest.approx({"A1/OLD1": 75, "A1/OLD2": 25, "A2": 300})
    assert table["area_part"].to_dict() == pytest.approx(
        {"A1/OLD1": 0.75, "A1/OLD2": 0.25, "A2": 1}
    )
    assert list(table["area"]) == ["A1", "A1", "A2"]
    assert weighted_means(result) == pytest.approx({"N1": (75 * 3 - 25 * 3 + 300 * 3) / 400})
    assert table.loc["A1/OLD2", "matched_by"] == "code; 25% of it from OLD2 (by patients)"
    assert table.loc["A2", "matched_by"] == "code"
    assert any("A1/OLD1: code; 75% of it from OLD1" in note for note in result.notes)


def test_an_organisation_listed_twice_in_one_area_adds_its_shares():
    old = merged_old([("A1", "OLD1", 10), ("A1", "OLD2", 10), ("A1", "OLD1", 20)])
    result = run(old=old, new=new_geography([("A1", "N1", 100)]))
    assert result.table.set_index("code")["weight"].to_dict() == pytest.approx(
        {"A1/OLD1": 75, "A1/OLD2": 25}
    )


def test_organisations_sharing_an_area_with_no_share_stop_naming_it():
    old = merged_old([("A1", "OLD1", 0), ("A1", "OLD2", 0), ("A2", "OLD1", 0)])
    with pytest.raises(
        PopulationError, match=r"merged.csv: the 'patients' values .* A1 \(rows 2, 3\)\.$"
    ):
        run(old=old, new=new_geography([("A1", "N1", 100), ("A2", "N1", 300)]))


def test_a_share_that_is_not_a_number_names_the_organisation_and_row():
    old = merged_old([("A1", "OLD1", 30), ("A1", "OLD2", "many")])
    with pytest.raises(PopulationError, match=r"'patients'.*OLD2.*row 3"):
        run(old=old, new=new_geography([("A1", "N1", 100)]))
