"""Parameter groups: an input layer or table and the fields read from it, declared and
read in one place.

A group owns its keys, labels, help, defaults and the ``parameterAs...`` calls, so an
algorithm declares it with one line and reads it with one more; the same group serves
every algorithm that takes that input. Reading checks what decides the result: each
picked field exists (the message lists the fields the layer has), a field that must
identify features does, and messages name the input as QGIS shows it ("ics in
both.gpkg", "file export.csv row 12"). A CSV or workbook file is read by the core's one
table reader, its header row and sheet found from the fields picked (see
:mod:`.table_files`); every other input through QGIS.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Union

from qgis.core import (
    Qgis,
    QgsCoordinateReferenceSystem,
    QgsFeatureSource,
    QgsMapLayer,
    QgsProcessing,
    QgsProcessingAlgorithm,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeatureSourceDefinition,
    QgsProcessingFeedback,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProperty,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QCoreApplication

from .datasets import text_dataset
from .reading import read_frame, row_offset
from .spatial import layer_crs
from .table_files import TableFile, file_frame, read_table_file, table_file, table_source

#: Text an analyst reads in a dialog: a string marked with QT_TRANSLATE_NOOP in the context
#: "DsptParameters", or a marked template and the marked words filling its ``{}`` (each
#: translated on its own, so "{}: status field" is translated once for every input).
Text = Union[str, tuple[str, ...]]

if TYPE_CHECKING:
    import pandas as pd

    from ...core.reader import TableRead
    from ...core.sources import SourceRef


def add(
    algorithm: QgsProcessingAlgorithm,
    parameter: QgsProcessingParameterDefinition,
    help_text: str,
    *,
    advanced: bool = False,
    hidden: bool = False,
) -> QgsProcessingParameterDefinition:
    """Add ``parameter`` with its help; ``advanced`` folds it under "Advanced parameters",
    ``hidden`` keeps a former key working without showing it."""
    parameter.setHelp(help_text)
    if advanced:
        parameter.setFlags(parameter.flags() | QgsProcessingParameterDefinition.FlagAdvanced)
    if hidden:
        parameter.setFlags(parameter.flags() | QgsProcessingParameterDefinition.FlagHidden)
    algorithm.addParameter(parameter)
    return parameter


@dataclass(frozen=True)
class Pick:
    """A field of an input that the analyst picks.

    ``default`` is the field used when none is picked ("code"; with ``default_optional``
    only when the layer has it); ``required`` makes the dialog insist on a pick;
    ``aliases`` are former keys, still read (documented as such) but not shown; ``code``:
    the field holds each row's code (one per input), by which notes in a file are told apart.
    """

    key: str
    label: Text
    help: Text
    role: str
    default: str | None = None
    required: bool = False
    advanced: bool = False
    aliases: tuple[str, ...] = ()
    default_optional: bool = False
    code: bool = False


@dataclass(frozen=True)
class Input:
    """An input layer or table and the fields read from it (see the module docstring).

    ``name`` is how messages call it when nothing better is known ("population table").
    """

    key: str
    label: Text
    help: Text
    name: str
    picks: tuple[Pick, ...] = ()
    types: tuple[int, ...] = (QgsProcessing.TypeVector,)
    optional: bool = False

    def adding(self, *picks: Pick) -> Input:
        """The same input with more fields read from it (an algorithm's own)."""
        return dataclasses.replace(self, picks=(*self.picks, *picks))

    def declare(self, algorithm: QgsProcessingAlgorithm) -> None:
        """The layer parameter, then its fields (former keys hidden), in dialog order."""
        add(
            algorithm,
            QgsProcessingParameterFeatureSource(
                self.key, _tr(self.label), list(self.types), optional=self.optional
            ),
            _tr(self.help),
        )
        for pick in self.picks:
            for key, hidden in ((pick.key, False), *((alias, True) for alias in pick.aliases)):
                add(
                    algorithm,
                    QgsProcessingParameterField(
                        key,
                        _tr(pick.label),
                        defaultValue=None if hidden else pick.default,
                        parentLayerParameterName=self.key,
                        type=QgsProcessingParameterField.Any,
                        optional=not pick.required or hidden,
                    ),
                    _tr(pick.help),
                    advanced=pick.advanced,
                    hidden=hidden,
                )

    def open(
        self,
        algorithm: QgsProcessingAlgorithm,
        parameters: dict[str, Any],
        context: QgsProcessingContext,
    ) -> Opened:
        """The input with its picked fields found (the input must be given)."""
        opened = self.open_if_given(algorithm, parameters, context)
        if opened is None:
            raise QgsProcessingException(algorithm.invalidSourceError(parameters, self.key))
        return opened

    def open_if_given(
        self,
        algorithm: QgsProcessingAlgorithm,
        parameters: dict[str, Any],
        context: QgsProcessingContext,
    ) -> Opened | None:
        """The input with its picked fields found, or None when it was not given. A whole
        CSV or workbook file is read by the core's table reader (see :mod:`.table_files`),
        which finds its header row and sheet from the fields picked (or their defaults)."""
        file = table_file(algorithm, parameters, self.key, context)
        if file is not None:
            return self._open_file(algorithm, parameters, context, file)
        source = algorithm.parameterAsSource(parameters, self.key, context)
        if source is None:
            if parameters.get(self.key) in (None, ""):
                return None
            raise QgsProcessingException(algorithm.invalidSourceError(parameters, self.key))
        layer = layer_of(algorithm, parameters, self.key, context)
        ref = input_ref(parameters.get(self.key), layer, source, self.name)
        opened = Opened(algorithm, parameters, context, self, ref, {}, layer, source)
        opened.fields.update(self._picked(opened))
        return opened

    def _open_file(
        self,
        algorithm: QgsProcessingAlgorithm,
        parameters: dict[str, Any],
        context: QgsProcessingContext,
        file: TableFile,
    ) -> Opened:
        """The file read as the table holding the fields picked, or when none is picked
        their defaults, its notes told from its rows by the code field; its last row must
        reach each of them."""
        from ...core.reader import Wanted, check_last_row

        picked = [(given_field(algorithm, parameters, context, p), p) for p in self.picks]
        code = next((name or p.default for name, p in picked if p.code), None)
        wanted = [name or (None if p.default_optional else p.default) for name, p in picked]
        read = read_table_file(file, Wanted(tuple(dict.fromkeys(filter(None, wanted))), code=code))
        opened = Opened(algorithm, parameters, context, self, read.source, {}, file=read)
        opened.fields.update(self._picked(opened))
        check_last_row(read, opened.fields.values())
        return opened

    def _picked(self, opened: Opened) -> dict[str, str | None]:
        """Each pick's field: the one given, else its default (an optional default only
        when the input has it)."""
        fields: dict[str, str | None] = {}
        for pick in self.picks:
            given = opened.given(pick)
            wanted = given or pick.default
            if not given and pick.default_optional and opened.named(pick.default or "") is None:
                wanted = None
            fields[pick.key] = (
                find(opened.names(), wanted, role=pick.role, ref=opened.ref) if wanted else None
            )
        return fields


@dataclass(frozen=True)
class Opened:
    """An input as given in a run: how messages name it, its picked fields, what it is read
    from (a file the core read, ``file``, else a QGIS source, with its layer when it has
    one), and (:attr:`crs`) the CRS its geometries are in."""

    algorithm: QgsProcessingAlgorithm
    parameters: dict[str, Any]
    context: QgsProcessingContext
    input: Input
    ref: SourceRef
    fields: dict[str, str | None]
    layer: QgsVectorLayer | None = None
    qgis_source: QgsFeatureSource | None = None
    file: TableRead | None = None

    @functools.cached_property
    def source(self) -> QgsFeatureSource:
        """The input as a QGIS source: a file the core read as a memory layer of its table
        (built only when asked for: fields to copy, features to write out)."""
        if self.file is None:
            return self.qgis_source
        return table_source(self.file, self.ref.label, self.context)

    def names(self) -> list[str]:
        """The input's field names (a file's header, as the core read it)."""
        if self.file is not None:
            from ...core.sources import SOURCE_ROW

            return [str(c) for c in self.file.table.columns if c != SOURCE_ROW]
        return list(self.source.fields().names())

    @functools.cached_property
    def crs(self) -> QgsCoordinateReferenceSystem:
        """The CRS the input's geometries are read and written in, decided once and only
        when an algorithm uses them (:func:`.spatial.layer_crs`: a layer without a CRS is
        read in the one its coordinates show, or stops the run naming it)."""
        return layer_crs(self.source, self.ref, self.context)

    def given(self, pick: Pick) -> str:
        """The field name the analyst typed or chose for ``pick`` (see :func:`given_field`)."""
        return given_field(self.algorithm, self.parameters, self.context, pick)

    def field(self, key: str) -> str:
        """The layer's field picked for ``key``; stops naming the input when none was."""
        name = self.fields.get(key)
        if name is None:
            pick = next(p for p in self.input.picks if p.key == key)
            raise QgsProcessingException(f"{self.ref}: choose its {pick.role} field.")
        return name

    def require(self, name: str, role: str) -> str:
        """The layer's field ``name`` (matched as a typed name is); stops naming the input
        and listing its fields when it has none (a layer that is not the expected output)."""
        return find(self.names(), name, role=role, ref=self.ref)

    def named(self, name: str) -> str | None:
        """The layer's field called ``name`` in any letter case (optional extras such as
        the edition field of an imported table), or None."""
        return next((n for n in self.names() if n.lower() == name.lower()), None)

    def read(
        self, feedback: QgsProcessingFeedback | None, fields: Sequence[str | None] | None = None
    ) -> pd.DataFrame:
        """The attributes of ``fields`` (every picked one when None; None entries skipped),
        with ``feature_id`` and ``source_row`` numbered as messages name rows. A file's
        notes (where its table was found, text repaired) go to the log."""
        chosen = self.fields.values() if fields is None else fields
        wanted = list(dict.fromkeys(f for f in chosen if f))
        if self.file is not None:
            return file_frame(self.file, wanted, feedback)
        return read_frame(
            self.algorithm,
            self.parameters,
            self.input.key,
            self.context,
            feedback,
            fields=wanted,
            offset=row_offset(self.layer),
        )


def given_field(
    algorithm: QgsProcessingAlgorithm,
    parameters: dict[str, Any],
    context: QgsProcessingContext,
    pick: Pick,
) -> str:
    """The field name the analyst typed or chose for ``pick``, under its key or a former
    one; the same pick given twice with different fields stops rather than guess."""
    texts = {
        algorithm.parameterAsString(parameters, key, context).strip()
        for key in (pick.key, *pick.aliases)
        if parameters.get(key) not in (None, "")
    } - {""}
    if len(texts) > 1:
        raise QgsProcessingException(
            QCoreApplication.translate(
                "DsptParameters",
                "'{}' was given twice, with different fields ({}): once under its former "
                "name. Give it once.",
            ).format(_tr(pick.label), ", ".join(f"'{text}'" for text in sorted(texts)))
        )
    return texts.pop() if texts else ""


def _tr(text: Text) -> str:
    """Translate a group's text (marked where the group is declared)."""
    if isinstance(text, str):
        return QCoreApplication.translate("DsptParameters", text)
    template, *words = text
    return _tr(template).format(*(_tr(word) for word in words))


def find(names: Sequence[str], wanted: str, *, role: str, ref: SourceRef) -> str:
    """The field of ``names`` the analyst meant by ``wanted`` (see core.fields.find_field)."""
    from ...core.errors import DsptError
    from ...core.fields import find_field

    if not str(wanted or "").strip():
        raise QgsProcessingException(f"{ref}: choose its {role} field.")
    try:
        return find_field(names, wanted, source=ref, role=role)
    except DsptError as error:
        raise QgsProcessingException(str(error)) from None


def layer_of(
    algorithm: QgsProcessingAlgorithm,
    parameters: dict[str, Any],
    key: str,
    context: QgsProcessingContext,
) -> QgsVectorLayer | None:
    """The layer behind an input, also when only its selected features are given
    (``parameterAsVectorLayer`` gives None for a source definition on QGIS 3.22)."""
    value = parameters.get(key)
    if isinstance(value, QgsProcessingFeatureSourceDefinition):
        value = (
            value.source.staticValue() if isinstance(value.source, QgsProperty) else value.source
        )
    return algorithm.parameterAsVectorLayer({**parameters, key: value}, key, context)


def input_ref(
    value: Any, layer: QgsMapLayer | None, source: QgsFeatureSource, fallback: str
) -> SourceRef:
    """How messages name an input: a path by its file (and table: "ics in both.gpkg"), a
    project layer by its name; a CSV or workbook as a file, its rows numbered as there."""
    from ...core.sources import file_source, layer_source

    if isinstance(value, QgsProcessingFeatureSourceDefinition):
        value = value.source
    if isinstance(value, QgsProperty):
        value = value.staticValue()
    dataset = text_dataset(value) if isinstance(value, str) else None
    if row_offset(layer) is not None:
        return file_source(dataset.describe() if dataset else _file_name(layer) or fallback)
    if dataset is not None:
        return layer_source(dataset.describe())
    return layer_source(
        (layer.name() if layer is not None else "") or source.sourceName() or fallback
    )


def _file_name(layer: QgsVectorLayer | None) -> str:
    from .datasets import layer_dataset

    dataset = layer_dataset(layer) if layer is not None else None
    return dataset.describe() if dataset is not None else ""


def picked_list(
    algorithm: QgsProcessingAlgorithm,
    parameters: dict[str, Any],
    key: str,
    context: QgsProcessingContext,
) -> list[str]:
    """The fields of a multiple-field parameter (``parameterAsStrings`` from QGIS 3.40,
    where ``parameterAsFields`` is deprecated; 3.22 has only the latter)."""
    if Qgis.QGIS_VERSION_INT >= 34000:
        return list(algorithm.parameterAsStrings(parameters, key, context))
    return list(algorithm.parameterAsFields(parameters, key, context))
