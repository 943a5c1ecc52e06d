"""A real PostgreSQL 15 + PostGIS 3 server for the tests, started on loopback in a
temporary data directory with Debian's ``initdb``/``pg_ctl`` and stopped at the end.

As root (CI), the server runs as the ``postgres`` system user, since PostgreSQL refuses
to run as root. Where the packages are missing the tests skip with the reason, except in
CI (``CI=true``), where ``make test`` has installed them and a missing server is a failure.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from tests.prerequisites import unavailable

BIN = Path("/usr/lib/postgresql/15/bin")
DATABASE = "dspt"
USER = "dspt"


@dataclass(frozen=True)
class Server:
    """A running server: where to reach it, as QGIS URIs spell it."""

    port: int

    @property
    def connection(self) -> str:
        return f"dbname='{DATABASE}' host=127.0.0.1 port={self.port} user='{USER}' sslmode=disable"

    def table(self, name: str, geometry: bool = True) -> str:
        """A table as a layer source (``postgres`` provider)."""
        return f'{self.connection} table="public"."{name}"' + (" (geom)" if geometry else "")

    def destination(self, name: str, geometry: bool = True) -> str:
        """A table as a Processing destination."""
        return f"postgis:{self.table(name, geometry)}"

    def sql(self, statement: str) -> str:
        """Run SQL with psql; return what it printed (unaligned, tuples only)."""
        done = subprocess.run(
            [
                "psql",
                "-h",
                "127.0.0.1",
                "-p",
                str(self.port),
                "-U",
                USER,
                "-d",
                DATABASE,
                "-At",
                "-c",
                statement,
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        return done.stdout.strip()

    def tables(self) -> list[str]:
        return sorted(
            self.sql("SELECT tablename FROM pg_tables WHERE schemaname = 'public'").split()
        )


def start_server():
    """Yield a :class:`Server` for the session (see the module docstring)."""
    if (
        not (BIN / "initdb").exists()
        or not Path("/usr/share/postgresql/15/extension/postgis.control").exists()
    ):
        reason = "PostgreSQL 15 with PostGIS 3 is not installed (Debian: postgresql postgresql-15-postgis-3)"
        unavailable(reason)
    folder = Path(tempfile.mkdtemp(prefix="dspt-postgis-"))
    as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    if as_postgres:
        shutil.chown(folder, "postgres", "postgres")
    port = _free_port()
    data = folder / "data"
    run = [*as_postgres, str(BIN / "pg_ctl"), "-D", str(data), "-w"]
    subprocess.run(
        [
            *as_postgres,
            str(BIN / "initdb"),
            "-D",
            str(data),
            "-U",
            USER,
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C",
            "--no-sync",  # a throwaway server (it runs with fsync=off too)
        ],
        check=True,
        capture_output=True,
    )
    subprocess.run(
        [
            *run,
            "-o",
            f"-c listen_addresses=127.0.0.1 -p {port} -k {folder} -c fsync=off",
            "-l",
            str(folder / "log"),
            "start",
        ],
        check=True,
        capture_output=True,
    )
    try:
        subprocess.run(
            ["createdb", "-h", "127.0.0.1", "-p", str(port), "-U", USER, DATABASE],
            check=True,
            capture_output=True,
        )
        server = Server(port)
        server.sql("CREATE EXTENSION postgis")
        yield server
    finally:
        subprocess.run([*run, "-m", "fast", "stop"], capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
