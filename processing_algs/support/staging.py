"""Where each output is written before it is put in place: files in a hidden folder beside
their destination, under their final names; a table that exists already under a staging
name (a new table under its own). Each staged output knows how to be put in place, how to
be removed, and what QGIS should call it once in place."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from . import commit, tables
from .destinations import Destination, Kind

STAGING_PREFIX = ".dspt-writing-"
REPLACED_PREFIX = ".dspt-replaced-"


@dataclass
class Staged:
    """What the run wrote for one output, not yet in place."""

    destination: Destination
    folder: str | None = None  # FILE, FOLDER: the hidden staging folder
    table: str | None = None  # TABLE: the staging table, when a table is being replaced
    existing: str | None = None  # TABLE: the table being replaced, as the database names it
    file_created: bool = False  # TABLE: the run made the GeoPackage itself
    result: str = ""  # the destination id QGIS gave while writing
    cleanup: list[Callable[[], None]] = field(default_factory=list)  # once every output is in place

    @classmethod
    def file(cls, destination: Destination) -> Staged:
        """A file or folder output, written into a new hidden folder beside its destination."""
        folder = os.path.join(
            os.path.dirname(destination.path or ""), f"{STAGING_PREFIX}{uuid.uuid4().hex[:12]}"
        )
        os.makedirs(folder)
        return cls(destination, folder=folder)

    @classmethod
    def table_of(cls, destination: Destination) -> Staged:
        """A table output: a new table is written under its own name; one that exists under
        a staging name, so that a failure leaves it as it was."""
        created = destination.provider == "ogr" and not os.path.isfile(destination.path or "")
        staged = cls(destination, file_created=created)
        staged.existing = None if created else tables.existing(destination)
        if staged.existing is not None:
            staged.table = f"{tables.STAGING_TABLE}{uuid.uuid4().hex[:8]}"
        return staged

    @property
    def written_path(self) -> str:
        """Where a file or folder output is written now."""
        return os.path.join(self.folder or "", os.path.basename(self.destination.path or ""))

    def steps(self) -> tuple[list[commit.Step], list[commit.Step]]:
        """The steps putting this output in place: moving aside what it replaces, then
        moving it in; what to remove once every output is in place goes to ``cleanup``."""
        if self.folder is not None:
            return self._file_steps()
        if self.table is not None and self.existing is not None:
            replaced = f"{tables.REPLACED_TABLE}{uuid.uuid4().hex[:8]}"
            self.cleanup.append(lambda: tables.drop(self.destination, replaced))
            return (
                [commit.rename(self.destination, self.existing, replaced)],
                [commit.rename(self.destination, self.table, self.existing)],
            )
        return [], []

    def targets(self) -> list[str]:
        """The files a file or folder output will write (to check none is an input)."""
        source, target = self._folders()
        return [os.path.join(target or ".", relative) for relative in commit.files_below(source)]

    def _file_steps(self) -> tuple[list[commit.Step], list[commit.Step]]:
        folder = self.folder or ""
        source, target = self._folders()
        aside = os.path.join(
            os.path.dirname(folder),
            REPLACED_PREFIX + os.path.basename(folder)[len(STAGING_PREFIX) :],
        )
        asides, moves = [], []
        for relative in commit.files_below(source):
            placed = os.path.join(target or ".", relative)
            if os.path.lexists(placed):
                asides.append(commit.move(placed, os.path.join(aside, relative)))
            moves.append(commit.move(os.path.join(source, relative), placed))
        self.cleanup += [
            lambda: shutil.rmtree(aside, ignore_errors=True),
            lambda: shutil.rmtree(folder, ignore_errors=True),
        ]
        return asides, moves

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
        elif self.destination.kind is Kind.TABLE and self.result:
            if self.file_created:
                os.remove(self.destination.path or "")
            else:
                tables.drop(self.destination, self.table or self.destination.table or "")

    def final_id(self) -> str:
        """The destination id once in place (the staging folder or table replaced)."""
        if self.folder is not None:
            source, target = self._folders()
            return self.result.replace(source, target)
        if self.table is not None:
            return self.result.replace(self.table, self.existing or self.destination.table or "")
        return self.result
