"""`make demo` end to end: styled GeoPackage, a project that opens without a prompt, maps."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from qgis.core import QgsLayoutItemMap, QgsProject, QgsRenderContext, QgsVectorLayer
from qgis.PyQt.QtGui import QColor, QImage

from dspt_qgis.presentation.palette import STATUS_COLOURS, composite_classes
from tests import hand_method
from tests.integration.cases import pdf_pages
from tests.integration.demo_runs import run_demo

REPO = Path(__file__).resolve().parents[2]
MAPS = ("1 Individual compliance", "2 Trust proportions", "3 ICS composite", "4 Trust change")


@pytest.fixture(scope="module")
def demo(demo_run):
    """The session's 2020/21 demo."""
    run = demo_run()
    assert "ICS composite scores (42 ICSs" in run.stdout
    return run


@pytest.fixture(scope="module")
def demo_out(demo):
    return demo.out


def test_the_geopackage_is_one_complete_file(demo, demo_out):
    """No write-ahead log is left beside it: the file alone holds every layer."""
    assert demo.beside == ()
    with sqlite3.connect(demo.alone) as db:
        tables = {name for (name,) in db.execute("SELECT table_name FROM gpkg_contents")}
        styled = {name for (name,) in db.execute("SELECT f_table_name FROM layer_styles")}
    project = QgsProject()
    assert project.read(str(demo_out / "dspt_demo.qgz"))
    in_project = {layer.source().split("layername=")[1] for layer in project.mapLayers().values()}
    assert in_project <= tables
    assert {
        "ics_boundaries",
        "nhs_regions",
        "trust_points",
        "ics_composite",
        "trust_proportions",
    } <= styled


def test_project_opens_in_one_crs_with_a_theme_and_layout_per_map(demo_out, qgis_new_project):
    project = QgsProject.instance()
    assert project.read(str(demo_out / "dspt_demo.qgz"))
    layers = list(project.mapLayers().values())
    assert layers
    assert all(layer.isValid() for layer in layers)
    # One CRS for data and project: nothing for QGIS to ask about on opening.
    assert project.crs().authid() == "EPSG:27700"
    assert {layer.crs().authid() for layer in layers if layer.isSpatial()} == {"EPSG:27700"}
    assert sorted(project.mapThemeCollection().mapThemes()) == sorted(
        (*MAPS, "Atlas: cover", "Atlas: ICS page", "6 ICS trend")
    )
    layouts = {layout.name(): layout for layout in project.layoutManager().layouts()}
    assert sorted(layouts) == [*MAPS, "5 ICS atlas", "6 ICS trend"]
    panels = [item for item in layouts["6 ICS trend"].items() if isinstance(item, QgsLayoutItemMap)]
    assert sorted(panel.id() for panel in panels) == ["2020/21", "2021/22", "2022/23"]
    assert len({round(panel.scale()) for panel in panels}) == 1  # one scale: areas compare
    for panel in panels:  # each panel shaded by its own edition's composite
        (shown,) = panel.layers()
        field = "composite_" + panel.id().replace("/", "_")
        assert shown.renderer().classAttribute() == field
    for name in MAPS:
        layout = layouts[name]
        map_item = layout.itemById("England")
        assert map_item.followVisibilityPreset()
        assert map_item.followVisibilityPresetName() == name
    by_name = {layer.name(): layer for layer in layers}
    assert by_name["Trusts: DSPT status"].renderer().type() == "categorizedSymbol"
    composite = next(
        layer
        for name, layer in by_name.items()
        if name.startswith("ICS composite score (commissioner")
    )
    assert [r.label() for r in composite.renderer().ranges()] == [
        c.label for c in composite_classes()
    ]
    assert (
        by_name["Trusts per ICS: statuses (pies) and patients (shading)"].diagramRenderer()
        is not None
    )
    visible = {n.layer().name() for n in project.layerTreeRoot().findLayers() if n.isVisible()}
    assert visible == {"Trusts: DSPT status", "Commissioners: DSPT status", "ICS boundaries"}
    project.clear()


def _layouts(demo_out) -> dict:
    project = QgsProject.instance()
    assert project.read(str(demo_out / "dspt_demo.qgz"))
    return {layout.name(): layout for layout in project.layoutManager().layouts()}


def test_every_map_has_a_london_inset_outlined_on_it(demo_out, qgis_new_project, shared_data):
    """At a larger scale, covering every London ICS (found from the regions, computed here
    from the boundary files on their own), its extent drawn on the national map."""
    london = _london_ics_extent_bng(shared_data)
    layouts = _layouts(demo_out)
    for name in MAPS:
        layout = layouts[name]
        inset, england = layout.itemById("London inset"), layout.itemById("England")
        assert inset is not None, name
        assert inset.extent().contains(london), name
        assert inset.scale() < england.scale() / 2.5, name
        assert england.overview().linkedMap() is inset, name
    QgsProject.instance().clear()


def _london_ics_extent_bng(shared_data):
    """The 2020 STPs whose NHS region code is London's (E40000003), in British National Grid."""
    from qgis.core import (
        QgsCoordinateReferenceSystem,
        QgsCoordinateTransform,
        QgsGeometry,
        QgsVectorLayer,
    )

    stps = QgsVectorLayer(str(shared_data / "boundaries/stp_april2020.geojson"), "stp", "ogr")
    to_bng = QgsCoordinateTransform(
        stps.crs(), QgsCoordinateReferenceSystem("EPSG:27700"), QgsProject.instance()
    )
    boxes = [
        QgsGeometry.fromRect(to_bng.transformBoundingBox(feature.geometry().boundingBox()))
        for feature in stps.getFeatures()
        if feature["NHSER20CD"] == "E40000003"
    ]
    extent = QgsGeometry.unaryUnion(boxes).boundingBox()
    assert extent.width() > 40_000  # the five London STPs span about 60 km
    return extent


def test_no_two_london_pies_overlap_in_the_inset(demo_out, qgis_new_project, shared_data):
    """Each London ICS's pie, at its polygon's centroid, sized as the published style says
    (diameter 9 mm for the most trusts, area proportional to the count): in the inset, every
    two pies are apart."""
    import itertools
    import math

    layout = _layouts(demo_out)["2 Trust proportions"]
    inset = layout.itemById("London inset")
    extent, width_mm = inset.extent(), inset.rect().width()
    (proportions,) = QgsProject.instance().mapLayersByName(
        "Trusts per ICS: statuses (pies) and patients (shading)"
    )
    most = max(f["n_trusts"] for f in proportions.getFeatures())
    london = _london_ics_extent_bng(shared_data)
    pies = []
    for feature in proportions.getFeatures():
        centre = feature.geometry().centroid().asPoint()
        if london.contains(centre) and feature["n_trusts"]:
            x = (centre.x() - extent.xMinimum()) / extent.width() * width_mm
            y = (centre.y() - extent.yMinimum()) / extent.width() * width_mm
            pies.append((x, y, 9 * math.sqrt(feature["n_trusts"] / most)))
    assert len(pies) == 5
    for (x1, y1, d1), (x2, y2, d2) in itertools.combinations(pies, 2):
        assert math.hypot(x1 - x2, y1 - y2) > (d1 + d2) / 2
    QgsProject.instance().clear()


def test_the_insets_spread_trust_points_closer_than_a_symbol(demo_out, qgis_new_project):
    """Central London's trusts are a few hundred metres apart: in the inset each map's
    points are drawn by QGIS's point displacement renderer, grouping any two closer than a
    status symbol (its white halo) and laying each group out in a grid."""
    from qgis.core import QgsPointDisplacementRenderer

    layouts = _layouts(demo_out)
    for name in ("1 Individual compliance", "4 Trust change"):
        inset = layouts[name].itemById("London inset")
        (points,) = [layer for layer in inset.layers() if layer.name().endswith("(London inset)")]
        renderer = points.renderer()
        assert isinstance(renderer, QgsPointDisplacementRenderer), name
        halo = max(
            symbol.size() for symbol in renderer.embeddedRenderer().symbols(QgsRenderContext())
        )
        assert renderer.tolerance() >= halo, name
        assert renderer.placement() == QgsPointDisplacementRenderer.Grid
    QgsProject.instance().clear()


def test_geopackage_layers_carry_default_styles(demo_out):
    with sqlite3.connect(demo_out / "dspt_demo.gpkg") as db:
        styled = {
            row[0] for row in db.execute("select f_table_name from layer_styles where useAsDefault")
        }
    assert {
        "commissioner_status",
        "trust_points",
        "ics_composite",
        "trust_proportions",
        "ics_boundaries",
        "nhs_regions",
    } <= styled


def test_demo_trust_change_matches_the_hand_count(demo_out, shared_data):
    """2020/21 -> 2022/23 for every trust, from the plain-csv computation in hand_method."""
    directions, transitions = hand_method.trust_change_2020_21_to_2022_23(shared_data)
    layer = QgsVectorLayer(f"{demo_out / 'dspt_demo.gpkg'}|layername=trust_change", "c", "ogr")
    rows = list(layer.getFeatures())
    got_directions: dict[str, int] = {}
    got_transitions: dict[tuple, int] = {}
    for f in rows:
        got_directions[f["direction"]] = got_directions.get(f["direction"], 0) + 1
        key = (f["status_before"], f["status_after"] or None)
        got_transitions[key] = got_transitions.get(key, 0) + 1
    assert got_directions == {d: n for d, n in directions.items() if n}
    assert got_transitions == transitions
    assert all(f.hasGeometry() for f in rows)
    assert layer.renderer().type() == "categorizedSymbol"
    page = (demo_out / "trust_change.html").read_text(encoding="utf-8")
    assert f"<strong>{directions['declined']}</strong> declined" in page


def test_demo_composite_is_weighted_by_registered_patients(demo_out, shared_data):
    """The seed's headline figure, checked against a plain-arithmetic computation."""
    layer = QgsVectorLayer(f"{demo_out / 'dspt_demo.gpkg'}|layername=ics_composite", "c", "ogr")
    got = {f["STP20CD"]: f["composite_score"] for f in layer.getFeatures()}
    assert got == pytest.approx(
        hand_method.composites_2020_21(shared_data, weighted_by_patients=True)
    )
    simple = QgsVectorLayer(
        f"{demo_out / 'dspt_demo.gpkg'}|layername=ics_composite_simple_mean", "s", "ogr"
    )
    assert {f["STP20CD"]: f["composite_score"] for f in simple.getFeatures()} == pytest.approx(
        hand_method.composites_2020_21(shared_data)
    )


def test_demo_ranks_each_ics_by_every_population_it_has(demo_out, shared_data):
    """The rank range of the demo's composite spans the commissioners weighted by GP
    registered patients (chosen), simply, and by ONS mid-2019 residents: each ICS's best
    and worst place as ranked by hand (exact composites), the variant giving each the first
    of those giving it, and the layer's notes name the ONS variant."""
    from qgis.core import QgsLayerNotesUtils

    organisations = hand_method.organisations_2020_21(shared_data)
    weights = {
        "('registered_patients of file ccg_april2020_gp_registered_jan2021.csv')": (
            hand_method.patients_by_ccg(shared_data)
        ),
        "commissioner mean + trust mean": None,
        "('resident_population')": hand_method.ons_residents_by_ccg(shared_data),
    }
    variants = [hand_method.exact_composites(organisations, w) for w in weights.values()]
    layer = QgsVectorLayer(f"{demo_out / 'dspt_demo.gpkg'}|layername=ics_composite", "c", "ogr")
    rows = list(layer.getFeatures())
    assert len(rows) == len(variants[0]) == 42
    for row in rows:
        ics = row["STP20CD"]
        places = [int(hand_method.competition_rank(v, ics).lstrip("=")) for v in variants]
        assert row["rank_label"] == hand_method.competition_rank(variants[0], ics)
        assert (row["rank_best"], row["rank_worst"]) == (min(places), max(places)), ics
        if min(places) < max(places):
            named = [next(i for i, w in enumerate(weights) if w in row[f]) for f in VARIANTS]
            assert named == [places.index(min(places)), places.index(max(places))], ics
    notes = QgsLayerNotesUtils.layerNotes(layer)
    assert "Ranks under 3 variant(s)" in notes
    assert "(3) commissioner mean weighted by population (&#x27;resident_population&#x27;)" in notes


#: The fields naming the variant that gives an ICS its best and its worst place.
VARIANTS = ("rank_best_variant", "rank_worst_variant")


def test_map_two_is_shaded_by_patients(demo_out, shared_data):
    layer = QgsVectorLayer(f"{demo_out / 'dspt_demo.gpkg'}|layername=trust_proportions", "p", "ogr")
    got = {f["STP20CD"]: f["population"] for f in layer.getFeatures()}
    assert got == pytest.approx(hand_method.patients_per_stp(shared_data))
    assert layer.renderer().classAttribute() == "population"


def colours(path: Path) -> set[str]:
    image = QImage(str(path))
    assert not image.isNull()
    step = 5
    return {
        QColor(image.pixel(x, y)).name()
        for x in range(0, image.width(), step)
        for y in range(0, image.height(), step)
    }


@pytest.mark.parametrize("name", ["individual_compliance", "trust_proportions", "ics_composite"])
def test_maps_exported_and_not_blank(demo_out, name):
    assert (demo_out / "maps" / f"{name}.pdf").stat().st_size > 10_000
    assert len(colours(demo_out / "maps" / f"{name}.png")) > 20


def test_status_colours_reach_the_individual_map(demo_out):
    on_map = colours(demo_out / "maps" / "individual_compliance.png")
    assert STATUS_COLOURS["Standards Met"] in on_map
    assert STATUS_COLOURS["Standards Exceeded"] in on_map


def test_composite_map_uses_several_classes(demo_out):
    on_map = colours(demo_out / "maps" / "ics_composite.png")
    assert len({c.colour for c in composite_classes()} & on_map) >= 3


def test_missing_sample_says_which_files_and_where(tmp_path):
    done = run_demo(tmp_path, tmp_path / "o")
    assert done.returncode == 2
    assert "dspt/2020_21/curated_dspt_20220208.csv" in done.stderr
    assert "geoportal.statistics.gov.uk" in done.stderr
    assert not (tmp_path / "o").exists()


def test_a_demo_that_fails_late_still_leaves_one_complete_geopackage(shared_data, tmp_path):
    """The last input is broken: the run stops naming it, and the tables written until
    then are in the GeoPackage itself, with no write-ahead log beside it."""
    from dspt_qgis.pipeline.recipes import RECIPES, recipe_for

    data = tmp_path / "data"
    for relative in {rel for recipe in RECIPES.values() for rel in recipe.files.values()}:
        (data / relative).parent.mkdir(parents=True, exist_ok=True)
        (data / relative).symlink_to(shared_data / relative)
    broken = recipe_for("20/21").files["later_trusts"]
    (data / broken).unlink()
    (data / broken).write_text("Code,Status\nRA1,22/23 Brilliant\n", encoding="utf-8")
    out = tmp_path / "out"
    done = run_demo(data, out)
    assert done.returncode == 1
    assert (
        f"The demo stopped: file {data / broken}: column 'Status' holds 1 unrecognised"
        in done.stderr
    )
    assert "Traceback" not in done.stderr
    assert sorted(p.name for p in out.glob("dspt_demo.gpkg*")) == ["dspt_demo.gpkg"]
    with sqlite3.connect(out / "dspt_demo.gpkg") as db:
        tables = {name for (name,) in db.execute("SELECT table_name FROM gpkg_contents")}
    assert {"dspt_statuses", "commissioner_status", "trust_points", "ics_composite"} <= tables


def test_the_atlas_has_a_cover_and_a_page_for_every_ics(demo_out, shared_data):
    """Every one of the 42 STPs (names from the boundary file) heads a page; pages beyond
    one per ICS are continuations of a long list, titled as such."""
    import json

    names = {
        f["properties"]["STP20NM"]
        for f in json.loads((shared_data / "boundaries/stp_april2020.geojson").read_text())[
            "features"
        ]
    }
    pages = [
        " ".join(page.split()) for page in pdf_pages(demo_out / "atlas" / "dspt_ics_atlas.pdf")
    ]
    assert pages[0].startswith("DSPT 20/21: ICS compliance")
    assert "Somerset" in pages[0]  # the ranking on the cover
    titled = [next((n for n in names if page.startswith(n)), None) for page in pages[1:]]
    assert None not in titled
    firsts = [n for n, page in zip(titled, pages[1:]) if not page.startswith(f"{n} (continued)")]
    assert sorted(firsts) == sorted(names)
    assert firsts == sorted(firsts)  # in alphabetical order


def test_each_atlas_page_lists_the_ics_organisations_and_its_composites_parts(
    demo_out, shared_data
):
    """The organisations listed for each ICS are the curated file's CCGs and trusts of that
    STP (counted by hand from the CSV); the parts are the composite layer's own numbers."""
    from tests import hand_method

    expected = hand_method.members_2020_21(shared_data)
    with sqlite3.connect(demo_out / "dspt_demo.gpkg") as db:
        listed: dict[str, set[str]] = {}
        for ics, code in db.execute("SELECT ics, code FROM atlas_organisations"):
            listed.setdefault(ics, set()).add(code)
        parts = dict(db.execute("SELECT ics_code, parts FROM atlas_pages WHERE page > 0"))
        composites = db.execute(
            "SELECT STP20CD, commissioner_score, trust_score, composite_score, "
            "n_commissioners, n_trusts FROM ics_composite"
        ).fetchall()
    assert listed == expected
    for ics, commissioner, trust, composite, n_c, n_t in composites:
        assert f"Commissioner mean: {commissioner:+.2f} ({n_c} commissioner" in parts[ics]
        assert f"Trust mean: {trust:+.2f} ({n_t} trust" in parts[ics]
        assert f"Composite: {composite:+.2f} = " in parts[ics]


def test_the_project_holds_the_atlas_as_a_layout_that_exports_the_same_pages(
    demo_out, qgis_new_project, tmp_path
):
    from qgis.core import QgsLayoutExporter

    layouts = _layouts(demo_out)
    atlas = layouts["5 ICS atlas"].atlas()
    assert atlas.enabled()
    assert atlas.coverageLayer().featureCount() == 43
    again = tmp_path / "again.pdf"
    from qgis.core import QgsRenderContext

    # As the layout designer offers it: the layout's own text format (text, not outlines).
    assert int(layouts["5 ICS atlas"].customProperty("pdfTextFormat")) == int(
        QgsRenderContext.TextFormatAlwaysText
    )
    settings = QgsLayoutExporter.PdfExportSettings()
    settings.textRenderFormat = QgsRenderContext.TextFormatAlwaysText
    result, error = QgsLayoutExporter.exportToPdf(atlas, str(again), settings)
    assert result == QgsLayoutExporter.Success, error
    first = pdf_pages(demo_out / "atlas" / "dspt_ics_atlas.pdf")
    assert [p.strip().splitlines()[0] for p in pdf_pages(again)] == [
        p.strip().splitlines()[0] for p in first
    ]
    QgsProject.instance().clear()
