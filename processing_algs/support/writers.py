"""Writing features: every write checked, Cancel honoured, spreadsheets kept safe, and
field names adapted to the output format (a GeoPackage keeps ``fid`` for itself; a
shapefile keeps 10 characters of a name), each rename said in the log."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsFeatureRequest,
    QgsFeatureSink,
    QgsFeatureSource,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsProcessingException,
    QgsProcessingFeedback,
)
from qgis.PyQt.QtCore import QCoreApplication

from .destinations import Destination, Kind
from .failures import Cause, cause_of, explain
from .feedback import check_cancel
from .frames import frame_rows, qgs_fields
from .reading import SKIP_VALIDITY_CHECKS, python_value
from .verify import Written

if TYPE_CHECKING:
    import pandas as pd

    from .transaction import Outputs

#: Column names a GeoPackage keeps for itself (feature id, geometry).
GEOPACKAGE_RESERVED = ("fid", "geom", "geometry")
SHAPEFILE_NAME_LENGTH = 10


@dataclass
class FeatureWriter:
    """A sink that checks every write, honours Cancel, keeps spreadsheets safe and records
    what it wrote (``record``: the output is read back and compared with it)."""

    sink: QgsFeatureSink | None
    destination: Destination
    fields: QgsFields
    renamed: dict[str, str]
    record: Written
    feedback: QgsProcessingFeedback | None = None
    _batch: dict[int, str] = field(
        default_factory=dict
    )  # column -> "null" / "zero" seen in the batch

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
        if self.written % 1000 == 0:
            check_cancel(self.feedback)
        self._count_geometry(feature)
        if self.destination.kind is Kind.TABLE and self.destination.provider != "ogr":
            self._cut_batch_before_nulls_meet_zeros(feature)
        if self.destination.spreadsheet:
            from ...core.safety import neutralise_formula

            feature.setAttributes(
                [neutralise_formula(python_value(v)) for v in feature.attributes()]
            )
        if self.sink is None or not self.sink.addFeature(feature, QgsFeatureSink.FastInsert):
            reason = (
                self.sink.lastError()
                if self.sink is not None
                else QCoreApplication.translate("DsptOutputs", "the output was already closed")
            )
            raise QgsProcessingException(self._refused(reason))
        self.record.features += 1

    @property
    def written(self) -> int:
        """The features written so far."""
        return self.record.features

    def _count_geometry(self, feature: QgsFeature) -> None:
        if feature.hasGeometry():
            self.record.with_geometry += 1
            if not feature.geometry().isEmpty():
                self.record.non_empty += 1

    def _refused(self, reason: str) -> str:
        """A refused write in the analyst's words: a full disk or a lock is the output's
        problem, not the row's; anything else names the row."""
        where = self.destination.describe()
        folder = os.path.dirname(self.destination.path) if self.destination.path else None
        if cause_of(reason, folder) in (Cause.FULL, Cause.LOCKED, Cause.DENIED):
            return QCoreApplication.translate(
                "DsptOutputs", "Could not write the output '{}': {}. Nothing was changed."
            ).format(self.destination.label, explain(reason, where, folder))
        return QCoreApplication.translate(
            "DsptOutputs", "Could not write row {} of the output '{}' ({}): {}"
        ).format(self.written + 1, self.destination.label, where, explain(reason, where, folder))

    def _cut_batch_before_nulls_meet_zeros(self, feature: QgsFeature) -> None:
        """Keep NULL and 0 apart in a database table.

        QGIS's database providers write a column as one literal when every feature of a
        batch has an equal value, and Qt counts NULL equal to 0, "" and false: a batch
        whose column holds only NULLs and zeros would store the first of them in every
        row (an ICS without commissioners would get a composite of 0). The batch is sent
        before a feature that would mix them.
        """
        kinds = {i: _nullish(v) for i, v in enumerate(feature.attributes())}
        if self.sink is not None and any(
            kind and self._batch.get(i) in ("null", "zero") and self._batch[i] != kind
            for i, kind in kinds.items()
        ):
            from qgis.core import QgsProxyFeatureSink
            from qgis.PyQt import sip

            proxy: QgsProxyFeatureSink = sip.cast(self.sink, QgsProxyFeatureSink)
            proxy.destinationSink().flushBuffer()
            self._batch = {}
        for i, kind in kinds.items():
            state = self._batch.get(i)
            self._batch[i] = (
                (kind or "other") if state is None else (state if state == kind else "other")
            )


def _nullish(value: Any) -> str:
    """ "null" for NULL, "zero" for what Qt counts equal to NULL (0, "", false), else ""."""
    value = python_value(value)
    if value is None:
        return "null"
    return "zero" if value in (0, "") else ""


def writable_fields(
    fields: QgsFields, destination: Destination
) -> tuple[QgsFields, dict[str, str]]:
    """Fields renamed where the output format reserves or shortens their names.

    A GeoPackage keeps ``fid`` (unless it is an integer key, which becomes the feature id)
    and its geometry column's name for itself; a shapefile keeps 10 characters. Renamed
    fields get ``_input`` (GeoPackage) or a number (shapefile), never silently clashing
    with another field.
    """
    in_geopackage = destination.in_geopackage
    short = destination.short_names
    renamed: dict[str, str] = {}
    out = QgsFields()
    taken: set[str] = set()
    for index in range(fields.count()):
        original = QgsField(fields.at(index))
        name = original.name()
        if in_geopackage and name.lower() in GEOPACKAGE_RESERVED and not _is_feature_id(original):
            name = f"{name}_input"
        if short:
            name = name[:SHAPEFILE_NAME_LENGTH]
        base, number = name, 1
        while name.lower() in taken:
            number += 1
            tail = f"_{number}"
            name = (base[: SHAPEFILE_NAME_LENGTH - len(tail)] if short else base) + tail
        taken.add(name.lower())
        if name != original.name():
            renamed[original.name()] = name
            original.setName(name)
        out.append(original)
    return out, renamed


def say_renamed(
    destination: Destination, renamed: dict[str, str], feedback: QgsProcessingFeedback | None
) -> None:
    """List the fields an output format made us rename, so no field goes missing unseen."""
    if renamed and feedback is not None:
        feedback.pushWarning(
            QCoreApplication.translate(
                "DsptOutputs", "The output '{}' ({}) names fields differently: {}."
            ).format(
                destination.label,
                destination.describe(),
                ", ".join(f"{old} as {new}" for old, new in renamed.items()),
            )
        )


def _is_feature_id(field: QgsField) -> bool:
    """An integer ``fid`` column (a source's own key) becomes the GeoPackage's feature id."""
    return field.name().lower() == "fid" and field.isNumeric() and "int" in field.typeName().lower()


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
    crs: QgsCoordinateReferenceSystem,
) -> FeatureWriter | None:
    """Write the source's features with extra columns: the one "features + appended
    columns" writer of the ICS outputs, the join and the organisation points.

    ``values_for`` gives a feature's extra values, or None to leave the feature out;
    ``geometry_for`` replaces its geometry (points made from coordinates); ``crs`` is the
    input's as the run reads it (``Opened.crs``), or that of the geometries made.
    """
    fields = QgsFields(source.fields())
    for index in range(extra_fields.count()):
        fields.append(extra_fields.at(index))
    writer = outputs.writer(
        key,
        fields,
        feedback,
        geometry_type=source.wkbType() if geometry_type is None else geometry_type,
        crs=crs,
    )
    if writer is None:
        return None
    total = max(source.featureCount(), 1)
    for number, feature in enumerate(source.getFeatures(QgsFeatureRequest(), SKIP_VALIDITY_CHECKS)):
        if feedback is not None and number % 500 == 0:
            feedback.setProgress(100.0 * number / total)
        extra = values_for(feature)
        if extra is None:
            continue
        if geometry_for is not None:
            feature.setGeometry(geometry_for(feature))
        attributes = feature.attributes() + extra
        feature.setFields(
            writer.fields, False
        )  # the source's feature, written with the extra columns
        feature.setAttributes(attributes)
        writer.write(feature)
    return writer
