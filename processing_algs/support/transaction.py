"""Every output of a run, written all-or-nothing, never over an input.

Before anything is computed, each destination is checked (:mod:`.destinations`), and one
that is, or holds, an input (the same file, GeoPackage table or database table) is
refused naming both. Files are written under their final names in a hidden folder beside
their destination; a table that exists already is written under a staging name; a new
table is written under its own. Only when every output is complete are they put in
place, in two phases: whatever they replace is moved aside first, then the new data moved
in; if any move fails, every step taken is undone and the message names the file to
close. A failure or a cancel anywhere removes what the run wrote.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import uuid
from collections.abc import Callable, Iterable
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

from dspt_qgis.processing_algs.support import tables
from dspt_qgis.processing_algs.support.datasets import Dataset, file_dataset, input_datasets
from dspt_qgis.processing_algs.support.destinations import (
    Destination,
    Kind,
    check_writable,
    resolve,
    tr,
)
from dspt_qgis.processing_algs.support.writers import FeatureWriter, say_renamed, writable_fields

if TYPE_CHECKING:
    from qgis.core import QgsProcessingAlgorithm

    from dspt_qgis.processing_algs.support.output_styles import StyleRequest

STAGING_PREFIX = ".dspt-writing-"
REPLACED_PREFIX = ".dspt-replaced-"


@dataclass
class _Staged:
    """What the run wrote for one output, not yet in place."""

    destination: Destination
    folder: str | None = None  # FILE, FOLDER: the hidden staging folder
    table: str | None = None  # TABLE: the staging table, when a table is being replaced
    existing: str | None = None  # TABLE: the table being replaced, as the database names it
    file_created: bool = False  # TABLE: the run made the GeoPackage itself
    result: str = ""  # the destination id QGIS gave while writing


@dataclass
class _Step:
    """One reversible move of the commit, and what a failed one names."""

    do: Callable[[], None]
    undo: Callable[[], None]
    target: str


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
    _staged: dict[str, _Staged] = field(default_factory=dict)
    _writers: dict[str, FeatureWriter] = field(default_factory=dict)
    _cleanup: list[Callable[[], None]] = field(default_factory=list)

    # -- before anything is computed ---------------------------------------------------
    def check_destinations(self) -> None:
        """Stop before any work when a destination cannot be written or would write over
        an input or another output."""
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
                        tr(
                            "The outputs '{}' and '{}' both go to {}; give each its own "
                            "file or table."
                        ).format(first.label, second.label, second.describe())
                    )

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
        parameters = dict(self.parameters)
        if destination.kind is Kind.FILE:
            parameters[key] = self._with_sink(key, self._stage_file(key, destination))
        elif destination.kind is Kind.TABLE:
            parameters[key] = self._with_sink(key, self._stage_table(key, destination))
        sink, dest_id = self.algorithm.parameterAsSink(
            parameters,
            key,
            self.context,
            out_fields,
            geometry_type,
            crs or QgsCoordinateReferenceSystem(),
        )
        if sink is None:
            raise QgsProcessingException(self.algorithm.invalidSinkError(parameters, key))
        self._staged.setdefault(key, _Staged(destination)).result = dest_id
        writer = FeatureWriter(sink, destination, out_fields, renamed, feedback)
        self._writers[key] = writer
        return writer

    def file_path(self, key: str) -> str | None:
        """Where to write the file or folder output ``key`` now (None when not asked for);
        it is moved to its destination when the run succeeds."""
        destination = self.destination(key)
        if destination.kind is Kind.NONE:
            return None
        staged = self._stage_file(key, destination)
        self._staged[key].result = staged
        return staged

    def style(self, key: str, kind: str, layer_name: str, **options: Any) -> None:
        """Style the output ``key`` as ``kind`` once written (see :mod:`.output_styles`)."""
        from dspt_qgis.processing_algs.support.output_styles import StyleRequest

        if self.requested(key):
            self.styles.append(StyleRequest(key, kind, layer_name, options))

    # -- at the end ------------------------------------------------------------------
    def commit(self) -> dict[str, str]:
        """Close every output and put it in place (two phases, undone on failure);
        return the results."""
        self._close()
        asides: list[_Step] = []
        moves: list[_Step] = []
        for staged in self._staged.values():
            self._plan(staged, asides, moves)
        _apply([*asides, *moves])
        for cleanup in self._cleanup:
            with contextlib.suppress(OSError, QgsException):
                cleanup()
        renamed = {s.result: self._final_id(s) for s in self._staged.values()}
        self.final_ids = {key: renamed[s.result] for key, s in self._staged.items()}
        self._follow_layers_to_load(renamed)
        self._staged = {}
        return dict(self.final_ids)

    def discard(self) -> None:
        """Remove everything this run wrote (staging folders and tables, tables it added)."""
        self._close()
        for staged in self._staged.values():
            with contextlib.suppress(OSError, QgsException):
                self._remove(staged)
        layers = self.context.layersToLoadOnCompletion()
        for staged in self._staged.values():
            layers.pop(staged.result, None)
        self.context.setLayersToLoadOnCompletion(layers)
        self._staged = {}

    # -- internals -------------------------------------------------------------------
    def _stage_file(self, key: str, destination: Destination) -> str:
        folder = os.path.join(
            os.path.dirname(destination.path or ""), f"{STAGING_PREFIX}{uuid.uuid4().hex[:12]}"
        )
        os.makedirs(folder)
        self._staged[key] = _Staged(destination, folder=folder)
        return os.path.join(folder, os.path.basename(destination.path or ""))

    def _stage_table(self, key: str, destination: Destination) -> str:
        """A new table is written under its own name; one that exists under a staging
        name, so that a failure leaves it as it was."""
        staged = _Staged(
            destination,
            file_created=destination.provider == "ogr"
            and not os.path.isfile(destination.path or ""),
        )
        staged.existing = None if staged.file_created else tables.existing(destination)
        if staged.existing is not None:
            staged.table = f"{tables.STAGING_TABLE}{uuid.uuid4().hex[:8]}"
        self._staged[key] = staged
        return destination.sink_value(staged.table)

    def _with_sink(self, key: str, sink: str) -> Any:
        original = self.parameters.get(key)
        if isinstance(original, QgsProcessingOutputLayerDefinition):
            copy = QgsProcessingOutputLayerDefinition(original)
            copy.sink = QgsProperty.fromValue(sink)
            return copy
        return sink

    def _plan(self, staged: _Staged, asides: list[_Step], moves: list[_Step]) -> None:
        """The steps putting one output in place, and what to remove once all are."""
        destination = staged.destination
        if staged.folder is not None:
            target_folder = (
                destination.path
                if destination.kind is Kind.FOLDER
                else os.path.dirname(destination.path or "")
            )
            source_folder = (
                os.path.join(staged.folder, os.path.basename(destination.path or ""))
                if destination.kind is Kind.FOLDER
                else staged.folder
            )
            aside = os.path.join(
                os.path.dirname(staged.folder),
                REPLACED_PREFIX + os.path.basename(staged.folder)[len(STAGING_PREFIX) :],
            )
            for relative in _files_below(source_folder):
                target = os.path.join(target_folder or ".", relative)
                self._refuse_input_file(destination, target)
                if os.path.lexists(target):
                    asides.append(_move(target, os.path.join(aside, relative)))
                moves.append(_move(os.path.join(source_folder, relative), target))
            self._cleanup += [
                lambda: shutil.rmtree(aside, ignore_errors=True),
                lambda: shutil.rmtree(staged.folder or "", ignore_errors=True),
            ]
        elif staged.table is not None and staged.existing is not None:
            replaced = f"{tables.REPLACED_TABLE}{uuid.uuid4().hex[:8]}"
            asides.append(_rename(destination, staged.existing, replaced))
            moves.append(_rename(destination, staged.table, staged.existing))
            self._cleanup.append(lambda: tables.drop(destination, replaced))

    def _refuse_input_file(self, destination: Destination, target: str) -> None:
        """A folder output writes files of its own names into the folder: never an input's."""
        written = file_dataset(target, whole=True)
        for label, dataset in self._inputs:
            if written.overlaps(dataset):
                raise QgsProcessingException(_over_input(destination, label, dataset, target))

    def _remove(self, staged: _Staged) -> None:
        if staged.folder is not None:
            shutil.rmtree(staged.folder, ignore_errors=True)
        elif staged.destination.kind is Kind.TABLE and staged.result:
            if staged.file_created:
                os.remove(staged.destination.path or "")
            else:
                tables.drop(staged.destination, staged.table or staged.destination.table or "")

    @staticmethod
    def _final_id(staged: _Staged) -> str:
        """The destination id once in place (the staging folder or table replaced)."""
        path = staged.destination.path or ""
        if staged.folder is not None and staged.destination.kind is Kind.FOLDER:
            return staged.result.replace(os.path.join(staged.folder, os.path.basename(path)), path)
        if staged.folder is not None:
            return staged.result.replace(staged.folder, os.path.dirname(path))
        if staged.table is not None:
            return staged.result.replace(
                staged.table, staged.existing or staged.destination.table or ""
            )
        return staged.result

    def _close(self) -> None:
        """Release every sink: files are complete on disk only once their writer is gone.

        Each sink is destroyed explicitly (it belongs to this algorithm), whatever else
        still refers to it (a traceback's frames, after a failure), without waiting for a
        garbage collection pass.
        """
        from qgis.PyQt import sip

        for writer in self._writers.values():
            if writer.sink is not None and not sip.isdeleted(writer.sink):
                sip.delete(writer.sink)
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
        return tr(
            "The output '{}' would replace the whole file {}, which holds the input '{}' ({}). Nothing was "
            "written. Give the output a table of its own (e.g. {}|layername=new_table) or another file."
        ).format(destination.label, destination.path, label, dataset.describe(), destination.path)
    where = target or destination.describe()
    return tr(
        "The output '{}' ({}) would write over the input '{}' ({}). Nothing was written. Choose another "
        "file or table for the output."
    ).format(destination.label, where, label, dataset.describe())


def _files_below(folder: str) -> list[str]:
    """Every file below ``folder``, as paths relative to it (sorted: the same order on every run)."""
    found = []
    for root, _, names in os.walk(folder):
        found += [os.path.relpath(os.path.join(root, name), folder) for name in names]
    return sorted(found)


def _move(source: str, target: str) -> _Step:
    """Move a file, making its folder; undone by moving it back."""
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

    return _Step(do, undo, target)


def _rename(destination: Destination, old: str, new: str) -> _Step:
    """Rename a table of the destination's GeoPackage or database; undone by renaming back."""
    return _Step(
        lambda: tables.rename(destination, old, new),
        lambda: tables.rename(destination, new, old),
        f"{new} in {destination.dataset.describe() if destination.dataset else destination.text}",
    )


def _apply(steps: Iterable[_Step]) -> None:
    """Take every step; when one fails, undo those taken, newest first, and say which file
    could not be replaced."""
    done: list[_Step] = []
    for step in steps:
        try:
            step.do()
        except (OSError, QgsException) as error:
            for taken in reversed(done):
                with contextlib.suppress(OSError, QgsException):
                    taken.undo()
            reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
            raise QgsProcessingException(
                tr(
                    "Could not put the results in place: {} cannot be replaced ({}). It may be open in another program "
                    "or in QGIS (remove its layer from the project); close it and run again. Nothing was changed."
                ).format(step.target, reason)
            ) from None
        done.append(step)
