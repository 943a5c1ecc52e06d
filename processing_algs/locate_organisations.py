"""``dspt:locateorganisations`` — organisation points from coordinates or postcodes."""

from __future__ import annotations

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsPointXY,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP, QVariant

from dspt_qgis.processing_algs.base import GROUP_PREPARE, DsptAlgorithm, check_cancel, core_errors
from dspt_qgis.processing_algs.bulk_read import read_frame
from dspt_qgis.processing_algs.qgis_io import (
    python_value,
    resolve_field,
    source_to_frame,
    spreadsheet_safe,
    writes_spreadsheet,
)
from dspt_qgis.processing_algs.report import log_diagnostics, write_report
from dspt_qgis.processing_algs.styles import STATUS_STYLE


class LocateOrganisationsAlgorithm(DsptAlgorithm):
    """Points in EPSG:4326 for organisations with coordinates or a known postcode."""

    INPUT = "INPUT"
    CODE_FIELD = "CODE_FIELD"
    LATITUDE_FIELD = "LATITUDE_FIELD"
    LONGITUDE_FIELD = "LONGITUDE_FIELD"
    POSTCODE_FIELD = "POSTCODE_FIELD"
    POSTCODE_LOOKUP = "POSTCODE_LOOKUP"
    LOOKUP_POSTCODE_FIELD = "LOOKUP_POSTCODE_FIELD"
    LOOKUP_LATITUDE_FIELD = "LOOKUP_LATITUDE_FIELD"
    LOOKUP_LONGITUDE_FIELD = "LOOKUP_LONGITUDE_FIELD"
    LOOKUP_EASTING_FIELD = "LOOKUP_EASTING_FIELD"
    LOOKUP_NORTHING_FIELD = "LOOKUP_NORTHING_FIELD"
    OUTPUT = "OUTPUT"
    UNMATCHED = "UNMATCHED"

    NAME = "locateorganisations"
    DISPLAY_NAME = QT_TRANSLATE_NOOP("LocateOrganisationsAlgorithm", "Organisation points")
    GROUP = GROUP_PREPARE
    TAGS = "points,geocode,postcode,latitude,longitude,trust,locate"
    HELP = QT_TRANSLATE_NOOP(
        "LocateOrganisationsAlgorithm",
        "Makes a point for each organisation of a table (e.g. trusts from 'Import DSPT status "
        "export') so they can be mapped and placed in ICSs. No online geocoding: the location "
        "comes from the table itself or from a postcode table you supply.<br><br>"
        "<b>Latitude</b> and <b>longitude</b> fields (WGS84 degrees): used where valid. "
        "<b>Postcode field</b> with a <b>postcode lookup</b> table (e.g. an ONS Postcode "
        "Directory extract): used for rows without valid coordinates; the lookup gives "
        "latitude/longitude or British National Grid easting/northing. Postcodes match "
        "ignoring case and spaces.<br><br>"
        "<b>Output</b>: points in EPSG:4326 with every input field and location_source "
        "(coordinates / postcode), styled by status when there is a status field. "
        "<b>Unmatched</b>: rows that could not be located, with the reason.",
    )

    def initAlgorithm(self, config=None) -> None:  # noqa: N802 (QGIS API name)
        def field(key, label, parent, optional=True, default=None):
            self.addParameter(
                QgsProcessingParameterField(
                    key,
                    self.tr(label),
                    defaultValue=default,
                    parentLayerParameterName=parent,
                    optional=optional,
                )
            )

        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.INPUT, self.tr("Organisations table"), [QgsProcessing.TypeVector]
            )
        )
        field(
            self.CODE_FIELD, "Code field (for the report; empty = code)", self.INPUT, default="code"
        )
        field(self.LATITUDE_FIELD, "Latitude field", self.INPUT)
        field(self.LONGITUDE_FIELD, "Longitude field", self.INPUT)
        field(self.POSTCODE_FIELD, "Postcode field", self.INPUT)
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.POSTCODE_LOOKUP,
                self.tr("Postcode lookup table"),
                [QgsProcessing.TypeVector],
                optional=True,
            )
        )
        field(self.LOOKUP_POSTCODE_FIELD, "Lookup: postcode field", self.POSTCODE_LOOKUP)
        field(self.LOOKUP_LATITUDE_FIELD, "Lookup: latitude field", self.POSTCODE_LOOKUP)
        field(self.LOOKUP_LONGITUDE_FIELD, "Lookup: longitude field", self.POSTCODE_LOOKUP)
        field(self.LOOKUP_EASTING_FIELD, "Lookup: easting field (EPSG:27700)", self.POSTCODE_LOOKUP)
        field(
            self.LOOKUP_NORTHING_FIELD, "Lookup: northing field (EPSG:27700)", self.POSTCODE_LOOKUP
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT, self.tr("Organisation points"), QgsProcessing.TypeVectorPoint
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.UNMATCHED,
                self.tr("Organisations not located"),
                QgsProcessing.TypeVector,
                optional=True,
            )
        )

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 (QGIS API name)
        from dspt_qgis.core.locate import PostcodeLookup, locate

        source = self.parameterAsSource(parameters, self.INPUT, context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, self.INPUT))
        label = source.sourceName() or "organisations"

        def named(key, src, src_label, role):
            value = self.parameterAsString(parameters, key, context)
            return resolve_field(src, value, role=role, layer_label=src_label) if value else None

        code_name = self.parameterAsString(parameters, self.CODE_FIELD, context) or "code"
        code = next((n for n in source.fields().names() if n.lower() == code_name.lower()), None)
        lat, lon, postcode = (
            named(k, source, label, r)
            for k, r in (
                (self.LATITUDE_FIELD, "latitude"),
                (self.LONGITUDE_FIELD, "longitude"),
                (self.POSTCODE_FIELD, "postcode"),
            )
        )
        lookup = None
        lookup_source = self.parameterAsSource(parameters, self.POSTCODE_LOOKUP, context)
        if lookup_source is not None:
            lookup_label = lookup_source.sourceName() or "postcode lookup"
            lk = {
                k: named(k, lookup_source, lookup_label, r)
                for k, r in (
                    (self.LOOKUP_POSTCODE_FIELD, "postcode"),
                    (self.LOOKUP_LATITUDE_FIELD, "latitude"),
                    (self.LOOKUP_LONGITUDE_FIELD, "longitude"),
                    (self.LOOKUP_EASTING_FIELD, "easting"),
                    (self.LOOKUP_NORTHING_FIELD, "northing"),
                )
            }
            if lk[self.LOOKUP_POSTCODE_FIELD] is None:
                raise QgsProcessingException(
                    f"{lookup_label}: name its postcode field (LOOKUP_POSTCODE_FIELD)."
                )
            lookup = PostcodeLookup(
                source_to_frame(lookup_source, feedback, fields=[f for f in lk.values() if f]),
                lk[self.LOOKUP_POSTCODE_FIELD],
                lk[self.LOOKUP_LATITUDE_FIELD],
                lk[self.LOOKUP_LONGITUDE_FIELD],
                lk[self.LOOKUP_EASTING_FIELD],
                lk[self.LOOKUP_NORTHING_FIELD],
                source=lookup_label,
            )
        wanted = [f for f in (code, lat, lon, postcode) if f]
        table = read_frame(
            self, parameters, self.INPUT, context, feedback, fields=list(dict.fromkeys(wanted))
        )
        check_cancel(feedback)
        with core_errors():
            result = locate(
                table,
                code_field=code,
                latitude_field=lat,
                longitude_field=lon,
                postcode_field=postcode,
                lookup=lookup,
                source=label,
            )
        log_diagnostics(result.diagnostics, feedback)

        fields = source.fields()
        out_fields = QgsFields(fields)
        out_fields.append(QgsField("location_source", QVariant.String))
        points = result.points.assign(
            feature_id=table.loc[result.points.index, "feature_id"]
        ).set_index("feature_id")
        sink, dest_id = self.parameterAsSink(
            parameters,
            self.OUTPUT,
            context,
            out_fields,
            QgsWkbTypes.Point,
            QgsCoordinateReferenceSystem("EPSG:4326"),
        )
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
        safe = writes_spreadsheet(self, parameters, self.OUTPUT, context)
        for feature in source.getFeatures():
            check_cancel(feedback)
            if feature.id() not in points.index:
                continue
            point = points.loc[feature.id()]
            out = QgsFeature(out_fields)
            out.setGeometry(
                QgsGeometry.fromPointXY(
                    QgsPointXY(float(point["longitude"]), float(point["latitude"]))
                )
            )
            attributes = [python_value(v) for v in feature.attributes()] + [
                point["location_source"]
            ]
            out.setAttributes(spreadsheet_safe(attributes) if safe else attributes)
            if not sink.addFeature(out, QgsFeatureSink.FastInsert):
                raise QgsProcessingException(
                    f"Could not write feature {feature.id()}: {sink.lastError()}"
                )
        status_field = next((n for n in fields.names() if n.lower() == "status"), None)
        if status_field:
            self.style_output(
                context,
                dest_id,
                STATUS_STYLE,
                layer_name=self.tr("Organisation points"),
                field=status_field,
            )
        results = {self.OUTPUT: dest_id}
        results.update(
            write_report(
                self, parameters, self.UNMATCHED, context, result.diagnostics, only_not_used=True
            )
        )
        return results
