"""Destinations under faults: a full disk, a GeoPackage another program holds locked, a
run killed mid-write, a database that refuses. Each ends in nothing changed and a message
naming the output and the cause; no message or log line carries a password; a staging
name a killed run left is removed (or named) by the next run into the same place."""

from __future__ import annotations

import contextlib
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from qgis.core import QgsProcessingException

from tests.integration.cases import geopackage_with_a_table, inputs_in_geopackage, table_rows
from tests.integration.dialog import RecordingFeedback
from tests.prerequisites import unavailable

REPO = Path(__file__).resolve().parents[2]


def tables(gpkg: Path) -> dict[str, list[tuple]]:
    """Every table of the GeoPackage's contents with its rows (stored styles aside)."""
    with contextlib.closing(sqlite3.connect(str(gpkg), timeout=30)) as database:
        names = [
            row[0]
            for row in database.execute(
                "SELECT table_name FROM gpkg_contents WHERE table_name != 'layer_styles'"
            )
        ]
    return {name: table_rows(gpkg, name) for name in names}


def staging_tables(gpkg: Path) -> list[str]:
    with contextlib.closing(sqlite3.connect(str(gpkg), timeout=30)) as database:
        return [
            row[0]
            for row in database.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'dspt\\_%' "
                "ESCAPE '\\'"
            )
        ]


def run_recorded(name: str, parameters: dict) -> tuple[dict, RecordingFeedback]:
    from qgis import processing

    feedback = RecordingFeedback()
    return processing.run(f"dspt:{name}", parameters, feedback=feedback), feedback


# -- a full disk -------------------------------------------------------------------------
@pytest.fixture
def full_disk(tmp_path):
    """A 4 MB disk (tmpfs) holding a project GeoPackage with the inputs, then filled up."""
    if os.geteuid() != 0 or sys.platform != "linux":
        unavailable("mounting a small disk (tmpfs) needs root on Linux (CI runs as root)")
    mount = tmp_path / "disk"
    mount.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mount)], check=True)
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def fill(folder: Path) -> None:
    """Write until the disk holding ``folder`` has no space left.

    Unbuffered (os.write): a buffered file keeps the bytes the disk refused and raises
    again when closed (Python 3.14 does), which is not what is being tested."""
    for name, block in (("filler", 65536), ("filler-small", 512)):
        handle = os.open(folder / name, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
        try:
            with contextlib.suppress(OSError):
                while os.write(handle, b"\0" * block):
                    pass
        finally:
            os.close(handle)


@pytest.mark.parametrize("form", ["table", "file", "csv"])
def test_a_full_disk_changes_nothing_and_says_so(run, inputs, full_disk, form):
    parameters, _ = inputs["icscomposite"]
    gpkg = full_disk / "project.gpkg"
    parameters = inputs_in_geopackage(gpkg, parameters)
    destination = {
        "table": f"{gpkg}|layername=composite",
        "file": str(full_disk / "composite.gpkg"),
        "csv": str(full_disk / "composite.csv"),
    }[form]
    fill(full_disk)
    before = tables(gpkg)
    files = sorted(p.name for p in full_disk.iterdir())
    with pytest.raises(QgsProcessingException) as error:
        run("icscomposite", {**parameters, "OUTPUT": destination})
    message = str(error.value)
    assert "no space left on the disk" in message, message
    assert "'ICS composite'" in message
    assert "row " not in message  # the disk's fault, not a row's
    (full_disk / "filler").unlink()
    assert tables(gpkg) == before
    assert sorted(p.name for p in full_disk.iterdir()) == [n for n in files if n != "filler"]
    assert staging_tables(gpkg) == []


def test_a_full_disk_never_leaves_a_cut_short_pdf_in_place_of_a_whole_one(run, inputs, full_disk):
    """Qt's PDF writer does not say when the disk fills: the atlas would be cut short. The
    run stops saying so, and the board pack already there is kept whole."""
    parameters, _ = inputs["icsatlas"]
    atlas = full_disk / "atlas.pdf"
    good = b"%PDF-1.4 the board pack of last month %%EOF\n"
    atlas.write_bytes(good)
    disk = os.statvfs(full_disk)
    room = 8_192  # a little room: the new atlas starts, and is cut short
    (full_disk / "filler").write_bytes(b"\0" * (disk.f_bavail * disk.f_frsize - room))
    with pytest.raises(QgsProcessingException) as error:
        run("icsatlas", {**parameters, "OUTPUT": str(atlas)})
    assert "no space left on the disk" in str(error.value)
    assert atlas.read_bytes() == good
    assert sorted(p.name for p in full_disk.iterdir()) == ["atlas.pdf", "filler"]


# -- a GeoPackage locked by another program ------------------------------------------------
def test_a_geopackage_held_locked_is_named_and_left_as_it_was(run, inputs, tmp_path):
    """DB Browser or a QGIS edit session holds a write lock: the run stops before any work,
    names the file and what to do; once the lock is gone the same run succeeds."""
    parameters, _ = inputs["icscomposite"]
    gpkg = geopackage_with_a_table(tmp_path / "project.gpkg")
    before = tables(gpkg)
    other_program = sqlite3.connect(str(gpkg))
    other_program.execute("BEGIN IMMEDIATE")
    other_program.execute("UPDATE keep SET note = 'being edited' WHERE note = 'first'")
    try:
        with pytest.raises(QgsProcessingException) as error:
            run("icscomposite", {**parameters, "OUTPUT": f"{gpkg}|layername=composite"})
    finally:
        other_program.rollback()
        other_program.close()
    message = str(error.value)
    assert "project.gpkg is open in another program, which holds it locked" in message
    assert "close it there and run again" in message
    assert tables(gpkg) == before
    run("icscomposite", {**parameters, "OUTPUT": f"{gpkg}|layername=composite"})
    assert sorted(tables(gpkg)) == ["composite", "keep"]


# -- a run killed mid-write ------------------------------------------------------------------
CHILD = """
import sys
sys.path.append("/usr/share/qgis/python/plugins")
from qgis.core import QgsApplication
app = QgsApplication([], False)
app.initQgis()
from processing.core.Processing import Processing
Processing.initialize()
from dspt_qgis.processing_algs.provider import DsptProvider
provider = DsptProvider()
QgsApplication.processingRegistry().addProvider(provider)
import processing
processing.run("dspt:importexport", {"INPUT": sys.argv[1], "OUTPUT": sys.argv[2]})
"""


def big_export(path: Path, rows: int = 300_000) -> Path:
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("Code,Organisation Name,Status,Primary Sector\n")
        for number in range(rows):
            handle.write(f"X{number:06d},Org {number},20/21 Standards Met,NHS Trust\n")
    return path


def kill_when(condition, process: subprocess.Popen, timeout: float = 120) -> None:
    """SIGKILL ``process`` the moment ``condition()`` holds (it must, before it ends)."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if process.poll() is not None:
            pytest.fail(
                f"the run ended before it could be killed mid-write: {process.stderr.read()}"
            )
        with contextlib.suppress(sqlite3.Error, OSError):
            if condition():
                process.send_signal(signal.SIGKILL)
                process.wait()
                return
        time.sleep(0.01)
    process.kill()
    pytest.fail("the write never started")


def child(export: Path, destination: str) -> subprocess.Popen:
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, str(export), destination],
        cwd=REPO,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_a_table_killed_mid_write_never_carries_the_outputs_name(inputs, tmp_path):
    gpkg = geopackage_with_a_table(tmp_path / "project.gpkg")
    export = big_export(tmp_path / "big.csv")

    def writing() -> bool:
        staged = staging_tables(gpkg)
        if not staged:
            return False
        with contextlib.closing(sqlite3.connect(str(gpkg), timeout=1)) as database:
            return database.execute(f'SELECT count(*) FROM "{staged[0]}"').fetchone()[0] > 0

    kept = table_rows(gpkg, "keep")
    kill_when(writing, child(export, f"{gpkg}|layername=statuses"))
    assert "statuses" not in tables(gpkg)
    assert table_rows(gpkg, "keep") == kept
    left = staging_tables(gpkg)
    assert left  # killed mid-write: only a staging name is there
    small, _ = inputs["importexport"]
    results, feedback = run_recorded(
        "importexport", {**small, "OUTPUT": f"{gpkg}|layername=statuses"}
    )
    assert sorted(tables(gpkg)) == ["keep", "statuses"]
    assert staging_tables(gpkg) == []
    assert any(
        "Removed 1 left beside" in line and left[0] in line and "killed" in line
        for line in feedback.infos
    ), feedback.infos


def test_a_file_killed_mid_write_never_carries_the_outputs_name(inputs, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    export = big_export(tmp_path / "big.csv")

    def writing() -> bool:
        return any(p.stat().st_size > 0 for p in out.glob(".dspt-writing-*/statuses.csv"))

    kill_when(writing, child(export, str(out / "statuses.csv")))
    left = [p.name for p in out.iterdir()]
    assert len(left) == 1
    assert left[0].startswith(".dspt-writing-")
    small, _ = inputs["importexport"]
    _, feedback = run_recorded("importexport", {**small, "OUTPUT": str(out / "statuses.csv")})
    assert sorted(p.name for p in out.iterdir()) == ["statuses.csv"]
    assert any(left[0] in line for line in feedback.infos), feedback.infos


# -- a database that refuses, and passwords ------------------------------------------------
PASSWORD = "S3cret-Pa55word"


def test_a_refused_database_write_names_the_reason_and_never_the_password(run, inputs, postgis):
    """A role without the right to create tables in the schema, its password in the URI:
    the message says the database refused and why; no message or log line has the password."""
    from qgis.core import QgsDataSourceUri

    postgis.sql(f"DROP ROLE IF EXISTS analyst; CREATE ROLE analyst LOGIN PASSWORD '{PASSWORD}'")
    parameters, _ = inputs["icscomposite"]
    uri = QgsDataSourceUri(postgis.connection)
    uri.setUsername("analyst")
    uri.setPassword(PASSWORD)
    uri.setDataSource("public", "composite", "geom")
    feedback = RecordingFeedback()
    from qgis import processing

    with pytest.raises(QgsProcessingException) as error:
        processing.run(
            "dspt:icscomposite",
            {**parameters, "OUTPUT": f"postgis:{uri.uri(False)}"},
            feedback=feedback,
        )
    message = str(error.value)
    assert "no permission to write table public.composite" in message
    assert "permission denied for schema public" in message
    logged = [message, *feedback.errors, *feedback.warnings, *feedback.infos]
    assert not [line for line in logged if PASSWORD in line]
    assert "composite" not in postgis.tables()


@settings(max_examples=200, deadline=None)
@given(password=st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=6, max_size=24))
def test_no_password_survives_in_any_form_qgis_writes_it(qgis_app, password):
    """Passwords of any characters, in a data source URI as QGIS encodes it (quotes and
    backslashes escaped), inside a Processing destination or a provider's error, and in a
    URL: none is left by the redaction every message goes through."""
    from urllib.parse import quote

    from qgis.core import QgsDataSourceUri

    from dspt_qgis.processing_algs.support.failures import redact

    uri = QgsDataSourceUri()
    uri.setConnection("127.0.0.1", "5432", "dspt", "analyst", password)
    uri.setDataSource("public", "composite", "geom")
    texts = [
        uri.uri(False),
        f"postgis:{uri.uri(False)}",
        f"Could not create layer postgres://{uri.uri(False)}: ERROR:  permission denied",
        f"postgresql://analyst:{quote(password, safe='')}@127.0.0.1:5432/dspt",
    ]
    for text in texts:
        assume(password.strip() and password not in text.replace(password, "", 1))
        assert password not in redact(text), text
        assert quote(password, safe="") not in redact(text), text
