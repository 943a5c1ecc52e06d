"""What is asked of an output's GeoPackage, database or project before any work: a run
that cannot put its results in place stops at once, saying why, not after every layer is
read and every point placed.

- The GeoPackage or SpatiaLite file: empty (not a GeoPackage), read-only, not an SQLite
  file, or held by another program (a write lock, or a read in progress).
- The database: reachable with the connection given (its error, without the password).
- The table named: not a view.
- The project: no layer of the output open for editing with unsaved changes (QGIS would
  write them into the new table when they are saved).
"""

from __future__ import annotations

import os
import sqlite3

from qgis.core import (
    QgsException,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProject,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QCoreApplication

from . import catalogue, tables
from .datasets import layer_dataset
from .destinations import Destination, Kind
from .failures import explain


def check_ready(destination: Destination, context: QgsProcessingContext) -> None:
    """Stop before any work when ``destination`` cannot be written now (see the module)."""
    if destination.kind is Kind.TABLE:
        if destination.provider == "postgres":
            _check_database(destination)
        else:
            _check_file(destination)
        _check_not_a_view(destination)
    _check_no_unsaved_edits(destination, context)


def _check_file(destination: Destination) -> None:
    path = destination.path or ""
    if not os.path.isfile(path):
        return
    name = os.path.basename(path)
    if os.path.getsize(path) == 0:
        _refuse(destination, _tr("{} is empty (0 bytes), not a GeoPackage").format(name))
    if not os.access(path, os.W_OK):
        _refuse(
            destination, _tr("there is no permission to write {} (it is read-only)").format(name)
        )
    try:
        tables.check_unlocked(destination)
    except sqlite3.DatabaseError as error:
        reason = str(error)
        if "not a database" in reason or "malformed" in reason:
            _refuse(destination, _tr("{} is not a GeoPackage ({})").format(name, reason))
        _refuse(destination, explain(reason, destination.describe(), os.path.dirname(path)))


def _check_database(destination: Destination) -> None:
    try:
        tables.existing(destination)
    except QgsException as error:
        _refuse(
            destination,
            _tr("its database cannot be reached: {}").format(
                explain(str(error), destination.describe())
            ),
        )


def _check_not_a_view(destination: Destination) -> None:
    found = tables.existing(destination)
    if found is not None and catalogue.is_view(destination, found):
        _refuse(
            destination,
            _tr("{} is a view, not a table; write the output to a table of another name").format(
                destination.describe()
            ),
        )


def _check_no_unsaved_edits(destination: Destination, context: QgsProcessingContext) -> None:
    if destination.dataset is None:
        return
    project = context.project() or QgsProject.instance()
    for layer in project.mapLayers().values():
        if not isinstance(layer, QgsVectorLayer) or not layer.isModified():
            continue
        found = layer_dataset(layer)
        if found is not None and found.overlaps(destination.dataset):
            _refuse(
                destination,
                _tr(
                    "the layer '{}' of the project, {}, is open for editing with unsaved "
                    "changes (saved later, they would be written into the new output); save "
                    "or discard them, then run again"
                ).format(layer.name(), found.describe()),
            )


def _refuse(destination: Destination, why: str) -> None:
    raise QgsProcessingException(
        _tr("The output '{}' cannot be written: {}. Nothing was written.").format(
            destination.label, why
        )
    )


def _tr(text: str) -> str:
    return QCoreApplication.translate("DsptOutputs", text)
