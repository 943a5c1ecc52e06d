"""What a GeoPackage's or a database's catalogue says about a table an output replaces: is it
a view, which views are built on it, and what columns it has.

An output that replaces a table others build on must not break them: a view over it would
follow a renamed table or lose it, and its grants and comments would go with it. So when
the new table has the same columns, its rows replace the old ones in place (the table, its
views, grants and comments stay); otherwise the run refuses, naming the views.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
from collections.abc import Iterator

from qgis.core import QgsDataSourceUri, QgsProviderRegistry

from .destinations import Destination


def is_view(destination: Destination, name: str) -> bool:
    """True when ``name`` in the destination's file or schema is a view, not a table."""
    if destination.provider in ("ogr", "spatialite"):
        if not os.path.isfile(destination.path or ""):
            return False
        with _sqlite(destination) as database:
            found = database.execute(
                "SELECT type FROM sqlite_master WHERE lower(name) = lower(?)", (name,)
            ).fetchone()
        return bool(found) and found[0] == "view"
    rows = _sql(
        destination,
        "SELECT table_type FROM information_schema.tables WHERE table_schema = "  # nosec B608 (values as SQL literals)
        f"{literal(destination.schema)} AND table_name = {literal(name)}",
    )
    return bool(rows) and str(rows[0][0]).upper() == "VIEW"


def views_on(destination: Destination, name: str) -> list[str]:
    """The views of the destination's file or database that read the table ``name``."""
    if destination.provider in ("ogr", "spatialite"):
        with _sqlite(destination) as database:
            views = database.execute("SELECT name, sql FROM sqlite_master WHERE type = 'view'")
            word = re.compile(
                rf"(?<![\w\"]){re.escape(name)}(?![\w\"])|\"{re.escape(name)}\"", re.I
            )
            return sorted(view for view, sql in views if sql and word.search(sql))
    rows = _sql(
        destination,
        "SELECT DISTINCT view_ns.nspname || '.' || view_class.relname "  # nosec B608 (values as SQL literals)
        "FROM pg_depend JOIN pg_rewrite ON pg_depend.objid = pg_rewrite.oid "
        "JOIN pg_class view_class ON pg_rewrite.ev_class = view_class.oid "
        "JOIN pg_namespace view_ns ON view_ns.oid = view_class.relnamespace "
        "JOIN pg_class table_class ON pg_depend.refobjid = table_class.oid "
        "JOIN pg_namespace table_ns ON table_ns.oid = table_class.relnamespace "
        f"WHERE table_ns.nspname = {literal(destination.schema)} "
        f"AND table_class.relname = {literal(name)} AND view_class.oid <> table_class.oid",
    )
    return sorted(str(row[0]) for row in rows)


def columns(destination: Destination, name: str) -> list[tuple[str, str]]:
    """The table's columns, (name, type) in order, as its catalogue records them."""
    if destination.provider in ("ogr", "spatialite"):
        with _sqlite(destination) as database:
            info = database.execute(f"PRAGMA table_info({literal(name)})").fetchall()
        return [(str(row[1]), str(row[2]).upper()) for row in info]
    rows = _sql(
        destination,
        "SELECT column_name, udt_name FROM information_schema.columns WHERE table_schema = "  # nosec B608 (values as SQL literals)
        f"{literal(destination.schema)} AND table_name = {literal(name)} ORDER BY ordinal_position",
    )
    return [(str(column), str(kind).upper()) for column, kind in rows]


def serial_columns(destination: Destination, name: str) -> list[str]:
    """A database table's columns numbered by a sequence (a serial key): a copy of rows
    into it must move the sequence on past them. None in a file, which numbers by itself."""
    if destination.provider != "postgres":
        return []
    rows = _sql(
        destination,
        "SELECT column_name FROM information_schema.columns WHERE table_schema = "  # nosec B608
        f"{literal(destination.schema)} AND table_name = {literal(name)} "
        "AND column_default LIKE 'nextval(%'",
    )
    return [str(row[0]) for row in rows]


def literal(text: str) -> str:
    """An SQL string literal (single quotes, inner ones doubled)."""
    return "'" + text.replace("'", "''") + "'"


@contextlib.contextmanager
def _sqlite(destination: Destination) -> Iterator[sqlite3.Connection]:
    with contextlib.closing(sqlite3.connect(destination.path or "", timeout=10)) as database:
        yield database


def _sql(destination: Destination, statement: str) -> list[list[object]]:
    metadata = QgsProviderRegistry.instance().providerMetadata(destination.provider or "")
    connection = metadata.createConnection(
        QgsDataSourceUri(destination.uri).connectionInfo(False), {}
    )
    return [list(row) for row in connection.executeSql(statement)]
