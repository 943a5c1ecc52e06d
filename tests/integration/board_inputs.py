"""The 2020/21 sample's gains table and rank ranges, made by the core from the CSV and the
population files, and laid onto the session demo's own composite: the inputs the atlas
and the web report take for "what would raise the composite" (until ``make demo`` makes
them with the plugin's own algorithms)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pandas as pd
from qgis.core import (
    QgsCoordinateTransformContext,
    QgsFeature,
    QgsVectorFileWriter,
    QgsVectorLayer,
)

from dspt_qgis.core.codes import IcsCodes
from dspt_qgis.core.composite import CompositeRequest, GivenComposite
from dspt_qgis.core.gains import GAIN_FIELDS, GainsRequest, composite_gains
from dspt_qgis.core.population import PopulationTable, with_population
from dspt_qgis.core.rank_range import RANGE_FIELDS, VariantRequest, rank_ranges
from dspt_qgis.core.sources import file_source, layer_source
from dspt_qgis.processing_algs.support.field_types import new_field
from tests.unit.helpers import sample_sides

#: The demo's composite: commissioners by GP registered patients (its chosen method).
GP = ("populations/ccg_april2020_gp_registered_jan2021.csv", "registered_patients")
ONS = ("populations/ccg_april2020_ons_mid2019.csv", "resident_population")


def sample_gains_and_ranges(
    shared_data: Path, demo_gpkg: Path
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The gains table (:data:`GAIN_FIELDS`) of the demo's composite, checked by the core
    to be that composite, and each ICS's rank range (:data:`RANGE_FIELDS`) over
    commissioners simple, by GP patients and by ONS residents."""
    commissioners, trusts, stps = sample_sides(shared_data, weighted=False)
    for path, field in (ONS, GP):  # GP last: the weighting chosen
        table = pd.read_csv(shared_data / path, dtype=str)
        commissioners, _ = with_population(
            commissioners, PopulationTable(table, file_source(Path(path).name), "CCG20CDH", field)
        )
    ons_label = f"{ONS[1]} of file {Path(ONS[0]).name}"
    choices = CompositeRequest(groups=IcsCodes.of(stps))
    with sqlite3.connect(demo_gpkg) as db:
        composite = pd.read_sql("SELECT * FROM ics_composite", db)
    given = GivenComposite(composite, layer_source("ics_composite"), ics_field="STP20CD")
    gains = composite_gains(
        commissioners,
        trusts,
        given,
        GainsRequest(choices, commissioner_decided_by="decided_by", trust_decided_by="decided_by"),
    )
    ranges = rank_ranges(commissioners, trusts, VariantRequest(choices, populations=(ons_label,)))
    return gains.table, ranges.table


def composite_with_ranges(demo_gpkg: Path, ranges: pd.DataFrame, gpkg: Path, name: str) -> str:
    """The demo's composite layer with the rank range fields 'ICS composite score' writes
    beside the composite, by ICS code: table ``name`` of ``gpkg``, as a path naming it."""
    source = QgsVectorLayer(f"{demo_gpkg}|layername=ics_composite", "ics_composite", "ogr")
    by_ics = ranges.set_index("ics")
    added = [f for f in RANGE_FIELDS if f not in ("ics", "composite_score")]
    layer = QgsVectorLayer(f"MultiPolygon?crs={source.crs().authid()}", name, "memory")
    kinds = {"rank": "integer", "rank_best": "integer", "rank_worst": "integer"}
    layer.dataProvider().addAttributes(
        source.fields().toList() + [new_field(f, kinds.get(f, "text")) for f in added]
    )
    layer.updateFields()
    features = []
    for feature in source.getFeatures():
        made = QgsFeature(layer.fields())
        made.setGeometry(feature.geometry())
        values = by_ics.loc[feature["STP20CD"], added]
        made.setAttributes(feature.attributes() + [_plain(v) for v in values])
        features.append(made)
    layer.dataProvider().addFeatures(features)
    return saved(layer, gpkg, name)


def gains_layer(gains: pd.DataFrame, gpkg: Path, name: str = "gains", **changed: object) -> str:
    """The gains table without geometry, as 'What would raise each ICS's composite' writes
    it (``changed``: fields set to one value on every row): table ``name`` of ``gpkg``, as
    a path naming it."""
    kinds = {"n_covered": "integer", "rank": "integer", "gain_rank": "integer"}
    kinds |= {f: "real" for f in GAIN_FIELDS if f.startswith(("gain_if", "composite"))}
    kinds |= {f: "integer" for f in ("rank_if_met", "rank_if_exceeded")}
    layer = QgsVectorLayer("None", name, "memory")
    layer.dataProvider().addAttributes([new_field(f, kinds.get(f, "text")) for f in GAIN_FIELDS])
    layer.updateFields()
    rows = gains.assign(**changed)
    features = []
    for values in rows[list(GAIN_FIELDS)].itertuples(index=False):
        feature = QgsFeature(layer.fields())
        feature.setAttributes([_plain(v) for v in values])
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    return saved(layer, gpkg, name)


def saved(layer: QgsVectorLayer, gpkg: Path, table: str) -> str:
    """``layer`` written as ``table`` of ``gpkg``: the tests pass paths, so no QGIS layer
    outlives the module (freed after QGIS exits, one crashes the interpreter)."""
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.layerName = table
    options.actionOnExistingFile = (
        QgsVectorFileWriter.ActionOnExistingFile.CreateOrOverwriteLayer
        if gpkg.exists()
        else QgsVectorFileWriter.ActionOnExistingFile.CreateOrOverwriteFile
    )
    error, message, *_ = QgsVectorFileWriter.writeAsVectorFormatV3(
        layer, str(gpkg), QgsCoordinateTransformContext(), options
    )
    assert error == QgsVectorFileWriter.WriterError.NoError, message
    return f"{gpkg}|layername={table}"


#: How many gains an atlas page lists.
SHOWN = 5


def ordinal(n: int) -> str:
    """1 -> '1st', 12 -> '12th', 22 -> '22nd'."""
    if 11 <= n % 100 <= 13:
        return f"{n}th"
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th') }"


def label_ordinal(label: str) -> str:
    """'=14' -> '=14th'."""
    return ("=" if label.startswith("=") else "") + ordinal(int(label.lstrip("=")))


def span(row) -> str:
    best, worst = int(row["rank_best"]), int(row["rank_worst"])
    return ordinal(best) if best == worst else f"{ordinal(best)}–{ordinal(worst)}"


def expected_rows(gains: pd.DataFrame, ics: str) -> pd.DataFrame:
    """The ICS's five largest gains if one submission reached Met and every gain equal to
    the fifth (a board is never shown one of two equal gains), largest first, equal gains
    by code (the table's own gain_rank, 1 + how many are larger, orders them)."""
    mine = gains[(gains["ics"] == ics) & (gains["gain_if_met"] > 0)]
    return mine[mine["gain_rank"] <= SHOWN].sort_values(["gain_rank", "code"])


def _plain(value: object) -> object:
    """A value as a layer holds it (NaN: NULL; numpy numbers as Python's)."""
    if value is None or (isinstance(value, float) and value != value):
        return None
    return value.item() if hasattr(value, "item") else value
