"""Each edition of the sample data on each geography as a recipe: its files, its fields,
and the steps (:mod:`dspt_qgis.pipeline.steps`) that turn them into the method's results,
written once, as data.

Three engines carry a recipe's steps out, each with a table from step name to function:
``make demo`` through the plugin's Processing algorithms (:mod:`scripts.demo_steps`),
``dspt-report`` through geopandas (:mod:`dspt_qgis.pipeline.run`), and the shipped Model
Builder model, generated from the 2020/21 recipe (:mod:`scripts.make_model`). A new
edition or geography is one more recipe here. Paths are relative to the data folder
(``../shared/data``).
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from ..core.membership import ICS_FIELD
from .steps import (
    BY_SECTOR,
    Atlas,
    CodeLookup,
    Compare,
    Composite,
    Crosswalk,
    Export,
    Gains,
    Import,
    JoinCommissioners,
    LocateTrusts,
    Maps,
    MergedInto,
    OdsMembership,
    Population,
    Proportions,
    Step,
    Summary,
    Trend,
    WebReport,
)

REGION_NAME = "NHSER23NM"
S = TypeVar("S", bound=Step)


@dataclass(frozen=True)
class Recipe:
    """One edition on one geography ("native": the edition's own): files by role, the ICS
    layer's fields, the steps in order, and how titles and notes name them."""

    edition: str
    geography: str
    label: str
    files: Mapping[str, str]
    data_date: str
    ics_code: str
    ics_name: str
    steps: tuple[Step, ...]
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

    def step(self, kind: type[S]) -> S | None:
        """The recipe's step of this kind, None when it takes none."""
        return next((step for step in self.steps if isinstance(step, kind)), None)


SOURCES = {
    "dspt": "DSPT portal organisation-search export: https://www.dsptoolkit.nhs.uk/OrganisationSearch "
    "(Export search results), or the curated snapshots of the 'Open Statistics - Cyber Security' analysis",
    "boundaries": "ONS Open Geography Portal (https://geoportal.statistics.gov.uk), saved as GeoJSON in EPSG:4326",
    "populations": "NHS England 'Patients Registered at a GP Practice' (https://digital.nhs.uk), summed per area; "
    "ONS mid-year population estimates (https://www.ons.gov.uk), per area",
    "lookups": "ONS Open Geography Portal lookups (CCG/sub-ICB -> STP/ICB -> NHS region)",
    "ods": "NHS ODS bulk files (https://digital.nhs.uk/services/organisation-data-service)",
}

_2022_23_FILES = {
    "export": "dspt/2022_23/icb_snapshot_20231116.csv",
    "trusts_export": "dspt/2022_23/trusts_snapshot_20231116.csv",
    "csu_export": "dspt/2022_23/csu_snapshot_20231116.csv",
    "ics": "boundaries/icb_july2023.geojson",
    "regions": "boundaries/nhs_regions_2023.geojson",
    "population": "populations/sub_icb_2022_23_allocations.csv",
}
_2022_23_IMPORT = Import((Export("export"), Export("trusts_export"), Export("csu_export")))
_CCG_STP = "ccg_stp_lookup"
_2020_21_FILES = {
    "export": "dspt/2020_21/curated_dspt_20220208.csv",
    "commissioners": "boundaries/ccg_april2020.geojson",
    "regions": "boundaries/nhs_regions_2023.geojson",
}
_CCG_POPULATION = "populations/ccg_april2020_gp_registered_jan2021.csv"
#: The other population the 2020 CCGs are given: ONS residents (mid-2019), to rank by.
_CCG_RESIDENTS = Population("ons_population", "CCG20CDH", "resident_population")
_2021_22_FILES = {
    "export": "dspt/2021_22/ccg_snapshot_20220909.csv",
    "trusts_export": "dspt/2021_22/trusts_snapshot_20220909.csv",
    "ods_trusts": "ods/2021_22/etr.csv",
    "ods_care_trusts": "ods/2022_23/ect.csv",
    "commissioners": "boundaries/sub_icb_locations_july2022.geojson",
    "regions": "boundaries/nhs_regions_2023.geojson",
}
_2021_22_IMPORT = Import(
    (
        Export("export", "CCG"),
        Export("trusts_export", "NHS Trust", leave_out_closed=True, report="trust_import_report"),
    ),
    ods=("ods_trusts", "ods_care_trusts"),
)
_2021_22_DATE = (
    "DSPT statuses as downloaded on 9 September 2022; ODS records of 2021/22 (care trusts 2022/23)"
)
#: The April 2026 ICBs: their sub-ICB locations with registered patients (1 August 2026),
#: the sub-ICB locations of July 2022 (to match the one 2026 location they lack), the ICB
#: polygons and populations. Every edition reaches them through the crosswalk.
_2026_FILES = {
    "new_lookup": "lookups/sicbl26_icb26_nhser26.csv",
    "old_areas": "boundaries/sub_icb_locations_july2022.geojson",
    "ics": "boundaries/icb_april2026.geojson",
    "population": "populations/icb_april2026_gp_registered_aug2026.csv",
}
_2026_LOOKUP = CodeLookup("new_lookup", "SICBL26CDH", "ICB26CD")
#: What every recipe on the April 2026 ICBs shares: the ICS layer's fields and how titles
#: and map 2 name the geography.
_ON_2026: dict[str, Any] = {
    "geography": "2026",
    "ics_code": "ICB26CD",
    "ics_name": "ICB26NM",
    "geography_note": "on the April 2026 ICBs",
    "shading_note": "GP registered patients (1 August 2026)",
}
#: Each ICS of 2026 by its share of trusts in each status, shaded by its patients.
_2026_PROPORTIONS = Proportions(Population("population", "ICB26CD"))
#: What every recipe shows after its composite: the editions put side by side on the
#: April 2026 ICBs (earliest first), the atlas, the web report and the maps.
_SHOWN = (
    Trend(editions=("20/21", "21/22", "22/23"), geography="2026"),
    Atlas(),
    WebReport(),
    Maps(),
)

_RECIPES = (
    Recipe(
        edition="20/21",
        geography="native",
        label="2020/21 (CCGs and STPs)",
        files={
            **_2020_21_FILES,
            "ics": "boundaries/stp_april2020.geojson",
            "population": _CCG_POPULATION,
            _CCG_RESIDENTS.role: "populations/ccg_april2020_ons_mid2019.csv",
            "later_trusts": "dspt/2022_23/trusts_snapshot_20231116.csv",
        },
        data_date="DSPT statuses as downloaded on 8 February 2022 (the curated snapshot of the 'Open "
        "Statistics - Cyber Security' analysis); GP registered patients on 1 January 2021 (ranks also by ONS "
        "mid-2019 residents).",
        ics_code="STP20CD",
        ics_name="STP20NM",
        steps=(
            Import((Export("export"),)),
            JoinCommissioners("commissioners", "CCG20CDH", BY_SECTOR, "STP20CD"),
            LocateTrusts(BY_SECTOR, "latitude", "longitude", ics_field="STP20CD"),
            Composite(Population("population", "CCG20CDH"), others=(_CCG_RESIDENTS,)),
            Gains(),
            Proportions(Population("population", "STP20CD")),
            Summary(),
            Compare("later_trusts", "22/23", "export", "Code", "Successor.Code"),
            *_SHOWN,
        ),
        weighting_note="commissioner mean weighted by GP registered patients (1 January 2021)",
        shading_note="GP registered patients (1 January 2021)",
    ),
    Recipe(
        edition="21/22",
        geography="native",
        label="2021/22 (sub-ICB locations and STPs; trusts' STP from ODS)",
        files={
            **_2021_22_FILES,
            _CCG_STP: "lookups/ccg21_stp21_nhser21.csv",
            "ics": "boundaries/stp_april2020.geojson",
            "population": "populations/sub_icb_2022_23_allocations.csv",
        },
        data_date=f"{_2021_22_DATE}; registered patients (ranks also by projected populations) from the 2022/23 "
        "allocations.",
        ics_code="STP20CD",
        ics_name="STP20NM",
        steps=(
            _2021_22_IMPORT,
            JoinCommissioners(
                "commissioners",
                "SICBL22CDH",
                "export",
                "STP21CD",
                ics_lookup=CodeLookup(_CCG_STP, "CCG21CDH", "STP21CD"),
            ),
            OdsMembership("trusts_export", CodeLookup(_CCG_STP, "STP21CDH", "STP21CD")),
            LocateTrusts("trusts_export", "latitude", "longitude", ics_field=ICS_FIELD),
            Composite(
                Population("population", "SICBL23CDH"),
                others=(Population("population", "SICBL23CDH", "projected_population_2022_23"),),
            ),
            Gains(),
            Proportions(
                Population(
                    "population", "SICBL23CDH", lookup=CodeLookup(_CCG_STP, "CCG21CDH", "STP21CD")
                )
            ),
            Summary(),
            *_SHOWN,
        ),
        weighting_note="commissioner mean weighted by GP registered patients (2022/23 allocations)",
        shading_note="GP registered patients (2022/23 allocations)",
    ),
    Recipe(
        edition="22/23",
        geography="native",
        label="2022/23 (ICBs)",
        files=_2022_23_FILES,
        data_date="DSPT statuses as downloaded on 16 November 2023; registered patients from the 2022/23 "
        "allocations.",
        ics_code="ICB23CDH",
        ics_name="ICB23NM",
        steps=(
            _2022_23_IMPORT,
            JoinCommissioners("ics", "ICB23CDH", "export", "ICB23CDH"),
            LocateTrusts("trusts_export", "lat", "long", ics_field="High Level Health Geography"),
            Composite(),
            Gains(),
            Proportions(Population("population", "ICB23CDH")),
            Summary(),
            *_SHOWN,
        ),
        weighting_note="one ICB per ICS: its own score",
        shading_note="GP registered patients (2022/23 allocations)",
    ),
    Recipe(
        edition="22/23",
        label="2022/23 on the April 2026 ICBs",
        **_ON_2026,
        files={
            **_2022_23_FILES,
            **_2026_FILES,
            "icb_2023": "boundaries/icb_july2023.geojson",
            "old_lookup": "lookups/sicbl23_icb23_nhser23.csv",
        },
        data_date="DSPT statuses as downloaded on 16 November 2023, on the April 2026 ICBs; sub-ICB locations and "
        "registered patients of 1 August 2026.",
        steps=(
            _2022_23_IMPORT,
            JoinCommissioners("icb_2023", "ICB23CDH", "export", "ICB23CDH"),
            LocateTrusts("trusts_export", "lat", "long"),
            Crosswalk(
                "export",
                _2026_LOOKUP,
                "registered_patients",
                "old_areas",
                "SICBL22CDH",
                old_lookup=CodeLookup("old_lookup", "SICBL23CDH", "ICB23CDH"),
            ),
            Composite(),
            Gains(),
            _2026_PROPORTIONS,
            Summary(),
            *_SHOWN,
        ),
        weighting_note="2022/23 ICB statuses through sub-ICB locations, weighted by GP registered patients "
        "(1 August 2026)",
        commissioner_note="The 2022/23 ICBs (areas) and trusts (ringed points) by DSPT status, under the April 2026 "
        "ICB boundaries",
    ),
    Recipe(
        edition="21/22",
        label="2021/22 on the April 2026 ICBs",
        **_ON_2026,
        files={**_2021_22_FILES, **_2026_FILES},
        data_date=f"{_2021_22_DATE}, on the April 2026 ICBs; sub-ICB locations and registered patients of 1 "
        "August 2026.",
        steps=(
            _2021_22_IMPORT,
            JoinCommissioners("commissioners", "SICBL22CDH", "export", "ICB22CD"),
            LocateTrusts("trusts_export", "latitude", "longitude"),
            Crosswalk("export", _2026_LOOKUP, "registered_patients", "old_areas", "SICBL22CDH"),
            Composite(),
            Gains(),
            _2026_PROPORTIONS,
            Summary(),
            *_SHOWN,
        ),
        weighting_note="2021/22 sub-ICB location statuses, weighted by GP registered patients (1 August 2026)",
        commissioner_note="The 2021/22 sub-ICB locations (areas) and trusts (ringed points) by DSPT status, under "
        "the April 2026 ICB boundaries",
    ),
    Recipe(
        edition="20/21",
        label="2020/21 on the April 2026 ICBs",
        **_ON_2026,
        files={**_2026_FILES, **_2020_21_FILES, "ccg_population": _CCG_POPULATION},
        data_date="DSPT statuses as downloaded on 8 February 2022, on the April 2026 ICBs; the 2020 CCGs "
        "weighed within the sub-ICB locations they merged into by GP registered patients of 1 January 2021; "
        "sub-ICB locations and registered patients of 1 August 2026.",
        steps=(
            Import((Export("export"),)),
            JoinCommissioners("commissioners", "CCG20CDH", BY_SECTOR, "STP20CD"),
            LocateTrusts(BY_SECTOR, "latitude", "longitude"),
            Crosswalk(
                "export",
                _2026_LOOKUP,
                "registered_patients",
                "old_areas",
                "SICBL22CDH",
                merged=MergedInto("Successor.Code", Population("ccg_population", "CCG20CDH")),
            ),
            Composite(),
            Gains(),
            _2026_PROPORTIONS,
            Summary(),
            *_SHOWN,
        ),
        weighting_note="2020/21 CCG statuses through the sub-ICB locations they merged into, split by the CCGs' "
        "GP registered patients (1 January 2021), weighted by GP registered patients (1 August 2026)",
        commissioner_note="The 2020 CCGs (areas) and trusts (ringed points) by DSPT status, under the April 2026 ICB "
        "boundaries",
    ),
)
RECIPES: dict[tuple[str, str], Recipe] = {(r.edition, r.geography): r for r in _RECIPES}

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


def trend_recipes(recipe: Recipe) -> tuple[Recipe, ...]:
    """The recipes the trend of ``recipe`` carries out, one per edition, earliest first
    (none when it has no trend)."""
    trend = recipe.step(Trend)
    return tuple(recipe_for(e, trend.geography) for e in trend.editions) if trend else ()


def in_its_trend(recipe: Recipe) -> bool:
    """Whether ``recipe`` is one of its own trend's editions (its atlas then shows each
    ICS's line in the trend)."""
    return recipe in trend_recipes(recipe)


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
