"""Every output of a run, written all-or-nothing.

Before anything is computed, each destination is checked: its folder exists and can be
written, its format is one QGIS writes, no two outputs share a file. Files are then
written into a hidden staging folder beside their destination, under their final names,
and moved into place only when every output has been written; a failure or a cancel
anywhere removes the staging folders and any GeoPackage table the run had added, so no
output is left behind, secondary ones included.

Writing also adapts column names to the output format (a ``fid`` column cannot be written
to a GeoPackage; a shapefile keeps 10 characters of a name) and neutralises formula-like
text in files a spreadsheet opens. The destination is read from the parameter without
``parameterAsOutputLayer``, which registers a second, bogus layer to load on completion.
"""

from __future__ import annotations

import contextlib
import datetime
import os
import re
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from qgis.core import (
    Qgis,
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsFeatureSink,
    QgsFeatureSource,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsProcessingContext,
    QgsProcessingDestinationParameter,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingOutputLayerDefinition,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFolderDestination,
    QgsProcessingUtils,
    QgsProperty,
    QgsVectorFileWriter,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QCoreApplication, QDate

if TYPE_CHECKING:
    import pandas as pd
    from qgis.core import QgsProcessingAlgorithm

if Qgis.QGIS_VERSION_INT >= 33800:  # QgsField takes QMetaType from QGIS 3.38 (and Qt6) on
    from qgis.PyQt.QtCore import QMetaType

    FIELD_TYPES = {
        "text": QMetaType.Type.QString,
        "real": QMetaType.Type.Double,
        "integer": QMetaType.Type.LongLong,
        "boolean": QMetaType.Type.Bool,
        "date": QMetaType.Type.QDate,
    }
else:
    from qgis.PyQt.QtCore import QVariant

    FIELD_TYPES = {
        "text": QVariant.String,
        "real": QVariant.Double,
        "integer": QVariant.LongLong,
        "boolean": QVariant.Bool,
        "date": QVariant.Date,
    }

NO_GEOMETRY = QgsWkbTypes.NoGeometry
CONTEXT = "DsptOutputs"

#: Destinations a spreadsheet program opens: formula-like text is neutralised there.
SPREADSHEET_SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx", ".xls", ".ods")
#: Column names a GeoPackage keeps for itself (feature id, geometry).
GEOPACKAGE_RESERVED = ("fid", "geom", "geometry")
SHAPEFILE_NAME_LENGTH = 10
STAGING_PREFIX = ".dspt-writing-"

MEMORY = "memory"
FILE = "file"
TABLE = "table"  # a table inside a (possibly existing) GeoPackage: ogr:dbname=... table=...
OTHER = "other"  # a database or provider URI: written directly
NONE = "none"  # an optional output that was not asked for


def tr(text: str) -> str:
    """Translate in this module's context."""
    return QCoreApplication.translate(CONTEXT, text)


@dataclass
class Destination:
    """Where one output goes, as the analyst gave it."""

    key: str
    label: str
    kind: str
    text: str
    path: str | None = None
    table: str | None = None
    table_existed: bool = False
    file_existed: bool = False

    @property
    def spreadsheet(self) -> bool:
        """True when a spreadsheet program opens this file (CSV, XLSX, ODS)."""
        return self.kind == FILE and (self.path or "").lower().endswith(SPREADSHEET_SUFFIXES)

    @property
    def suffix(self) -> str:
        return os.path.splitext(self.path or "")[1].lower()


@dataclass
class FeatureWriter:
    """A sink that checks every write, honours Cancel and keeps spreadsheets safe."""

    sink: QgsFeatureSink
    destination: Destination
    fields: QgsFields
    renamed: dict[str, str]
    feedback: QgsProcessingFeedback | None = None
    written: int = 0

    def field_name(self, name: str) -> str:
        """The name a column was written under (renamed for the output format)."""
        return self.renamed.get(name, name)

    def add(self, attributes: list[Any], geometry: QgsGeometry | None = None) -> None:
        """Write one feature of these attributes and geometry."""
        feature = QgsFeature(self.fields)
        if geometry is not None:
            feature.setGeometry(geometry)
        feature.setAttributes(attributes)
        self.write(feature)

    def write(self, feature: QgsFeature) -> None:
        """Write a feature whose attributes follow :attr:`fields`; a refused write stops
        the run naming the output."""
        if self.written % 1000 == 0 and self.feedback is not None and self.feedback.isCanceled():
            from dspt_qgis.processing_algs.support.algorithm import check_cancel

            check_cancel(self.feedback)
        if self.destination.spreadsheet:
            from dspt_qgis.core.safety import neutralise_formula
            from dspt_qgis.processing_algs.support.reading import python_value

            feature.setAttributes([neutralise_formula(python_value(v)) for v in feature.attributes()])
        if not self.sink.addFeature(feature, QgsFeatureSink.FastInsert):
            raise QgsProcessingException(
                tr("Could not write row {} of the output '{}' ({}): {}").format(
                    self.written + 1, self.destination.label, self.destination.text, self.sink.lastError()
                )
            )
        self.written += 1


@dataclass
class _Style:
    key: str
    kind: str
    layer_name: str
    options: dict[str, Any] = field(default_factory=dict)


class Outputs:
    """The outputs of one algorithm run (see the module docstring)."""

    def __init__(
        self,
        algorithm: QgsProcessingAlgorithm,
        parameters: dict[str, Any],
        context: QgsProcessingContext,
    ) -> None:
        self._algorithm = algorithm
        self._parameters = parameters
        self._context = context
        self._destinations: dict[str, Destination] = {}
        self._writers: dict[str, FeatureWriter] = {}
        self._staging: dict[str, str] = {}  # key -> staging folder
        self._results: dict[str, str] = {}  # key -> destination id while writing
        self._styles: list[_Style] = []
        self._post_processors: list[Any] = []  # kept alive until QGIS calls them
        self.final_ids: dict[str, str] = {}

    # -- before anything is computed ---------------------------------------------------
    def check_destinations(self) -> None:
        """Stop before any work when a destination cannot be written (see module doc)."""
        files: dict[str, Destination] = {}
        for definition in self._algorithm.destinationParameterDefinitions():
            destination = self._resolve(definition)
            self._destinations[definition.name()] = destination
            if destination.kind in (FILE, TABLE):
                self._check_folder(destination)
            if destination.kind == FILE and isinstance(definition, QgsProcessingParameterFeatureSink):
                self._check_format(destination)
            is_folder_output = isinstance(definition, QgsProcessingParameterFolderDestination)
            if destination.kind == FILE and os.path.isdir(destination.path or "") and not is_folder_output:
                raise QgsProcessingException(
                    tr("The output '{}' names a folder, not a file: {}").format(destination.label, destination.path)
                )
            if destination.kind == FILE and os.path.isfile(destination.path or "") and is_folder_output:
                raise QgsProcessingException(
                    tr("The output '{}' names a file, not a folder: {}").format(destination.label, destination.path)
                )
            if destination.kind == FILE:
                real = os.path.realpath(destination.path or "")
                if real in files:
                    raise QgsProcessingException(
                        tr("The outputs '{}' and '{}' both go to {}; give each its own file.").format(
                            files[real].label, destination.label, destination.path
                        )
                    )
                files[real] = destination

    def requested(self, key: str) -> bool:
        """True when the output ``key`` is to be written (optional outputs may not be)."""
        return self._destination(key).kind != NONE

    def destination(self, key: str) -> Destination:
        """Where the output ``key`` goes."""
        return self._destination(key)

    # -- writing ---------------------------------------------------------------------
    def writer(
        self,
        key: str,
        fields: QgsFields,
        feedback: QgsProcessingFeedback | None,
        *,
        geometry_type: int = NO_GEOMETRY,
        crs: QgsCoordinateReferenceSystem | None = None,
    ) -> FeatureWriter | None:
        """A writer for the feature output ``key`` (None when it was not asked for)."""
        destination = self._destination(key)
        if destination.kind == NONE:
            return None
        out_fields, renamed = writable_fields(fields, destination)
        parameters = dict(self._parameters)
        if destination.kind == FILE:
            parameters[key] = self._staged_value(key, destination)
        elif destination.kind == TABLE:
            destination.file_existed = os.path.isfile(destination.path or "")
            destination.table_existed = _table_exists(destination)
        sink, dest_id = self._algorithm.parameterAsSink(
            parameters, key, self._context, out_fields, geometry_type, crs or QgsCoordinateReferenceSystem()
        )
        if sink is None:
            raise QgsProcessingException(self._algorithm.invalidSinkError(parameters, key))
        self._results[key] = dest_id
        writer = FeatureWriter(sink, destination, out_fields, renamed, feedback)
        self._writers[key] = writer
        return writer

    def file_path(self, key: str) -> str | None:
        """Where to write the file output ``key`` now (None when not asked for); it is
        moved to its destination when the run succeeds."""
        destination = self._destination(key)
        if destination.kind == NONE:
            return None
        staged = self._staged_path(key, destination)
        self._results[key] = staged
        return staged

    def style(self, key: str, kind: str, layer_name: str, **options: Any) -> None:
        """Style the output ``key`` as ``kind`` once written (see :mod:`.styles`)."""
        if self.requested(key):
            self._styles.append(_Style(key, kind, layer_name, options))

    # -- at the end ------------------------------------------------------------------
    def commit(self) -> dict[str, str]:
        """Close every output, move staged files into place; return the results."""
        self._close()
        renamed_ids: dict[str, str] = {}
        for key, folder in self._staging.items():
            destination = self._destinations[key]
            _move_contents(folder, os.path.dirname(destination.path or ""))
            staged_id = self._results.get(key, "")
            final_id = staged_id.replace(os.path.join(folder, ""), os.path.join(os.path.dirname(destination.path or ""), ""))
            renamed_ids[staged_id] = final_id
        self._staging = {}
        self.final_ids = {key: renamed_ids.get(value, value) for key, value in self._results.items()}
        self._follow_layers_to_load(renamed_ids)
        return dict(self.final_ids)

    def discard(self) -> None:
        """Remove everything this run wrote (staging folders, GeoPackage tables added)."""
        self._close()
        for folder in self._staging.values():
            shutil.rmtree(folder, ignore_errors=True)
        self._staging = {}
        for key in self._results:
            destination = self._destinations.get(key)
            if destination is not None and destination.kind == TABLE and not destination.table_existed:
                _drop_table(destination)
        layers = self._context.layersToLoadOnCompletion()
        for value in self._results.values():
            layers.pop(value, None)
        self._context.setLayersToLoadOnCompletion(layers)
        self._results = {}

    def apply_styles(self, context: QgsProcessingContext, feedback: QgsProcessingFeedback) -> None:
        """Style outputs as they load into the project, and store GeoPackage outputs'
        default styles so the layers open styled anywhere."""
        from dspt_qgis.processing_algs.support.styles import (
            StylePostProcessor,
            apply_style,
            save_default_style,
        )

        for style in self._styles:
            dest_id = self.final_ids.get(style.key)
            if not dest_id:
                continue
            if context.willLoadLayerOnCompletion(dest_id):
                details = context.layerToLoadOnCompletionDetails(dest_id)
                details.name = style.layer_name
                processor = StylePostProcessor(style.kind, style.options)
                self._post_processors.append(processor)
                details.setPostProcessor(processor)
            if ".gpkg" in dest_id.lower():
                # Opened without reading a stored style (5 ms): its style is set and stored now.
                layer = QgsVectorLayer(dest_id, style.layer_name, "ogr", QgsVectorLayer.LayerOptions(False))
                if layer.isValid():
                    apply_style(layer, style.kind, **style.options)
                    error = save_default_style(layer, style.layer_name)
                    if error:
                        feedback.pushWarning(
                            tr("Could not store the default style of {}: {}").format(style.layer_name, error)
                        )
            else:  # a temporary layer handed back to a script: style it in place
                layer = QgsProcessingUtils.mapLayerFromString(dest_id, context)
                if isinstance(layer, QgsVectorLayer):
                    apply_style(layer, style.kind, **style.options)

    # -- internals -------------------------------------------------------------------
    def _destination(self, key: str) -> Destination:
        if key not in self._destinations:
            self._destinations[key] = self._resolve(self._algorithm.parameterDefinition(key))
        return self._destinations[key]

    def _resolve(self, definition: QgsProcessingDestinationParameter) -> Destination:
        """Read a destination parameter's value the way QGIS will, without side effects."""
        key, label = definition.name(), definition.description()
        value = self._parameters.get(key)
        if isinstance(value, QgsProcessingOutputLayerDefinition):
            value = value.sink
        if isinstance(value, QgsProperty):
            value = value.valueAsString(self._context.expressionContext(), "")
            value = value[0] if isinstance(value, tuple) else value
        text = "" if value is None else str(value).strip()
        if not text:
            optional = bool(definition.flags() & definition.FlagOptional)
            default = definition.defaultValue()
            if optional and (default is None or str(default) == ""):
                return Destination(key, label, NONE, "")
            text = str(default) if default not in (None, "") else "TEMPORARY_OUTPUT"
        if text == "TEMPORARY_OUTPUT":
            if isinstance(definition, QgsProcessingParameterFeatureSink):
                return Destination(key, label, MEMORY, text)
            text = definition.generateTemporaryDestination()
        if text.startswith("memory:"):
            return Destination(key, label, MEMORY, text)
        if text.startswith("ogr:"):
            match = re.search(r"dbname='([^']*)'.*?table=\"([^\"]*)\"", text)
            if match:
                return Destination(key, label, TABLE, text, match.group(1), match.group(2))
            return Destination(key, label, OTHER, text)
        if re.match(r"^[a-z]{3,}:", text) and not re.match(r"^[A-Za-z]:[\\/]", text):
            return Destination(key, label, OTHER, text)
        path = os.path.abspath(os.path.expanduser(text.split("|")[0]))
        return Destination(key, label, FILE, text, path)

    def _check_folder(self, destination: Destination) -> None:
        folder = os.path.dirname(destination.path or "") or "."
        if not os.path.isdir(folder):
            raise QgsProcessingException(
                tr("The folder of the output '{}' does not exist: {}").format(destination.label, folder)
            )
        if not os.access(folder, os.W_OK | os.X_OK):
            raise QgsProcessingException(
                tr("The output '{}' cannot be written: no permission to write in {}").format(
                    destination.label, folder
                )
            )

    def _check_format(self, destination: Destination) -> None:
        extensions = {e.lower() for e in QgsVectorFileWriter.supportedFormatExtensions()}
        if destination.suffix.lstrip(".") not in extensions:
            raise QgsProcessingException(
                tr("The output '{}' ({}) is not a file format QGIS writes; use a name ending in "
                   ".gpkg, .csv, .xlsx, .geojson or .shp.").format(destination.label, destination.path)
            )

    def _staged_path(self, key: str, destination: Destination) -> str:
        import uuid  # here, not at start-up: it costs 2 ms to import

        folder = os.path.join(
            os.path.dirname(destination.path or ""), f"{STAGING_PREFIX}{uuid.uuid4().hex[:12]}"
        )
        os.makedirs(folder)
        self._staging[key] = folder
        return os.path.join(folder, os.path.basename(destination.path or ""))

    def _staged_value(self, key: str, destination: Destination) -> Any:
        staged = self._staged_path(key, destination)
        original = self._parameters.get(key)
        if isinstance(original, QgsProcessingOutputLayerDefinition):
            copy = QgsProcessingOutputLayerDefinition(original)
            copy.sink = QgsProperty.fromValue(staged)
            return copy
        return staged

    def _close(self) -> None:
        """Release every sink: files are complete on disk only once their writer is gone.

        Each sink is destroyed explicitly (it belongs to this algorithm), whatever else
        still refers to it (a traceback's frames, after a failure): no garbage collection
        pass is needed, which cost 40 ms a run.
        """
        from qgis.PyQt import sip

        for writer in self._writers.values():
            if writer.sink is not None and not sip.isdeleted(writer.sink):
                sip.delete(writer.sink)
            writer.sink = None
        self._writers = {}

    def _follow_layers_to_load(self, renamed_ids: dict[str, str]) -> None:
        layers = self._context.layersToLoadOnCompletion()
        for staged, final in renamed_ids.items():
            if staged in layers and staged != final:
                layers[final] = layers.pop(staged)
        self._context.setLayersToLoadOnCompletion(layers)


def writable_fields(fields: QgsFields, destination: Destination) -> tuple[QgsFields, dict[str, str]]:
    """Fields renamed where the output format reserves or shortens their names.

    A GeoPackage keeps ``fid`` (unless it is an integer key, which becomes the feature id)
    and its geometry column's name for itself; a shapefile keeps 10 characters. Renamed
    fields get ``_input`` (GeoPackage) or a number (shapefile), never silently clashing
    with another field.
    """
    suffix = destination.suffix if destination.kind == FILE else (".gpkg" if destination.kind == TABLE else "")
    renamed: dict[str, str] = {}
    out = QgsFields()
    taken: set[str] = set()
    for index in range(fields.count()):
        original = QgsField(fields.at(index))
        name = original.name()
        if suffix == ".gpkg" and name.lower() in GEOPACKAGE_RESERVED and not _is_feature_id(original):
            name = f"{name}_input"
        if suffix in (".shp", ".dbf"):
            name = name[:SHAPEFILE_NAME_LENGTH]
        base, number = name, 1
        while name.lower() in taken:
            number += 1
            tail = f"_{number}"
            name = (base[: SHAPEFILE_NAME_LENGTH - len(tail)] if suffix in (".shp", ".dbf") else base) + tail
        taken.add(name.lower())
        if name != original.name():
            renamed[original.name()] = name
            original.setName(name)
        out.append(original)
    return out, renamed


def _is_feature_id(field: QgsField) -> bool:
    """An integer ``fid`` column (a source's own key) becomes the GeoPackage's feature id."""
    return field.name().lower() == "fid" and field.isNumeric() and "int" in field.typeName().lower()


def qgs_fields(frame: pd.DataFrame, columns: Sequence[str]) -> QgsFields:
    """QgsFields for DataFrame columns: floats as Double, integers as Int64, dates as
    Date, anything else as String."""
    import pandas as pd

    fields = QgsFields()
    for name in columns:
        dtype = frame[name].dtype
        if pd.api.types.is_bool_dtype(dtype):
            kind = "boolean"
        elif pd.api.types.is_integer_dtype(dtype):
            kind = "integer"
        elif pd.api.types.is_float_dtype(dtype):
            kind = "real"
        elif _holds_dates(frame[name]):
            kind = "date"
        else:
            kind = "text"
        fields.append(QgsField(name, FIELD_TYPES[kind]))
    return fields


def _holds_dates(values: pd.Series) -> bool:
    present = values.dropna()
    return not present.empty and all(isinstance(v, datetime.date) for v in present)


def text_field(name: str) -> QgsField:
    """A text field (for a column the algorithm adds)."""
    return QgsField(name, FIELD_TYPES["text"])


def frame_rows(frame: pd.DataFrame, columns: Sequence[str]) -> list[list[Any]]:
    """Rows of plain Python values ready for QgsFeature.setAttributes (NaN -> NULL).

    Numbers come out of ``tolist`` as Python numbers; only other columns can hold dates or
    values that need converting, so only those are looked at value by value.
    """
    import pandas as pd

    subset = frame[list(columns)]
    rows = subset.astype(object).where(subset.notna(), None).values.tolist()
    mixed = [i for i, column in enumerate(columns) if not pd.api.types.is_numeric_dtype(subset[column].dtype)]
    if not mixed:
        return rows
    for row in rows:
        for i in mixed:
            value = row[i]
            if isinstance(value, datetime.date):
                row[i] = QDate(value.year, value.month, value.day)
            elif value is not None and not isinstance(value, (str, int, float, bool)):
                row[i] = value.item() if hasattr(value, "item") else str(value)
    return rows


def write_frame(
    outputs: Outputs,
    key: str,
    frame: pd.DataFrame,
    columns: Sequence[str],
    feedback: QgsProcessingFeedback | None,
) -> FeatureWriter | None:
    """Write DataFrame rows as a table without geometry (nothing when not asked for)."""
    writer = outputs.writer(key, qgs_fields(frame, columns), feedback)
    if writer is not None:
        for row in frame_rows(frame, columns):
            writer.add(row)
    return writer


def copy_features(
    outputs: Outputs,
    key: str,
    source: QgsFeatureSource,
    feedback: QgsProcessingFeedback | None,
    *,
    extra_fields: QgsFields,
    values_for: Callable[[QgsFeature], list[Any] | None],
    geometry_for: Callable[[QgsFeature], QgsGeometry] | None = None,
    geometry_type: int | None = None,
    crs: QgsCoordinateReferenceSystem | None = None,
) -> FeatureWriter | None:
    """Write the source's features with extra columns: the one "features + appended
    columns" writer of the ICS outputs, the join and the organisation points.

    ``values_for`` gives a feature's extra values, or None to leave the feature out;
    ``geometry_for`` replaces its geometry (points made from coordinates).
    """
    from dspt_qgis.processing_algs.support.reading import SKIP_VALIDITY_CHECKS

    fields = QgsFields(source.fields())
    for index in range(extra_fields.count()):
        fields.append(extra_fields.at(index))
    writer = outputs.writer(
        key,
        fields,
        feedback,
        geometry_type=source.wkbType() if geometry_type is None else geometry_type,
        crs=source.sourceCrs() if crs is None else crs,
    )
    if writer is None:
        return None
    total = max(source.featureCount(), 1)
    for number, feature in enumerate(source.getFeatures(_all_features(), SKIP_VALIDITY_CHECKS)):
        if feedback is not None and number % 500 == 0:
            feedback.setProgress(100.0 * number / total)
        extra = values_for(feature)
        if extra is None:
            continue
        if geometry_for is not None:
            feature.setGeometry(geometry_for(feature))
        attributes = feature.attributes() + extra
        feature.setFields(writer.fields, False)  # the source's feature, written with the extra columns
        feature.setAttributes(attributes)
        writer.write(feature)
    return writer


def _all_features() -> Any:
    from qgis.core import QgsFeatureRequest

    return QgsFeatureRequest()


def _move_contents(folder: str, target: str) -> None:
    """Move every file of a staging folder into the target folder, replacing files of the
    same name, then remove the staging folder."""
    for root, _, names in os.walk(folder):
        relative = os.path.relpath(root, folder)
        destination_root = os.path.normpath(os.path.join(target, relative))
        os.makedirs(destination_root, exist_ok=True)
        for name in names:
            os.replace(os.path.join(root, name), os.path.join(destination_root, name))
    shutil.rmtree(folder, ignore_errors=True)


def _table_exists(destination: Destination) -> bool:
    """True when the GeoPackage already has the table (a failed run then leaves it alone).

    Asked of SQLite's own catalogue: GDAL reads every table's definition to
    open a GeoPackage (8 ms for the demo's 20 tables, twice a run for two outputs).
    """
    if not destination.path or not os.path.isfile(destination.path):
        return False
    import sqlite3

    try:
        with contextlib.closing(sqlite3.connect(destination.path, timeout=10)) as database:
            found = database.execute(
                "SELECT 1 FROM sqlite_master WHERE type IN ('table', 'view') AND lower(name) = lower(?)",
                (destination.table,),
            ).fetchone()
    except sqlite3.Error:  # not a GeoPackage QGIS can write to: the writer says so next
        return False
    return found is not None


def _drop_table(destination: Destination) -> None:
    """Remove a GeoPackage table a failed run had added (and the file, if the run made it)."""
    if not destination.path or not os.path.isfile(destination.path):
        return
    from osgeo import ogr

    dataset = ogr.Open(destination.path, 1)
    if dataset is None:
        return
    for index in range(dataset.GetLayerCount()):
        if dataset.GetLayer(index).GetName() == destination.table:
            dataset.DeleteLayer(index)
            break
    dataset = None
    if not destination.file_existed:
        os.remove(destination.path)
