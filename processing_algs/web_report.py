"""``dspt:webreport`` — the published page as a self-contained, offline web report."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from qgis.core import (
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProcessingParameterFolderDestination,
    QgsProcessingParameterString,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP

from .support.algorithm import GROUP_ANALYSIS, DsptAlgorithm, check_cancel
from .support.gains_and_ranges import GAINS_TABLE, GivenGains, board_fields, read_gains
from .support.inputs import Input, Opened, add
from .support.map_inputs import (
    COMMISSIONER_LAYER,
    PROPORTIONS_LAYER,
    REGION_LAYER,
    TRUST_LAYER,
    check_maps_agree,
    organisations_editions,
)
from .support.parameters import (
    COMPOSITE_LAYER,
    EDITION,
    SCORES,
    add_scores,
)
from .support.records import asked_edition, field_edition
from .support.transaction import Outputs
from .support.web_layers import (
    ics_features,
    organisation_features,
    proportions_by_ics,
    region_features,
)

if TYPE_CHECKING:
    from ..core.scoring import ScoringScheme
    from ..presentation.webreport import ReportContent


SUMMARY_TABLE = Input(
    "SUMMARY",
    QT_TRANSLATE_NOOP("DsptParameters", "Summary of compliance"),
    QT_TRANSLATE_NOOP("DsptParameters", "The output of 'Summary of compliance by sector'."),
    "summary",
)


class WebReportAlgorithm(DsptAlgorithm):
    """Three interactive maps, the summary and the composite table in one offline folder."""

    COMMISSIONERS = COMMISSIONER_LAYER.key
    TRUSTS = TRUST_LAYER.key
    COMPOSITE = COMPOSITE_LAYER.key
    ICS_FIELD = "ICS_FIELD"
    ICS_NAME_FIELD = "ICS_NAME_FIELD"
    PROPORTIONS = PROPORTIONS_LAYER.key
    REGIONS = REGION_LAYER.key
    REGION_NAME_FIELD = "REGION_NAME_FIELD"
    SUMMARY = SUMMARY_TABLE.key
    GAINS = GAINS_TABLE.key
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
    HELP = QT_TRANSLATE_NOOP(
        "WebReportAlgorithm",
        "Writes the published 'Open Statistics - Cyber Security' page for your results: a folder "
        "with index.html that opens in any browser, offline, ready to publish as a static site.<br><br>"
        "It shows what the DSPT is, the method ({scores}), the summary of compliance by sector with "
        "a bar chart, three interactive maps (individual compliance with layer toggles; trust "
        "status pies over ICSs shaded by population; the ICS composite with NHS regions), with "
        "labels on hover and keyboard focus, and the composite table, sortable. With the "
        "output of 'What would raise each ICS's composite', the composite table and each "
        "ICS's label on map 3 say its largest gain if one organisation's submission reached "
        "Standards Met; a composite that carries its rank across method variants (rank_best, "
        "rank_worst) has its rank and that range there too.<br><br>"
        "<b>Inputs</b>: the layers the other tools make: commissioners with status ('Join DSPT "
        "status to organisations'), trust points ('Organisation points'), the ICS composite, the "
        "trust proportions (for the pies and population), the summary table, and NHS regions. "
        "The inputs must be of one edition and the proportions on the composite's ICSs: the "
        "editions the inputs record, and the edition typed, are compared, and a difference stops "
        "the run naming both; so does a gains table of another composite or other ICSs. "
        "<b>Basemap</b>: empty by default, so the page needs no network; give a tile address "
        "(https://.../{{z}}/{{x}}/{{y}}.png) and its attribution to draw one.<br><br>"
        "<b>Output</b>: a folder (index.html, report.js, report.css, leaflet/). Every name is "
        "shown as text; boundaries are simplified for the web with shared borders kept.",
    )

    def initAlgorithm(self, config: dict[str, Any] | None = None) -> None:  # noqa: N802 (QGIS API name)
        for layer in (
            COMMISSIONER_LAYER,
            TRUST_LAYER,
            COMPOSITE_LAYER,
            PROPORTIONS_LAYER,
            REGION_LAYER,
            SUMMARY_TABLE,
            GAINS_TABLE,
        ):
            layer.declare(self)
        add(
            self,
            QgsProcessingParameterString(
                self.TITLE, self.tr("Title"), defaultValue="DSPT compliance"
            ),
            self.tr("The page's heading, e.g. 'DSPT 2020/21 compliance'."),
        )
        add(
            self,
            QgsProcessingParameterString(self.EDITION, self.tr("DSPT edition"), optional=True),
            self.tr(
                "Shown in the headings, e.g. 20/21; the inputs must be of this edition when they "
                "record one."
            ),
        )
        add(
            self,
            QgsProcessingParameterString(self.DATA_DATE, self.tr("About the data"), optional=True),
            self.tr("E.g. 'DSPT statuses as published on 8 February 2022'."),
        )
        add(
            self,
            QgsProcessingParameterString(
                self.BASEMAP_URL, self.tr("Basemap tile address"), optional=True
            ),
            self.tr(
                "Empty: no basemap and no network use. An https tile address with {z}/{x}/{y} draws one."
            ),
            advanced=True,
        )
        add(
            self,
            QgsProcessingParameterString(
                self.BASEMAP_ATTRIBUTION, self.tr("Basemap attribution"), optional=True
            ),
            self.tr("Required by most tile providers, e.g. '© OpenStreetMap contributors'."),
            advanced=True,
        )
        add_scores(self)
        add(
            self,
            QgsProcessingParameterFolderDestination(self.OUTPUT, self.tr("Web report folder")),
            self.tr("index.html and its files; publish the folder as it is."),
        )

    def process(
        self,
        parameters: dict[str, Any],
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
        outputs: Outputs,
    ) -> None:
        from ..presentation.webreport import write_web_report

        content = self._content(parameters, context, feedback)
        feedback.setProgress(90)
        check_cancel(feedback)
        folder = outputs.file_path(self.OUTPUT) or ""  # a folder output is never optional
        written = write_web_report(folder, content)
        feedback.setProgress(100)
        feedback.pushInfo(
            self.tr("Web report written: {} files, {:.1f} MB; open {}/index.html").format(
                len(written),
                sum(p.stat().st_size for p in written) / 1e6,
                outputs.destination(self.OUTPUT).path,
            )
        )

    def _content(
        self,
        parameters: dict[str, Any],
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
    ) -> ReportContent:
        """What the page shows, layer by layer (progress and Cancel between the maps)."""
        from ..core import gains_shown
        from ..core.crosstab import crosstab_from_table
        from ..presentation.webreport import ReportContent

        def text(key: str) -> str:
            return self.parameterAsString(parameters, key, context).strip()

        scheme = self.options.scheme
        composite = COMPOSITE_LAYER.open(self, parameters, context)
        layers = {
            "commissioners": COMMISSIONER_LAYER.open(self, parameters, context),
            "trusts": TRUST_LAYER.open(self, parameters, context),
            "summary": SUMMARY_TABLE.open(self, parameters, context),
        }
        proportions = PROPORTIONS_LAYER.open_if_given(self, parameters, context)
        gains = read_gains(self, parameters, context, feedback, composite)
        self._check_agreement(
            composite, layers, (proportions, gains), text(self.EDITION), scheme, feedback
        )
        ics_field = composite.field(self.ICS_FIELD)
        extra = proportions_by_ics(proportions, feedback, ics_field, scheme)
        commissioners = organisation_features(layers["commissioners"])
        self._step(feedback, 30)
        trusts = organisation_features(layers["trusts"])
        self._step(feedback, 55)
        board = board_fields(composite, ics_field, gains, _names(commissioners, trusts), feedback)
        ics = ics_features(composite, self.ICS_FIELD, self.ICS_NAME_FIELD, _merged(extra, board))
        self._step(feedback, 75)
        summary = layers["summary"]
        return ReportContent(
            title=text(self.TITLE) or "DSPT compliance",
            edition=text(self.EDITION) or None,
            data_date=text(self.DATA_DATE),
            commissioners=commissioners,
            trusts=trusts,
            ics=ics,
            crosstab=crosstab_from_table(
                summary.read(feedback, summary.names()),
                source=summary.ref,
                scheme=scheme,
            ),
            regions=region_features(REGION_LAYER.open_if_given(self, parameters, context)),
            scheme=scheme,
            weighting_note=_weighting_note(ics),
            population_label="GP registered patients" if extra else "Number of trusts",
            basemap_url=text(self.BASEMAP_URL) or None,
            basemap_attribution=text(self.BASEMAP_ATTRIBUTION) or None,
            notes=gains_shown.board_notes(board),
        )

    @staticmethod
    def _step(feedback: QgsProcessingFeedback, percent: float) -> None:
        feedback.setProgress(percent)
        check_cancel(feedback)

    def _check_agreement(
        self,
        composite: Opened,
        layers: dict[str, Opened],
        optional: tuple[Opened | None, GivenGains | None],
        asked: str,
        scheme: ScoringScheme,
        feedback: QgsProcessingFeedback,
    ) -> None:
        """The page shows one edition on one geography: the composite's edition, the edition
        chosen, the organisations', the proportions', the summary's and the gains table's
        agree, and the proportions are on the composite's ICSs (core.agreement; the gains
        table's ICSs were compared as it was read); else the run stops."""
        from ..core.composite import EDITION_FIELD
        from ..core.crosstab import EDITION_FIELD as SUMMARY_EDITION_FIELD

        records = [
            field_edition(composite, EDITION_FIELD, feedback),
            asked_edition(asked or None),
            *organisations_editions((layers["commissioners"], layers["trusts"]), scheme, feedback),
            field_edition(layers["summary"], SUMMARY_EDITION_FIELD, feedback),
        ]
        proportions, gains = optional
        if gains is not None:
            records.append(gains.edition)
        check_maps_agree(
            records,
            composite,
            composite.field(self.ICS_FIELD),
            proportions,
            feedback,
            "Give the outputs of one edition's run (composite, proportions, summary, gains "
            "table) and its commissioners and trusts.",
        )


def _weighting_note(ics: dict[str, Any]) -> str:
    """How the composite was weighted, from its notes (the page's method says it)."""
    from ..core.composite import formula_note

    notes = sorted(
        {
            f["properties"]["composite_note"]
            for f in ics["features"]
            if f["properties"].get("composite_note")
        }
    )
    return formula_note(notes) or "see the composite notes"


def _names(*collections: dict[str, Any]) -> dict[str, str]:
    """Organisations' names by code, as the maps show them (the gains name them so)."""
    return {
        str(f["properties"]["code"]): str(f["properties"]["name"])
        for collection in collections
        for f in collection["features"]
        if f["properties"].get("code") and f["properties"].get("name")
    }


def _merged(*by_ics: dict[Any, dict[str, Any]]) -> dict[Any, dict[str, Any]]:
    """Per ICS code, the properties each source adds, together."""
    merged: dict[Any, dict[str, Any]] = {}
    for source in by_ics:
        for code, properties in source.items():
            merged.setdefault(code, {}).update(properties)
    return merged
