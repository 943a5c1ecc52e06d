"""Tables of a GeoPackage or a database, the table side of the output transaction: whether
one exists, swapping a finished table into place in one transaction, counting what a table
holds (to read a write back), dropping, and finding tables an interrupted run left.

Names reach SQL only as identifiers quoted by QGIS (``QgsExpression.quotedColumnRef``:
double quotes, inner quotes doubled) or as bound parameters, never pasted as text.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator

from qgis.core import (
    QgsAbstractDatabaseProviderConnection,
    QgsDataSourceUri,
    QgsExpression,
    QgsProviderRegistry,
)

from .destinations import Destination
from .failures import gdal_errors


def existing(destination: Destination) -> str | None:
    """The table a destination names, as its GeoPackage or database spells it, or None.

    A GeoPackage is asked through SQLite's own catalogue, in any letter case as SQLite
    compares names (GDAL would read every table's definition to open it); a database
    through QGIS's connection, exactly as PostgreSQL compares quoted names.
    """
    wanted = destination.table or ""
    if destination.provider in ("ogr", "spatialite"):
        try:
            with _sqlite(destination) as database:
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


def exists(destination: Destination, name: str) -> bool:
    """True when the table ``name`` (exactly) is in the destination's file or schema."""
    if destination.provider in ("ogr", "spatialite"):
        with _sqlite(destination) as database:
            return (
                database.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (name,)).fetchone()
                is not None
            )
    with _connection(destination) as connection:
        return bool(connection.tableExists(destination.schema, name))


def swap_in(destination: Destination, staged: str, existing_name: str | None, aside: str) -> None:
    """Put the finished table ``staged`` in place under the destination's name, moving the
    table it replaces (``existing_name``) to ``aside``, in one transaction: at no moment is
    the output's name missing or held by a half-written table."""
    renames = [(staged, destination.table or "")]
    if existing_name is not None:
        renames.insert(0, (existing_name, aside))
    _rename_all(destination, renames)


def swap_back(destination: Destination, staged: str, existing_name: str | None, aside: str) -> None:
    """Undo :func:`swap_in` (a later output of the run could not be put in place)."""
    renames = [(destination.table or "", staged)]
    if existing_name is not None:
        renames.append((aside, existing_name))
    _rename_all(destination, renames)


def _rename_all(destination: Destination, renames: list[tuple[str, str]]) -> None:
    """Rename tables in order, all in one transaction (a file through GDAL, which renames a
    GeoPackage's spatial index and metadata too, SpatiaLite's by its ``RenameTable``; a
    database in one SQL batch)."""
    quoted = QgsExpression.quotedColumnRef
    if destination.provider == "postgres":
        schema = quoted(destination.schema)
        with _connection(destination) as connection:
            connection.executeSql(
                "; ".join(
                    f"ALTER TABLE {schema}.{quoted(old)} RENAME TO {quoted(new)}"
                    for old, new in renames
                )
            )
        return
    if destination.provider == "spatialite":
        statements = [
            f"SELECT RenameTable('main', {_literal(old)}, {_literal(new)})" for old, new in renames
        ]
    else:
        statements = [f"ALTER TABLE {quoted(old)} RENAME TO {quoted(new)}" for old, new in renames]
    _in_one_transaction(destination.path or "", statements, renames)


def _in_one_transaction(path: str, statements: list[str], renames: list[tuple[str, str]]) -> None:
    """Run the renaming statements on a GeoPackage or SpatiaLite file through GDAL, with its
    stored styles following their tables, committed together or not at all."""
    from osgeo import gdal

    with gdal_errors() as errors:
        dataset = gdal.OpenEx(path, gdal.OF_UPDATE | gdal.OF_VECTOR)
        if dataset is None:
            raise OSError(errors[-1] if errors else f"cannot open {path} to write")
        styles = dataset.GetLayerByName("layer_styles") is not None
        dataset.StartTransaction()
        for statement, (old, new) in zip(statements, renames):
            result = dataset.ExecuteSQL(statement)
            if result is not None:
                dataset.ReleaseResultSet(result)
            if styles:
                dataset.ExecuteSQL(
                    f"UPDATE layer_styles SET f_table_name = {_literal(new)} "  # nosec B608
                    f"WHERE f_table_name = {_literal(old)}"  # (values as SQL literals)
                )
        if errors or dataset.CommitTransaction() != 0:
            dataset.RollbackTransaction()
            raise OSError(errors[-1] if errors else f"the renames in {path} were not committed")
        dataset = None


def rename_in_geopackage(path: str, old: str, new: str) -> None:
    """Rename a table of a GeoPackage file (one the run is still writing, in its staging
    folder): QGIS names a new GeoPackage's table after the file, which GDAL would refuse
    to create under some names it renames to without fault."""
    quoted = QgsExpression.quotedColumnRef
    _in_one_transaction(path, [f"ALTER TABLE {quoted(old)} RENAME TO {quoted(new)}"], [(old, new)])


def drop(destination: Destination, name: str) -> None:
    """Drop a table the run added or replaced (and, in a GeoPackage, its stored styles)."""
    with _connection(destination) as connection:
        connection.dropVectorTable(destination.schema, name)
    if destination.provider == "ogr":
        with _sqlite(destination) as database:
            if database.execute(
                "SELECT 1 FROM sqlite_master WHERE name = 'layer_styles'"
            ).fetchone():
                database.execute("DELETE FROM layer_styles WHERE f_table_name = ?", (name,))
                database.commit()


def counts(destination: Destination, table: str) -> tuple[int, int | None]:
    """(rows, rows with a geometry; None for a table without geometry) of ``table``,
    counted by the database itself (no feature goes through Python)."""
    if destination.provider in ("ogr", "spatialite"):
        with _sqlite(destination) as database:
            column = _sqlite_geometry_column(database, table)
            selected = (
                f"count(*), count({QgsExpression.quotedColumnRef(column)})"
                if column
                else "count(*)"
            )
            row = database.execute(
                f"SELECT {selected} FROM {QgsExpression.quotedColumnRef(table)}"  # nosec B608
            ).fetchone()
    else:
        quoted = QgsExpression.quotedColumnRef
        where = f"{quoted(destination.schema)}.{quoted(table)}"
        with _connection(destination) as connection:
            column = connection.table(destination.schema, table).geometryColumn()
            selected = f"count(*), count({quoted(column)})" if column else "count(*)"
            row = connection.executeSql(f"SELECT {selected} FROM {where}")[0]  # nosec B608
    return int(row[0]), (int(row[1]) if len(row) > 1 else None)


#: Where a GeoPackage, then a SpatiaLite file, records a table's geometry column.
_GEOMETRY_CATALOGUES = (
    "SELECT column_name FROM gpkg_geometry_columns WHERE lower(table_name) = lower(?)",
    "SELECT f_geometry_column FROM geometry_columns WHERE lower(f_table_name) = lower(?)",
)


def _sqlite_geometry_column(database: sqlite3.Connection, table: str) -> str | None:
    for query in _GEOMETRY_CATALOGUES:
        with contextlib.suppress(sqlite3.Error):
            found = database.execute(query, (table,)).fetchone()
            if found:
                return str(found[0])
    return None


def tables_named(destination: Destination, prefixes: tuple[str, ...]) -> list[str]:
    """The tables of the destination's file or schema whose names begin with ``prefixes``."""
    if destination.provider in ("ogr", "spatialite"):
        with _sqlite(destination) as database:
            names = [
                row[0]
                for row in database.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            ]
    else:
        with _connection(destination) as connection:
            names = [
                table.tableName()
                for table in connection.tables(
                    destination.schema, QgsAbstractDatabaseProviderConnection.TableFlags()
                )
            ]
    return sorted(name for name in names if name.lower().startswith(prefixes))


def check_unlocked(destination: Destination) -> None:
    """Raise ``sqlite3.OperationalError("database is locked")`` when another program holds
    the destination's GeoPackage or SpatiaLite file locked (an edit session in QGIS or DB
    Browser): asked before any work, so the run stops before computing anything."""
    with _sqlite(destination, timeout=2) as database:
        database.execute("BEGIN IMMEDIATE")
        database.rollback()


@contextlib.contextmanager
def _sqlite(destination: Destination, timeout: float = 10) -> Iterator[sqlite3.Connection]:
    with contextlib.closing(sqlite3.connect(destination.path or "", timeout=timeout)) as database:
        yield database


@contextlib.contextmanager
def _connection(destination: Destination) -> Iterator[QgsAbstractDatabaseProviderConnection]:
    """QGIS's connection to the destination's GeoPackage or database; GDAL's notices (a
    GeoPackage without stored styles) kept out of the console."""
    metadata = QgsProviderRegistry.instance().providerMetadata(destination.provider or "")
    connection_uri = (
        destination.path
        if destination.provider == "ogr"
        else QgsDataSourceUri(destination.uri).connectionInfo(False)
    )
    with gdal_errors():
        yield metadata.createConnection(connection_uri or "", {})


def _literal(text: str) -> str:
    """An SQL string literal (single quotes, inner ones doubled)."""
    return "'" + text.replace("'", "''") + "'"
