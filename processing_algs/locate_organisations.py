"""``dspt:locateorganisations`` — organisation points from coordinates or postcodes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFields,
    QgsGeometry,
    QgsPointXY,
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProcessingParameterFeatureSink,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP

from .support.algorithm import GROUP_PREPARE, DsptAlgorithm, check_cancel
from .support.diagnostics import log_account, write_account
from .support.field_types import new_field
from .support.inputs import Input, Opened, Pick, add
from .support.parameters import add_table_output
from .support.reading import FEATURE_ID
from .support.styles import STATUS_STYLE
from .support.transaction import Outputs
from .support.writers import copy_features

if TYPE_CHECKING:
    import pandas as pd

    from ..core.locate import PostcodeLookup


LOCATION_SOURCE = "location_source"


ORGANISATIONS = Input(
    "INPUT",
    QT_TRANSLATE_NOOP("DsptParameters", "Organisations table"),
    QT_TRANSLATE_NOOP(
        "DsptParameters", "A table of organisations, e.g. the trusts of an imported export."
    ),
    "organisations",
    picks=(
        Pick(
            "CODE_FIELD",
            QT_TRANSLATE_NOOP("DsptParameters", "Code field"),
            QT_TRANSLATE_NOOP(
                "DsptParameters",
                "The organisations' codes, for the report; empty means the field called code.",
            ),
            "code",
            default="code",
            default_optional=True,
            code=True,
        ),
        Pick(
            "LATITUDE_FIELD",
            QT_TRANSLATE_NOOP("DsptParameters", "Latitude field"),
            QT_TRANSLATE_NOOP("DsptParameters", "WGS84 latitude in degrees (49 to 61 in the UK)."),
            "latitude",
        ),
        Pick(
            "LONGITUDE_FIELD",
            QT_TRANSLATE_NOOP("DsptParameters", "Longitude field"),
            QT_TRANSLATE_NOOP("DsptParameters", "WGS84 longitude in degrees (-9 to 2 in the UK)."),
            "longitude",
        ),
        Pick(
            "POSTCODE_FIELD",
            QT_TRANSLATE_NOOP("DsptParameters", "Postcode field"),
            QT_TRANSLATE_NOOP(
                "DsptParameters",
                "Used for rows without valid coordinates, with the postcode lookup.",
            ),
            "postcode",
        ),
    ),
)
_LOOKUP_HELP = QT_TRANSLATE_NOOP(
    "DsptParameters", "Give latitude and longitude, or easting and northing."
)
POSTCODE_TABLE = Input(
    "POSTCODE_LOOKUP",
    QT_TRANSLATE_NOOP("DsptParameters", "Postcode lookup table"),
    QT_TRANSLATE_NOOP(
        "DsptParameters", "A postcode table such as an ONS Postcode Directory extract."
    ),
    "postcode lookup",
    optional=True,
    picks=(
        Pick(
            "LOOKUP_POSTCODE_FIELD",
            QT_TRANSLATE_NOOP("DsptParameters", "Lookup: postcode field"),
            _LOOKUP_HELP,
            "postcode",
        ),
        Pick(
            "LOOKUP_LATITUDE_FIELD",
            QT_TRANSLATE_NOOP("DsptParameters", "Lookup: latitude field"),
            _LOOKUP_HELP,
            "latitude",
        ),
        Pick(
            "LOOKUP_LONGITUDE_FIELD",
            QT_TRANSLATE_NOOP("DsptParameters", "Lookup: longitude field"),
            _LOOKUP_HELP,
            "longitude",
        ),
        Pick(
            "LOOKUP_EASTING_FIELD",
            QT_TRANSLATE_NOOP("DsptParameters", "Lookup: easting field (EPSG:27700)"),
            _LOOKUP_HELP,
            "easting",
        ),
        Pick(
            "LOOKUP_NORTHING_FIELD",
            QT_TRANSLATE_NOOP("DsptParameters", "Lookup: northing field (EPSG:27700)"),
            _LOOKUP_HELP,
            "northing",
        ),
    ),
)


class LocateOrganisationsAlgorithm(DsptAlgorithm):
    """Points in EPSG:4326 for organisations with coordinates or a known postcode."""

    INPUT = ORGANISATIONS.key
    CODE_FIELD = "CODE_FIELD"
    LATITUDE_FIELD = "LATITUDE_FIELD"
    LONGITUDE_FIELD = "LONGITUDE_FIELD"
    POSTCODE_FIELD = "POSTCODE_FIELD"
    POSTCODE_LOOKUP = POSTCODE_TABLE.key
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
        "<b>Latitude</b> and <b>longitude</b> fields (WGS84 degrees): used where valid; the log "
        "warns when some look swapped (points outside the UK that swapping would bring in); "
        "when all do, the run stops naming the fields. "
        "<b>Postcode field</b> with a <b>postcode lookup</b> table (e.g. an ONS Postcode "
        "Directory extract): used for rows without valid coordinates; the lookup gives "
        "latitude/longitude or British National Grid easting/northing (a postcode whose "
        "coordinates there lie outside the UK, such as the directory's 99.999999 latitude, is "
        "reported). Postcodes match ignoring case and spaces. Fields holding the other kind of "
        "coordinates (eastings picked as latitudes), a lookup's latitudes and longitudes all "
        "swapped, or its eastings and northings all within 50 km of the Grid's origin (at sea: "
        "kilometres?) stop the run naming them.<br><br>"
        "<b>Output</b>: points in EPSG:4326 with every input field and location_source "
        "(coordinates / postcode), styled by status when there is a status field. "
        "<b>Not located</b>: rows that could not be located, with the reason.",
    )

    def initAlgorithm(self, config: dict[str, Any] | None = None) -> None:  # noqa: N802 (QGIS API name)
        ORGANISATIONS.declare(self)
        POSTCODE_TABLE.declare(self)
        add(
            self,
            QgsProcessingParameterFeatureSink(
                self.OUTPUT, self.tr("Organisation points"), QgsProcessing.TypeVectorPoint
            ),
            self.tr("Points in EPSG:4326 with every input field and location_source."),
        )
        add_table_output(
            self,
            self.UNMATCHED,
            self.tr("Organisations not located"),
            self.tr("Rows that could not be located, with the reason."),
        )

    def process(
        self,
        parameters: dict[str, Any],
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
        outputs: Outputs,
    ) -> None:
        from ..core.locate import locate

        organisations = ORGANISATIONS.open(self, parameters, context)
        code, lat, lon, postcode = (
            organisations.fields[key]
            for key in (
                self.CODE_FIELD,
                self.LATITUDE_FIELD,
                self.LONGITUDE_FIELD,
                self.POSTCODE_FIELD,
            )
        )
        lookup = self._postcode_lookup(
            POSTCODE_TABLE.open_if_given(self, parameters, context), feedback
        )
        table = organisations.read(feedback, [code, lat, lon, postcode])
        check_cancel(feedback)
        result = locate(
            table,
            code_field=code,
            latitude_field=lat,
            longitude_field=lon,
            postcode_field=postcode,
            lookup=lookup,
            source=organisations.ref,
        )
        log_account(
            result.diagnostics, result.notes, feedback, report_key=self.UNMATCHED, outputs=outputs
        )
        self._write_points(outputs, organisations, table, result.points, feedback)
        write_account(outputs, self.UNMATCHED, result.diagnostics, feedback, only_not_used=True)

    def _write_points(
        self,
        outputs: Outputs,
        organisations: Opened,
        table: pd.DataFrame,
        located_points: pd.DataFrame,
        feedback: QgsProcessingFeedback,
    ) -> None:
        """Each located organisation as a point (EPSG:4326) with how it was located."""
        points = located_points.assign(
            feature_id=table.loc[located_points.index, FEATURE_ID]
        ).set_index(FEATURE_ID)
        located = {
            fid: (row.longitude, row.latitude, row.location_source)
            for fid, row in points.iterrows()
        }
        extra = QgsFields()
        extra.append(new_field(LOCATION_SOURCE, "text"))
        writer = copy_features(
            outputs,
            self.OUTPUT,
            organisations.source,
            feedback,
            extra_fields=extra,
            values_for=lambda f: [located[f.id()][2]] if f.id() in located else None,
            geometry_for=lambda f: QgsGeometry.fromPointXY(
                QgsPointXY(*map(float, located[f.id()][:2]))
            ),
            geometry_type=QgsWkbTypes.Point,
            crs=QgsCoordinateReferenceSystem("EPSG:4326"),
        )
        status = organisations.named("status")
        if writer is not None and status:
            outputs.style(
                self.OUTPUT,
                STATUS_STYLE,
                self.tr("Organisation points"),
                field=writer.field_name(status),
            )

    @staticmethod
    def _postcode_lookup(
        lookup: Opened | None, feedback: QgsProcessingFeedback
    ) -> PostcodeLookup | None:
        """The postcode lookup with its fields as picked (None when none is given)."""
        from ..core.locate import PostcodeLookup

        if lookup is None:
            return None
        fields = lookup.fields
        return PostcodeLookup(
            lookup.read(feedback),
            lookup.field("LOOKUP_POSTCODE_FIELD"),
            lookup.ref,
            fields["LOOKUP_LATITUDE_FIELD"],
            fields["LOOKUP_LONGITUDE_FIELD"],
            fields["LOOKUP_EASTING_FIELD"],
            fields["LOOKUP_NORTHING_FIELD"],
        )
