"""The sample data's layout per edition: which files, which fields, what the data are.

Shared by ``make demo`` (through QGIS) and ``dspt-report`` (through geopandas), so both
read the same files the same way. Paths are relative to the data folder (../shared/data).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Sample:
    """One edition of the sample: its files by role and the fields that tie them together."""

    edition: str
    label: str
    files: Mapping[str, str]
    data_date: str
    ics_code: str  # the ICS layer's code field
    ics_name: str
    commissioner_code: str  # the commissioner boundaries' ODS code field
    trust_ics: str | None  # the field naming each trust's ICS (None: its location decides)
    population_code: str | None = None  # commissioner code field of the population table
    ics_population_code: str | None = None  # ICS code field to sum the population table by
    population_value: str = "registered_patients"
    weighting_note: str = "commissioners averaged simply"
    geography_note: str = (
        ""  # said after the edition in titles when not the edition's own geography
    )
    commissioner_note: str = (
        "Commissioners (areas) and trusts (ringed points) by DSPT status, with ICS boundaries"
    )

    @property
    def heading(self) -> str:
        """The edition as titles name it: ``22/23`` or ``22/23 on the April 2026 ICBs``."""
        return f"{self.edition} {self.geography_note}".strip()


SOURCES = {
    "dspt": "DSPT portal organisation-search export: https://www.dsptoolkit.nhs.uk/OrganisationSearch "
    "(Export search results), or the curated snapshots of the 'Open Statistics - Cyber Security' analysis",
    "boundaries": "ONS Open Geography Portal (https://geoportal.statistics.gov.uk), saved as GeoJSON in EPSG:4326",
    "populations": "NHS England 'Patients Registered at a GP Practice' (https://digital.nhs.uk), summed per area",
    "lookups": "ONS Open Geography Portal lookups (CCG/sub-ICB -> STP/ICB -> NHS region)",
    "ods": "NHS ODS bulk files (https://digital.nhs.uk/services/organisation-data-service)",
}

SAMPLES: dict[str, Sample] = {
    "20/21": Sample(
        edition="20/21",
        label="2020/21 (CCGs and STPs)",
        files={
            "export": "dspt/2020_21/curated_dspt_20220208.csv",
            "commissioners": "boundaries/ccg_april2020.geojson",
            "ics": "boundaries/stp_april2020.geojson",
            "regions": "boundaries/nhs_regions_2023.geojson",
            "population": "populations/ccg_april2020_gp_registered_jan2021.csv",
            "later_trusts": "dspt/2022_23/trusts_snapshot_20231116.csv",
        },
        data_date="DSPT statuses as downloaded on 8 February 2022 (the curated snapshot of the 'Open "
        "Statistics - Cyber Security' analysis); GP registered patients on 1 January 2021.",
        ics_code="STP20CD",
        ics_name="STP20NM",
        commissioner_code="CCG20CDH",
        trust_ics="STP20CD",
        population_code="CCG20CDH",
        ics_population_code="STP20CD",
        weighting_note="commissioner mean weighted by GP registered patients (1 January 2021)",
    ),
    "21/22": Sample(
        edition="21/22",
        label="2021/22 (sub-ICB locations and STPs; trusts' STP from ODS)",
        files={
            "export": "dspt/2021_22/ccg_snapshot_20220909.csv",
            "trusts_export": "dspt/2021_22/trusts_snapshot_20220909.csv",
            "ods_trusts": "ods/2021_22/etr.csv",
            "ods_care_trusts": "ods/2022_23/ect.csv",
            "ccg_stp_lookup": "lookups/ccg21_stp21_nhser21.csv",
            "commissioners": "boundaries/sub_icb_locations_july2022.geojson",
            "ics": "boundaries/stp_april2020.geojson",
            "regions": "boundaries/nhs_regions_2023.geojson",
            "population": "populations/sub_icb_2022_23_allocations.csv",
        },
        data_date="DSPT statuses as downloaded on 9 September 2022; ODS records of 2021/22 (care trusts "
        "2022/23); registered patients from the 2022/23 allocations.",
        ics_code="STP20CD",
        ics_name="STP20NM",
        commissioner_code="SICBL22CDH",
        trust_ics="ics_code",
        population_code="SICBL23CDH",
        ics_population_code="STP21CD",
        weighting_note="commissioner mean weighted by GP registered patients (2022/23 allocations)",
    ),
    "22/23": Sample(
        edition="22/23",
        label="2022/23 (ICBs)",
        files={
            "export": "dspt/2022_23/icb_snapshot_20231116.csv",
            "trusts_export": "dspt/2022_23/trusts_snapshot_20231116.csv",
            "csu_export": "dspt/2022_23/csu_snapshot_20231116.csv",
            "ics": "boundaries/icb_july2023.geojson",
            "regions": "boundaries/nhs_regions_2023.geojson",
            "population": "populations/sub_icb_2022_23_allocations.csv",
        },
        data_date="DSPT statuses as downloaded on 16 November 2023; registered patients from the 2022/23 "
        "allocations.",
        ics_code="ICB23CDH",
        ics_name="ICB23NM",
        commissioner_code="ICB23CDH",
        trust_ics="High Level Health Geography",
        ics_population_code="ICB23CDH",
        weighting_note="one ICB per ICS: its own score",
    ),
}

#: An edition's statuses on a later geography: (edition, geography) -> its sample. The
#: commissioners reach the new ICSs through the sub-ICB lookups (dspt:crosswalk); trusts
#: are placed by location.
ON_LATER_GEOGRAPHY: dict[tuple[str, str], Sample] = {
    ("22/23", "2026"): Sample(
        edition="22/23",
        label="2022/23 on the April 2026 ICBs",
        files={
            **SAMPLES["22/23"].files,
            "old_lookup": "lookups/sicbl23_icb23_nhser23.csv",
            "new_lookup": "lookups/sicbl26_icb26_nhser26.csv",
            "old_areas": "boundaries/sub_icb_locations_july2022.geojson",
            "ics": "boundaries/icb_april2026.geojson",
            "population": "populations/icb_april2026_gp_registered_aug2026.csv",
        },
        data_date="DSPT statuses as downloaded on 16 November 2023, on the April 2026 ICBs; sub-ICB "
        "locations and registered patients of 1 August 2026.",
        ics_code="ICB26CD",
        ics_name="ICB26NM",
        commissioner_code="ICB23CDH",
        trust_ics=None,
        ics_population_code="ICB26CD",
        weighting_note="2022/23 ICB statuses through sub-ICB locations, weighted by GP registered patients "
        "(1 August 2026)",
        geography_note="on the April 2026 ICBs",
        commissioner_note="The 2022/23 ICBs (areas) and trusts (ringed points) by DSPT status, under the April "
        "2026 ICB boundaries",
    ),
}

#: The geographies ``make demo GEOGRAPHY=...`` knows: each edition's own, or a later one.
GEOGRAPHIES = ("native", *sorted({geography for _, geography in ON_LATER_GEOGRAPHY}))


def sample_for(edition: str, geography: str = "native") -> Sample:
    """The sample of ``edition`` on ``geography`` ("native": the edition's own)."""
    if geography == "native":
        return SAMPLES[edition]
    if (edition, geography) not in ON_LATER_GEOGRAPHY:
        known = ", ".join(f"EDITION={e} GEOGRAPHY={g}" for e, g in ON_LATER_GEOGRAPHY)
        raise ValueError(
            f"No sample of edition {edition} on the {geography} geography; there is {known}."
        )
    return ON_LATER_GEOGRAPHY[(edition, geography)]


REGION_NAME = "NHSER23NM"


def missing_files(data_folder: str, sample: Sample) -> list[str]:
    """The files of ``sample`` that are not in ``data_folder``."""
    import os

    return [
        rel for rel in sample.files.values() if not os.path.isfile(os.path.join(data_folder, rel))
    ]


def explain_missing(data_folder: str, missing: list[str]) -> str:
    """Which files are missing and where each comes from."""
    lines = [f"The sample run needs these files under {data_folder}:"]
    for rel in missing:
        lines.append(f"  {rel}\n      from: {SOURCES[rel.split('/')[0]]}")
    lines.append("Point --data (make demo DATA=...) at a folder laid out like this.")
    return "\n".join(lines)
