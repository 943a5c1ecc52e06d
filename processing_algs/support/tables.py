"""Tables of a GeoPackage or a database, through QGIS's own connection to them: whether
one exists, renaming and dropping (the table side of the output transaction)."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator

from qgis.core import QgsAbstractDatabaseProviderConnection, QgsProviderRegistry

from .destinations import Destination

#: Names of the tables a run writes before they replace a table of the same name, and of
#: the replaced table until the run has succeeded.
STAGING_TABLE = "dspt_writing_"
REPLACED_TABLE = "dspt_replaced_"


def existing(destination: Destination) -> str | None:
    """The table a destination names, as its GeoPackage or database spells it, or None.

    A GeoPackage is asked through SQLite's own catalogue, in any letter case as SQLite
    compares names (GDAL would read every table's definition to open it); a database
    through QGIS's connection, exactly as PostgreSQL compares quoted names.
    """
    wanted = destination.table or ""
    if destination.provider in ("ogr", "spatialite"):
        try:
            with contextlib.closing(
                sqlite3.connect(destination.path or "", timeout=10)
            ) as database:
                found = database.execute(
                    "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND "
                    "lower(name) = lower(?)",
                    (wanted,),
                ).fetchone()
        except sqlite3.Error:  # not a GeoPackage QGIS can write to: the writer says so next
            return None
        return found[0] if found else None
    with _connection(destination) as connection:
        return wanted if connection.tableExists(destination.schema, wanted) else None


def rename(destination: Destination, old: str, new: str) -> None:
    """Rename a table (GeoPackage: with its spatial index and stored styles)."""
    with _connection(destination) as connection:
        connection.renameVectorTable(destination.schema, old, new)


def drop(destination: Destination, name: str) -> None:
    """Drop a table the run added or replaced (and, in a GeoPackage, its stored styles)."""
    with _connection(destination) as connection:
        connection.dropVectorTable(destination.schema, name)
    if destination.provider == "ogr":
        with contextlib.closing(sqlite3.connect(destination.path or "", timeout=10)) as database:
            if database.execute(
                "SELECT 1 FROM sqlite_master WHERE name = 'layer_styles'"
            ).fetchone():
                database.execute("DELETE FROM layer_styles WHERE f_table_name = ?", (name,))
                database.commit()


@contextlib.contextmanager
def _connection(destination: Destination) -> Iterator[QgsAbstractDatabaseProviderConnection]:
    """QGIS's connection to the destination's GeoPackage or database; GDAL's notices (a
    GeoPackage without stored styles) kept out of the console."""
    from osgeo import gdal

    metadata = QgsProviderRegistry.instance().providerMetadata(destination.provider or "")
    gdal.PushErrorHandler("CPLQuietErrorHandler")
    try:
        yield metadata.createConnection(destination.connection or "", {})
    finally:
        gdal.PopErrorHandler()
