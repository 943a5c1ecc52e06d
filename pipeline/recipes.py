"""Each edition of the sample data as a recipe: its files, its fields, and the steps that
turn them into the method's inputs, written once, as data.

Three engines carry a recipe out: ``make demo`` through the plugin's Processing
algorithms (:mod:`scripts.demo`), ``dspt-report`` through geopandas
(:mod:`dspt_qgis.pipeline.run`), and the shipped Model Builder model, generated from the
2020/21 recipe (:mod:`scripts.make_model`). A new edition or geography is one more recipe
here. Paths are relative to the data folder (``../shared/data``).
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .sample_files import (
    CCG_POPULATION,
    FILES_2020_21,
    FILES_2021_22,
    FILES_2022_23,
    FILES_2026,
    SOURCES,
)

#: ``Commissioners.rows`` / ``Trusts.rows``: the organisations of this sector of all the
#: imported statuses (one export listing every sector), rather than one export's rows.
BY_SECTOR = "by sector"
REGION_NAME = "NHSER23NM"


@dataclass(frozen=True)
class Export:
    """A DSPT export imported for the edition: its file's role, the sector of rows that
    name none, whether organisations closed before the deadline are left out (ODS files),
    and the name of its import report, when one is kept."""

    role: str
    default_sector: str | None = None
    leave_out_closed: bool = False
    report: str | None = None


@dataclass(frozen=True)
class CodeLookup:
    """A lookup file translating one code into another (``source`` -> ``target``)."""

    role: str
    source: str
    target: str


@dataclass(frozen=True)
class Commissioners:
    """The commissioner polygons (``boundaries``, joined on their ODS ``code_field``) with
    the statuses of ``rows``, and the field holding each one's ICS code: the polygons' own,
    or ``ics_lookup``'s target added to the statuses by commissioner code."""

    boundaries: str
    code_field: str
    rows: str
    ics_field: str
    ics_lookup: CodeLookup | None = None


@dataclass(frozen=True)
class OdsMembership:
    """Each trust's ICS as ODS records it (the recipe's ODS files' high level health
    geography), translated to the ICS layer's codes by ``lookup``."""

    lookup: CodeLookup


@dataclass(frozen=True)
class Trusts:
    """The trusts: the statuses of ``rows`` as points from ``latitude``/``longitude``, and
    their ICS: a field of the export, ODS membership, or (neither) the polygon they lie in."""

    rows: str
    latitude: str
    longitude: str
    ics_field: str | None = None
    ods_membership: OdsMembership | None = None


@dataclass(frozen=True)
class Population:
    """A population table (``role``) by ``code_field``: per commissioner (weights) or per
    ICS (map 2's shading), its codes translated by ``lookup`` when given."""

    role: str
    code_field: str
    value_field: str = "registered_patients"
    lookup: CodeLookup | None = None


@dataclass(frozen=True)
class MergedInto:
    """The old lookup of organisations that later merged into the small areas (the 2020
    CCGs, merged in April 2021 into the CCGs that became sub-ICB locations), built from
    the export: each organisation's small area is its successor's code
    (``successor_field``), or its own code while it stayed open; its share of the area
    is its value in ``population`` (registered patients), joined on its code."""

    successor_field: str
    population: Population

    #: The field of the lookup built holding each organisation's small area (its
    #: organisation and share fields are the population table's code and value fields).
    AREA = "small_area"


@dataclass(frozen=True)
class Crosswalk:
    """The statuses of ``export`` carried onto a newer geography's ICSs through its small
    areas (dspt:crosswalk): these become the composite's commissioners, weighed by
    ``weight_field``; an area the old lookup lacks is matched from the boundaries. Which
    organisation covered each small area: ``old_lookup``, or the organisations merged into
    it (``merged``), or (neither) the statuses are the small areas' own."""

    export: str
    new_lookup: CodeLookup  # new small area -> new ICS
    weight_field: str
    old_areas: str
    old_areas_field: str
    old_lookup: CodeLookup | None = None  # old small area -> the organisation whose status it takes
    merged: MergedInto | None = None


@dataclass(frozen=True)
class Change:
    """The trusts compared with a later edition (dspt:compareeditions), a closed trust
    with its successor (``successors``: a file, old code -> new code fields)."""

    later: str
    edition: str
    successors: str
    old_field: str
    new_field: str


@dataclass(frozen=True)
class Recipe:
    """One edition on one geography: files by role, the ICS layer's fields, the steps."""

    edition: str
    label: str
    files: Mapping[str, str]
    data_date: str
    ics_code: str
    ics_name: str
    exports: tuple[Export, ...]
    commissioners: Commissioners
    trusts: Trusts
    ics_population: Population
    population: Population | None = None
    ods: tuple[str, ...] = ()  # ODS files: trusts' closures and ICS membership
    crosswalk: Crosswalk | None = None
    change: Change | None = None
    weighting_note: str = "commissioners averaged simply"
    geography_note: str = ""
    commissioner_note: str = (
        "Commissioners (areas) and trusts (ringed points) by DSPT status, with ICS boundaries"
    )
    shading_note: str = "GP registered patients"

    @property
    def heading(self) -> str:
        """The edition as titles name it: ``22/23`` or ``22/23 on the April 2026 ICBs``."""
        return f"{self.edition} {self.geography_note}".strip()


_2022_23_EXPORTS = (Export("export"), Export("trusts_export"), Export("csu_export"))
_2022_23_TRUSTS = Trusts("trusts_export", "lat", "long", ics_field="High Level Health Geography")
_CCG_STP = "ccg_stp_lookup"
_2021_22_ODS = ("ods_trusts", "ods_care_trusts")
_2021_22_EXPORTS = (
    Export("export", "CCG"),
    Export("trusts_export", "NHS Trust", leave_out_closed=True, report="trust_import_report"),
)
_2021_22_DATE = (
    "DSPT statuses as downloaded on 9 September 2022; ODS records of 2021/22 (care trusts 2022/23)"
)
_2026_LOOKUP = CodeLookup("new_lookup", "SICBL26CDH", "ICB26CD")
#: What every recipe on the April 2026 ICBs shares: the ICS layer's fields, its
#: population and how titles and map 2 name the geography.
_ON_2026: dict[str, Any] = {
    "ics_code": "ICB26CD",
    "ics_name": "ICB26NM",
    "ics_population": Population("population", "ICB26CD"),
    "geography_note": "on the April 2026 ICBs",
    "shading_note": "GP registered patients (1 August 2026)",
}

RECIPES: dict[tuple[str, str], Recipe] = {
    ("20/21", "native"): Recipe(
        edition="20/21",
        label="2020/21 (CCGs and STPs)",
        files={
            **FILES_2020_21,
            "ics": "boundaries/stp_april2020.geojson",
            "population": CCG_POPULATION,
            "later_trusts": "dspt/2022_23/trusts_snapshot_20231116.csv",
        },
        data_date="DSPT statuses as downloaded on 8 February 2022 (the curated snapshot of the 'Open "
        "Statistics - Cyber Security' analysis); GP registered patients on 1 January 2021.",
        ics_code="STP20CD",
        ics_name="STP20NM",
        exports=(Export("export"),),
        commissioners=Commissioners("commissioners", "CCG20CDH", BY_SECTOR, "STP20CD"),
        trusts=Trusts(BY_SECTOR, "latitude", "longitude", ics_field="STP20CD"),
        population=Population("population", "CCG20CDH"),
        ics_population=Population("population", "STP20CD"),
        change=Change("later_trusts", "22/23", "export", "Code", "Successor.Code"),
        weighting_note="commissioner mean weighted by GP registered patients (1 January 2021)",
        shading_note="GP registered patients (1 January 2021)",
    ),
    ("21/22", "native"): Recipe(
        edition="21/22",
        label="2021/22 (sub-ICB locations and STPs; trusts' STP from ODS)",
        files={
            **FILES_2021_22,
            _CCG_STP: "lookups/ccg21_stp21_nhser21.csv",
            "ics": "boundaries/stp_april2020.geojson",
            "population": "populations/sub_icb_2022_23_allocations.csv",
        },
        data_date=f"{_2021_22_DATE}; registered patients from the 2022/23 allocations.",
        ics_code="STP20CD",
        ics_name="STP20NM",
        exports=_2021_22_EXPORTS,
        commissioners=Commissioners(
            "commissioners",
            "SICBL22CDH",
            "export",
            "STP21CD",
            ics_lookup=CodeLookup(_CCG_STP, "CCG21CDH", "STP21CD"),
        ),
        trusts=Trusts(
            "trusts_export",
            "latitude",
            "longitude",
            ods_membership=OdsMembership(CodeLookup(_CCG_STP, "STP21CDH", "STP21CD")),
        ),
        population=Population("population", "SICBL23CDH"),
        ods=_2021_22_ODS,
        ics_population=Population(
            "population", "SICBL23CDH", lookup=CodeLookup(_CCG_STP, "CCG21CDH", "STP21CD")
        ),
        weighting_note="commissioner mean weighted by GP registered patients (2022/23 allocations)",
        shading_note="GP registered patients (2022/23 allocations)",
    ),
    ("22/23", "native"): Recipe(
        edition="22/23",
        label="2022/23 (ICBs)",
        files=FILES_2022_23,
        data_date="DSPT statuses as downloaded on 16 November 2023; registered patients from the 2022/23 "
        "allocations.",
        ics_code="ICB23CDH",
        ics_name="ICB23NM",
        exports=_2022_23_EXPORTS,
        commissioners=Commissioners("ics", "ICB23CDH", "export", "ICB23CDH"),
        trusts=_2022_23_TRUSTS,
        ics_population=Population("population", "ICB23CDH"),
        weighting_note="one ICB per ICS: its own score",
        shading_note="GP registered patients (2022/23 allocations)",
    ),
    ("22/23", "2026"): Recipe(
        edition="22/23",
        label="2022/23 on the April 2026 ICBs",
        **_ON_2026,
        files={
            **FILES_2022_23,
            **FILES_2026,
            "icb_2023": "boundaries/icb_july2023.geojson",
            "old_lookup": "lookups/sicbl23_icb23_nhser23.csv",
        },
        data_date="DSPT statuses as downloaded on 16 November 2023, on the April 2026 ICBs; sub-ICB locations and "
        "registered patients of 1 August 2026.",
        exports=_2022_23_EXPORTS,
        commissioners=Commissioners("icb_2023", "ICB23CDH", "export", "ICB23CDH"),
        trusts=Trusts("trusts_export", "lat", "long"),
        crosswalk=Crosswalk(
            "export",
            _2026_LOOKUP,
            "registered_patients",
            "old_areas",
            "SICBL22CDH",
            old_lookup=CodeLookup("old_lookup", "SICBL23CDH", "ICB23CDH"),
        ),
        weighting_note="2022/23 ICB statuses through sub-ICB locations, weighted by GP registered patients "
        "(1 August 2026)",
        commissioner_note="The 2022/23 ICBs (areas) and trusts (ringed points) by DSPT status, under the April 2026 "
        "ICB boundaries",
    ),
    ("21/22", "2026"): Recipe(
        edition="21/22",
        label="2021/22 on the April 2026 ICBs",
        **_ON_2026,
        files={**FILES_2021_22, **FILES_2026},
        data_date=f"{_2021_22_DATE}, on the April 2026 ICBs; sub-ICB locations and registered patients of 1 "
        "August 2026.",
        exports=_2021_22_EXPORTS,
        commissioners=Commissioners("commissioners", "SICBL22CDH", "export", "ICB22CD"),
        trusts=Trusts("trusts_export", "latitude", "longitude"),
        ods=_2021_22_ODS,
        crosswalk=Crosswalk(
            "export", _2026_LOOKUP, "registered_patients", "old_areas", "SICBL22CDH"
        ),
        weighting_note="2021/22 sub-ICB location statuses, weighted by GP registered patients (1 August 2026)",
        commissioner_note="The 2021/22 sub-ICB locations (areas) and trusts (ringed points) by DSPT status, under "
        "the April 2026 ICB boundaries",
    ),
    ("20/21", "2026"): Recipe(
        edition="20/21",
        label="2020/21 on the April 2026 ICBs",
        **_ON_2026,
        files={**FILES_2026, **FILES_2020_21, "ccg_population": CCG_POPULATION},
        data_date="DSPT statuses as downloaded on 8 February 2022, on the April 2026 ICBs; the 2020 CCGs "
        "weighed within the sub-ICB locations they merged into by GP registered patients of 1 January 2021; "
        "sub-ICB locations and registered patients of 1 August 2026.",
        exports=(Export("export"),),
        commissioners=Commissioners("commissioners", "CCG20CDH", BY_SECTOR, "STP20CD"),
        trusts=Trusts(BY_SECTOR, "latitude", "longitude"),
        crosswalk=Crosswalk(
            "export",
            _2026_LOOKUP,
            "registered_patients",
            "old_areas",
            "SICBL22CDH",
            merged=MergedInto("Successor.Code", Population("ccg_population", "CCG20CDH")),
        ),
        weighting_note="2020/21 CCG statuses through the sub-ICB locations they merged into, split by the CCGs' "
        "GP registered patients (1 January 2021), weighted by GP registered patients (1 August 2026)",
        commissioner_note="The 2020 CCGs (areas) and trusts (ringed points) by DSPT status, under the April 2026 ICB "
        "boundaries",
    ),
}

#: The editions ``make demo EDITION=...`` knows, and the geographies ``GEOGRAPHY=...``.
EDITIONS = tuple(sorted({edition for edition, _ in RECIPES}))
GEOGRAPHIES = ("native", *sorted({geography for _, geography in RECIPES if geography != "native"}))


def add_recipe_arguments(parser: argparse.ArgumentParser) -> None:
    """``--edition`` and ``--geography``, the choice of a recipe, for every command that
    carries one out (make demo, dspt-report)."""
    parser.add_argument("--edition", choices=EDITIONS, default="20/21")
    parser.add_argument(
        "--geography",
        choices=GEOGRAPHIES,
        default="native",
        help="the edition's own geography, or the April 2026 ICBs (2026)",
    )


def recipe_for(edition: str, geography: str = "native") -> Recipe:
    """The recipe of ``edition`` on ``geography`` ("native": the edition's own)."""
    if (edition, geography) not in RECIPES:
        known = ", ".join(f"EDITION={e} GEOGRAPHY={g}" for e, g in RECIPES)
        raise ValueError(
            f"No recipe for edition {edition} on the {geography} geography; there are {known}."
        )
    return RECIPES[(edition, geography)]


def missing_files(data_folder: str, recipe: Recipe) -> list[str]:
    """The files of ``recipe`` that are not in ``data_folder``."""
    return [
        rel for rel in recipe.files.values() if not os.path.isfile(os.path.join(data_folder, rel))
    ]


def explain_missing(data_folder: str, missing: list[str]) -> str:
    """Which files are missing and where each comes from."""
    lines = [f"The sample run needs these files under {data_folder}:"]
    for rel in missing:
        lines.append(f"  {rel}\n      from: {SOURCES[rel.split('/')[0]]}")
    lines.append("Point --data (make demo DATA=...) at a folder laid out like this.")
    return "\n".join(lines)
