"""``dspt:icstrend`` — each ICS's composite over several editions, on one geography."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from qgis.core import (
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingParameterMultipleLayers,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP

from .support.algorithm import (
    GROUP_OVER_TIME,
    DsptAlgorithm,
    check_cancel,
    core_errors,
)
from .support.ics_layer import write_ics_layer
from .support.inputs import add, find, input_ref
from .support.organisations import ics_geography, read_ics
from .support.parameters import ICS_LAYER, add_sink
from .support.reading import source_to_frame
from .support.styles import COMPOSITE_STYLE
from .support.transaction import Outputs

if TYPE_CHECKING:
    from qgis.core import QgsMapLayer

    from ..core.trend import EditionComposite


class IcsTrendAlgorithm(DsptAlgorithm):
    """The composites of several editions side by side on one set of ICSs."""

    ICS = ICS_LAYER.key
    ICS_FIELD = ICS_LAYER.picks[0].key
    COMPOSITES = "COMPOSITES"
    OUTPUT = "OUTPUT"

    NAME = "icstrend"
    DISPLAY_NAME = QT_TRANSLATE_NOOP("IcsTrendAlgorithm", "ICS composites over editions")
    GROUP = GROUP_OVER_TIME
    TAGS = "trend,editions,over time,composite,ICB 2026,small multiples,change"
    HELP = QT_TRANSLATE_NOOP(
        "IcsTrendAlgorithm",
        "Puts the composites of several editions side by side on one geography, so each ICS sees "
        "whether it is getting better, e.g. 2020/21, 2021/22 and 2022/23 on the April 2026 ICBs.<br><br>"
        "First carry each edition onto the same ICSs ('Commissioner statuses on a newer geography', "
        "then 'ICS composite score' on the new ICS layer). Each composite says which edition it counted "
        "(its composite_edition field): the columns are named and ordered from that, whatever order the "
        "layers are given in. Two composites of one edition, or a composite with ICS codes the ICS layer "
        "lacks or without its ICS code field (another geography), stop the run.<br><br>"
        "<b>Output</b>: the ICS layer with composite_2020_21, composite_2021_22, ... (one per edition, "
        "empty where that edition has no composite for the ICS), composite_change (the latest edition's "
        "minus the earliest's) and composite_trend (the composites in words, earliest first), styled by "
        "the latest composite.",
    )

    def initAlgorithm(self, config: dict[str, Any] | None = None) -> None:  # noqa: N802 (QGIS API name)
        ICS_LAYER.declare(self)
        add(
            self,
            QgsProcessingParameterMultipleLayers(
                self.COMPOSITES, self.tr("ICS composites"), QgsProcessing.TypeVectorPolygon
            ),
            self.tr(
                "Outputs of 'ICS composite score' on this ICS layer, one per edition, in any order."
            ),
        )
        add_sink(
            self,
            self.OUTPUT,
            self.tr("ICS composites over editions"),
            self.tr("The ICS layer with one composite per edition and the change."),
            QgsProcessing.TypeVectorPolygon,
        )

    def process(
        self,
        parameters: dict[str, Any],
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
        outputs: Outputs,
    ) -> None:
        from ..core.trend import CHANGE_FIELD, ics_trend

        ics = read_ics(self, parameters, context)
        layers = self.parameterAsLayerList(parameters, self.COMPOSITES, context)
        composites = [self._composite(layer, ics.field, feedback) for layer in layers]
        check_cancel(feedback)
        with core_errors():
            trend = ics_trend(composites, ics_geography(ics))
        change = trend.table[CHANGE_FIELD].dropna()
        feedback.pushInfo(
            self.tr("Editions {}: {} ICSs with a change, {} better, {} worse.").format(
                ", ".join(trend.editions),
                len(change),
                int((change > 0).sum()),
                int((change < 0).sum()),
            )
        )
        write_ics_layer(outputs, self.OUTPUT, ics, trend.table, trend.fields, feedback)
        outputs.style(
            self.OUTPUT,
            COMPOSITE_STYLE,
            self.tr("ICS composites over editions"),
            field=trend.fields[len(trend.editions) - 1],
        )

    def _composite(
        self, layer: QgsMapLayer, ics_field: str, feedback: QgsProcessingFeedback
    ) -> EditionComposite:
        """One composite layer as the core's EditionComposite (its ICS code field has the
        ICS layer's name, as 'ICS composite score' copies it)."""
        from ..core.composite import EDITION_FIELD
        from ..core.trend import EditionComposite

        if not isinstance(layer, QgsVectorLayer):
            raise QgsProcessingException(self.tr("{} is not a vector layer.").format(layer.name()))
        ref = input_ref(layer.source(), layer, layer, "ICS composite")
        code = next((n for n in layer.fields().names() if n.lower() == ics_field.lower()), None)
        score = find(layer.fields().names(), "composite_score", role="composite score", ref=ref)
        edition_index = layer.fields().lookupField(EDITION_FIELD)
        names = [n for n in (code, score) if n] + ([EDITION_FIELD] if edition_index >= 0 else [])
        table = source_to_frame(layer, feedback, fields=names)
        editions = set(table[EDITION_FIELD].dropna()) if edition_index >= 0 else set()
        return EditionComposite(
            str(editions.pop()) if len(editions) == 1 else None,
            table.rename(columns={code or "": "ics", score: "composite_score"}).reindex(
                columns=["ics", "composite_score"]
            ),
            str(ref),
            code,
        )
