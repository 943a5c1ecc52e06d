"""The layers the ICS atlas is drawn from (``dspt:icsatlas``, and ``make demo``'s project):
its tables as temporary layers, copies of the inputs, and second layers of the composite
and the pages drawn as the ICS outlines, the locator and the mask, each styled. The
layout (:mod:`..layouts.atlas`) places them on the pages."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsFeatureRequest,
    QgsFields,
    QgsFillSymbol,
    QgsGeometry,
    QgsInvertedPolygonRenderer,
    QgsRuleBasedRenderer,
    QgsVectorLayer,
    QgsWkbTypes,
)

from ...core.atlas import PAGE, PAGE_ICS
from .frames import frame_rows, qgs_fields
from .inputs import Opened
from .map_layers import second_layer
from .parameters import COMMISSIONER_SIDE, COMPOSITE_LAYER, TRUST_SIDE
from .reading import SKIP_VALIDITY_CHECKS, python_value
from .styles import COMPOSITE_STYLE, ICS_BOUNDARY_STYLE, STATUS_STYLE, apply_style, code_labels

if TYPE_CHECKING:
    from ...core.atlas import AtlasContent


@dataclass(frozen=True)
class AtlasSources:
    """What an atlas is drawn from (``dspt:icsatlas``'s tables and the layers it was
    given), and the fields it reads from them; ``gains``: the rows each page's "What
    would raise the composite" lists (None: an atlas drawn without)."""

    pages: QgsVectorLayer
    organisations: QgsVectorLayer
    ranking: QgsVectorLayer
    commissioners: QgsVectorLayer
    trusts: QgsVectorLayer
    composite: QgsVectorLayer
    ics_field: str
    commissioner_status: str
    trust_status: str
    trust_code: str
    composite_score: str
    gains: QgsVectorLayer | None = None


@dataclass(frozen=True)
class AtlasLayers:
    """What the atlas draws, styled: the coverage (pages), the organisations table, the
    ranking table, and the map layers (commissioners and trusts by status, the ICSs shaded
    by composite for the cover, their outlines, the locator and the mask); the gains table
    when the pages list gains."""

    pages: QgsVectorLayer
    organisations: QgsVectorLayer
    ranking: QgsVectorLayer
    commissioners: QgsVectorLayer
    trusts: QgsVectorLayer
    composite: QgsVectorLayer
    outlines: QgsVectorLayer
    locator: QgsVectorLayer
    mask: QgsVectorLayer
    gains: QgsVectorLayer | None = None


def atlas_layers(sources: AtlasSources, scores: Mapping[str, float]) -> AtlasLayers:
    """The sources styled (statuses and composite classes of ``scores``, trusts labelled
    by code), and second layers of the composite and the pages drawn as the ICS outlines,
    the locator and the mask outside the page's ICS."""
    layers = AtlasLayers(
        pages=sources.pages,
        organisations=sources.organisations,
        ranking=sources.ranking,
        commissioners=sources.commissioners,
        trusts=sources.trusts,
        composite=sources.composite,
        outlines=second_layer(sources.composite, "ICS boundaries"),
        locator=second_layer(sources.composite, "Locator"),
        mask=second_layer(sources.pages, "Outside the ICS"),
        gains=sources.gains,
    )
    for layer, status in (
        (layers.commissioners, sources.commissioner_status),
        (layers.trusts, sources.trust_status),
    ):
        if layer.isSpatial():  # a table of commissioners (a crosswalk's areas) is not drawn
            apply_style(layer, STATUS_STYLE, field=status, scores=scores)
    if layers.trusts.isSpatial():
        code_labels(layers.trusts, sources.trust_code)
    apply_style(layers.composite, COMPOSITE_STYLE, field=sources.composite_score, scores=scores)
    apply_style(layers.outlines, ICS_BOUNDARY_STYLE)
    locator_style(layers.locator, sources.ics_field)
    mask_style(layers.mask)
    return layers


def locator_style(layer: QgsVectorLayer, ics_field: str) -> None:
    """Every ICS in light grey, the atlas page's own in dark blue (an atlas-aware rule)."""
    root = QgsRuleBasedRenderer.Rule(None)
    for expression, colour in (
        (f"\"{ics_field}\" = attribute(@atlas_feature, '{PAGE_ICS}')", "#08306b"),
        ("ELSE", "#e6e6e6"),
    ):
        symbol = QgsFillSymbol.createSimple(
            {"color": colour, "outline_color": "#808080", "outline_width": "0.1"}
        )
        rule = QgsRuleBasedRenderer.Rule(symbol, 0, 0, "" if expression == "ELSE" else expression)
        rule.setIsElse(expression == "ELSE")
        root.appendChild(rule)
    layer.setRenderer(QgsRuleBasedRenderer(root))


def mask_style(layer: QgsVectorLayer) -> None:
    """Everything outside the atlas page's ICS faded (the pages layer drawn inverted, only
    the page's own feature), so the ICS stands out among its neighbours."""
    fill = QgsFillSymbol.createSimple(
        {"color": "255,255,255,150", "outline_style": "no", "style": "solid"}
    )
    root = QgsRuleBasedRenderer.Rule(None)
    root.appendChild(
        QgsRuleBasedRenderer.Rule(fill, 0, 0, f"\"{PAGE}\" = attribute(@atlas_feature, '{PAGE}')")
    )
    layer.setRenderer(QgsInvertedPolygonRenderer(QgsRuleBasedRenderer(root)))


def atlas_sources(content: AtlasContent, opened: dict[str, Opened]) -> AtlasSources:
    """What the atlas is drawn from: its tables as layers of their own, copies of the
    inputs (the analyst's layers are not touched), and the fields it reads."""
    import pandas as pd

    from ...core.gains_shown import GAIN_ROW_COLUMNS

    composite = opened["composite"]
    ics_field = composite.field(COMPOSITE_LAYER.picks[0].key)
    gains = content.gains
    return AtlasSources(
        pages=_pages(content.pages, composite, ics_field),
        organisations=_table("Organisations", content.organisations),
        ranking=_table("Ranking", content.ranking),
        # An empty table without a gains input: the pages list none (the output is written).
        gains=_table(
            "Gains", gains if gains is not None else pd.DataFrame(columns=GAIN_ROW_COLUMNS)
        ),
        commissioners=_copy(opened["commissioner"], "Commissioners"),
        trusts=_copy(opened["trust"], "Trusts"),
        composite=_copy(composite, "ICS composite score"),
        ics_field=ics_field,
        commissioner_status=opened["commissioner"].field(COMMISSIONER_SIDE.status_field),
        trust_status=opened["trust"].field(TRUST_SIDE.status_field),
        trust_code=opened["trust"].field(TRUST_SIDE.code_field),
        composite_score=composite.require("composite_score", "composite score"),
    )


def _copy(opened: Opened, name: str) -> QgsVectorLayer:
    """The input's features in a layer of their own (the analyst's layer is not touched;
    a polygon QGIS finds invalid, as generalised boundaries often are, is drawn as it is)."""
    source = opened.source
    features = source.getFeatures(QgsFeatureRequest(), SKIP_VALIDITY_CHECKS)
    return _memory(name, source.fields(), features, source.wkbType(), opened.crs)


def _table(name: str, frame: Any) -> QgsVectorLayer:
    """A table without geometry holding ``frame``'s rows in order."""
    fields = qgs_fields(frame, list(frame.columns))
    return _memory(name, fields, _features(fields, frame))


def _pages(frame: Any, composite: Opened, ics_field: str) -> QgsVectorLayer:
    """The coverage layer: the cover (all ICSs' outline) then each ICS's polygon."""
    source = composite.source
    geometries = {
        python_value(f[ics_field]): QgsGeometry(f.geometry())
        for f in source.getFeatures(QgsFeatureRequest(), SKIP_VALIDITY_CHECKS)
    }
    fields = qgs_fields(frame, list(frame.columns))
    features = list(_features(fields, frame))
    for code, feature in zip(frame[PAGE_ICS], features):
        feature.setGeometry(
            geometries.get(code)
            if code is not None
            else QgsGeometry.unaryUnion(list(geometries.values()))
        )
    return _memory("Atlas pages", fields, features, QgsWkbTypes.MultiPolygon, composite.crs)


def _features(fields: QgsFields, frame: Any) -> Iterator[QgsFeature]:
    for values in frame_rows(frame, list(frame.columns)):
        feature = QgsFeature(fields)
        feature.setAttributes(values)
        yield feature


def _memory(
    name: str,
    fields: QgsFields,
    features: Iterable[QgsFeature],
    geometry_type: int = QgsWkbTypes.NoGeometry,
    crs: QgsCoordinateReferenceSystem | None = None,
) -> QgsVectorLayer:
    """A temporary layer of these fields and features."""
    kind = QgsWkbTypes.displayString(geometry_type) if crs is not None else "None"
    uri = f"{kind}?crs={crs.authid()}" if crs is not None else "None"
    layer = QgsVectorLayer(uri, name, "memory")
    layer.dataProvider().addAttributes(fields.toList())
    layer.updateFields()
    layer.dataProvider().addFeatures(list(features))
    return layer
