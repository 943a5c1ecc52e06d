"""Read every output back before it is put in place, and compare it with what was written.

A writer can fail without saying so: a full disk leaves a GeoPackage without its table,
a provider can drop the geometry column, a driver can store another geometry type or
CRS. So each staged output is opened as QGIS will open it and compared with the record
its writer kept: the number of features, of features with a geometry, the geometry type,
the CRS and the field names. Counts come from the database itself where there is one
(SQL ``count``), so reading back stays cheap at national scale. A mismatch stops the run
naming the output and, when the disk is full, saying so; nothing is put in place.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from qgis.core import (
    QgsAggregateCalculator,
    QgsCoordinateReferenceSystem,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingUtils,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QCoreApplication

from . import tables
from .destinations import Destination, Kind
from .failures import Cause, cause_of, explain


@dataclass
class Written:
    """What a writer wrote: the record an output is compared with when read back."""

    fields: list[str]
    geometry_type: int
    crs: QgsCoordinateReferenceSystem
    features: int = 0
    with_geometry: int = 0  # features whose geometry is not null
    non_empty: int = 0  # of those, geometries that are not empty
    problems: list[str] = field(default_factory=list)


def check(
    destination: Destination,
    written: Written | None,
    staged_path: str,
    staged_table: str | None,
    result: str,
    context: QgsProcessingContext,
) -> None:
    """Stop the run when the staged output ``destination`` does not read back as written
    (``staged_path``: its staged file or folder; ``staged_table``: its staging table;
    ``result``: how QGIS opens what was written)."""
    if written is None:
        _check_files(destination, staged_path)
        return
    layer = _open(destination, written, staged_path, staged_table, result, context)
    found: list[str] = []
    if layer is None or not layer.isValid():
        found.append(_tr("it cannot be opened"))
    else:
        found += _compare(destination, written, layer, staged_table)
    if found:
        folder = os.path.dirname(staged_path or destination.path or "") or None
        raise QgsProcessingException(
            _tr(
                "The output '{}' ({}) did not read back as it was written: {}.{} It was not "
                "put in place; nothing was changed."
            ).format(
                destination.label,
                destination.describe(),
                "; ".join(found),
                _cause(" ".join(written.problems), destination, folder),
            )
        )


def _cause(reason: str, destination: Destination, folder: str | None) -> str:
    """The sentence giving the cause, when the errors seen while writing or the disk tell it."""
    if cause_of(reason, folder) is Cause.OTHER:
        return ""
    return " " + _tr("Cause: {}.").format(explain(reason, destination.describe(), folder))


def _open(
    destination: Destination,
    written: Written,
    staged_path: str,
    staged_table: str | None,
    result: str,
    context: QgsProcessingContext,
) -> QgsVectorLayer | None:
    """The staged output as its provider opens it (not kept in the project or the context,
    so no file stays open once it is checked)."""
    options = QgsVectorLayer.LayerOptions(False)
    if destination.kind is Kind.TABLE:
        spatial = written.geometry_type != QgsWkbTypes.NoGeometry
        source = destination.provider_source(staged_table or "", spatial)
        return QgsVectorLayer(source, "written", destination.provider or "", options)
    if destination.kind is Kind.FILE:  # as QGIS named it (a shapefile without geometry: .dbf)
        return QgsVectorLayer(result, "written", "ogr", options)
    layer = context.getMapLayer(result) or QgsProcessingUtils.mapLayerFromString(result, context)
    return layer if isinstance(layer, QgsVectorLayer) else None


def _compare(
    destination: Destination, written: Written, layer: QgsVectorLayer, staged_table: str | None
) -> list[str]:
    """How ``layer`` differs from the record ``written`` (nothing when it matches)."""
    features, with_geometry = _counts(destination, layer, staged_table)
    found = []
    if features != written.features:
        found.append(_tr("{} features written, {} read back").format(written.features, features))
    spatial = destination.holds_geometry and written.geometry_type != QgsWkbTypes.NoGeometry
    if (
        spatial
        and with_geometry is not None
        and not (written.non_empty <= with_geometry <= written.with_geometry)
    ):
        found.append(
            _tr("{} geometries written, {} read back").format(written.with_geometry, with_geometry)
        )
    if spatial and (written.features or layer.isSpatial()):
        wanted = QgsWkbTypes.geometryType(written.geometry_type)
        if QgsWkbTypes.geometryType(layer.wkbType()) != wanted:
            found.append(
                _tr("{} geometries written, read back as {}").format(
                    QgsWkbTypes.geometryDisplayString(wanted),
                    QgsWkbTypes.displayString(layer.wkbType()) or _tr("no geometry"),
                )
            )
        if written.crs.isValid() and not _same_crs(written.crs, layer.crs()):
            found.append(
                _tr("CRS {} written, {} read back").format(
                    written.crs.authid() or written.crs.description(),
                    layer.crs().authid() or _tr("none"),
                )
            )
    names = set(layer.fields().names())
    missing = [name for name in written.fields if name not in names]
    if missing and (written.features or names):
        found.append(_tr("field(s) {} missing").format(", ".join(missing)))
    return found


def _counts(
    destination: Destination, layer: QgsVectorLayer, staged_table: str | None
) -> tuple[int, int | None]:
    """(features, features with a geometry) as the output holds them: counted by the
    GeoPackage or database itself, else by QGIS's aggregate (in C++, no Python per feature)."""
    if destination.kind is Kind.TABLE and staged_table is not None:
        return tables.counts(destination, staged_table)
    if not layer.isSpatial():
        return layer.featureCount(), None
    without, ok = layer.aggregate(
        QgsAggregateCalculator.CountMissing, "if($geometry IS NULL, NULL, 1)"
    )
    count = layer.featureCount()
    return count, (count - int(without) if ok else None)


def _same_crs(written: QgsCoordinateReferenceSystem, read: QgsCoordinateReferenceSystem) -> bool:
    """The same CRS, however the format records it (an EPSG code, a .prj's WKT)."""
    if written == read:
        return True
    if written.authid() and written.authid() == read.authid():
        return True
    return bool(read.isValid()) and written.toProj() == read.toProj()


#: How a complete file of each kind ends (and begins): a writer that ran out of disk (Qt's
#: PDF and image writers do not say so) leaves a file cut short, without them.
_WHOLE = {
    ".pdf": (b"%PDF-", b"%%EOF"),
    ".png": (b"\x89PNG\r\n\x1a\n", b"IEND"),
    ".html": (b"", b"</html>"),
    ".htm": (b"", b"</html>"),
    ".svg": (b"", b"</svg>"),
}
_TAIL_BYTES = 4096


def _check_files(destination: Destination, staged_path: str) -> None:
    """A file or folder written by the core or a QGIS exporter (HTML, PDF, PNG, a web
    report, an atlas's pages): there, not empty, and each file whole as its kind ends."""
    if destination.kind is Kind.FOLDER:
        files = (
            [str(p) for p in Path(staged_path).rglob("*") if p.is_file()]
            if os.path.isdir(staged_path)
            else []
        )
        broken = [f for f in files if not whole_file(f)] if files else [staged_path]
    else:
        broken = [] if whole_file(staged_path) else [staged_path]
    if broken:
        folder = os.path.dirname(staged_path)
        listed = ", ".join(os.path.basename(f) for f in broken[:5])
        raise QgsProcessingException(
            _tr(
                "The output '{}' ({}) was not written whole ({} missing, empty or cut short). "
                "Cause: {}. It was not put in place; nothing was changed."
            ).format(
                destination.label,
                destination.describe(),
                listed,
                explain(_tr("the file is cut short"), destination.describe(), folder),
            )
        )


def whole_file(path: str) -> bool:
    """True for a file that is there, not empty, and ends (and begins) as its kind does."""
    if not os.path.isfile(path) or os.path.getsize(path) == 0:
        return False
    head, tail = _WHOLE.get(os.path.splitext(path)[1].lower(), (b"", b""))
    with open(path, "rb") as handle:
        start = handle.read(len(head))
        handle.seek(max(0, os.path.getsize(path) - _TAIL_BYTES))
        end = handle.read().lower()
    return start == head and tail.lower() in end


def _tr(text: str) -> str:
    return QCoreApplication.translate("DsptOutputs", text)
