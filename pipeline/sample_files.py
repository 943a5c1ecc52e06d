"""The sample data's files, edition by edition (paths relative to the data folder,
``../shared/data``), and where each kind of file comes from: the recipes
(:mod:`.recipes`) name their files from here, and a missing file is explained from here."""

from __future__ import annotations

SOURCES = {
    "dspt": "DSPT portal organisation-search export: https://www.dsptoolkit.nhs.uk/OrganisationSearch "
    "(Export search results), or the curated snapshots of the 'Open Statistics - Cyber Security' analysis",
    "boundaries": "ONS Open Geography Portal (https://geoportal.statistics.gov.uk), saved as GeoJSON in EPSG:4326",
    "populations": "NHS England 'Patients Registered at a GP Practice' (https://digital.nhs.uk), summed per area",
    "lookups": "ONS Open Geography Portal lookups (CCG/sub-ICB -> STP/ICB -> NHS region)",
    "ods": "NHS ODS bulk files (https://digital.nhs.uk/services/organisation-data-service)",
}

FILES_2022_23 = {
    "export": "dspt/2022_23/icb_snapshot_20231116.csv",
    "trusts_export": "dspt/2022_23/trusts_snapshot_20231116.csv",
    "csu_export": "dspt/2022_23/csu_snapshot_20231116.csv",
    "ics": "boundaries/icb_july2023.geojson",
    "regions": "boundaries/nhs_regions_2023.geojson",
    "population": "populations/sub_icb_2022_23_allocations.csv",
}
FILES_2020_21 = {
    "export": "dspt/2020_21/curated_dspt_20220208.csv",
    "commissioners": "boundaries/ccg_april2020.geojson",
    "regions": "boundaries/nhs_regions_2023.geojson",
}
CCG_POPULATION = "populations/ccg_april2020_gp_registered_jan2021.csv"
FILES_2021_22 = {
    "export": "dspt/2021_22/ccg_snapshot_20220909.csv",
    "trusts_export": "dspt/2021_22/trusts_snapshot_20220909.csv",
    "ods_trusts": "ods/2021_22/etr.csv",
    "ods_care_trusts": "ods/2022_23/ect.csv",
    "commissioners": "boundaries/sub_icb_locations_july2022.geojson",
    "regions": "boundaries/nhs_regions_2023.geojson",
}
#: The April 2026 ICBs: their sub-ICB locations with registered patients (1 August 2026),
#: the sub-ICB locations of July 2022 (to match the one 2026 location they lack), the ICB
#: polygons and populations. Every edition reaches them through the crosswalk.
FILES_2026 = {
    "new_lookup": "lookups/sicbl26_icb26_nhser26.csv",
    "old_areas": "boundaries/sub_icb_locations_july2022.geojson",
    "ics": "boundaries/icb_april2026.geojson",
    "population": "populations/icb_april2026_gp_registered_aug2026.csv",
}
