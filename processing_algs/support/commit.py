"""The reversible steps that put a run's outputs in place, taken all or none: moving a
file (its folder made as needed) and renaming a table. When one fails, every step taken is
undone, newest first, and the message names what could not be replaced."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from qgis.core import QgsException, QgsProcessingException
from qgis.PyQt.QtCore import QCoreApplication

from . import tables
from .destinations import Destination


@dataclass
class Step:
    """One reversible move of the commit, and what a failed one names."""

    do: Callable[[], None]
    undo: Callable[[], None]
    target: str


def move(source: str, target: str) -> Step:
    """Move a file, making its folder; undone by moving it back (and removing the folders made)."""
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
        for path in reversed(made):
            with contextlib.suppress(OSError):
                os.rmdir(path)

    return Step(do, undo, target)


def rename(destination: Destination, old: str, new: str) -> Step:
    """Rename a table of the destination's GeoPackage or database; undone by renaming back."""
    where = destination.dataset.describe() if destination.dataset else destination.text
    return Step(
        lambda: tables.rename(destination, old, new),
        lambda: tables.rename(destination, new, old),
        f"{new} in {where}",
    )


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
            reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
            raise QgsProcessingException(
                QCoreApplication.translate(
                    "DsptOutputs",
                    "Could not put the results in place: {} cannot be replaced ({}). It may be open in another program "
                    "or in QGIS (remove its layer from the project); close it and run again. Nothing was changed.",
                ).format(step.target, reason)
            ) from None
        done.append(step)


def files_below(folder: str) -> list[str]:
    """Every file below ``folder``, as paths relative to it (sorted: the same order on every run)."""
    found = []
    for root, _, names in os.walk(folder):
        found += [os.path.relpath(os.path.join(root, name), folder) for name in names]
    return sorted(found)
