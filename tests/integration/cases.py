"""What the tests of every algorithm share: the one table of algorithms with their sample
parameters (the samples themselves are made by the ``inputs`` fixture), their outputs, and
small GeoPackages to write into."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from qgis.core import (
    QgsApplication,
    QgsCoordinateTransformContext,
    QgsProcessingFeedback,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterFolderDestination,
    QgsVectorFileWriter,
    QgsVectorLayer,
)

from tests.prerequisites import unavailable


@dataclass(frozen=True)
class Samples:
    """One test's sample inputs, small enough to run every algorithm on: an export and an
    ODS bulk file (paths), ICS squares, commissioners, trust points, a status table, and the
    outputs of earlier steps (an ODS table, composites, a summary, a crosswalk lookup, trust
    proportions, a trust change), NHS regions."""

    export: str
    ods: str
    ics: QgsVectorLayer
    commissioners: QgsVectorLayer
    trusts: QgsVectorLayer
    table: QgsVectorLayer
    ods_table: QgsVectorLayer
    composite: QgsVectorLayer
    full_composite: QgsVectorLayer
    composites: list[QgsVectorLayer]
    summary: QgsVectorLayer
    new_lookup: QgsVectorLayer
    proportions: QgsVectorLayer
    change: QgsVectorLayer
    regions: QgsVectorLayer

    @property
    def sides(self) -> dict[str, object]:
        return {
            "COMMISSIONERS": self.commissioners,
            "COMMISSIONER_ICS_FIELD": "ics",
            "TRUSTS": self.trusts,
        }


@dataclass(frozen=True)
class Case:
    """One algorithm as every cross-algorithm test runs it (no output over an input, no
    output left by a failure, dialog runs, every destination kind, qgis_process, a mistyped
    choice): its sample parameters, the input rows its log accounts for (None: it keeps no
    account), the renderer its main output loads with (None: a table), the project group
    it adds layers of its own to, beside its outputs (None: it adds none), what its main
    output (OUTPUT) is ("table", "folder" or "file"), whether it writes that output alone
    (nothing after it that could fail: the web report writes its folder file by file), and
    whether its samples give "layers" or only "files" (test_provider checks all three)."""

    name: str
    parameters: Callable[[Samples], dict[str, Any]]
    accounted: int | None = None
    renderer: str | None = None
    layers_group: str | None = None
    main_output: str = "table"
    only_output: bool = False
    reads: str = "layers"


#: Every algorithm of the provider, one row each: adding an algorithm is adding its row
#: (test_provider checks the table against the provider).
CASES = (
    Case("importexport", lambda s: {"INPUT": s.export}, accounted=3, reads="files"),
    Case(
        "joinstatus",
        lambda s: {"INPUT": s.commissioners, "FIELD": "code", "DSPT": s.table},
        accounted=1 + 2,
        renderer="categorizedSymbol",
    ),
    Case(
        "locateorganisations",
        lambda s: {"INPUT": s.trusts, "LATITUDE_FIELD": "lat", "LONGITUDE_FIELD": "lon"},
        accounted=2,
        renderer="categorizedSymbol",
    ),
    Case("readods", lambda s: {"INPUT": [s.ods]}, only_output=True, reads="files"),
    Case("odsmembership", lambda s: {"INPUT": s.table, "ODS": s.ods_table}, accounted=2),
    Case(
        "icscomposite",
        lambda s: {"ICS": s.ics, "ICS_FIELD": "ics", **s.sides},
        accounted=1 + 2,
        renderer="graduatedSymbol",
    ),
    Case(
        "improvementgains",
        lambda s: {"COMPOSITE": s.full_composite, "ICS_FIELD": "ics", **s.sides},
        only_output=True,
    ),
    Case(
        "trustproportions",
        lambda s: {"ICS": s.ics, "ICS_FIELD": "ics", "TRUSTS": s.trusts},
        accounted=2,
        renderer="graduatedSymbol",
    ),
    Case("summarytable", lambda s: {"INPUT": s.table}),
    Case(
        "webreport",
        lambda s: {
            "COMMISSIONERS": s.commissioners,
            "TRUSTS": s.trusts,
            "COMPOSITE": s.composite,
            "ICS_FIELD": "ics",
            "SUMMARY": s.summary,
        },
        main_output="folder",
    ),
    Case(
        "nationalmaps",
        lambda s: {
            "COMMISSIONERS": s.commissioners,
            "TRUSTS": s.trusts,
            "ICS": s.ics,
            "COMPOSITE": s.full_composite,
            "ICS_FIELD": "ics",
            "PROPORTIONS": s.proportions,
            "REGIONS": s.regions,
            "REGION_NAME_FIELD": "region",
            "CHANGE": s.change,
        },
        layers_group="National maps (layouts' layers)",
        main_output="folder",
        only_output=True,
    ),
    Case(
        "compareeditions",
        lambda s: {"BEFORE": s.table, "AFTER": s.trusts},
        renderer="categorizedSymbol",
    ),
    Case(
        "crosswalk",
        lambda s: {
            "INPUT": s.table,
            "NEW_LOOKUP": s.new_lookup,
            "NEW_AREA_FIELD": "area",
            "NEW_ICS_FIELD": "ics",
            "WEIGHT_FIELD": "patients",
        },
    ),
    Case(
        "icsatlas",
        lambda s: {"COMPOSITE": s.full_composite, "ICS_FIELD": "ics", **s.sides},
        main_output="file",
    ),
    Case(
        "icstrend",
        lambda s: {"ICS": s.ics, "ICS_FIELD": "ics", "COMPOSITES": s.composites},
        renderer="graduatedSymbol",
        only_output=True,
    ),
)
CASE = {case.name: case for case in CASES}
ALGORITHMS = [case.name for case in CASES]
#: Those whose samples give layers (not only files); those whose main output is a table.
LAYER_READERS = [case.name for case in CASES if case.reads == "layers"]
TABLE_WRITERS = [case.name for case in CASES if case.main_output == "table"]
#: Those with outputs besides the main one.
SEVERAL_OUTPUTS = [case.name for case in CASES if not case.only_output]
#: Those whose log accounts for every input row: the others write a row per ICS (icstrend),
#: per submission the composite counted (improvementgains: the composite's own account
#: lists the rest), per organisation of two editions (compareeditions, crosswalk: tested in
#: test_over_time.py) or summarise (summarytable, webreport, icsatlas, nationalmaps).
ACCOUNTING = [case.name for case in CASES if case.accounted is not None]


#: The shipped model's outputs as an analyst meets them (``qgis_process help``, the dialog):
#: name -> description, as Model Builder names a step's output ("step:output").
MODEL_OUTPUTS = {
    "import:DSPT statuses": "DSPT statuses",
    "join:Commissioners with status": "Commissioners with status",
    "join:Commissioners not joined": "Commissioners not joined",
    "composite:ICS composite": "ICS composite",
    "composite:Organisations not counted": "Organisations not counted",
    "proportions:Trust compliance proportions": "Trust compliance proportions",
    "summary:Summary of compliance": "Summary of compliance",
    "summary:Summary report": "Summary report",
}


class Summary(QgsProcessingFeedback):
    """Keeps the log's info lines (where the account is summarised)."""

    def __init__(self) -> None:
        super().__init__()
        self.infos: list[str] = []

    def pushInfo(self, info: str) -> None:  # noqa: N802 (QGIS API)
        self.infos.append(info)

    def account(self) -> int:
        line = next(i for i in self.infos if "input row(s)" in i)
        return int(line.split()[0])


def destinations(name: str) -> list[tuple[str, str]]:
    """(key, file suffix) of every output the algorithm can write."""
    algorithm = QgsApplication.processingRegistry().algorithmById(f"dspt:{name}")

    def suffix(definition) -> str:
        if isinstance(definition, QgsProcessingParameterFolderDestination):
            return ""
        if isinstance(definition, QgsProcessingParameterFileDestination):
            return "." + definition.defaultFileExtension()
        return ".gpkg"

    return [(d.name(), suffix(d)) for d in algorithm.destinationParameterDefinitions()]


def every_output_into(folder: Path, name: str) -> dict[str, str]:
    return {key: str(folder / f"{key.lower()}{suffix}") for key, suffix in destinations(name)}


def leftovers(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*")) if folder.exists() else []


def geopackage_with_a_table(path: Path) -> Path:
    """A GeoPackage holding one table of its own ("keep", two rows), as an analyst's project
    GeoPackage would before the outputs are added to it."""
    from osgeo import ogr

    dataset = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    layer = dataset.CreateLayer("keep", geom_type=ogr.wkbNone)
    layer.CreateField(ogr.FieldDefn("note", ogr.OFTString))
    for note in ("first", "second"):
        feature = ogr.Feature(layer.GetLayerDefn())
        feature.SetField("note", note)
        layer.CreateFeature(feature)
    dataset = None
    return path


def tables_of(path: Path) -> dict[str, int]:
    """Each table of a GeoPackage (styles aside) with its row count."""
    from osgeo import ogr

    dataset = ogr.Open(str(path))
    counts = {
        dataset.GetLayer(i).GetName(): dataset.GetLayer(i).GetFeatureCount()
        for i in range(dataset.GetLayerCount())
    }
    counts.pop("layer_styles", None)
    return counts


def every_feature_output_as_a_table(path: Path, name: str) -> dict[str, str]:
    """Each feature output of the algorithm as a table of the GeoPackage, as the dialog's
    "Save to GeoPackage..." gives it (file outputs, such as HTML reports, left out)."""
    algorithm = QgsApplication.processingRegistry().algorithmById(f"dspt:{name}")
    return {
        d.name(): f"ogr:dbname='{path}' table=\"{d.name().lower()}\" (geom)"
        for d in algorithm.destinationParameterDefinitions()
        if isinstance(d, QgsProcessingParameterFeatureSink)
    }


def table_rows(path: Path, table: str) -> list[tuple]:
    """Every row of a GeoPackage table exactly as SQLite holds it (geometry blobs
    included), in primary-key order: equal lists mean the table is byte-for-byte the same."""
    return every_table_rows(path, [table])[table]


def every_table_rows(path: Path, tables) -> dict[str, list[tuple]]:
    """:func:`table_rows` of each of ``tables``, read through one connection."""
    import contextlib
    import sqlite3

    with contextlib.closing(sqlite3.connect(str(path))) as database:
        return {
            table: database.execute(
                'SELECT * FROM "{}" ORDER BY 1'.format(table.replace('"', '""'))
            ).fetchall()
            for table in tables
        }


def moved_to(parameters: dict, old: Path, new: Path) -> dict:
    """``parameters`` with every path under the folder ``old`` (files, GeoPackage tables)
    named under ``new``, a copy of it."""

    def move(value):
        if isinstance(value, list):
            return [move(v) for v in value]
        if isinstance(value, str) and value.startswith(f"{old}/"):
            return f"{new}{value[len(str(old)) :]}"
        assert str(old) not in str(value), f"{value!r} names {old} other than at its start"
        return value

    return {key: move(value) for key, value in parameters.items()}


def inputs_in_geopackage(gpkg: Path, parameters: dict, prefix: str = "input") -> dict:
    """The parameters with every layer input saved as a table of ``gpkg``
    (``<prefix>_<key>``, ``<prefix>_<key>_<n>`` for a list of layers) and given as
    ``gpkg|layername=<table>``."""
    moved = dict(parameters)
    for key, value in parameters.items():
        if isinstance(value, QgsVectorLayer):
            moved[key] = _saved(gpkg, value, f"{prefix}_{key.lower()}")
        elif isinstance(value, list) and all(isinstance(v, QgsVectorLayer) for v in value):
            moved[key] = [
                _saved(gpkg, layer, f"{prefix}_{key.lower()}_{n}") for n, layer in enumerate(value)
            ]
    return moved


def _saved(gpkg: Path, layer: QgsVectorLayer, table: str) -> str:
    """``layer`` written as ``table`` of ``gpkg``, as a path naming that table."""
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.layerName = table
    options.actionOnExistingFile = (
        QgsVectorFileWriter.ActionOnExistingFile.CreateOrOverwriteLayer
        if gpkg.exists()
        else QgsVectorFileWriter.ActionOnExistingFile.CreateOrOverwriteFile
    )
    error, *_ = QgsVectorFileWriter.writeAsVectorFormatV3(
        layer, str(gpkg), QgsCoordinateTransformContext(), options
    )
    assert error == QgsVectorFileWriter.WriterError.NoError
    return f"{gpkg}|layername={table}"


def pdf_pages(pdf) -> list[str]:
    """The text of each page of a PDF (poppler's pdftotext: form feeds between pages), its
    typographic ligatures (ﬀ) spelt out."""
    if shutil.which("pdftotext") is None:
        unavailable("pdftotext not installed (Debian: poppler-utils; run `make setup`)")
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True
    ).stdout
    return unicodedata.normalize("NFKC", text).split("\f")[:-1]
