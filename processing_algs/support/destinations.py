"""Where each output goes, read from its parameter the way QGIS will write it.

A destination is a temporary layer, a file (staged, then moved into place), a folder of
files, or a table written through a QGIS provider connection (a GeoPackage table given as
``ogr:dbname=... table=...`` or ``file.gpkg|layername=...``, a PostGIS table). It is
checked before anything is computed: its folder exists and can be written, its format is
one QGIS writes, it names no folder where a file belongs.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from enum import Enum
from typing import Any

from qgis.core import (
    QgsDataSourceUri,
    QgsProcessingContext,
    QgsProcessingDestinationParameter,
    QgsProcessingException,
    QgsProcessingOutputLayerDefinition,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFolderDestination,
    QgsProperty,
    QgsProviderRegistry,
    QgsVectorFileWriter,
)
from qgis.PyQt.QtCore import QCoreApplication

from .datasets import Dataset, file_dataset, server_dataset

#: Destinations a spreadsheet program opens: formula-like text is neutralised there.
SPREADSHEET_SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx", ".xls", ".ods")
#: Files whose tables are written through QGIS's connection to them (a table added to them).
TABLE_FILE_SUFFIXES = (".gpkg", ".sqlite")
#: Destination prefixes of tables written through a provider: prefix -> QGIS provider.
TABLE_PROVIDERS = {
    "ogr": "ogr",
    "postgis": "postgres",
    "postgres": "postgres",
    "spatialite": "spatialite",
}


class Kind(Enum):
    """How an output is written and made all-or-nothing."""

    NONE = "not asked for"  # an optional output left empty
    MEMORY = "temporary layer"
    FILE = "file"  # written under a hidden name beside it, moved into place at the end
    FOLDER = "folder"  # likewise, file by file
    TABLE = "table"  # a table of a GeoPackage or database, through QGIS's connection to it
    OTHER = "other"  # a provider URI QGIS writes directly


@dataclass
class Destination:
    """One output as the analyst gave it, and where it lands."""

    key: str
    label: str
    kind: Kind
    text: str
    path: str | None = None  # FILE, FOLDER; a TABLE's file (GeoPackage)
    provider: str | None = None  # TABLE: the QGIS provider that writes it
    connection: str | None = None  # TABLE: what QGIS connects to (a file, a database URI)
    schema: str = ""  # TABLE: the database schema ("" in a GeoPackage)
    table: str | None = None  # TABLE: the table's name as given
    dataset: Dataset | None = None  # what it would write over (None: nothing existing)

    @property
    def spreadsheet(self) -> bool:
        """True when a spreadsheet program opens this file (CSV, XLSX, ODS)."""
        return self.kind is Kind.FILE and self.suffix in SPREADSHEET_SUFFIXES

    @property
    def suffix(self) -> str:
        return os.path.splitext(self.path or "")[1].lower()

    @property
    def short_names(self) -> bool:
        """True for formats that keep 10 characters of a field name (shapefile, dBase)."""
        return self.kind is Kind.FILE and self.suffix in (".shp", ".dbf")

    def describe(self) -> str:
        """How messages name where it goes."""
        return self.dataset.describe() if self.dataset is not None else self.text

    def sink_value(self, table: str | None = None) -> str:
        """The destination QGIS writes, for this table (a staging table) or its own."""
        name = table or self.table or ""
        if self.provider == "ogr":
            return f"ogr:dbname='{self.path}' table=\"{name}\" (geom)"
        uri = QgsDataSourceUri(self.connection or "")
        uri.setTable(name)
        if self.schema:
            uri.setSchema(self.schema)
        return f"{self.provider}:{uri.uri(False)}"


def resolve(
    definition: QgsProcessingDestinationParameter,
    parameters: dict[str, Any],
    context: QgsProcessingContext,
) -> Destination:
    """Read a destination parameter's value the way QGIS will, without side effects
    (``parameterAsOutputLayer`` would register a second, bogus layer to load)."""
    key, label = definition.name(), definition.description()
    value = parameters.get(key)
    if isinstance(value, QgsProcessingOutputLayerDefinition):  # a model's step: the model's name
        label, value = value.destinationName or label, value.sink
    if isinstance(value, QgsProperty):
        value = value.valueAsString(context.expressionContext(), "")
        value = value[0] if isinstance(value, tuple) else value
    text = "" if value is None else str(value).strip()
    if not text:
        optional = bool(definition.flags() & definition.FlagOptional)
        default = definition.defaultValue()
        if optional and (default is None or str(default) == ""):
            return Destination(key, label, Kind.NONE, "")
        text = str(default) if default not in (None, "") else "TEMPORARY_OUTPUT"
    if text == "TEMPORARY_OUTPUT":
        if isinstance(definition, QgsProcessingParameterFeatureSink):
            return Destination(key, label, Kind.MEMORY, text)
        text = definition.generateTemporaryDestination()
    prefix, _, rest = text.partition(":")
    if prefix == "memory":
        return Destination(key, label, Kind.MEMORY, text)
    if prefix in TABLE_PROVIDERS:
        return _table(key, label, text, TABLE_PROVIDERS[prefix], QgsDataSourceUri(rest))
    if len(prefix) >= 3 and prefix.isalpha() and rest:  # another provider's URI, not C:\...
        return Destination(key, label, Kind.OTHER, text)
    parts = QgsProviderRegistry.instance().decodeUri("ogr", text)
    path = os.path.abspath(os.path.expanduser(parts.get("path") or text.split("|")[0]))
    if parts.get("layerName") and path.lower().endswith(TABLE_FILE_SUFFIXES):
        uri = QgsDataSourceUri()
        uri.setDatabase(path)
        uri.setTable(parts["layerName"])
        return _table(key, label, text, "ogr", uri)
    kind = (
        Kind.FOLDER
        if isinstance(definition, QgsProcessingParameterFolderDestination)
        else Kind.FILE
    )
    dataset = file_dataset(path, whole=True) if kind is Kind.FILE else None
    return Destination(key, label, kind, text, path=path, dataset=dataset)


def _table(key: str, label: str, text: str, provider: str, uri: QgsDataSourceUri) -> Destination:
    if provider in ("ogr", "spatialite"):
        path = os.path.abspath(os.path.expanduser(uri.database()))
        if not uri.table():  # a whole file given as ogr:dbname=...
            return Destination(
                key, label, Kind.FILE, text, path=path, dataset=file_dataset(path, whole=True)
            )
        return Destination(
            key,
            label,
            Kind.TABLE,
            text,
            path=path,
            provider=provider,
            connection=path,
            table=uri.table(),
            dataset=file_dataset(path, uri.table()),
        )
    connection = QgsDataSourceUri(uri.connectionInfo(False))
    return Destination(
        key,
        label,
        Kind.TABLE,
        text,
        provider=provider,
        connection=connection.uri(False),
        schema=uri.schema() or "public",
        table=uri.table(),
        dataset=server_dataset(provider, uri),
    )


def check_writable(destination: Destination, definition: QgsProcessingDestinationParameter) -> None:
    """Stop before any work when a destination cannot be written (see the module doc)."""
    if destination.path is None or destination.kind not in (Kind.FILE, Kind.FOLDER, Kind.TABLE):
        return
    folder = os.path.dirname(destination.path) or "."
    if not os.path.isdir(folder):
        raise QgsProcessingException(
            QCoreApplication.translate(
                "DsptOutputs", "The folder of the output '{}' does not exist: {}"
            ).format(destination.label, folder)
        )
    if not os.access(folder, os.W_OK | os.X_OK):
        raise QgsProcessingException(
            QCoreApplication.translate(
                "DsptOutputs", "The output '{}' cannot be written: no permission to write in {}"
            ).format(destination.label, folder)
        )
    if destination.kind is Kind.FOLDER:
        if os.path.isfile(destination.path):
            raise QgsProcessingException(
                QCoreApplication.translate(
                    "DsptOutputs", "The output '{}' names a file, not a folder: {}"
                ).format(destination.label, destination.path)
            )
        return
    if os.path.isdir(destination.path):
        raise QgsProcessingException(
            QCoreApplication.translate(
                "DsptOutputs", "The output '{}' names a folder, not a file: {}"
            ).format(destination.label, destination.path)
        )
    if destination.kind is Kind.FILE and isinstance(definition, QgsProcessingParameterFeatureSink):
        extensions = {e.lower() for e in QgsVectorFileWriter.supportedFormatExtensions()}
        if destination.suffix.lstrip(".") not in extensions:
            raise QgsProcessingException(
                QCoreApplication.translate(
                    "DsptOutputs",
                    "The output '{}' ({}) is not a file format QGIS writes; use a name ending in "
                    ".gpkg, .csv, .xlsx, .geojson or .shp.",
                ).format(destination.label, destination.path)
            )
