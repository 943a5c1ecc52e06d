"""``dspt:icsatlas`` — the board pack: a cover and one page per ICS, as one PDF."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsProcessingAlgorithm,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterFolderDestination,
    QgsProcessingParameterString,
    QgsProject,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP

from .support.algorithm import (
    GROUP_ANALYSIS,
    DsptAlgorithm,
    check_cancel,
    core_errors,
)
from .support.gains_and_ranges import GAINS_TABLE, GivenGains, read_gains, read_rank_ranges
from .support.inputs import Input, Opened, add
from .support.organisations import ics_geography, read_ics, read_side
from .support.parameters import (
    COMMISSIONER_SIDE,
    COMPOSITE_LAYER,
    EDITION,
    SCORES,
    TRUST_SIDE,
    add_edition,
    add_scores,
    add_table_output,
)
from .support.records import asked_edition, field_edition, ics_codes
from .support.transaction import Outputs

if TYPE_CHECKING:
    from .support.atlas_layers import AtlasSources

PROJECT_CRS = "EPSG:27700"
CHANGE_TABLE = Input(
    "CHANGE",
    QT_TRANSLATE_NOOP("DsptParameters", "Change since the previous edition"),
    QT_TRANSLATE_NOOP(
        "DsptParameters",
        "Optional: the output of 'Compare two DSPT editions' (code, direction, status_before): "
        "each organisation's row then says how its status moved.",
    ),
    "change table",
    optional=True,
)
TREND_LAYER = Input(
    "TREND",
    QT_TRANSLATE_NOOP("DsptParameters", "Composites over editions"),
    QT_TRANSLATE_NOOP(
        "DsptParameters",
        "Optional: the output of 'ICS composites over editions' on the same ICSs: each page then shows the "
        "ICS's composites edition by edition and how they were carried onto its boundaries.",
    ),
    "composites over editions",
    optional=True,
)


class IcsAtlasAlgorithm(DsptAlgorithm):
    """A cover (national map and ranking) and one page per ICS, from the composite and the
    organisations it counted."""

    COMPOSITE = COMPOSITE_LAYER.key
    ICS_FIELD = COMPOSITE_LAYER.picks[0].key
    ICS_NAME_FIELD = COMPOSITE_LAYER.picks[1].key
    COMMISSIONERS = COMMISSIONER_SIDE.key
    TRUSTS = TRUST_SIDE.key
    CHANGE = CHANGE_TABLE.key
    TREND = TREND_LAYER.key
    GAINS = GAINS_TABLE.key
    TITLE = "TITLE"
    EDITION = EDITION
    SCORES = SCORES
    OUTPUT = "OUTPUT"
    PAGES = "PAGES"
    OUTPUT_PAGES = "OUTPUT_PAGES"
    OUTPUT_ORGANISATIONS = "OUTPUT_ORGANISATIONS"
    OUTPUT_RANKING = "OUTPUT_RANKING"
    OUTPUT_GAINS = "OUTPUT_GAINS"

    NAME = "icsatlas"
    DISPLAY_NAME = QT_TRANSLATE_NOOP("IcsAtlasAlgorithm", "ICS atlas (one page per ICS)")
    GROUP = GROUP_ANALYSIS
    TAGS = "atlas,report,pdf,board,ICS,ICB,pages,print layout"
    HELP = QT_TRANSLATE_NOOP(
        "IcsAtlasAlgorithm",
        "A PDF an ICS board can read: a cover with the national map of composite scores and "
        "every ICS by rank, then one page per ICS: its commissioners and trusts on a map at its "
        "own scale (trusts labelled by code), a locator map of England, how its composite is made "
        "up (commissioner mean, trust mean, composite, rank and the national median) and the list "
        "of its organisations with their statuses, where each status came from and, with a change "
        "table, how it moved since the previous edition; with the output of 'ICS composites over "
        "editions', its composites edition by edition on its boundaries and how they were carried there. "
        "With the output of 'What would raise each ICS's composite', each page lists what would "
        "raise its composite: its five largest gains if one organisation's submission reached "
        "Standards Met (organisation, status now, gain, the ICS's rank after that one change), "
        "or plainly that none would. A composite that carries its rank across method variants "
        "(rank_best, rank_worst) has its rank written with that range, on its page and on the "
        "cover. Long lists continue on a further page."
        "<br><br><b>Inputs</b>: the output of 'ICS composite score' and the commissioners and "
        "trusts it was computed from, with the same fields and edition: the organisations listed "
        "are exactly those the composite counted, and the tool stops if the counts differ. It "
        "stops too, naming both, when two inputs record different editions (the composite, the "
        "edition chosen, the commissioners, the trusts, the change table's later edition, the "
        "gains table) or the composites over editions are on other ICSs or lack the composite's "
        "edition, or the gains table was computed from another composite.<br><br>"
        "<b>Output</b>: one PDF; optionally a folder with one PNG per page. The layout is QGIS's "
        "own print layout with an atlas ('make demo' puts it in its project to restyle).",
    )

    def flags(self) -> QgsProcessingAlgorithm.Flags:
        # Print layouts are drawn on the main thread (fonts, Qt widgets).
        return super().flags() | QgsProcessingAlgorithm.FlagNoThreading

    def initAlgorithm(self, config: dict[str, Any] | None = None) -> None:  # noqa: N802 (QGIS API name)
        for group in (
            COMPOSITE_LAYER,
            COMMISSIONER_SIDE.input,
            TRUST_SIDE.input,
            CHANGE_TABLE,
            TREND_LAYER,
            GAINS_TABLE,
        ):
            group.declare(self)
        add_edition(self)
        add_scores(self)
        add(
            self,
            QgsProcessingParameterString(
                self.TITLE, self.tr("Title"), defaultValue="DSPT compliance"
            ),
            self.tr("The cover's heading, e.g. 'DSPT 2020/21: ICS compliance'."),
        )
        add(
            self,
            QgsProcessingParameterFileDestination(
                self.OUTPUT, self.tr("ICS atlas (PDF)"), self.tr("PDF files (*.pdf)")
            ),
            self.tr("The cover and one page per ICS."),
        )
        add(
            self,
            QgsProcessingParameterFolderDestination(
                self.PAGES, self.tr("Pages as PNG"), optional=True, createByDefault=False
            ),
            self.tr("Optional: a folder for one PNG per page (ics_<code>.png)."),
        )
        for key, label, help_text in (
            (
                self.OUTPUT_PAGES,
                self.tr("Atlas pages"),
                self.tr("Optional: the atlas's coverage (the cover, then one polygon per ICS)."),
            ),
            (
                self.OUTPUT_ORGANISATIONS,
                self.tr("Organisations per ICS"),
                self.tr("Optional: the organisations each page lists."),
            ),
            (
                self.OUTPUT_RANKING,
                self.tr("Ranking"),
                self.tr("Optional: every ICS by rank, as on the cover."),
            ),
            (
                self.OUTPUT_GAINS,
                self.tr("Gains per ICS"),
                self.tr(
                    "Optional: what each page's 'What would raise the composite' lists "
                    "(empty without a gains table)."
                ),
            ),
        ):
            add_table_output(self, key, label, help_text)

    def process(
        self,
        parameters: dict[str, Any],
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
        outputs: Outputs,
    ) -> None:
        from .layouts.atlas import add_atlas_layers, build_atlas_layout, export_atlas
        from .layouts.items import replace_layout
        from .support.atlas_layers import atlas_layers, atlas_sources

        content, opened = self._content(parameters, context, feedback)
        feedback.setProgress(40)
        check_cancel(feedback)
        project = QgsProject()
        project.setCrs(QgsCoordinateReferenceSystem(PROJECT_CRS))
        sources = atlas_sources(content, opened)
        self._write_tables(outputs, sources, feedback)
        layers = atlas_layers(sources, self.options.scheme.scores)
        add_atlas_layers(project, layers)
        layout = build_atlas_layout(project, layers, "ICS atlas", content.footnote)
        replace_layout(project, layout)
        feedback.setProgress(50)
        check_cancel(feedback)
        pages = export_atlas(
            layout, outputs.file_path(self.OUTPUT) or "", outputs.file_path(self.PAGES)
        )
        feedback.setProgress(100)
        feedback.pushInfo(self.tr("ICS atlas written: a cover and {} ICS pages.").format(pages - 1))

    def _write_tables(
        self, outputs: Outputs, sources: AtlasSources, feedback: QgsProcessingFeedback
    ) -> None:
        """The atlas's pages, organisations, ranking and gains, when asked for (to rebuild
        the layout in a project of one's own)."""
        tables = [
            (self.OUTPUT_PAGES, sources.pages),
            (self.OUTPUT_ORGANISATIONS, sources.organisations),
            (self.OUTPUT_RANKING, sources.ranking),
        ]
        if sources.gains is not None:  # always, from atlas_sources (empty without gains)
            tables.append((self.OUTPUT_GAINS, sources.gains))
        for key, layer in tables:
            writer = outputs.writer(
                key, layer.fields(), feedback, geometry_type=layer.wkbType(), crs=layer.crs()
            )
            if writer is not None:
                for feature in layer.getFeatures():
                    writer.add(feature.attributes(), feature.geometry())

    def _content(
        self,
        parameters: dict[str, Any],
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
    ) -> tuple[Any, dict[str, Opened]]:
        """The atlas's tables (see :mod:`dspt_qgis.core.atlas`) and the opened inputs."""
        from ..core import atlas

        scheme = self.options.scheme
        ics = read_ics(self, parameters, context, COMPOSITE_LAYER)
        composite = COMPOSITE_LAYER.open(self, parameters, context)
        opened = {"composite": composite}
        sides = []
        for side in (COMMISSIONER_SIDE, TRUST_SIDE):
            layer = side.input.open(self, parameters, context)
            opened[side.role] = layer
            # A crosswalk's small areas have no name of their own: whose status each takes.
            name = layer.named("name") or layer.named("status_name")
            names = (name, layer.named("status_source"))
            sides.append((read_side(layer, side, ics, feedback, extra=names), *names))
        change = CHANGE_TABLE.open_if_given(self, parameters, context)
        gains = read_gains(self, parameters, context, feedback, composite)
        with core_errors():
            edition = self._agreed_edition(opened, sides, (change, gains), feedback)
            listed = atlas.members(sides, edition=edition, groups=ics.codes, scheme=scheme)
            table = self._composite_table(composite, ics.field, feedback)
            atlas.check_counts(listed, table, str(composite.ref))
        scores = table.set_index("ics")["composite_score"]
        if gains is not None:
            gains.check(scores, str(composite.ref))
        with core_errors():
            content = atlas.atlas_content(
                table,
                listed,
                title=self.parameterAsString(parameters, self.TITLE, context).strip()
                or "DSPT compliance",
                scheme=scheme,
                change=self._change(change, feedback),
                trend=self._trend(parameters, context, feedback, ics, opened),
            )
        return _with_gains(content, gains, scores), opened

    def _agreed_edition(
        self,
        opened: dict[str, Opened],
        sides: list[tuple[Any, str | None, str | None]],
        optional: tuple[Opened | None, GivenGains | None],
        feedback: QgsProcessingFeedback,
    ) -> str | None:
        """The one edition of the composite, the edition chosen, the organisations, the
        change table's later edition and the gains table's (core.agreement); any two that
        differ stop the run."""
        from ..core.agreement import same_edition
        from ..core.compare import AFTER_EDITION_FIELD
        from ..core.component import recorded_edition, side_edition
        from ..core.composite import EDITION_FIELD

        scheme = self.options.scheme
        records = [
            field_edition(opened["composite"], EDITION_FIELD, feedback),
            asked_edition(self.options.edition),
            *(recorded_edition(c, side_edition(c, None, scheme)[1]) for c, _, _ in sides),
        ]
        change, gains = optional
        if change is not None:
            records.append(field_edition(change, AFTER_EDITION_FIELD, feedback))
        if gains is not None:
            records.append(gains.edition)
        return same_edition(
            *records,
            advice="Give the commissioners and trusts the composite was computed from, a "
            "change table whose later edition is the composite's and the gains table "
            "computed from this composite.",
        )

    def _composite_table(
        self, composite: Opened, ics_field: str, feedback: QgsProcessingFeedback
    ) -> Any:
        """ics, ics_name and the composite's own fields, as 'ICS composite score' wrote them
        (with its rank's range across method variants when it carries one)."""
        from ..core.codes import clean_codes
        from ..core.composite import RESULT_FIELDS

        real = {composite.require(n, n.replace("_", " ")): n for n in RESULT_FIELDS}
        name_field = composite.fields[self.ICS_NAME_FIELD]
        table = composite.read(feedback, [ics_field, name_field, *real]).rename(columns=real)
        table["ics"] = table[ics_field]
        table["ics_name"] = table[name_field].fillna("").astype(str) if name_field else ""
        ranges = read_rank_ranges(composite, ics_field, feedback)
        if ranges is not None:
            table[list(ranges.columns)] = ranges.reindex(clean_codes(table["ics"])).to_numpy()
        return table

    @staticmethod
    def _change(change: Opened | None, feedback: QgsProcessingFeedback) -> Any:
        """Per code, how its status moved (None without a change table)."""
        from ..core.atlas import change_words

        if change is None:
            return None
        real = {
            change.require(n, n.replace("_", " ")): n
            for n in ("code", "direction", "status_before")
        }
        return change_words(change.read(feedback, list(real)).rename(columns=real))

    def _trend(
        self,
        parameters: dict[str, Any],
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
        ics: Any,
        opened: dict[str, Opened],
    ) -> Any:
        """Per ICS code, its composites over editions and the change (None without); on
        another geography, or without the composite's edition, it stops the run."""
        from ..core.agreement import Edition, edition_among, same_geography
        from ..core.codes import clean_codes
        from ..core.composite import EDITION_FIELD
        from ..core.trend import CHANGE_FIELD, TREND_FIELD, editions_in

        trend = TREND_LAYER.open_if_given(self, parameters, context)
        if trend is None:
            return None
        geography = ics_codes(trend, ics.field, feedback)
        same_geography(ics_geography(ics), geography)
        editions = editions_in(trend.names())
        edition_among(
            field_edition(opened["composite"], EDITION_FIELD, feedback),
            Edition(str(trend.ref), None, "its fields " + ", ".join(f for _, f in editions)),
            [edition for edition, _ in editions],
        )
        real = {
            geography.field or "": "ics",
            trend.require(TREND_FIELD, "composites over editions"): TREND_FIELD,
            trend.require(CHANGE_FIELD, "change over editions"): CHANGE_FIELD,
            **{field: field for _, field in editions},
        }
        table = trend.read(feedback, list(real)).rename(columns=real)
        return table.set_index(clean_codes(table["ics"]))


def _with_gains(content: Any, gains: GivenGains | None, scores: Any) -> Any:
    """The atlas's tables with each page's gains (as they were without a gains table)."""
    from ..core.gains_shown import atlas_gains

    return content if gains is None else atlas_gains(content, gains.table, scores)
