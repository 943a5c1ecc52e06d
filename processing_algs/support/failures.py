"""Why a write failed, in the analyst's words, and no password in any message.

The operating system, GDAL, SQLite and PostgreSQL each report a full disk, a file held
by another program or a refused permission in their own words ("database or disk is
full", "database is locked", "Permission denied", "ERROR: permission denied for schema").
:func:`explain` turns any of them into the cause and what to do, naming the output; the
free space of the disk it is written to is asked too, since a full disk often surfaces
as a vaguer error (a short write, a table that is not there). :func:`redact` removes
passwords from any text before it reaches a message or the log.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
from collections.abc import Iterator
from enum import Enum

from qgis.PyQt.QtCore import QCoreApplication

#: Below this many free bytes, a failed write on that disk is put down to the full disk.
NEARLY_FULL_BYTES = 1 << 20

_PASSWORD_IN_URI = re.compile(
    r"""(password\s*=\s*)('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|\S+)""", re.I
)
_PASSWORD_IN_URL = re.compile(r"([a-z][a-z0-9+.-]*://[^:/@\s]+:)([^@\s]+)(@)", re.I)

_FULL = (
    "no space left",
    "disk is full",
    "disk full",
    "not enough space",
    "quota exceeded",
    "errno 28",
    "could not extend file",
)
_LOCKED = (
    "database is locked",
    "lock timeout",
    "table is locked",
    "resource temporarily unavailable",
    "being used by another process",
    "sharing violation",
    "resource busy",
)
_LONG = ("file name too long", "destination buffer too small", "path too long", "errno 36")
_DENIED = (
    "permission denied",
    "read-only file system",
    "readonly database",
    "access is denied",
    "operation not permitted",
    "must be owner",
)
#: PostgreSQL's own words (in capitals, as the server writes them).
_DATABASE = ("ERROR:", "FATAL:", "SQL error", "connection to server")


def redact(text: str) -> str:
    """``text`` with every password replaced by ``***`` (``password='...'`` in a data
    source URI, ``user:password@`` in a URL)."""
    text = _PASSWORD_IN_URI.sub(lambda m: f"{m.group(1)}***", text)
    return _PASSWORD_IN_URL.sub(lambda m: f"{m.group(1)}***{m.group(3)}", text)


class Cause(Enum):
    """What a failed write comes down to."""

    FULL = "full disk"
    LOCKED = "locked by another program"
    DENIED = "permission refused"
    DATABASE = "refused by the database"
    LONG = "path too long"
    OTHER = "other"


def cause_of(reason: str, folder: str | None = None) -> Cause:
    """What ``reason`` (the words of the system, GDAL, SQLite or PostgreSQL) comes down
    to; a disk with (almost) no space left where ``folder`` is counts as full whatever the
    words."""
    lowered = reason.lower()
    if any(word in lowered for word in _FULL) or _nearly_full(folder):
        return Cause.FULL
    for cause, words in ((Cause.LOCKED, _LOCKED), (Cause.LONG, _LONG), (Cause.DENIED, _DENIED)):
        if any(word in lowered for word in words):
            return cause
    if any(word in reason for word in _DATABASE):
        return Cause.DATABASE
    return Cause.OTHER


def explain(reason: str, where: str, folder: str | None = None) -> str:
    """The cause of a failed write of ``where`` (how messages name the output) and what to
    do; ``folder``: the folder it is written in, whose disk is asked for free space."""
    cause = cause_of(reason, folder)
    if cause is Cause.FULL:
        return _tr(
            "there is no space left on the disk where {} is written{}; free some space and run again"
        ).format(where, _free_space(folder))
    if cause is Cause.LOCKED:
        return _tr(
            "{} is open in another program, which holds it locked (QGIS with the layer in "
            "editing mode, DB Browser, a database tool); close it there and run again"
        ).format(where)
    if cause is Cause.LONG:
        return _tr(
            "the path of {} is too long for the system; write it into a folder with a shorter path"
        ).format(where)
    if cause is Cause.DENIED:
        return _tr("there is no permission to write {} ({})").format(where, _first_line(reason))
    if cause is Cause.DATABASE:
        return _tr("the database refused to write {}: {}").format(where, _first_line(reason))
    return redact(reason.strip()) or _tr("no reason was given")


@contextlib.contextmanager
def gdal_errors() -> Iterator[list[str]]:
    """Collect GDAL's error messages (instead of printing them) while the block runs: a
    failed write often says why only there ("sqlite3_exec failed: database or disk is full")."""
    from osgeo import gdal

    errors: list[str] = []

    def keep(level: int, _number: int, message: str) -> None:
        if level >= gdal.CE_Failure:
            errors.append(message)

    gdal.PushErrorHandler(keep)
    try:
        yield errors
    finally:
        gdal.PopErrorHandler()


def _nearly_full(folder: str | None) -> bool:
    free = _free_bytes(folder)
    return free is not None and free < NEARLY_FULL_BYTES


def _free_bytes(folder: str | None) -> int | None:
    if not folder or not os.path.isdir(folder):
        return None
    try:
        return shutil.disk_usage(folder).free
    except OSError:
        return None


def _free_space(folder: str | None) -> str:
    free = _free_bytes(folder)
    return "" if free is None else _tr(" ({} KB free)").format(free // 1024)


def _first_line(reason: str) -> str:
    """The database's or system's own words, without SQL echoed back or a password."""
    text = redact(reason)
    said = re.search(r"\b(?:ERROR|FATAL):\s*([^\n\]]+)", text)
    if said:
        return said.group(1).strip()
    return next((line.strip() for line in text.splitlines() if line.strip()), "")


def _tr(text: str) -> str:
    return QCoreApplication.translate("DsptOutputs", text)
