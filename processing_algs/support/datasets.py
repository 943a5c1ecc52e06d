"""Where a layer's data lives, so that an output is never written over an input.

Analysts keep one project GeoPackage or one PostGIS schema: the same data reaches an
algorithm as a layer of the project, a path with ``|layername=``, an ``ogr:`` or
``postgres:`` URI. Each is reduced to a :class:`Dataset` (a resolved file, the table in
it, or a database table) and compared with every destination before anything is written.
The same resolution names inputs in messages as QGIS shows them ("ics in both.gpkg").
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from qgis.core import (
    QgsDataSourceUri,
    QgsException,
    QgsMapLayer,
    QgsProcessingAlgorithm,
    QgsProcessingContext,
    QgsProcessingFeatureSourceDefinition,
    QgsProcessingParameterFile,
    QgsProcessingParameterMultipleLayers,
    QgsProcessingUtils,
    QgsProperty,
    QgsProviderRegistry,
)

#: Files that hold several tables: a path without a table means its first one.
MULTI_TABLE_SUFFIXES = (".gpkg", ".sqlite", ".db")
#: The files of one shapefile: writing any of them replaces the others.
SHAPEFILE_PARTS = (".shp", ".dbf", ".shx", ".prj", ".cpg", ".qix", ".sbn", ".sbx")
#: Providers whose tables live in a database server, compared on connection + schema + table.
SERVER_PROVIDERS = ("postgres", "oracle", "mssql", "hana", "db2")
#: Host names that all mean "this machine" to a database client.
LOCAL_HOSTS = ("", "localhost", "127.0.0.1", "::1")


@dataclass(frozen=True)
class Dataset:
    """A file (``path``), a table in a file (``path`` + ``table``), or a table of a database
    server (``server`` + ``schema`` + ``table``)."""

    path: str | None = None
    table: str | None = None
    server: str | None = None
    schema: str | None = None
    #: What the file or server is, whatever its name: a file's device and inode (the same
    #: file through a hard link, a mapped drive or a bind mount), the database a server
    #: connection reaches (a service name or a host). None when it cannot be known (a file
    #: not yet written, a server not reached): the names are compared then.
    identity: str | None = field(default=None, compare=False)

    def overlaps(self, other: Dataset) -> bool:
        """True when writing one would change the other: the same table (in a file, in any
        letter case, as SQLite compares names), or a whole file and anything in it."""
        same = (
            self.identity == other.identity
            if self.identity is not None and other.identity is not None
            else None
        )
        if self.server or other.server:  # PostgreSQL compares quoted names exactly
            where = same if same is not None else self.server == other.server
            return where and (_schema(self.schema), self.table) == (
                _schema(other.schema),
                other.table,
            )
        if not (same if same is not None else self.path is not None and self.path == other.path):
            return False
        return (
            self.table is None or other.table is None or self.table.lower() == other.table.lower()
        )

    def describe(self) -> str:
        """How an analyst names it: ``ics in analysis.gpkg``, ``export.csv``,
        ``table public.ics of database dspt``."""
        if self.server:
            return f"table {_schema(self.schema)}.{self.table} of {self.server}"
        name = os.path.basename(self.path or "")
        return f"{self.table} in {name}" if self.table else name


def file_dataset(path: str, table: str | None = None, *, whole: bool = False) -> Dataset:
    """A file by its real path (a shapefile by its .shp), and the table in it. A
    GeoPackage read without a table name is its first table, as QGIS opens it; written
    without one (``whole``), it is the whole file."""
    real = os.path.normcase(os.path.realpath(os.path.expanduser(path)))
    stem, suffix = os.path.splitext(real)
    if suffix.lower() in SHAPEFILE_PARTS:
        real = stem + ".shp"
    if (
        table is None
        and not whole
        and suffix.lower() in MULTI_TABLE_SUFFIXES
        and os.path.isfile(real)
    ):
        table = _table_at(real, 0)
    return Dataset(path=real, table=table or None, identity=_file_identity(real))


def _file_identity(path: str) -> str | None:
    """The file's device and inode (None when it does not exist yet)."""
    try:
        found = os.stat(path)
    except OSError:
        return None
    if not found.st_ino:  # a file system without inode numbers (FAT, some shares)
        return None
    return f"file {found.st_dev}:{found.st_ino}"


def text_dataset(text: str) -> Dataset | None:
    """The dataset a path (``file.gpkg|layername=ics``) names, when the file exists."""
    parts = QgsProviderRegistry.instance().decodeUri("ogr", text)
    path = parts.get("path") or ""
    if not path or not os.path.exists(path):
        return None
    table = parts.get("layerName") or None
    if table is None and parts.get("layerId") not in (None, ""):  # file.gpkg|layerid=3
        table = _table_at(os.path.realpath(path), int(parts["layerId"]))
    return file_dataset(path, table)


def layer_dataset(layer: QgsMapLayer) -> Dataset | None:
    """Where a layer's data lives (None for memory and virtual layers: nothing to compare)."""
    provider = layer.providerType()
    if provider in ("ogr", "gdal"):
        return text_dataset(layer.source())
    if provider == "delimitedtext":
        path = QgsProviderRegistry.instance().decodeUri(provider, layer.source()).get("path") or ""
        return file_dataset(path) if path else None
    uri = QgsDataSourceUri(layer.source())
    if provider == "spatialite":
        return file_dataset(uri.database(), uri.table())
    if provider in SERVER_PROVIDERS:
        return server_dataset(provider, uri)
    return None


def server_dataset(provider: str, uri: QgsDataSourceUri) -> Dataset:
    """A database table, keyed by its server and database (a service name, else host,
    port and database name, "localhost" in any spelling counting as one)."""
    if uri.service():
        server = f"{provider} service {uri.service()}"
    else:
        host = "localhost" if uri.host().lower() in LOCAL_HOSTS else uri.host().lower()
        server = f"{provider} database {uri.database()} on {host}:{uri.port() or '5432'}"
    return Dataset(
        server=server,
        schema=uri.schema() or None,
        table=uri.table(),
        identity=_server_identity(provider, uri.connectionInfo(False)),
    )


@functools.lru_cache(maxsize=64)
def _server_identity(provider: str, connection: str) -> str | None:
    """The database a PostgreSQL connection reaches, as the server itself says (its
    database, its address, loopback in any spelling counting as one, and its port): the
    same whether it is named by a service or by host. None when it cannot be reached (the
    write says why later) or for another kind of server."""
    if provider != "postgres":
        return None
    metadata = QgsProviderRegistry.instance().providerMetadata(provider)
    try:
        rows = metadata.createConnection(connection, {}).executeSql(
            "SELECT current_database(), coalesce(host(inet_server_addr()), ''), "
            "coalesce(inet_server_port(), 0)"
        )
    except QgsException:
        return None
    database, address, port = rows[0]
    address = "localhost" if address in LOCAL_HOSTS or address.startswith("127.") else address
    return f"{provider} {database} at {address}:{port}"


def input_datasets(
    algorithm: QgsProcessingAlgorithm, parameters: dict[str, Any], context: QgsProcessingContext
) -> Iterator[tuple[str, Dataset]]:
    """Every input's dataset with the input's label (the layers, tables and files read)."""
    for definition in algorithm.parameterDefinitions():
        key = definition.name()
        if definition.isDestination() or parameters.get(key) in (None, ""):
            continue
        if isinstance(definition, QgsProcessingParameterFile):
            found = [text_dataset(algorithm.parameterAsFile(parameters, key, context))]
        elif isinstance(definition, QgsProcessingParameterMultipleLayers):
            found = [_value_dataset(value, context) for value in _listed(parameters[key])]
        elif definition.type() in ("source", "vector", "layer", "raster", "mesh", "pointcloud"):
            found = [_value_dataset(parameters[key], context)]
        else:
            continue
        yield from ((definition.description(), dataset) for dataset in found if dataset is not None)


def _value_dataset(value: Any, context: QgsProcessingContext) -> Dataset | None:
    """A parameter value (a path, a layer id or name, a layer, a source definition)."""
    if isinstance(value, QgsProcessingFeatureSourceDefinition):
        value = value.source
    if isinstance(value, QgsProperty):
        value = value.staticValue()
    if isinstance(value, QgsMapLayer):
        return layer_dataset(value)
    text = str(value)
    found = text_dataset(text)
    if found is not None:
        return found
    layer = QgsProcessingUtils.mapLayerFromString(text, context)
    return layer_dataset(layer) if layer is not None else None


def _listed(value: Any) -> list[Any]:
    return list(value) if isinstance(value, (list, tuple)) else [value]


def _table_at(path: str, index: int) -> str | None:
    """The name of a GeoPackage's table ``index`` (0: its first), as GDAL numbers them."""
    from osgeo import gdal, ogr

    gdal.PushErrorHandler("CPLQuietErrorHandler")
    try:
        dataset = ogr.Open(path)
        if dataset is None or not 0 <= index < dataset.GetLayerCount():
            return None
        return str(dataset.GetLayer(index).GetName())
    finally:
        gdal.PopErrorHandler()


def _schema(schema: str | None) -> str:
    return schema or "public"
