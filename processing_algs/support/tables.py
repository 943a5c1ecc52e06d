"""Tables of a GeoPackage or a database, the table side of the output transaction: whether
one exists, swapping a finished table into place in one transaction, counting what a table
holds (to read a write back), dropping, and finding tables an interrupted run left.

Names reach SQL only as identifiers quoted by QGIS (``QgsExpression.quotedColumnRef``:
double quotes, inner quotes doubled) or as bound parameters, never pasted as text.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from typing import Any

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
        if not os.path.isfile(destination.path or ""):  # (sqlite3 would make an empty file)
            return None
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


#: How long a database waits for another session's lock on a table it renames or refills
#: (a BI tool's open transaction) before it gives up, rather than waiting for ever.
LOCK_TIMEOUT = "10s"


def _rename_all(destination: Destination, renames: list[tuple[str, str]]) -> None:
    """Rename tables in order, all in one transaction (a file through GDAL, which renames a
    GeoPackage's spatial index and metadata too, SpatiaLite's by its ``RenameTable``; a
    database in one SQL batch), their stored styles following them."""
    quoted = QgsExpression.quotedColumnRef
    if destination.provider == "postgres":
        schema = quoted(destination.schema)
        _database_batch(
            destination,
            [f"ALTER TABLE {schema}.{quoted(old)} RENAME TO {quoted(new)}" for old, new in renames],
        )
        return
    statements = []
    for old, new in renames:
        statements.append(
            f"SELECT RenameTable('main', {_literal(old)}, {_literal(new)})"
            if destination.provider == "spatialite"
            else f"ALTER TABLE {quoted(old)} RENAME TO {quoted(new)}"
        )
        statements.append(  # nosec B608 (values as SQL literals)
            f"UPDATE layer_styles SET f_table_name = {_literal(new)} "  # nosec B608
            f"WHERE f_table_name = {_literal(old)}"
        )
    _file_batch(destination.path or "", statements)


def replace_rows(
    destination: Destination, staged: str, existing: str, aside: str, columns: list[str]
) -> None:
    """Put the rows of ``staged`` in place of those of ``existing`` (kept as ``aside`` until
    every output is in place), in one transaction: the table, and what is built on it
    (views, grants, comments), stay."""
    table, source, kept = (_qualified(destination, n) for n in (existing, staged, aside))
    listed = ", ".join(QgsExpression.quotedColumnRef(c) for c in columns)
    copy = (
        f"CREATE TABLE {kept} AS TABLE {table}"
        if destination.provider == "postgres"
        else f"CREATE TABLE {kept} AS SELECT * FROM {table}"  # nosec B608 (identifiers quoted by QGIS)
    )
    _batch(
        destination,
        [
            copy,
            f"DELETE FROM {table}",  # nosec B608 (identifiers quoted by QGIS)
            f"INSERT INTO {table} ({listed}) SELECT {listed} FROM {source}",  # nosec B608
            *_sequences_moved_on(destination, existing),
        ],
    )


def _sequences_moved_on(destination: Destination, table: str) -> list[str]:
    """Each serial key's sequence set past the rows copied in (a later insert by another
    tool would otherwise collide with them)."""
    from .catalogue import serial_columns

    quoted, qualified = QgsExpression.quotedColumnRef, _qualified(destination, table)
    return [
        f"SELECT setval(pg_get_serial_sequence({_literal(qualified)}, {_literal(c)}), "
        f"(SELECT coalesce(max({quoted(c)}), 0) + 1 FROM {qualified}), false)"  # nosec B608
        for c in serial_columns(destination, table)
    ]


def restore_rows(destination: Destination, existing: str, aside: str, columns: list[str]) -> None:
    """Undo :func:`replace_rows`: the rows kept aside back in the table, in one transaction."""
    table, kept = (_qualified(destination, n) for n in (existing, aside))
    listed = ", ".join(QgsExpression.quotedColumnRef(c) for c in columns)
    _batch(
        destination,
        [
            f"DELETE FROM {table}",  # nosec B608 (identifiers quoted by QGIS)
            f"INSERT INTO {table} ({listed}) SELECT {listed} FROM {kept}",  # nosec B608
        ],
    )


def drop_plain(destination: Destination, name: str) -> None:
    """Drop a plain table of the run's own (rows kept aside; no layer, no styles, nothing
    of the file format's to update)."""
    if destination.provider == "postgres":
        _database_batch(destination, [f"DROP TABLE {_qualified(destination, name)}"])
        return
    with _sqlite(destination) as database:
        database.execute(f"DROP TABLE IF EXISTS {_qualified(destination, name)}")
        database.commit()


def _qualified(destination: Destination, name: str) -> str:
    quoted = QgsExpression.quotedColumnRef
    if destination.provider == "postgres":
        return f"{quoted(destination.schema)}.{quoted(name)}"
    return quoted(name)


def _batch(destination: Destination, statements: list[str]) -> None:
    if destination.provider == "postgres":
        _database_batch(destination, statements)
    else:
        _file_batch(destination.path or "", statements)


def _database_batch(destination: Destination, statements: list[str]) -> None:
    """SQL statements in one batch: one transaction, rolled back whole if one fails, not
    waiting for ever on a lock another session holds."""
    with _connection(destination) as connection:
        connection.executeSql(
            "; ".join([f"SET LOCAL lock_timeout = {_literal(LOCK_TIMEOUT)}", *statements])
        )


def _file_batch(path: str, statements: list[str]) -> None:
    """SQL statements on a GeoPackage or SpatiaLite file through GDAL (whose functions the
    file's triggers call), committed together or not at all; a statement about stored
    styles is skipped when the file has none. The file is closed whatever happens: a
    handle left open would hold its lock against every later write."""
    from osgeo import gdal

    with gdal_errors() as errors:
        dataset = gdal.OpenEx(path, gdal.OF_UPDATE | gdal.OF_VECTOR)
        if dataset is None:
            raise OSError(errors[-1] if errors else f"cannot open {path} to write")
        try:
            _run_all(dataset, statements, errors)
        finally:
            dataset = None
    if errors:
        raise OSError(errors[-1])


def _run_all(dataset: Any, statements: list[str], errors: list[str]) -> None:
    styles = dataset.GetLayerByName("layer_styles") is not None
    dataset.StartTransaction()
    for statement in statements:
        if "layer_styles" in statement and not styles:
            continue
        result = dataset.ExecuteSQL(statement)
        if result is not None:
            dataset.ReleaseResultSet(result)
        if errors:
            break
    if errors or dataset.CommitTransaction() != 0:
        dataset.RollbackTransaction()
        errors.append(errors[-1] if errors else "the changes were not committed")


def rename_in_geopackage(path: str, old: str, new: str) -> None:
    """Rename a table of a GeoPackage file (one the run is still writing, in its staging
    folder): QGIS names a new GeoPackage's table after the file, which GDAL would refuse
    to create under some names it renames to without fault."""
    quoted = QgsExpression.quotedColumnRef
    _file_batch(path, [f"ALTER TABLE {quoted(old)} RENAME TO {quoted(new)}"])


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
    the destination's GeoPackage or SpatiaLite file: a write lock (an edit session in DB
    Browser) or a read in progress, either of which would stop the write's commit."""
    with _sqlite(destination, timeout=2) as database:
        database.execute("BEGIN EXCLUSIVE")
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
