"""The reversible steps that put a run's outputs in place, taken all or none: keeping a
replaced file aside, moving a file in (its folder made as needed), swapping a table in.
When one fails, every step taken is undone, newest first, and the message names what
could not be replaced and why."""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from qgis.core import QgsException, QgsProcessingException
from qgis.PyQt.QtCore import QCoreApplication

from .failures import Cause, cause_of, explain, redact


@dataclass
class Step:
    """One reversible move of the commit, and what a failed one names."""

    do: Callable[[], None]
    undo: Callable[[], None]
    target: str
    folder: str | None = None  # where it is written (its disk is asked for free space)


def keep_aside(placed: str, kept: str) -> Step:
    """Keep the file a new one will replace as ``kept`` (a hard link: no data copied; a
    copy where the disk has no links), so ``placed`` always holds a whole file, old or new,
    and the old one can be put back; undone by removing ``kept``."""

    def do() -> None:
        os.makedirs(os.path.dirname(kept), exist_ok=True)
        try:
            os.link(placed, kept)
        except OSError:
            shutil.copy2(placed, kept)

    def undo() -> None:
        os.remove(kept)

    return Step(do, undo, placed, os.path.dirname(placed))


def take_aside(placed: str, kept: str) -> Step:
    """Move a file the new output does not replace out of its way (it belongs to the
    replaced output); undone by moving it back."""

    def do() -> None:
        os.makedirs(os.path.dirname(kept), exist_ok=True)
        os.replace(placed, kept)

    def undo() -> None:
        os.replace(kept, placed)

    return Step(do, undo, placed, os.path.dirname(placed))


def move(source: str, target: str, kept: str | None = None) -> Step:
    """Move a file into place in one rename, making its folder; undone by moving it back
    (and the replaced file kept as ``kept`` back in place, the folders made removed)."""
    made: list[str] = []

    def do() -> None:
        folder = os.path.dirname(target)
        missing = []
        while folder and not os.path.isdir(folder):
            missing.append(folder)
            folder = os.path.dirname(folder)
        for path in reversed(missing):
            os.mkdir(path)
            made.append(path)
        os.replace(source, target)

    def undo() -> None:
        os.replace(target, source)
        if kept is not None and os.path.lexists(kept):
            os.replace(kept, target)
        for path in reversed(made):
            with contextlib.suppress(OSError):
                os.rmdir(path)

    return Step(do, undo, target, os.path.dirname(target))


def apply(steps: Iterable[Step]) -> None:
    """Take every step; when one fails, undo those taken, newest first, and say which file
    could not be replaced."""
    done: list[Step] = []
    for step in steps:
        try:
            step.do()
        except (OSError, QgsException) as error:
            for taken in reversed(done):
                with contextlib.suppress(OSError, QgsException):
                    taken.undo()
            raise QgsProcessingException(_not_put_in_place(step, error)) from None
        done.append(step)


def _not_put_in_place(step: Step, error: Exception) -> str:
    """Why ``target`` could not be put in place: a full disk or a lock said as such; any
    other refusal is, most often, the file open in another program (Windows)."""
    reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
    target, folder = step.target, step.folder
    cause = cause_of(reason, folder)
    if cause in (Cause.FULL, Cause.LOCKED, Cause.DATABASE, Cause.LONG):
        return QCoreApplication.translate(
            "DsptOutputs", "Could not put the results in place: {}. Nothing was changed."
        ).format(explain(reason, target, folder))
    if cause is Cause.DENIED:
        return QCoreApplication.translate(
            "DsptOutputs",
            "Could not put the results in place: {}; if it is open in another program (on "
            "Windows), close it and run again. Nothing was changed.",
        ).format(explain(reason, target, folder))
    return QCoreApplication.translate(
        "DsptOutputs",
        "Could not put the results in place: {} cannot be replaced ({}). It may be open in another program "
        "or in QGIS (remove its layer from the project); close it and run again. Nothing was changed.",
    ).format(target, redact(reason))


def files_below(folder: str) -> list[str]:
    """Every file below ``folder``, as paths relative to it (sorted: the same order on every run)."""
    found = []
    for root, _, names in os.walk(folder):
        found += [os.path.relpath(os.path.join(root, name), folder) for name in names]
    return sorted(found)
