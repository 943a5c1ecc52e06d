"""``dspt:nationalmaps`` — the published maps 1–4 as print layouts in the analyst's project,
each exported as PNG and PDF."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsProcessingAlgorithm,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingParameterFolderDestination,
    QgsProcessingParameterString,
    QgsProject,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP

from .support.algorithm import GROUP_ANALYSIS, DsptAlgorithm, check_cancel
from .support.inputs import Opened, add
from .support.map_inputs import (
    CHANGE_LAYER,
    NATIONAL_MAP_INPUTS,
    check_maps_agree,
    organisations_editions,
    status_key,
)
from .support.parameters import SCORES, add_scores
from .support.records import field_edition
from .support.transaction import Outputs

if TYPE_CHECKING:
    from .layouts.national import Extents, MapSpec, MapTexts, NationalLayers
    from .layouts.project import ProjectChanges

#: The maps are of England: British National Grid, whatever the project's CRS.
MAPS_CRS = "EPSG:27700"
#: The project group of the layers the layouts draw that the project did not hold.
LAYERS_GROUP = "National maps (layouts' layers)"
COMMISSIONERS_NOTE = (
    "Commissioners (areas) and trusts (ringed points) by DSPT status, with ICS boundaries"
)


class NationalMapsAlgorithm(DsptAlgorithm):
    """Maps 1–4 as print layouts with a London inset, in the project and as PNG and PDF."""

    COMMISSIONERS = NATIONAL_MAP_INPUTS["commissioners"].key
    TRUSTS = NATIONAL_MAP_INPUTS["trusts"].key
    ICS = NATIONAL_MAP_INPUTS["ics"].key
    COMPOSITE = NATIONAL_MAP_INPUTS["composite"].key
    ICS_FIELD = NATIONAL_MAP_INPUTS["composite"].picks[0].key
    PROPORTIONS = NATIONAL_MAP_INPUTS["proportions"].key
    REGIONS = NATIONAL_MAP_INPUTS["regions"].key
    REGION_NAME_FIELD = NATIONAL_MAP_INPUTS["regions"].picks[0].key
    CHANGE = CHANGE_LAYER.key
    TITLE = "TITLE"
    INSET_REGION = "INSET_REGION"
    COMMISSIONER_NOTE = "COMMISSIONER_NOTE"
    SHADING_NOTE = "SHADING_NOTE"
    COMPOSITE_NOTE = "COMPOSITE_NOTE"
    SCORES = SCORES
    OUTPUT = "OUTPUT"

    #: What the run added to the project (taken back if it fails).
    changes: ProjectChanges | None = None

    NAME = "nationalmaps"
    DISPLAY_NAME = QT_TRANSLATE_NOOP("NationalMapsAlgorithm", "National maps (print layouts)")
    GROUP = GROUP_ANALYSIS
    TAGS = "maps,print layout,layout,PDF,PNG,inset,London,published maps,export"
    HELP = QT_TRANSLATE_NOOP(
        "NationalMapsAlgorithm",
        "Draws the published maps as print layouts in your project and exports each as PNG and "
        "PDF: <b>1</b> individual compliance (commissioners' areas and trusts' points by status, "
        "with ICS boundaries), <b>2</b> trust proportions per ICS (status pies over ICSs shaded "
        "by population), <b>3</b> the ICS composite score (with NHS regions) and, given a trust "
        "change, <b>4</b> each trust by how its status moved. Every map has an inset of one NHS "
        "region (London: its ICSs are small on a national map) at about three times the national "
        "scale, outlined on the national map, its trust points spread apart where they crowd; a "
        "legend, a north arrow, a 50 km scale bar and the sources beside, on an A4-wide page, in "
        "British National Grid.<br><br><b>Layers</b>: a layer of your project is drawn as it is "
        "styled there; any other input (a file, a temporary output) is added to the project "
        "group 'National maps (layouts' layers)', styled as the plugin styles it (with the "
        "Scores given). The inputs must be one edition's, the proportions on the composite's "
        "ICSs and the change's earlier edition the maps' edition: a difference stops the run "
        "naming both.<br><br><b>Output</b>: the layouts '1 Individual compliance', '2 Trust "
        "proportions', '3 ICS composite' and '4 Trust change' and a map theme of each name in "
        "the project (replacing those an earlier run made: open a layout from the Layout "
        "Manager to adjust it and export it again; a layout or theme of yours with one of these "
        "names is kept, renamed with ' (own)' after its name), and a folder with individual_compliance.png and "
        ".pdf, trust_proportions, ics_composite and trust_change. A failed run changes neither "
        "the project nor the folder.",
    )

    def flags(self) -> QgsProcessingAlgorithm.Flags:
        # Print layouts are drawn, and the project changed, on the main thread.
        return super().flags() | QgsProcessingAlgorithm.FlagNoThreading

    def initAlgorithm(self, config: dict[str, Any] | None = None) -> None:  # noqa: N802 (QGIS API name)
        for group in (*NATIONAL_MAP_INPUTS.values(), CHANGE_LAYER):
            group.declare(self)
        for key, label, default, help_text, advanced in (
            (
                self.TITLE,
                self.tr("Title"),
                "DSPT",
                self.tr("The maps' titles begin with it: 'DSPT 20/21: individual compliance'."),
                False,
            ),
            (
                self.INSET_REGION,
                self.tr("Inset: NHS region"),
                "London",
                self.tr("The region each map shows enlarged (as named in the regions' field)."),
                True,
            ),
            (
                self.COMMISSIONER_NOTE,
                self.tr("Map 1: subtitle"),
                COMMISSIONERS_NOTE,
                self.tr("What map 1 shows, e.g. which commissioners (CCGs, ICBs)."),
                True,
            ),
        ):
            string = QgsProcessingParameterString(key, label, defaultValue=default)
            add(self, string, help_text, advanced=advanced)
        self._add_notes()
        add_scores(self)
        add(
            self,
            QgsProcessingParameterFolderDestination(self.OUTPUT, self.tr("Maps folder")),
            self.tr("Each map as PNG and PDF (individual_compliance.png, ...)."),
        )

    def _add_notes(self) -> None:
        """The notes maps 2 and 3 take from the data unless given."""
        for key, label, help_text in (
            (
                self.SHADING_NOTE,
                self.tr("Map 2: what shades the ICSs"),
                self.tr(
                    "E.g. 'GP registered patients (1 January 2021)'. Empty: 'population', or "
                    "'number of trusts' when the proportions have no population."
                ),
            ),
            (
                self.COMPOSITE_NOTE,
                self.tr("Map 3: how the composite is made"),
                self.tr(
                    "E.g. '0.5 x commissioner mean + 0.5 x trust mean (commissioners weighted "
                    "by GP registered patients)'. Empty: the composite's own note."
                ),
            ),
        ):
            string = QgsProcessingParameterString(key, label, optional=True)
            add(self, string, help_text, advanced=True)

    def process(
        self,
        parameters: dict[str, Any],
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
        outputs: Outputs,
    ) -> None:
        from .layouts.national import national_extents, national_maps
        from .layouts.project import ProjectChanges

        opened = {
            role: group.open(self, parameters, context)
            for role, group in NATIONAL_MAP_INPUTS.items()
        }
        change = CHANGE_LAYER.open_if_given(self, parameters, context)
        if change is not None:
            opened["change"] = change
        self._check_agreement(opened, feedback)
        populated = _populated(opened["proportions"], feedback)
        texts = self._texts(parameters, context, opened, populated, feedback)
        region = self.parameterAsString(parameters, self.INSET_REGION, context).strip() or "London"
        changes = ProjectChanges(context.project() or _own_project(), LAYERS_GROUP)
        self.changes = changes
        layers = self._layers(changes, opened, populated, region)
        crs = QgsCoordinateReferenceSystem(MAPS_CRS)
        extents = national_extents(
            layers.ics,
            layers.regions,
            opened["regions"].field(self.REGION_NAME_FIELD),
            region,
            crs,
            changes.project.transformContext(),
        )
        specs = national_maps(layers, texts)
        self._draw(changes, specs, extents, crs, outputs.file_path(self.OUTPUT) or "", feedback)
        feedback.pushInfo(
            self.tr("{} maps drawn as print layouts and written to {}.").format(
                len(specs), outputs.destination(self.OUTPUT).path
            )
        )

    def processAlgorithm(  # noqa: N802 (QGIS API name)
        self,
        parameters: dict[str, Any],
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
    ) -> dict[str, Any]:
        """As every algorithm's, and a failed run takes back what it added to the project."""
        try:
            return super().processAlgorithm(parameters, context, feedback)
        except BaseException:
            if self.changes is not None:
                self.changes.undo()
            raise

    def postProcessAlgorithm(  # noqa: N802 (QGIS API name)
        self, context: QgsProcessingContext, feedback: QgsProcessingFeedback
    ) -> dict[str, Any]:
        """Once the run has succeeded: the layers an earlier run added for its layouts go;
        the analyst's own layouts and themes it kept under another name are said."""
        if self.changes is not None:
            self.changes.finish()
            said = {
                "layout": self.tr(
                    "Your layout '{}' had the name of one this tool writes: it is kept, "
                    "renamed '{}'."
                ),
                "map theme": self.tr(
                    "Your map theme '{}' had the name of one this tool writes: it is kept, "
                    "renamed '{}'."
                ),
            }
            for kind, name, kept_as in self.changes.kept_own:
                feedback.pushWarning(said[kind].format(name, kept_as))
        return super().postProcessAlgorithm(context, feedback)

    def _check_agreement(self, opened: dict[str, Opened], feedback: QgsProcessingFeedback) -> None:
        """The composite's edition, the organisations', the proportions' and the change's
        earlier edition agree, and the proportions are on the composite's ICSs."""
        from ..core.compare import BEFORE_EDITION_FIELD
        from ..core.composite import EDITION_FIELD

        composite = opened["composite"]
        records = [
            field_edition(composite, EDITION_FIELD, feedback),
            *organisations_editions(
                (opened["commissioners"], opened["trusts"]), self.options.scheme, feedback
            ),
        ]
        if "change" in opened:
            records.append(field_edition(opened["change"], BEFORE_EDITION_FIELD, feedback))
        check_maps_agree(
            records,
            composite,
            composite.field(self.ICS_FIELD),
            opened["proportions"],
            feedback,
            "Give the outputs of one edition's run (composite, proportions, trust change) and "
            "its commissioners and trusts.",
        )

    def _texts(
        self,
        parameters: dict[str, Any],
        context: QgsProcessingContext,
        opened: dict[str, Opened],
        populated: bool,
        feedback: QgsProcessingFeedback,
    ) -> MapTexts:
        """What the maps say: the texts given, else what the inputs record."""
        from ..core.compare import AFTER_EDITION_FIELD, BEFORE_EDITION_FIELD
        from ..core.composite import formula_note
        from .layouts.national import MapTexts

        def text(key: str) -> str:
            return self.parameterAsString(parameters, key, context).strip()

        composite = opened["composite"]
        note = composite.named("composite_note")
        notes = list(composite.read(feedback, [note])[note]) if note else []
        editions = None
        if "change" in opened:
            before, after = (
                field_edition(opened["change"], field, feedback).edition
                for field in (BEFORE_EDITION_FIELD, AFTER_EDITION_FIELD)
            )
            editions = (before, after) if before and after else None
        return MapTexts(
            title=text(self.TITLE) or "DSPT",
            commissioners=text(self.COMMISSIONER_NOTE) or COMMISSIONERS_NOTE,
            shading=text(self.SHADING_NOTE) or ("population" if populated else "number of trusts"),
            composite=text(self.COMPOSITE_NOTE) or formula_note(notes) or "ICS composite score",
            change=editions,
        )

    def _layers(
        self, changes: ProjectChanges, opened: dict[str, Opened], populated: bool, region: str
    ) -> NationalLayers:
        """The layers the maps draw, by role (see :func:`.support.map_layers.drawn_layer`),
        and the inset's copies of the point layers, spread apart."""
        from .layouts.national import NationalLayers
        from .support.map_layers import NATIONAL_COPIES, drawn_layer

        scores = dict(self.options.scheme.scores)
        options: dict[str, dict[str, Any]] = {
            "proportions": {"shade_field": "population" if populated else "n_trusts"},
            "composite": {
                "field": opened["composite"].require("composite_score", "composite score")
            },
        }
        for role in ("commissioners", "trusts"):
            options[role] = {"field": opened[role].field(status_key(opened[role].input))}
        drawn = {}
        for role, given in opened.items():
            if given.layer is None:
                raise QgsProcessingException(
                    self.tr("{}: give a layer with geometry, not a table file.").format(given.ref)
                )
            name, kind = NATIONAL_COPIES[role]
            style = {**options[role], "scores": scores} if role in options else {}
            layer, new = drawn_layer(changes.project, given.layer, given.crs, name, kind, **style)
            drawn[role] = changes.add_layer(layer) if new else changes.draw_as_given(layer)
        change = drawn.get("change")
        return NationalLayers(
            **drawn,
            trusts_inset=self._inset_copy(changes, drawn["trusts"], region),
            change_inset=self._inset_copy(changes, change, region) if change else None,
        )

    @staticmethod
    def _inset_copy(changes: ProjectChanges, layer: QgsVectorLayer, region: str) -> QgsVectorLayer:
        """The inset's copy of a point layer (its points spread apart), in the run's group."""
        from .support.map_layers import spread_copy

        return changes.add_layer(spread_copy(layer, f"{layer.name()} ({region} inset)"))

    def _draw(
        self,
        changes: ProjectChanges,
        specs: list[MapSpec],
        extents: Extents,
        crs: QgsCoordinateReferenceSystem,
        folder: str,
        feedback: QgsProcessingFeedback,
    ) -> None:
        """Each map's theme and layout in the project, exported into ``folder`` as PNG and PDF."""
        from .layouts.items import export_layout
        from .layouts.national import build_national_layout

        os.makedirs(folder, exist_ok=True)
        for done, spec in enumerate(specs, start=1):
            changes.set_theme(spec.name, spec.layers)
            layout = build_national_layout(changes.project, spec, extents, crs)
            changes.put_layout(layout)
            path = os.path.join(folder, spec.file_stem)
            try:
                export_layout(layout, f"{path}.png", f"{path}.pdf")
            except RuntimeError as error:
                raise QgsProcessingException(str(error)) from None
            feedback.setProgress(100 * done / len(specs))
            check_cancel(feedback)


def _populated(proportions: Opened, feedback: QgsProcessingFeedback) -> bool:
    """Whether the proportions carry a population (map 2's shading), or only trust counts."""
    from ..core.proportions import POPULATION_FIELD

    field = proportions.named(POPULATION_FIELD)
    return field is not None and bool(proportions.read(feedback, [field])[field].notna().any())


def _own_project() -> QgsProject:
    """A project of the run's own, when the run has none (the layouts are then only exported)."""
    project = QgsProject()
    project.setCrs(QgsCoordinateReferenceSystem(MAPS_CRS))
    return project
