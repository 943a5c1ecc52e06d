"""dspt:nationalmaps: maps 1–4 as print layouts in the analyst's project, and as PNG and PDF.

The layouts go into the open project with a map theme each, replacing those of an earlier
run; a layer the project holds is drawn as it is, any other input is added styled; a run
that fails leaves the project and the folder as they were."""

from __future__ import annotations

import pytest
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsLayoutItemLabel,
    QgsMarkerSymbol,
    QgsProcessingException,
    QgsProject,
    QgsRectangle,
    QgsSingleSymbolRenderer,
)
from qgis.PyQt.QtGui import QImage

from tests.integration.cases import inputs_in_geopackage, pdf_pages
from tests.integration.conftest import square
from tests.integration.dialog import RecordingFeedback

#: Each map's layout (and map theme) and the name of its files.
MAPS = {
    "1 Individual compliance": "individual_compliance",
    "2 Trust proportions": "trust_proportions",
    "3 ICS composite": "ics_composite",
    "4 Trust change": "trust_change",
}
GROUP = "National maps (layouts' layers)"


@pytest.fixture
def project(qgis_new_project, dspt_provider):
    QgsProject.instance().clear()
    yield QgsProject.instance()
    QgsProject.instance().clear()


@pytest.fixture
def maps(inputs, make_layer):
    """The `inputs` fixture's layers, with a change that records its two editions."""
    parameters, _ = inputs["nationalmaps"]
    change = make_layer(
        "Point",
        {"code": "string", "direction": "string", "edition_before": "string"}
        | {"edition_after": "string"},
        [
            ("POINT(0.5 0.5)", {"code": "RA1", "direction": "improved"}),
            ("POINT(1.5 0.5)", {"code": "RB2", "direction": "declined"}),
        ],
        name="change",
    )
    change.startEditing()
    for feature in change.getFeatures():
        change.changeAttributeValues(feature.id(), {2: "20/21", 3: "22/23"})
    change.commitChanges()
    return {**parameters, "CHANGE": change}


def state(project: QgsProject) -> tuple:
    """The project as an analyst sees it: each layout's items, each theme's layers, the
    layers and the groups."""
    themes = project.mapThemeCollection()
    return (
        sorted(
            (layout.name(), len(layout.items())) for layout in project.layoutManager().layouts()
        ),
        {name: sorted(themes.mapThemeVisibleLayerIds(name)) for name in themes.mapThemes()},
        sorted(project.mapLayers()),
        [node.name() for node in project.layerTreeRoot().children()],
    )


def labels(project: QgsProject, name: str) -> list[str]:
    """The texts of the labels of the layout ``name``."""
    layout = project.layoutManager().layoutByName(name)
    return [item.text() for item in layout.items() if isinstance(item, QgsLayoutItemLabel)]


def staged(folder) -> list[str]:
    """What a run left beside its output folder while writing (staging folders)."""
    return [path.name for path in folder.iterdir() if path.name.startswith(".dspt")]


def test_maps_one_to_four_are_layouts_in_the_project_and_files_in_the_folder(
    run, maps, project, tmp_path
):
    folder = tmp_path / "maps"
    run("nationalmaps", {**maps, "TITLE": "DSPT 20/21", "OUTPUT": str(folder)})
    assert sorted(path.name for path in folder.iterdir()) == sorted(
        f"{stem}.{suffix}" for stem in MAPS.values() for suffix in ("pdf", "png")
    )
    layouts = {layout.name(): layout for layout in project.layoutManager().layouts()}
    assert sorted(layouts) == sorted(MAPS)
    # The inset's region holds ICS Q1 (the square at 0,0 in WGS84): the maps are in BNG.
    to_bng = QgsCoordinateTransform(
        QgsCoordinateReferenceSystem("EPSG:4326"),
        QgsCoordinateReferenceSystem("EPSG:27700"),
        project,
    )
    london = to_bng.transformBoundingBox(QgsRectangle(0, 0, 1, 1))
    assert sorted(project.mapThemeCollection().mapThemes()) == sorted(MAPS)
    for name, stem in MAPS.items():
        england, inset = layouts[name].itemById("England"), layouts[name].itemById("London inset")
        assert england.followVisibilityPresetName() == name
        assert england.overview().linkedMap() is inset
        shown = inset.extent()  # the region's ICSs and a tenth more, fitted to the frame
        assert shown.contains(london)
        assert min(shown.width() / london.width(), shown.height() / london.height()) == (
            pytest.approx(1.1)
        )
        assert england.extent().contains(london)
        assert not QImage(str(folder / f"{stem}.png")).isNull()
        assert len(pdf_pages(folder / f"{stem}.pdf")) == 1
    # The layouts' own text (a PDF holds it as text on QGIS 3.22, as outlines on 3.44).
    assert "DSPT 20/21: individual compliance" in labels(project, "1 Individual compliance")
    assert "DSPT 20/21: trust compliance per ICS" in labels(project, "2 Trust proportions")
    assert "DSPT 20/21: ICS composite compliance score" in labels(project, "3 ICS composite")
    assert "DSPT trusts: change from 20/21 to 22/23" in labels(project, "4 Trust change")
    assert (
        "Each 2020/21 trust by how the score of its status moved by 2022/23 (a closed trust is "
        "compared with its successor)" in labels(project, "4 Trust change")
    )


def test_inputs_the_project_lacks_are_added_styled_in_a_group_of_their_own(
    run, maps, project, tmp_path
):
    run("nationalmaps", {**maps, "OUTPUT": str(tmp_path / "maps")})
    (group,) = [n for n in project.layerTreeRoot().children() if n.name() == GROUP]
    assert not group.itemVisibilityChecked()
    drawn = {node.layer().name(): node.layer() for node in group.findLayers()}
    assert {name: layer.renderer().type() for name, layer in drawn.items()} == {
        "Commissioners: DSPT status": "categorizedSymbol",
        "Trusts: DSPT status": "categorizedSymbol",
        "ICS boundaries": "singleSymbol",
        "ICS composite score": "graduatedSymbol",
        "Trust proportions": "graduatedSymbol",
        "NHS England regions": "singleSymbol",
        "Trusts: status change": "categorizedSymbol",
        "Trusts: DSPT status (London inset)": "pointDisplacement",
        "Trusts: status change (London inset)": "pointDisplacement",
    }
    assert drawn["Trust proportions"].diagramRenderer() is not None  # the pies
    assert drawn["Trusts: DSPT status"].renderer().classAttribute() == "status"
    assert sorted(project.mapLayers()) == sorted(layer.id() for layer in drawn.values())


def test_layers_of_the_project_are_drawn_as_they_are_styled_there(run, maps, project, tmp_path):
    given = {key: maps[key] for key in ("COMMISSIONERS", "TRUSTS", "ICS", "COMPOSITE")}
    given |= {key: maps[key] for key in ("PROPORTIONS", "REGIONS", "CHANGE")}
    for layer in given.values():
        project.addMapLayer(layer)
    plain = QgsSingleSymbolRenderer(QgsMarkerSymbol.createSimple({"color": "#000000"}))
    given["TRUSTS"].setRenderer(plain)
    run("nationalmaps", {**maps, **given, "OUTPUT": str(tmp_path / "maps")})
    themes = project.mapThemeCollection()
    assert set(themes.mapThemeVisibleLayerIds("1 Individual compliance")) == {
        given[key].id() for key in ("COMMISSIONERS", "TRUSTS", "ICS")
    }
    assert set(themes.mapThemeVisibleLayerIds("3 ICS composite")) == {
        given[key].id() for key in ("COMPOSITE", "REGIONS")
    }
    assert given["TRUSTS"].renderer().type() == "singleSymbol"
    (group,) = [n for n in project.layerTreeRoot().children() if n.name() == GROUP]
    assert sorted(node.layer().name() for node in group.findLayers()) == [
        "change (London inset)",
        "layer (London inset)",
    ]


def test_a_second_run_replaces_the_layouts_themes_and_layers_of_the_first(
    run, maps, project, tmp_path
):
    run("nationalmaps", {**maps, "OUTPUT": str(tmp_path / "first")})
    first = state(project)
    run("nationalmaps", {**maps, "TITLE": "Again", "OUTPUT": str(tmp_path / "second")})
    again = state(project)
    assert again[0] == first[0]  # the same layouts, once each
    assert sorted(again[1]) == sorted(first[1])
    assert len(again[2]) == len(first[2])  # the first run's copies are gone
    assert again[3] == [GROUP]
    assert "Again: ICS composite compliance score" in labels(project, "3 ICS composite")


def test_a_second_run_on_the_first_runs_layers_keeps_them_drawn(run, maps, project, tmp_path):
    """An analyst runs it again on the same files: QGIS gives the first run's layers of
    the same source (in its group) as the inputs, the new layouts draw them, so they stay
    in the project while the first run's group goes."""
    files = inputs_in_geopackage(tmp_path / "inputs.gpkg", maps)
    run("nationalmaps", {**files, "OUTPUT": str(tmp_path / "first")})
    first = state(project)
    run("nationalmaps", {**files, "OUTPUT": str(tmp_path / "second")})
    themes = project.mapThemeCollection()
    for name, layers in first[1].items():
        shown = themes.mapThemeVisibleLayerIds(name)
        assert len(shown) == len(layers), name
        assert all(project.mapLayer(layer_id) is not None for layer_id in shown), name
    assert [node.name() for node in project.layerTreeRoot().children()] == [GROUP]


def own_layout_and_theme(project: QgsProject) -> None:
    """The analyst's own layout '1 Individual compliance' (a label of theirs) and map theme
    '3 ICS composite' (no layers), made before the tool ever ran."""
    from qgis.core import QgsMapThemeCollection, QgsPrintLayout

    layout = QgsPrintLayout(project)
    layout.initializeDefaults()
    layout.setName("1 Individual compliance")
    label = QgsLayoutItemLabel(layout)
    label.setText("MY OWN HAND-MADE LAYOUT")
    layout.addLayoutItem(label)
    project.layoutManager().addLayout(layout)
    project.mapThemeCollection().insert("3 ICS composite", QgsMapThemeCollection.MapThemeRecord())


def test_the_analysts_own_layout_and_theme_of_a_name_it_writes_are_kept_and_said(
    maps, project, tmp_path
):
    from qgis import processing

    own_layout_and_theme(project)
    feedback = RecordingFeedback()
    processing.run("dspt:nationalmaps", {**maps, "OUTPUT": str(tmp_path / "m")}, feedback=feedback)
    assert labels(project, "1 Individual compliance (own)") == ["MY OWN HAND-MADE LAYOUT"]
    assert "DSPT: individual compliance" in labels(project, "1 Individual compliance")
    themes = project.mapThemeCollection()
    assert themes.mapThemeVisibleLayerIds("3 ICS composite (own)") == []
    assert themes.mapThemeVisibleLayerIds("3 ICS composite")
    assert (
        "Your layout '1 Individual compliance' had the name of one this tool writes: it is "
        "kept, renamed '1 Individual compliance (own)'." in feedback.warnings
    )
    assert any("map theme '3 ICS composite'" in w for w in feedback.warnings)
    processing.run("dspt:nationalmaps", {**maps, "OUTPUT": str(tmp_path / "again")})
    names = sorted(layout.name() for layout in project.layoutManager().layouts())
    assert [n for n in names if "(own" in n] == ["1 Individual compliance (own)"]
    assert [n for n in themes.mapThemes() if "(own" in n] == ["3 ICS composite (own)"]


def test_a_failed_run_gives_the_analysts_layout_and_theme_their_names_back(
    run, maps, project, tmp_path, monkeypatch
):
    import dspt_qgis.processing_algs.layouts.items as items

    own_layout_and_theme(project)

    def failing(*args, **options):
        raise RuntimeError("disk full (simulated)")

    monkeypatch.setattr(items, "export_layout", failing)
    with pytest.raises(QgsProcessingException, match="simulated"):
        run("nationalmaps", {**maps, "OUTPUT": str(tmp_path / "m")})
    assert labels(project, "1 Individual compliance") == ["MY OWN HAND-MADE LAYOUT"]
    assert [layout.name() for layout in project.layoutManager().layouts()] == [
        "1 Individual compliance"
    ]
    assert project.mapThemeCollection().mapThemes() == ["3 ICS composite"]


def test_a_run_failing_late_leaves_the_project_and_the_folder_as_they_were(
    run, maps, project, tmp_path, monkeypatch
):
    import dspt_qgis.processing_algs.layouts.items as items

    folder = tmp_path / "maps"
    run("nationalmaps", {**maps, "OUTPUT": str(folder)})
    before = state(project)
    files = {path.name: path.read_bytes() for path in folder.iterdir()}
    real_export = items.export_layout
    exported = []

    def failing_third(layout, *paths, **options):
        exported.append(layout.name())
        if len(exported) == 3:
            raise RuntimeError("disk full (simulated)")
        real_export(layout, *paths, **options)

    monkeypatch.setattr(items, "export_layout", failing_third)
    with pytest.raises(QgsProcessingException, match="simulated"):
        run("nationalmaps", {**maps, "TITLE": "Changed", "OUTPUT": str(folder)})
    assert state(project) == before
    assert "DSPT: individual compliance" in labels(project, "1 Individual compliance")
    assert {path.name: path.read_bytes() for path in folder.iterdir()} == files
    assert staged(tmp_path) == []


def test_an_inset_region_the_regions_lack_stops_the_run_naming_it(run, maps, project, tmp_path):
    with pytest.raises(QgsProcessingException, match=r"no region named 'Atlantis' in the field"):
        run(
            "nationalmaps",
            {**maps, "INSET_REGION": "Atlantis", "OUTPUT": str(tmp_path / "maps")},
        )
    assert state(project) == ([], {}, [], [])
    assert not (tmp_path / "maps").exists()
    assert staged(tmp_path) == []


def test_proportions_of_another_edition_stop_the_run_naming_both(
    run, maps, make_layer, project, tmp_path
):
    proportions = make_layer(
        "Polygon",
        {"ics": "string", "n_trusts": "integer", "proportions_edition": "string"},
        [
            (square(0, 0), {"ics": "Q1", "n_trusts": 1, "proportions_edition": "21/22"}),
            (square(1, 0), {"ics": "Q2", "n_trusts": 1, "proportions_edition": "21/22"}),
        ],
        name="proportions",
    )
    change = maps["CHANGE"]  # its earlier edition: 20/21
    with pytest.raises(QgsProcessingException) as error:
        run(
            "nationalmaps",
            {
                **maps,
                "PROPORTIONS": proportions,
                "CHANGE": change,
                "OUTPUT": str(tmp_path / "maps"),
            },
        )
    message = str(error.value)
    assert message.startswith("Inputs of different editions: "), message
    assert "layer change (field 'edition_before'): 20/21" in message
    assert "layer proportions (field 'proportions_edition'): 21/22" in message
    assert state(project) == ([], {}, [], [])
    assert not (tmp_path / "maps").exists()
    assert staged(tmp_path) == []
