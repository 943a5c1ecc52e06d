"""``dspt:webreport`` — the published page as a self-contained, offline web report."""

from __future__ import annotations

from typing import Any

from qgis.core import (
    QgsFeature,
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterFolderDestination,
    QgsProcessingParameterString,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP

from dspt_qgis.processing_algs.support.algorithm import GROUP_ANALYSIS, DsptAlgorithm, check_cancel
from dspt_qgis.processing_algs.support.geojson import feature_collection
from dspt_qgis.processing_algs.support.outputs import Outputs
from dspt_qgis.processing_algs.support.parameters import (
    EDITION,
    SCORES,
    add,
    add_scores,
    field,
    scheme_of,
)
from dspt_qgis.processing_algs.support.reading import (
    field_name,
    python_value,
    read_frame,
    source_ref,
)


class WebReportAlgorithm(DsptAlgorithm):
    """Three interactive maps, the summary and the composite table in one offline folder."""

    COMMISSIONERS = "COMMISSIONERS"
    TRUSTS = "TRUSTS"
    COMPOSITE = "COMPOSITE"
    ICS_FIELD = "ICS_FIELD"
    ICS_NAME_FIELD = "ICS_NAME_FIELD"
    PROPORTIONS = "PROPORTIONS"
    REGIONS = "REGIONS"
    REGION_NAME_FIELD = "REGION_NAME_FIELD"
    SUMMARY = "SUMMARY"
    TITLE = "TITLE"
    EDITION = EDITION
    DATA_DATE = "DATA_DATE"
    BASEMAP_URL = "BASEMAP_URL"
    BASEMAP_ATTRIBUTION = "BASEMAP_ATTRIBUTION"
    SCORES = SCORES
    OUTPUT = "OUTPUT"

    NAME = "webreport"
    DISPLAY_NAME = QT_TRANSLATE_NOOP("WebReportAlgorithm", "Web report (interactive maps)")
    GROUP = GROUP_ANALYSIS
    TAGS = "web,report,html,leaflet,publish,static site,interactive,map"
    HELP_ANCHOR = "webreport"
    HELP = QT_TRANSLATE_NOOP(
        "WebReportAlgorithm",
        "Writes the published 'Open Statistics - Cyber Security' page for your results: a folder "
        "with index.html that opens in any browser, offline, ready to publish as a static site.<br><br>"
        "It shows what the DSPT is, the method ({scores}), the summary of compliance by sector with "
        "a bar chart, three interactive maps (individual compliance with layer toggles; trust "
        "status pies over ICSs shaded by population; the ICS composite with NHS regions), with "
        "labels on hover and keyboard focus, and the composite table, sortable.<br><br>"
        "<b>Inputs</b>: the layers the other tools make: commissioners with status ('Join DSPT "
        "status to organisations'), trust points ('Organisation points'), the ICS composite, the "
        "trust proportions (for the pies and population), the summary table, and NHS regions. "
        "<b>Basemap</b>: empty by default, so the page needs no network; give a tile address "
        "(https://.../{{z}}/{{x}}/{{y}}.png) and its attribution to draw one.<br><br>"
        "<b>Output</b>: a folder (index.html, report.js, report.css, leaflet/). Every name is "
        "shown as text; boundaries are simplified for the web with shared borders kept.",
    )

    def initAlgorithm(self, config: dict[str, Any] | None = None) -> None:  # noqa: N802 (QGIS API name)
        add(self, QgsProcessingParameterFeatureSource(self.COMMISSIONERS, self.tr("Commissioners with status"),
                                                      [QgsProcessing.TypeVectorPolygon]),
            self.tr("Polygons with code, name and status fields (from 'Join DSPT status to organisations')."))
        add(self, QgsProcessingParameterFeatureSource(self.TRUSTS, self.tr("Trust points with status"),
                                                      [QgsProcessing.TypeVectorPoint]),
            self.tr("Points with code, name and status fields (from 'Organisation points')."))
        add(self, QgsProcessingParameterFeatureSource(self.COMPOSITE, self.tr("ICS composite"),
                                                      [QgsProcessing.TypeVectorPolygon]),
            self.tr("The output of 'ICS composite score'."))
        field(self, self.ICS_FIELD, self.tr("ICS code field"), self.COMPOSITE,
              self.tr("The field the composite was computed on."), optional=False)
        field(self, self.ICS_NAME_FIELD, self.tr("ICS name field"), self.COMPOSITE,
              self.tr("Shown in labels and the table."))
        add(self, QgsProcessingParameterFeatureSource(self.PROPORTIONS, self.tr("Trust proportions"),
                                                      [QgsProcessing.TypeVectorPolygon], optional=True),
            self.tr("The output of 'Trust compliance proportions per ICS' (same ICS code field): the pies "
                    "and the population shading."))
        add(self, QgsProcessingParameterFeatureSource(self.REGIONS, self.tr("NHS England regions"),
                                                      [QgsProcessing.TypeVectorPolygon], optional=True),
            self.tr("Drawn over the composite map."))
        field(self, self.REGION_NAME_FIELD, self.tr("Regions: name field"), self.REGIONS, self.tr("E.g. NHSER23NM."))
        add(self, QgsProcessingParameterFeatureSource(self.SUMMARY, self.tr("Summary of compliance"),
                                                      [QgsProcessing.TypeVector]),
            self.tr("The output of 'Summary of compliance by sector'."))
        add(self, QgsProcessingParameterString(self.TITLE, self.tr("Title"), defaultValue="DSPT compliance"),
            self.tr("The page's heading, e.g. 'DSPT 2020/21 compliance'."))
        add(self, QgsProcessingParameterString(self.EDITION, self.tr("DSPT edition"), optional=True),
            self.tr("Shown in the headings, e.g. 20/21."))
        add(self, QgsProcessingParameterString(self.DATA_DATE, self.tr("About the data"), optional=True),
            self.tr("E.g. 'DSPT statuses as published on 8 February 2022'."))
        add(self, QgsProcessingParameterString(self.BASEMAP_URL, self.tr("Basemap tile address"), optional=True),
            self.tr("Empty: no basemap and no network use. An https tile address with {z}/{x}/{y} draws one."),
            advanced=True)
        add(self, QgsProcessingParameterString(self.BASEMAP_ATTRIBUTION, self.tr("Basemap attribution"),
                                               optional=True),
            self.tr("Required by most tile providers, e.g. '© OpenStreetMap contributors'."), advanced=True)
        add_scores(self)
        add(self, QgsProcessingParameterFolderDestination(self.OUTPUT, self.tr("Web report folder")),
            self.tr("index.html and its files; publish the folder as it is."))

    def process(
        self,
        parameters: dict[str, Any],
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
        outputs: Outputs,
    ) -> None:
        from dspt_qgis.core.codes import clean_code
        from dspt_qgis.core.crosstab import crosstab_from_table
        from dspt_qgis.core.webreport import ReportContent, write_web_report

        def text(key: str) -> str:
            return self.parameterAsString(parameters, key, context).strip()

        scheme = scheme_of(self, parameters, context)
        composite = self.parameterAsSource(parameters, self.COMPOSITE, context)
        composite_ref = source_ref(composite, "ICS composite")
        ics_field = field_name(composite, text(self.ICS_FIELD), role="ICS code", ref=composite_ref)
        name_field = field_name(composite, text(self.ICS_NAME_FIELD), role="ICS name", ref=composite_ref) if text(
            self.ICS_NAME_FIELD) else None
        extra = self._proportions_by_ics(parameters, context, feedback, ics_field, scheme)
        check_cancel(feedback)

        def ics_properties(feature: QgsFeature) -> dict[str, Any]:
            values = {n: python_value(feature[n]) for n in feature.fields().names()}
            props = {"code": values[ics_field], "name": values.get(name_field) if name_field else None}
            for key in ("composite_score", "commissioner_score", "trust_score", "n_commissioners", "n_trusts",
                        "composite_note"):
                props[key] = values.get(key)
            props.update(extra.get(clean_code(values[ics_field]), {}))
            return props

        def organisations(source: Any) -> dict[str, Any]:
            """Each organisation's code, name and status (fields found in any letter case,
            once per layer: a trust layer can carry every column of the export)."""
            position = {n.lower(): i for i, n in enumerate(source.fields().names())}
            wanted = [(key, position.get(key)) for key in ("code", "name", "status")]

            def organisation(feature: QgsFeature) -> dict[str, Any]:
                values = feature.attributes()
                return {key: None if i is None else python_value(values[i]) for key, i in wanted}

            return feature_collection(source, context, organisation)

        regions = self.parameterAsSource(parameters, self.REGIONS, context)
        region_name = text(self.REGION_NAME_FIELD)
        summary = self.parameterAsSource(parameters, self.SUMMARY, context)
        summary_frame = read_frame(self, parameters, self.SUMMARY, context, feedback)
        ics = feature_collection(composite, context, ics_properties, label_point=True)
        notes = sorted({f["properties"]["composite_note"] for f in ics["features"] if f["properties"].get("composite_note")})
        content = ReportContent(
            title=text(self.TITLE) or "DSPT compliance",
            edition=text(self.EDITION) or None,
            data_date=text(self.DATA_DATE),
            commissioners=organisations(self.parameterAsSource(parameters, self.COMMISSIONERS, context)),
            trusts=organisations(self.parameterAsSource(parameters, self.TRUSTS, context)),
            ics=ics,
            crosstab=crosstab_from_table(summary_frame, source=source_ref(summary, "summary"), scheme=scheme),
            regions=feature_collection(regions, context, lambda f: {
                "name": python_value(f[region_name]) if region_name else None}) if regions is not None else None,
            scheme=scheme,
            weighting_note=next((n for n in notes if " x " in n), "see the composite notes"),
            population_label="GP registered patients" if extra else "Number of trusts",
            basemap_url=text(self.BASEMAP_URL) or None,
            basemap_attribution=text(self.BASEMAP_ATTRIBUTION) or None,
        )
        folder = outputs.file_path(self.OUTPUT)
        assert folder is not None  # a folder output is never optional
        written = write_web_report(folder, content)
        feedback.pushInfo(self.tr("Web report written: {} files, {:.1f} MB; open {}/index.html").format(
            len(written), sum(p.stat().st_size for p in written) / 1e6, outputs.destination(self.OUTPUT).path))


    def _proportions_by_ics(self, parameters: dict[str, Any], context: QgsProcessingContext,
                            feedback: QgsProcessingFeedback, ics_field: str, scheme: Any) -> dict[Any, dict[str, Any]]:
        """Each ICS's trust counts per status and population (map 2's pies and shading),
        by cleaned ICS code; empty without a proportions layer."""
        from dspt_qgis.core.codes import clean_code
        from dspt_qgis.core.proportions import POPULATION_FIELD, count_field

        proportions = self.parameterAsSource(parameters, self.PROPORTIONS, context)
        if proportions is None:
            return {}
        ref = source_ref(proportions, "trust proportions")
        code = field_name(proportions, ics_field, role="ICS code", ref=ref)
        wanted = [count_field(s) for s in scheme.statuses] + [POPULATION_FIELD]
        names = [field_name(proportions, w, role="proportion", ref=ref) for w in wanted]
        frame = read_frame(self, parameters, self.PROPORTIONS, context, feedback, fields=[code, *names])
        return {clean_code(row[code]): {w: _number(row[n]) for w, n in zip(wanted, names)}
                for row in frame.to_dict("records")}


def _number(value: Any) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if number != number else number
