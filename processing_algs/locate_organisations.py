"""``dspt:locateorganisations`` — organisation points from coordinates or postcodes."""

from __future__ import annotations

from typing import Any

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFields,
    QgsGeometry,
    QgsPointXY,
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP

from dspt_qgis.processing_algs.support.algorithm import GROUP_PREPARE, DsptAlgorithm, check_cancel
from dspt_qgis.processing_algs.support.diagnostics import log_account, write_account
from dspt_qgis.processing_algs.support.outputs import Outputs, copy_features, text_field
from dspt_qgis.processing_algs.support.parameters import add, add_table_output, field
from dspt_qgis.processing_algs.support.reading import (
    FEATURE_ID,
    field_name,
    read_frame,
    source_ref,
    source_to_frame,
)
from dspt_qgis.processing_algs.support.styles import STATUS_STYLE

LOCATION_SOURCE = "location_source"


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
    #: The postcode lookup's fields: parameter, label, and the role named in messages.
    LOOKUP_FIELDS = (
        (LOOKUP_POSTCODE_FIELD, "Lookup: postcode field", "postcode"),
        (LOOKUP_LATITUDE_FIELD, "Lookup: latitude field", "latitude"),
        (LOOKUP_LONGITUDE_FIELD, "Lookup: longitude field", "longitude"),
        (LOOKUP_EASTING_FIELD, "Lookup: easting field (EPSG:27700)", "easting"),
        (LOOKUP_NORTHING_FIELD, "Lookup: northing field (EPSG:27700)", "northing"),
    )
    OUTPUT = "OUTPUT"
    UNMATCHED = "UNMATCHED"

    NAME = "locateorganisations"
    DISPLAY_NAME = QT_TRANSLATE_NOOP("LocateOrganisationsAlgorithm", "Organisation points")
    GROUP = GROUP_PREPARE
    TAGS = "points,geocode,postcode,latitude,longitude,trust,locate"
    HELP_ANCHOR = "locateorganisations"
    HELP = QT_TRANSLATE_NOOP(
        "LocateOrganisationsAlgorithm",
        "Makes a point for each organisation of a table (e.g. trusts from 'Import DSPT status "
        "export') so they can be mapped and placed in ICSs. No online geocoding: the location "
        "comes from the table itself or from a postcode table you supply.<br><br>"
        "<b>Latitude</b> and <b>longitude</b> fields (WGS84 degrees): used where valid; the log "
        "warns when they look swapped (points outside the UK that swapping would bring in). "
        "<b>Postcode field</b> with a <b>postcode lookup</b> table (e.g. an ONS Postcode "
        "Directory extract): used for rows without valid coordinates; the lookup gives "
        "latitude/longitude or British National Grid easting/northing. Postcodes match "
        "ignoring case and spaces.<br><br>"
        "<b>Output</b>: points in EPSG:4326 with every input field and location_source "
        "(coordinates / postcode), styled by status when there is a status field. "
        "<b>Not located</b>: rows that could not be located, with the reason.",
    )

    def initAlgorithm(self, config: dict[str, Any] | None = None) -> None:  # noqa: N802 (QGIS API name)
        add(self, QgsProcessingParameterFeatureSource(self.INPUT, self.tr("Organisations table"),
                                                      [QgsProcessing.TypeVector]),
            self.tr("A table of organisations, e.g. the trusts of an imported export."))
        for key, label, help_text, default in (
            (self.CODE_FIELD, "Code field", "The organisations' codes, for the report; empty means the field called code.", "code"),
            (self.LATITUDE_FIELD, "Latitude field", "WGS84 latitude in degrees (49 to 61 in the UK).", None),
            (self.LONGITUDE_FIELD, "Longitude field", "WGS84 longitude in degrees (-9 to 2 in the UK).", None),
            (self.POSTCODE_FIELD, "Postcode field", "Used for rows without valid coordinates, with the postcode lookup.", None),
        ):
            field(self, key, self.tr(label), self.INPUT, self.tr(help_text), default=default)
        add(self, QgsProcessingParameterFeatureSource(self.POSTCODE_LOOKUP, self.tr("Postcode lookup table"),
                                                      [QgsProcessing.TypeVector], optional=True),
            self.tr("A postcode table such as an ONS Postcode Directory extract."))
        for key, label, _ in self.LOOKUP_FIELDS:
            field(self, key, self.tr(label), self.POSTCODE_LOOKUP,
                  self.tr("Give latitude and longitude, or easting and northing."))
        add(self, QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Organisation points"),
                                                    QgsProcessing.TypeVectorPoint),
            self.tr("Points in EPSG:4326 with every input field and location_source."))
        add_table_output(self, self.UNMATCHED, self.tr("Organisations not located"),
                         self.tr("Rows that could not be located, with the reason."))

    def process(
        self,
        parameters: dict[str, Any],
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
        outputs: Outputs,
    ) -> None:
        from dspt_qgis.core.locate import locate

        source = self.parameterAsSource(parameters, self.INPUT, context)
        ref = source_ref(source, "organisations")

        def named(key: str, src: Any, src_ref: Any, role: str) -> str | None:
            wanted = self.parameterAsString(parameters, key, context)
            return field_name(src, wanted, role=role, ref=src_ref) if wanted else None

        given_code = parameters.get(self.CODE_FIELD)
        code = (
            field_name(source, str(given_code), role="code", ref=ref)
            if given_code
            else next((n for n in source.fields().names() if n.lower() == "code"), None)
        )
        lat = named(self.LATITUDE_FIELD, source, ref, "latitude")
        lon = named(self.LONGITUDE_FIELD, source, ref, "longitude")
        postcode = named(self.POSTCODE_FIELD, source, ref, "postcode")
        lookup = self._postcode_lookup(parameters, context, feedback)
        wanted = list(dict.fromkeys(f for f in (code, lat, lon, postcode) if f))
        table = read_frame(self, parameters, self.INPUT, context, feedback, fields=wanted)
        check_cancel(feedback)
        result = locate(table, code_field=code, latitude_field=lat, longitude_field=lon,
                        postcode_field=postcode, lookup=lookup, source=ref)
        log_account(result.diagnostics, result.notes, feedback, report_key=self.UNMATCHED, outputs=outputs)
        points = result.points.assign(feature_id=table.loc[result.points.index, FEATURE_ID]).set_index(FEATURE_ID)
        located = {fid: (row.longitude, row.latitude, row.location_source) for fid, row in points.iterrows()}
        extra = QgsFields()
        extra.append(text_field(LOCATION_SOURCE))
        writer = copy_features(
            outputs, self.OUTPUT, source, feedback, extra_fields=extra,
            values_for=lambda f: [located[f.id()][2]] if f.id() in located else None,
            geometry_for=lambda f: QgsGeometry.fromPointXY(QgsPointXY(*map(float, located[f.id()][:2]))),
            geometry_type=QgsWkbTypes.Point,
            crs=QgsCoordinateReferenceSystem("EPSG:4326"),
        )
        status = next((n for n in source.fields().names() if n.lower() == "status"), None)
        if writer is not None and status:
            outputs.style(self.OUTPUT, STATUS_STYLE, self.tr("Organisation points"), field=writer.field_name(status))
        write_account(outputs, self.UNMATCHED, result.diagnostics, feedback, only_not_used=True)

    def _postcode_lookup(self, parameters: dict[str, Any], context: QgsProcessingContext,
                         feedback: QgsProcessingFeedback) -> Any:
        """The postcode lookup with its fields as named (None when none is given)."""
        from dspt_qgis.core.locate import PostcodeLookup

        lookup_source = self.parameterAsSource(parameters, self.POSTCODE_LOOKUP, context)
        if lookup_source is None:
            return None
        lookup_ref = source_ref(lookup_source, "postcode lookup")

        def named(key: str, role: str) -> str | None:
            wanted = self.parameterAsString(parameters, key, context)
            return field_name(lookup_source, wanted, role=role, ref=lookup_ref) if wanted else None

        names = {key: named(key, role) for key, _, role in self.LOOKUP_FIELDS}
        postcode_field = names[self.LOOKUP_POSTCODE_FIELD] or field_name(
            lookup_source, "", role="postcode", ref=lookup_ref
        )
        return PostcodeLookup(
            source_to_frame(lookup_source, feedback, fields=[n for n in names.values() if n]),
            postcode_field,
            lookup_ref,
            names[self.LOOKUP_LATITUDE_FIELD],
            names[self.LOOKUP_LONGITUDE_FIELD],
            names[self.LOOKUP_EASTING_FIELD],
            names[self.LOOKUP_NORTHING_FIELD],
        )
