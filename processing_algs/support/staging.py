"""Where each output is written before it is put in place, and what an interrupted run
left behind.

Files are written in a hidden folder beside their destination, under their final names;
tables under a staging name in their own GeoPackage or schema, whether or not a table of
the output's name exists. Nothing carries the output's name until it is complete and read
back: a file is then moved in with one atomic rename (what it replaces is kept aside as a
hard link until every output is in place), a table renamed in one transaction. A run killed
at any moment (``kill -9``, QGIS closed) therefore leaves only staging names, which carry
the machine and process that wrote them: the next run into the same place removes those
whose process is gone, and names any other in its log.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
import socket
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from qgis.core import (
    QgsDataSourceUri,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProviderRegistry,
)
from qgis.PyQt.QtCore import QCoreApplication

from . import catalogue, commit, tables
from .destinations import Destination, Kind

STAGING_PREFIX = ".dspt-writing-"
REPLACED_PREFIX = ".dspt-replaced-"
STAGING_TABLE = "dspt_writing_"
REPLACED_TABLE = "dspt_replaced_"
#: Beginnings of the names only a run's staging uses (tables; files and folders).
STAGING_PREFIXES = (STAGING_TABLE, REPLACED_TABLE)
STAGING_FOLDERS = (STAGING_PREFIX, REPLACED_PREFIX)
#: A staging name's tag: the machine (a hash of its name) and the process that wrote it.
_TAG = re.compile(
    r"(?:dspt_writing_|dspt_replaced_|\.dspt-writing-|\.dspt-replaced-)([0-9a-f]{6})[_-](\d+)[_-]"
)


def _machine() -> str:
    return hashlib.sha256(socket.gethostname().encode()).hexdigest()[:6]


def staging_name(prefix: str, separator: str = "_") -> str:
    """A new staging name: ``prefix``, this machine, this process, a random part."""
    return separator.join((prefix + _machine(), str(os.getpid()), uuid.uuid4().hex[:8]))


@dataclass
class Staged:
    """What the run wrote for one output, not yet in place."""

    destination: Destination
    folder: str | None = None  # FILE, FOLDER: the hidden staging folder
    table: str | None = None  # TABLE: the staging table
    existing: str | None = None  # TABLE: the table being replaced, as the database names it
    file_created: bool = False  # TABLE: the run made the GeoPackage itself
    spatial: bool = True  # TABLE: written with a geometry column
    file_table: str | None = None  # FILE (GeoPackage): the staging table inside the file
    result: str = ""  # the destination id QGIS gave while writing
    cleanup: list[Callable[[], None]] = field(default_factory=list)  # once every output is in place

    @classmethod
    def file(cls, destination: Destination) -> Staged:
        """A file or folder output, written into a new hidden folder beside its destination."""
        folder = os.path.join(
            os.path.dirname(destination.path or ""), staging_name(STAGING_PREFIX, "-")
        )
        os.makedirs(folder)
        return cls(destination, folder=folder)

    @classmethod
    def table_of(cls, destination: Destination, spatial: bool) -> Staged:
        """A table output, written under a staging name beside the table it may replace."""
        created = destination.provider == "ogr" and not os.path.isfile(destination.path or "")
        staged = cls(
            destination, file_created=created, spatial=spatial, table=staging_name(STAGING_TABLE)
        )
        staged.existing = None if created else tables.existing(destination)
        return staged

    def file_sink(self, spatial: bool) -> str:
        """What Processing writes a feature output to: the staged file; a GeoPackage through
        a staging table, renamed after the file once complete (:meth:`finish`)."""
        if not self.destination.in_geopackage:
            return self.written_path
        self.file_table = staging_name(STAGING_TABLE)
        uri = QgsDataSourceUri()
        uri.setDatabase(self.written_path)
        uri.setDataSource("", self.file_table, "geom" if spatial else "")
        return f"ogr:{uri.uri(False)}"

    def finish(self) -> None:
        """Once written and closed: a GeoPackage file's table gets the file's name."""
        if self.file_table is not None:
            tables.rename_in_geopackage(self.written_path, self.file_table, self.table_in_file)
            self.file_table = None

    @property
    def table_in_file(self) -> str:
        """The table of a GeoPackage file output: named after the file, as QGIS names it."""
        return os.path.splitext(os.path.basename(self.destination.path or ""))[0]

    def written_source(self) -> str:
        """The staged output as QGIS opens it (to read it back)."""
        if self.destination.in_geopackage and self.destination.kind is Kind.FILE:
            return _ogr_source(self.written_path, self.table_in_file)
        written = self.result or self.written_path
        stem, suffix = os.path.splitext(written)
        if suffix.lower() == ".shp" and not os.path.exists(written):
            return stem + ".dbf"  # a shapefile without geometry is its table alone
        return written

    @property
    def written_path(self) -> str:
        """Where a file or folder output is written now."""
        return os.path.join(self.folder or "", os.path.basename(self.destination.path or ""))

    def steps(self) -> tuple[list[commit.Step], list[commit.Step]]:
        """The steps putting this output in place: keeping aside what it replaces, then
        moving it in; what to remove once every output is in place goes to ``cleanup``."""
        if self.folder is not None:
            return self._file_steps()
        if self.table is None:  # a temporary layer: nothing to put in place
            return [], []
        if self.existing is not None:
            columns = self._same_columns()
            if columns is not None:
                return [], [self._rows_step(columns)]
            self._refuse_if_built_on()
        staged, existing = self.table, self.existing
        aside = staging_name(REPLACED_TABLE)
        if existing is not None:
            self.cleanup.append(lambda: tables.drop(self.destination, aside))
        return [], [
            commit.Step(
                lambda: tables.swap_in(self.destination, staged, existing, aside),
                lambda: tables.swap_back(self.destination, staged, existing, aside),
                self.destination.describe(),
                self._folder(),
            )
        ]

    def _same_columns(self) -> list[str] | None:
        """The columns to copy (all of them) when the new table has exactly the replaced
        one's columns (its rows then replace the old ones in place), else None."""
        old = catalogue.columns(self.destination, self.existing or "")
        new = catalogue.columns(self.destination, self.table or "")
        if [(n.lower(), t) for n, t in old] != [(n.lower(), t) for n, t in new]:
            return None
        return [
            name for name, _ in new
        ]  # keys too: the rows keep the numbers they were read back by

    def _rows_step(self, columns: list[str]) -> commit.Step:
        """The replaced table keeps its place (and its views, grants and comments): the new
        rows go into it, the old kept aside until every output is in place."""
        staged, existing = self.table or "", self.existing or ""
        aside = staging_name(REPLACED_TABLE)
        self.cleanup += [
            lambda: tables.drop_plain(self.destination, aside),
            lambda: tables.drop(self.destination, staged),
        ]
        return commit.Step(
            lambda: tables.replace_rows(self.destination, staged, existing, aside, columns),
            lambda: tables.restore_rows(self.destination, existing, aside, columns),
            self.destination.describe(),
            self._folder(),
        )

    def _folder(self) -> str | None:
        """The folder of a table's file (None for a database table)."""
        return os.path.dirname(self.destination.path) if self.destination.path else None

    def _refuse_if_built_on(self) -> None:
        """A table whose columns change cannot keep the views built on it: refuse."""
        views = catalogue.views_on(self.destination, self.existing or "")
        if views:
            raise QgsProcessingException(
                _tr(
                    "The output '{}' would replace {}, on which the view(s) {} are built, with a "
                    "table of other columns: they would break. Write the output to a table of "
                    "another name, or drop the views first. Nothing was changed."
                ).format(self.destination.label, self.destination.describe(), ", ".join(views))
            )

    def targets(self) -> list[str]:
        """The files a file or folder output will write (to check none is an input)."""
        source, target = self._folders()
        return [os.path.join(target or ".", relative) for relative in commit.files_below(source)]

    def _file_steps(self) -> tuple[list[commit.Step], list[commit.Step]]:
        folder = self.folder or ""
        source, target = self._folders()
        aside = self._aside_folder()
        asides, moves = [], []
        written = commit.files_below(source)
        for relative in written:
            placed = os.path.join(target or ".", relative)
            kept = os.path.join(aside, relative)
            if os.path.lexists(placed):
                asides.append(commit.keep_aside(placed, kept))
            moves.append(commit.move(os.path.join(source, relative), placed, kept))
        for stale in self._stale_parts(written):
            placed = os.path.join(target or ".", stale)
            asides.append(commit.take_aside(placed, os.path.join(aside, stale)))
        self.cleanup += [
            lambda: shutil.rmtree(aside, ignore_errors=True),
            lambda: shutil.rmtree(folder, ignore_errors=True),
        ]
        return asides, moves

    def _stale_parts(self, written: list[str]) -> list[str]:
        """The files of a shapefile being replaced that the new one does not have (a
        spatial index .qix, .sbn/.sbx, a .cpg): left beside it they would describe the old
        file's features (a spatial query would return the wrong ones)."""
        from .datasets import SHAPEFILE_PARTS

        path = self.destination.path or ""
        stem, suffix = os.path.splitext(os.path.basename(path))
        if self.destination.kind is not Kind.FILE or suffix.lower() not in SHAPEFILE_PARTS:
            return []
        folder = os.path.dirname(path)
        return sorted(
            name
            for name in os.listdir(folder)
            if os.path.splitext(name)[0] == stem
            and os.path.splitext(name)[1].lower() in (*SHAPEFILE_PARTS, ".shp.xml")
            and name not in written
        )

    def _aside_folder(self) -> str:
        """The hidden folder keeping what a file output replaces, until all are in place."""
        folder = self.folder or ""
        return os.path.join(
            os.path.dirname(folder),
            REPLACED_PREFIX + os.path.basename(folder)[len(STAGING_PREFIX) :],
        )

    def _folders(self) -> tuple[str, str]:
        """(the folder written, the folder it goes to) of a file or folder output."""
        path = self.destination.path or ""
        if self.destination.kind is Kind.FOLDER:
            return self.written_path, path
        return self.folder or "", os.path.dirname(path)

    def remove(self) -> None:
        """Remove what the run wrote for this output (it never reached its place)."""
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
            shutil.rmtree(self._aside_folder(), ignore_errors=True)
        elif self.file_created:
            os.remove(self.destination.path or "")
        elif self.table is not None and tables.exists(self.destination, self.table):
            tables.drop(self.destination, self.table)

    def final_id(self) -> str:
        """The destination id once in place: the value that loads the output."""
        if self.destination.in_geopackage and self.destination.kind is Kind.FILE:
            return self.destination.path or ""  # its one table, as QGIS reports a new file
        if self.folder is not None:
            source, target = self._folders()
            return self.result.replace(source, target)
        if self.table is not None:
            return self.destination.layer_source(spatial=self.spatial)
        return self.result


def _ogr_source(path: str, table: str) -> str:
    return QgsProviderRegistry.instance().encodeUri("ogr", {"path": path, "layerName": table})


def leftovers(destination: Destination) -> tuple[list[str], list[str]]:
    """Staging tables or folders an interrupted run left where ``destination`` goes:
    (removed now, their process being gone; left, their process may still be writing)."""
    found, remove = _staging_names(destination)
    removed, left = [], []
    for name in found:
        if _writer_gone(name):
            with contextlib.suppress(Exception):
                remove(name)
                removed.append(name)
                continue
        left.append(name)
    return removed, left


def say_leftovers(
    destination: Destination,
    removed: list[str],
    left: list[str],
    feedback: QgsProcessingFeedback | None,
) -> None:
    """Say in the log what an interrupted run had left where the output goes."""
    if feedback is None:
        return
    where = destination.describe()
    if removed:
        feedback.pushInfo(
            _tr(
                "Removed {} left beside {} by a run that was stopped before it finished "
                "(QGIS closed or killed): {}."
            ).format(len(removed), where, ", ".join(removed))
        )
    if left:
        feedback.pushWarning(
            _tr(
                "Beside {} are {} a run is writing or was writing when it was stopped (on "
                "another computer, or still running): {}. They are not results; once no run "
                "is writing there, delete them."
            ).format(where, len(left), ", ".join(left))
        )


def _tr(text: str) -> str:
    return QCoreApplication.translate("DsptOutputs", text)


def _staging_names(destination: Destination) -> tuple[list[str], Callable[[str], None]]:
    """The staging names where ``destination`` goes, and how to remove one."""
    if destination.kind is Kind.TABLE:

        def drop(name: str) -> None:
            tables.drop(destination, name)

        if destination.provider == "ogr" and not os.path.isfile(destination.path or ""):
            return [], drop
        try:
            return tables.tables_named(destination, STAGING_PREFIXES), drop
        except Exception:  # not a file or database QGIS can write to: the writer says so
            return [], drop
    folder = os.path.dirname(destination.path or "") or "."

    def delete(name: str) -> None:
        shutil.rmtree(os.path.join(folder, name))

    if destination.kind not in (Kind.FILE, Kind.FOLDER) or not os.path.isdir(folder):
        return [], delete
    return sorted(n for n in os.listdir(folder) if n.startswith(STAGING_FOLDERS)), delete


def _writer_gone(name: str) -> bool:
    """True when the process that wrote a staging name ran on this machine and has ended
    (checked on POSIX systems only; elsewhere a leftover is named, never removed)."""
    tag = _TAG.match(name)
    if tag is None or tag.group(1) != _machine() or os.name != "posix":
        return False
    try:
        os.kill(int(tag.group(2)), 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False
    return False
