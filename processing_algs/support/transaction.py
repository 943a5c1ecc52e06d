"""Every output of a run, written all-or-nothing, never over an input, read back before
it is called a result.

Before anything is computed, each destination is checked (:mod:`.destinations`): one that
is, or holds, an input (the same file, GeoPackage table or database table) is refused
naming both, a GeoPackage another program holds locked is named, and what an interrupted
run left there is removed or named (:mod:`.staging`). Every output is written under a
staging name (:mod:`.staging`); when all are complete, each is read back and compared with
what was written (:mod:`.verify`), and only then put in place, in two phases: whatever
they replace is kept aside first, then the new data moved in (a table in one
transaction); if any step fails, every step taken is undone and the message names the
file and the cause. A failure or a cancel anywhere removes what the run wrote.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsException,
    QgsFields,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingOutputLayerDefinition,
    QgsProperty,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QCoreApplication

from . import commit, verify
from .datasets import Dataset, file_dataset, input_datasets
from .destinations import (
    Destination,
    Kind,
    check_writable,
    resolve,
)
from .failures import explain, gdal_errors
from .preflight import check_ready
from .staging import Staged, leftovers, say_leftovers
from .verify import Written
from .writers import FeatureWriter, say_renamed, writable_fields

if TYPE_CHECKING:
    from qgis.core import QgsFeatureSink, QgsProcessingAlgorithm

    from .output_styles import StyleRequest


@dataclass
class Outputs:
    """The outputs of one algorithm run (see the module docstring)."""

    algorithm: QgsProcessingAlgorithm
    parameters: dict[str, Any]
    context: QgsProcessingContext
    final_ids: dict[str, str] = field(default_factory=dict)
    styles: list[StyleRequest] = field(default_factory=list)
    _destinations: dict[str, Destination] = field(default_factory=dict)
    _inputs: list[tuple[str, Dataset]] = field(default_factory=list)
    _staged: dict[str, Staged] = field(default_factory=dict)
    _writers: dict[str, FeatureWriter] = field(default_factory=dict)
    _records: dict[str, Written] = field(default_factory=dict)

    # -- before anything is computed ---------------------------------------------------
    def check_destinations(self, feedback: QgsProcessingFeedback | None = None) -> None:
        """Stop before any work when a destination cannot be written or would write over
        an input or another output; clear what interrupted runs left where outputs go."""
        for definition in self.algorithm.destinationParameterDefinitions():
            destination = resolve(definition, self.parameters, self.context)
            check_writable(destination, definition)
            self._destinations[definition.name()] = destination
        self._inputs = list(input_datasets(self.algorithm, self.parameters, self.context))
        placed = [d for d in self._destinations.values() if d.dataset is not None]
        for destination in placed:
            for label, dataset in self._inputs:
                if destination.dataset is not None and destination.dataset.overlaps(dataset):
                    raise QgsProcessingException(_over_input(destination, label, dataset))
        for index, first in enumerate(placed):
            for second in placed[index + 1 :]:
                if (
                    first.dataset is not None
                    and second.dataset is not None
                    and first.dataset.overlaps(second.dataset)
                ):
                    raise QgsProcessingException(
                        QCoreApplication.translate(
                            "DsptOutputs",
                            "The outputs '{}' and '{}' both go to {}; give each its own "
                            "file or table.",
                        ).format(first.label, second.label, second.describe())
                    )
        for destination in self._destinations.values():
            check_ready(destination, self.context)
            say_leftovers(destination, *leftovers(destination), feedback)

    def requested(self, key: str) -> bool:
        """True when the output ``key`` is to be written (optional outputs may not be)."""
        return self.destination(key).kind is not Kind.NONE

    def destination(self, key: str) -> Destination:
        """Where the output ``key`` goes."""
        if key not in self._destinations:
            self._destinations[key] = resolve(
                self.algorithm.parameterDefinition(key), self.parameters, self.context
            )
        return self._destinations[key]

    # -- writing ---------------------------------------------------------------------
    def writer(
        self,
        key: str,
        fields: QgsFields,
        feedback: QgsProcessingFeedback | None,
        *,
        geometry_type: int = QgsWkbTypes.NoGeometry,
        crs: QgsCoordinateReferenceSystem | None = None,
    ) -> FeatureWriter | None:
        """A writer for the feature output ``key`` (None when it was not asked for)."""
        destination = self.destination(key)
        if destination.kind is Kind.NONE:
            return None
        out_fields, renamed = writable_fields(fields, destination)
        say_renamed(destination, renamed, feedback)
        spatial = geometry_type != QgsWkbTypes.NoGeometry
        parameters = dict(self.parameters)
        if destination.kind is Kind.FILE:
            self._stage_file(key, destination)
            parameters[key] = self._with_sink(key, self._staged[key].file_sink(spatial))
        elif destination.kind is Kind.TABLE:
            parameters[key] = self._with_sink(key, self._stage_table(key, destination, spatial))
        crs = crs or QgsCoordinateReferenceSystem()
        sink, dest_id = self._sink(parameters, key, destination, out_fields, geometry_type, crs)
        self._staged.setdefault(key, Staged(destination)).result = dest_id
        record = Written(out_fields.names(), geometry_type, crs)
        self._records[key] = record
        writer = FeatureWriter(sink, destination, out_fields, renamed, record, feedback)
        self._writers[key] = writer
        return writer

    def _sink(
        self,
        parameters: dict[str, Any],
        key: str,
        destination: Destination,
        fields: QgsFields,
        geometry_type: int,
        crs: QgsCoordinateReferenceSystem,
    ) -> tuple[QgsFeatureSink, str]:
        """Processing's sink for the output, its refusal said in the analyst's words."""
        try:
            sink, dest_id = self.algorithm.parameterAsSink(
                parameters, key, self.context, fields, geometry_type, crs
            )
        except QgsProcessingException as error:
            sink, dest_id, reason = None, "", str(error)
        else:
            reason = QCoreApplication.translate("DsptOutputs", "QGIS could not create it")
        if sink is None:
            folder = os.path.dirname(destination.path) if destination.path else None
            raise QgsProcessingException(
                QCoreApplication.translate(
                    "DsptOutputs", "Could not create the output '{}' ({}): {}."
                ).format(
                    destination.label,
                    destination.describe(),
                    explain(reason, destination.describe(), folder),
                )
            )
        return sink, dest_id

    def file_path(self, key: str) -> str | None:
        """Where to write the file or folder output ``key`` now (None when not asked for);
        it is moved to its destination when the run succeeds."""
        destination = self.destination(key)
        if destination.kind is Kind.NONE:
            return None
        staged = self._stage_file(key, destination)
        self._staged[key].result = staged
        return staged

    def os_error_message(self, error: OSError) -> str:
        """What a system error while writing a file output means, naming the output."""
        path = str(error.filename or "")
        folder = os.path.dirname(path) or None
        reason = error.strerror or str(error)
        for staged in self._staged.values():
            if staged.folder is not None and path.startswith(staged.folder):
                where = staged.destination.describe()
                return QCoreApplication.translate(
                    "DsptOutputs", "Could not write the output '{}': {}. Nothing was changed."
                ).format(staged.destination.label, explain(reason, where, folder))
        return QCoreApplication.translate("DsptOutputs", "Could not write {}: {}.").format(
            path or QCoreApplication.translate("DsptOutputs", "a file"),
            explain(reason, os.path.basename(path) or path, folder),
        )

    def style(self, key: str, kind: str, layer_name: str, **options: Any) -> None:
        """Style the output ``key`` as ``kind`` once written (see :mod:`.output_styles`)."""
        from .output_styles import StyleRequest

        if self.requested(key):
            self.styles.append(StyleRequest(key, kind, layer_name, options))

    # -- at the end ------------------------------------------------------------------
    def commit(self) -> dict[str, str]:
        """Close every output, read each back, and put them in place (two phases, undone
        on failure); return the results."""
        self._close()
        for key, staged in self._staged.items():
            staged.finish()
            verify.check(
                staged.destination,
                self._records.get(key),
                staged.written_path if staged.folder is not None else "",
                staged.table,
                staged.written_source(),
                self.context,
            )
        asides: list[commit.Step] = []
        moves: list[commit.Step] = []
        for staged in self._staged.values():
            for target in staged.targets() if staged.folder is not None else []:
                self._refuse_input_file(staged.destination, target)
            aside, move = staged.steps()
            asides += aside
            moves += move
        commit.apply([*asides, *moves])
        for staged in self._staged.values():
            for cleanup in staged.cleanup:
                with contextlib.suppress(OSError, QgsException):
                    cleanup()
        renamed = {s.result: s.final_id() for s in self._staged.values()}
        self.final_ids = {key: renamed[s.result] for key, s in self._staged.items()}
        self._follow_layers_to_load(renamed)
        self._staged = {}
        return dict(self.final_ids)

    def discard(self) -> None:
        """Remove everything this run wrote (staging folders and tables, tables it added)."""
        self._close()
        for staged in self._staged.values():
            with contextlib.suppress(Exception):  # removing what it can; the rest is named next run
                staged.remove()
        layers = self.context.layersToLoadOnCompletion()
        for staged in self._staged.values():
            layers.pop(staged.result, None)
        self.context.setLayersToLoadOnCompletion(layers)
        self._staged = {}

    # -- internals -------------------------------------------------------------------
    def _stage_file(self, key: str, destination: Destination) -> str:
        self._staged[key] = Staged.file(destination)
        return self._staged[key].written_path

    def _stage_table(self, key: str, destination: Destination, spatial: bool) -> str:
        self._staged[key] = Staged.table_of(destination, spatial)
        return destination.sink_value(self._staged[key].table or "", spatial)

    def _with_sink(self, key: str, sink: str) -> str | QgsProcessingOutputLayerDefinition:
        original = self.parameters.get(key)
        if isinstance(original, QgsProcessingOutputLayerDefinition):
            copy = QgsProcessingOutputLayerDefinition(original)
            copy.sink = QgsProperty.fromValue(sink)
            return copy
        return sink

    def _refuse_input_file(self, destination: Destination, target: str) -> None:
        """A folder output writes files of its own names into the folder: never an input's."""
        written = file_dataset(target, whole=True)
        for label, dataset in self._inputs:
            if written.overlaps(dataset):
                raise QgsProcessingException(_over_input(destination, label, dataset, target))

    def _close(self) -> None:
        """Release every sink: files are complete on disk only once their writer is gone.

        Each sink is destroyed explicitly (it belongs to this algorithm), whatever else
        still refers to it (a traceback's frames, after a failure), without waiting for a
        garbage collection pass.
        """
        from qgis.PyQt import sip

        for writer in self._writers.values():
            if writer.sink is not None and not sip.isdeleted(writer.sink):
                with gdal_errors() as errors:
                    sip.delete(writer.sink)
                writer.record.problems += errors
            writer.sink = None
        self._writers = {}

    def _follow_layers_to_load(self, renamed: dict[str, str]) -> None:
        layers = self.context.layersToLoadOnCompletion()
        for staged, final in renamed.items():
            if staged in layers and staged != final:
                layers[final] = layers.pop(staged)
        self.context.setLayersToLoadOnCompletion(layers)


def _over_input(
    destination: Destination, label: str, dataset: Dataset, target: str | None = None
) -> str:
    """The message for an output that would write over an input."""
    if (
        destination.kind is Kind.FILE
        and destination.dataset is not None
        and destination.dataset.table is None
        and dataset.table is not None
    ):
        return QCoreApplication.translate(
            "DsptOutputs",
            "The output '{}' would replace the whole file {}, which holds the input '{}' ({}). Nothing was "
            "written. Give the output a table of its own (e.g. {}|layername=new_table) or another file.",
        ).format(destination.label, destination.path, label, dataset.describe(), destination.path)
    where = target or destination.describe()
    return QCoreApplication.translate(
        "DsptOutputs",
        "The output '{}' ({}) would write over the input '{}' ({}). Nothing was written. Choose another "
        "file or table for the output.",
    ).format(destination.label, where, label, dataset.describe())
