"""Where each output goes: one model of a destination, read and written with QGIS's own URI
codecs, never with strings the plugin formats itself.

A destination is a temporary layer, a file (staged, then moved into place), a folder of
files, or a table written through a QGIS provider (a GeoPackage table given as
``file.gpkg|layername=...`` or ``ogr:dbname=... table=...``, a PostGIS or SpatiaLite table
given as ``postgis:``/``postgres:``/``postgres://``/``spatialite:`` and a data source URI).
The value is decoded once, by QGIS (``QgsProviderRegistry.decodeUri``,
``QgsProcessingUtils.decodeProviderKeyAndUri``, ``QgsDataSourceUri``), into the parts kept
here; every string QGIS is later given (the sink it writes, the layer it loads, the table
the overlap check compares) is encoded from those parts by QGIS again. So the name checked
against the inputs is exactly the name written and the name reported, whatever quotes,
apostrophes, spaces or SQL it holds.

It is checked before anything is computed: its folder exists and can be written, its
format is one QGIS writes, its table name is one the database keeps as given.
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
    QgsProcessingUtils,
    QgsProperty,
    QgsProviderRegistry,
    QgsVectorFileWriter,
)
from qgis.PyQt.QtCore import QCoreApplication

from .datasets import Dataset, file_dataset, server_dataset
from .failures import redact

#: Destinations a spreadsheet program opens: formula-like text is neutralised there.
SPREADSHEET_SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx", ".xls", ".ods")
#: Files that hold attributes only: a layer's geometry is not written to them.
TABLE_ONLY_SUFFIXES = (*SPREADSHEET_SUFFIXES, ".dbf")
#: Files whose tables are written through QGIS's connection to them (a table added to them).
TABLE_FILE_SUFFIXES = (".gpkg", ".sqlite")
#: Destination prefixes of tables written through a provider: prefix -> QGIS provider.
TABLE_PROVIDERS = {
    "ogr": "ogr",
    "postgis": "postgres",
    "postgres": "postgres",
    "spatialite": "spatialite",
}
#: The geometry column a new table gets when the destination names none (QGIS's own).
DEFAULT_GEOMETRY_COLUMN = "geom"
#: PostgreSQL keeps 63 bytes of a name and silently cuts the rest.
POSTGRES_NAME_BYTES = 63
#: Table name beginnings a GeoPackage or SQLite file keeps for itself.
RESERVED_PREFIXES = ("gpkg_", "sqlite_", "rtree_")
#: Tables a GeoPackage or SpatiaLite file keeps for QGIS itself (the layers' stored styles).
RESERVED_NAMES = ("layer_styles",)


class Kind(Enum):
    """How an output is written and made all-or-nothing."""

    NONE = "not asked for"  # an optional output left empty
    MEMORY = "temporary layer"
    FILE = "file"  # written under a hidden name beside it, moved into place at the end
    FOLDER = "folder"  # likewise, file by file
    TABLE = "table"  # a table of a GeoPackage or database, through QGIS's connection to it
    OTHER = "other"  # a provider URI QGIS writes directly


@dataclass(frozen=True)
class Destination:
    """One output as the analyst gave it, decoded into the parts QGIS encodes again.

    ``text`` is the value as given: it may hold a database password, so messages name a
    destination through :meth:`describe`, never through ``text``.
    """

    key: str
    label: str
    kind: Kind
    text: str
    path: str | None = None  # FILE, FOLDER; a TABLE's file (GeoPackage, SpatiaLite)
    provider: str | None = None  # TABLE: the QGIS provider that writes it
    uri: str = ""  # TABLE: the data source URI as given (connection, key, geometry column)
    schema: str = ""  # TABLE: the database schema ("" in a file)
    table: str | None = None  # TABLE: the table's name, exactly as given
    geometry_column: str = ""  # TABLE: as given ("" = QGIS's default)
    dataset: Dataset | None = None  # what it would write over (None: nothing existing)
    table_asked: bool = False  # FILE: a table name given for a format of one table a file

    @property
    def spreadsheet(self) -> bool:
        """True when a spreadsheet program opens this file (CSV, XLSX, ODS)."""
        return self.kind is Kind.FILE and self.suffix in SPREADSHEET_SUFFIXES

    @property
    def holds_geometry(self) -> bool:
        """False for formats that keep attributes only (CSV, spreadsheets, dBase)."""
        return not (self.kind is Kind.FILE and self.suffix in TABLE_ONLY_SUFFIXES)

    @property
    def suffix(self) -> str:
        return os.path.splitext(self.path or "")[1].lower()

    @property
    def short_names(self) -> bool:
        """True for formats that keep 10 characters of a field name (shapefile, dBase)."""
        return self.kind is Kind.FILE and self.suffix in (".shp", ".dbf")

    @property
    def in_geopackage(self) -> bool:
        """True for a GeoPackage file or a table of one."""
        return self.suffix == ".gpkg" or (self.kind is Kind.TABLE and self.provider == "ogr")

    def describe(self) -> str:
        """How messages name where it goes (never with a password)."""
        return self.dataset.describe() if self.dataset is not None else redact(self.text)

    def table_uri(self, table: str, spatial: bool = True) -> QgsDataSourceUri:
        """The data source URI of ``table`` in this destination's file or database (with
        its geometry column when ``spatial``: a PostGIS table written without one has none)."""
        uri = QgsDataSourceUri(self.uri)
        if self.provider == "ogr":
            uri = QgsDataSourceUri()
            uri.setDatabase(self.path or "")
        geometry = (self.geometry_column or DEFAULT_GEOMETRY_COLUMN) if spatial else ""
        uri.setDataSource(self.schema, table, geometry, "", uri.keyColumn())
        return uri

    def sink_value(self, table: str, spatial: bool) -> str:
        """The destination Processing writes ``table`` through."""
        return f"{self.provider}:{self.table_uri(table, spatial).uri(False)}"

    def provider_source(self, table: str, spatial: bool = True) -> str:
        """The data source of ``table`` as its QGIS provider opens it."""
        if self.provider == "ogr":
            return QgsProviderRegistry.instance().encodeUri(
                "ogr", {"path": self.path or "", "layerName": table}
            )
        return self.table_uri(table, spatial).uri(False)

    def layer_source(self, table: str | None = None, spatial: bool = True) -> str:
        """The value that loads ``table`` (default: the output's own) wherever Processing
        takes a layer: the reported ``OUTPUT``."""
        source = self.provider_source(self.table or "" if table is None else table, spatial)
        if self.provider == "ogr":
            return source
        return QgsProcessingUtils.encodeProviderKeyAndUri(self.provider or "", source)


def resolve(
    definition: QgsProcessingDestinationParameter,
    parameters: dict[str, Any],
    context: QgsProcessingContext,
) -> Destination:
    """Read a destination parameter's value the way QGIS will, without side effects
    (``parameterAsOutputLayer`` would register a second, bogus layer to load)."""
    key, label = definition.name(), definition.description()
    value = parameters.get(key)
    if isinstance(value, QgsProcessingOutputLayerDefinition) and value.destinationName:
        label = value.destinationName  # a model's step: the model's name for its output
    text = _given_text(definition, parameters, context)
    if not text:
        return Destination(key, label, Kind.NONE, "")
    if text == "TEMPORARY_OUTPUT":
        if isinstance(definition, QgsProcessingParameterFeatureSink):
            return Destination(key, label, Kind.MEMORY, text)
        text = definition.generateTemporaryDestination()
    decoded, provider, uri = QgsProcessingUtils.decodeProviderKeyAndUri(text)
    if decoded and provider == "ogr":  # ogr:///path|layername=...: a path, as below
        text, provider = uri, ""
    elif not decoded:
        provider, _, uri = text.partition(":")
    if provider == "memory":
        return Destination(key, label, Kind.MEMORY, text)
    if provider in TABLE_PROVIDERS:
        return _table(key, label, text, TABLE_PROVIDERS[provider], uri)
    if len(provider) >= 3 and provider.isalpha() and uri:  # another provider's, not C:\...
        return Destination(key, label, Kind.OTHER, text)
    parts = QgsProviderRegistry.instance().decodeUri("ogr", text)
    path = os.path.abspath(os.path.expanduser(parts.get("path") or text.split("|")[0]))
    if path.lower().endswith(TABLE_FILE_SUFFIXES):
        if "|layername=" in text:
            return _file_table(key, label, text, "ogr", path, parts.get("layerName") or "", "")
        if _holds_tables(path):  # an existing GeoPackage: its other tables are kept
            table = os.path.splitext(os.path.basename(path))[0]
            return _file_table(key, label, text, "ogr", path, table, "")
    kind = (
        Kind.FOLDER
        if isinstance(definition, QgsProcessingParameterFolderDestination)
        else Kind.FILE
    )
    dataset = file_dataset(path, whole=True) if kind is Kind.FILE else None
    return Destination(
        key, label, kind, text, path=path, dataset=dataset, table_asked="|layername=" in text
    )


def _holds_tables(path: str) -> bool:
    """True for an existing GeoPackage or SpatiaLite file with tables of its own."""
    import contextlib
    import sqlite3

    if not os.path.isfile(path) or os.path.getsize(path) == 0:
        return False
    try:
        with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as database:
            return bool(database.execute("SELECT count(*) FROM sqlite_master").fetchone()[0])
    except sqlite3.Error:
        return False


def _given_text(
    definition: QgsProcessingDestinationParameter,
    parameters: dict[str, Any],
    context: QgsProcessingContext,
) -> str:
    """The value given (an expression evaluated), or the default; "" for an optional
    output left empty."""
    value = parameters.get(definition.name())
    if isinstance(value, QgsProcessingOutputLayerDefinition):
        value = value.sink
    if isinstance(value, QgsProperty):
        value = value.valueAsString(context.expressionContext(), "")
        value = value[0] if isinstance(value, tuple) else value
    text = "" if value is None else str(value).strip()
    if text:
        return text
    default = definition.defaultValue()
    if definition.flags() & definition.FlagOptional and default in (None, ""):
        return ""
    return str(default) if default not in (None, "") else "TEMPORARY_OUTPUT"


def _table(key: str, label: str, text: str, provider: str, given: str) -> Destination:
    """A table written through a provider, from its data source URI."""
    uri = QgsDataSourceUri(given)
    if provider in ("ogr", "spatialite"):
        path = os.path.abspath(os.path.expanduser(uri.database()))
        if not uri.table():  # a whole file given as ogr:dbname=...
            if _holds_tables(path):  # an existing GeoPackage: its other tables are kept
                stem = os.path.splitext(os.path.basename(path))[0]
                return _file_table(key, label, text, provider, path, stem, uri.geometryColumn())
            return Destination(
                key, label, Kind.FILE, text, path=path, dataset=file_dataset(path, whole=True)
            )
        return _file_table(key, label, text, provider, path, uri.table(), uri.geometryColumn())
    uri.setTable(uri.table().strip())  # as in any other form of the name: no spaces around it
    return Destination(
        key,
        label,
        Kind.TABLE,
        text,
        provider=provider,
        uri=given,
        schema=uri.schema() or "public",
        table=uri.table(),
        geometry_column=uri.geometryColumn(),
        dataset=server_dataset(provider, uri),
    )


def _file_table(
    key: str, label: str, text: str, provider: str, path: str, table: str, geometry: str
) -> Destination:
    table = table.strip()  # as in any other form of the name: no spaces around it
    uri = QgsDataSourceUri()
    uri.setDatabase(path)
    return Destination(
        key,
        label,
        Kind.TABLE,
        text,
        path=path,
        provider=provider,
        uri=uri.uri(False),
        table=table,
        geometry_column=geometry,
        dataset=file_dataset(path, table),
    )


def check_writable(destination: Destination, definition: QgsProcessingDestinationParameter) -> None:
    """Stop before any work when a destination cannot be written (see the module doc)."""
    if destination.kind is Kind.TABLE:
        check_table_name(destination)
    if destination.table_asked:
        raise QgsProcessingException(
            _tr(
                "The output '{}' names a table in {}, but that kind of file holds one table: "
                "writing it would replace the whole file. Give the output a file of its own, "
                "or a table of a GeoPackage (file.gpkg|layername=name)."
            ).format(destination.label, os.path.basename(destination.path or ""))
        )
    if destination.path is None or destination.kind not in (Kind.FILE, Kind.FOLDER, Kind.TABLE):
        return
    folder = os.path.dirname(destination.path) or "."
    if not os.path.isdir(folder):
        raise QgsProcessingException(
            _tr("The folder of the output '{}' does not exist: {}").format(
                destination.label, folder
            )
        )
    if not os.access(folder, os.W_OK | os.X_OK):
        raise QgsProcessingException(
            _tr("The output '{}' cannot be written: no permission to write in {}").format(
                destination.label, folder
            )
        )
    if destination.kind is Kind.FOLDER:
        if os.path.isfile(destination.path):
            raise QgsProcessingException(
                _tr("The output '{}' names a file, not a folder: {}").format(
                    destination.label, destination.path
                )
            )
        return
    if os.path.isdir(destination.path):
        raise QgsProcessingException(
            _tr("The output '{}' names a folder, not a file: {}").format(
                destination.label, destination.path
            )
        )
    if destination.kind is Kind.FILE and isinstance(definition, QgsProcessingParameterFeatureSink):
        extensions = {e.lower() for e in QgsVectorFileWriter.supportedFormatExtensions()}
        if destination.suffix.lstrip(".") not in extensions:
            raise QgsProcessingException(
                _tr(
                    "The output '{}' ({}) is not a file format QGIS writes; use a name ending in "
                    ".gpkg, .csv, .xlsx, .geojson or .shp."
                ).format(destination.label, destination.path)
            )


def check_table_name(destination: Destination) -> None:
    """Stop when the table's name is one its file or database would not keep as given."""
    from .staging import STAGING_PREFIXES

    name = destination.table or ""
    problem = ""
    if not name.strip():
        problem = _tr("give the table a name")
    elif name.lower().startswith(STAGING_PREFIXES):
        problem = _tr("names beginning {} are kept for tables being written").format(
            " or ".join(STAGING_PREFIXES)
        )
    elif destination.provider == "ogr" and "|" in name:
        problem = _tr("QGIS cannot open a GeoPackage table whose name holds '|'")
    elif destination.provider == "spatialite" and any(quote in name for quote in "'\""):
        problem = _tr("SpatiaLite keeps no quotes in a table name")
    elif destination.provider in ("ogr", "spatialite") and (
        name.lower().startswith(RESERVED_PREFIXES) or name.lower() in RESERVED_NAMES
    ):
        problem = _tr("names beginning {} (and {}) are kept by the file format itself").format(
            ", ".join(RESERVED_PREFIXES), ", ".join(RESERVED_NAMES)
        )
    elif destination.provider == "postgres" and len(name.encode()) > POSTGRES_NAME_BYTES:
        problem = _tr("PostgreSQL keeps only the first {} bytes of a table name").format(
            POSTGRES_NAME_BYTES
        )
    if problem:
        raise QgsProcessingException(
            _tr("The output '{}' cannot be written as the table '{}' of {}: {}.").format(
                destination.label, name, _where(destination), problem
            )
        )


def _where(destination: Destination) -> str:
    """The file or database a table goes in, as messages name it."""
    if destination.path:
        return os.path.basename(destination.path)
    server = destination.dataset.server if destination.dataset else None
    return server or destination.describe()


def _tr(text: str) -> str:
    return QCoreApplication.translate("DsptOutputs", text)
