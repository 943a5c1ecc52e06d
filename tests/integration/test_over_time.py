"""dspt:compareeditions and dspt:crosswalk through Processing, on layers the tests make."""

from __future__ import annotations

import pytest
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsPointXY,
    QgsProcessing,
    QgsProject,
)

from tests.integration.conftest import square


@pytest.fixture
def editions(make_layer):
    """2020/21 trusts as points in British National Grid, 2022/23 as a table; RD4 merged into RX9."""
    before = make_layer(
        "Point",
        {"code": "string", "name": "string", "sector": "string", "status": "string"},
        [
            (
                "POINT(530000 180000)",
                {"code": "RA1", "name": "A", "sector": "Trust", "status": "Standards Met"},
            ),
            (
                "POINT(531000 181000)",
                {"code": "RD4", "name": "D", "sector": "Trust", "status": "Standards Met"},
            ),
            (
                "POINT(532000 182000)",
                {"code": "RF6", "name": "F", "sector": "Trust", "status": "Standards Exceeded"},
            ),
        ],
        crs="EPSG:27700",
        name="Trusts 2020/21",
    )
    after = make_layer(
        "Point",
        {"code": "string", "name": "string", "sector": "string", "status": "string"},
        [
            (
                "POINT(-0.1 51.5)",
                {"code": "RA1", "name": "A", "sector": "Trust", "status": "Approaching Standards"},
            ),
            (
                "POINT(-0.2 51.6)",
                {"code": "RX9", "name": "X", "sector": "Trust", "status": "Standards Exceeded"},
            ),
        ],
        crs="EPSG:4326",
        name="Trusts 2022/23",
    )
    successors = make_layer(
        "None", {"old": "string", "new": "string"}, [(None, {"old": "RD4", "new": "RX9"})]
    )
    return before, after, successors


def test_compare_editions_keeps_each_organisation_with_its_place(run, editions, tmp_path):
    before, after, successors = editions
    result = run(
        "compareeditions",
        {
            "BEFORE": before,
            "AFTER": after,
            "SUCCESSORS": successors,
            "SUCCESSORS_OLD_FIELD": "old",
            "SUCCESSORS_NEW_FIELD": "new",
            "OUTPUT": str(tmp_path / "change.gpkg"),
            "OUTPUT_MATRIX": str(tmp_path / "matrix.csv"),
            "OUTPUT_HTML": str(tmp_path / "change.html"),
        },
    )
    from qgis.core import QgsVectorLayer

    layer = QgsVectorLayer(result["OUTPUT"], "change", "ogr")
    rows = {f["code"]: f for f in layer.getFeatures()}
    assert {c: f["direction"] for c, f in rows.items()} == {
        "RA1": "declined",
        "RD4": "improved",
        "RF6": "gone",
        "RX9": "new",
    }
    assert rows["RD4"]["compared_with"] == "RX9"
    assert layer.crs().authid() == "EPSG:4326"  # the later edition's
    gone = rows["RF6"].geometry().asPoint()  # from the earlier edition, reprojected
    to_bng = QgsCoordinateTransform(
        layer.crs(), QgsCoordinateReferenceSystem("EPSG:27700"), QgsProject.instance()
    )
    assert to_bng.transform(QgsPointXY(gone)).x() == pytest.approx(532000, abs=0.01)
    assert rows["RA1"].geometry().asPoint().x() == pytest.approx(-0.1)
    assert (tmp_path / "change.html").read_text(encoding="utf-8").count("<path ") == 4
    matrix = (tmp_path / "matrix.csv").read_text(encoding="utf-8").splitlines()
    assert matrix[0].startswith("sector,status_before,to_exceeded")


def test_compare_editions_of_tables_writes_a_table(run, make_layer):
    table = make_layer(
        "None",
        {"code": "string", "status": "string"},
        [(None, {"code": "A", "status": "Standards Met"})],
    )
    result = run("compareeditions", {"BEFORE": table, "AFTER": table, "OUTPUT": "TEMPORARY_OUTPUT"})
    assert not result["OUTPUT"].isSpatial()
    assert [f["direction"] for f in result["OUTPUT"].getFeatures()] == ["unchanged"]


@pytest.fixture
def geographies(make_layer):
    """Old areas O1 | O2 side by side; new ICS N covers both; new area Z is O2's successor."""
    statuses = make_layer(
        "None",
        {"code": "string", "status": "string", "name": "string"},
        [
            (None, {"code": "ICB1", "status": "Standards Exceeded", "name": "Old ICB one"}),
            (None, {"code": "ICB2", "status": "Standards Not Met", "name": "Old ICB two"}),
        ],
        name="ICB statuses",
    )
    old_lookup = make_layer(
        "None",
        {"area": "string", "icb": "string"},
        [(None, {"area": "O1", "icb": "ICB1"}), (None, {"area": "O2", "icb": "ICB2"})],
        name="old lookup",
    )
    new_lookup = make_layer(
        "None",
        {"area": "string", "ics": "string", "patients": "integer"},
        [
            (None, {"area": "O1", "ics": "N", "patients": 300}),
            (None, {"area": "Z", "ics": "N", "patients": 100}),
        ],
        name="new lookup",
    )
    old_areas = make_layer(
        "Polygon",
        {"area": "string"},
        [(square(-1, 52, 0.5), {"area": "O1"}), (square(-0.5, 52, 0.5), {"area": "O2"})],
        name="old areas",
    )
    new_ics = make_layer(
        "Polygon",
        {"ics": "string"},
        [("POLYGON((-1 52,0 52,0 52.5,-1 52.5,-1 52))", {"ics": "N"})],
        name="new ICS",
    )
    return statuses, old_lookup, new_lookup, old_areas, new_ics


def crosswalk_parameters(geographies, **extra):
    statuses, old_lookup, new_lookup, old_areas, new_ics = geographies
    return {
        "INPUT": statuses,
        "OLD_LOOKUP": old_lookup,
        "OLD_AREA_FIELD": "area",
        "OLD_CODE_FIELD": "icb",
        "NEW_LOOKUP": new_lookup,
        "NEW_AREA_FIELD": "area",
        "NEW_ICS_FIELD": "ics",
        "WEIGHT_FIELD": "patients",
        "OUTPUT": "TEMPORARY_OUTPUT",
        "OUTPUT_SHARES": "TEMPORARY_OUTPUT",
        **extra,
    }


def test_crosswalk_matches_a_new_area_by_area_and_feeds_the_composite(run, geographies, make_layer):
    *_, old_areas, new_ics = geographies
    result = run(
        "crosswalk",
        crosswalk_parameters(
            geographies,
            OLD_AREAS=old_areas,
            OLD_AREAS_FIELD="area",
            NEW_ICS=new_ics,
            NEW_ICS_CODE_FIELD="ics",
        ),
    )
    rows = {f["code"]: f for f in result["OUTPUT"].getFeatures()}
    assert rows["Z"]["old_area"] == "O2"
    assert rows["Z"]["matched_by"] == "area overlap: 100% of it lies in O2"
    assert rows["Z"]["status"] == "Standards Not Met"
    assert rows["O1"]["ics_share"] == pytest.approx(0.75)
    shares = {f["status_code"]: f["share"] for f in result["OUTPUT_SHARES"].getFeatures()}
    trusts = make_layer(
        "Point",
        {"code": "string", "status": "string"},
        [("POINT(-0.5 52.2)", {"code": "R1", "status": "Standards Met"})],
    )
    assert shares == pytest.approx({"ICB1": 0.75, "ICB2": 0.25})
    composite = run(
        "icscomposite",
        {
            "ICS": new_ics,
            "ICS_FIELD": "ics",
            "COMMISSIONERS": result["OUTPUT"],
            "COMMISSIONER_ICS_FIELD": "ics",
            "POPULATION_FIELD": "weight",
            "TRUSTS": trusts,
            "OUTPUT": "TEMPORARY_OUTPUT",
        },
    )
    (feature,) = composite["OUTPUT"].getFeatures()
    assert feature["commissioner_score"] == pytest.approx((3 * 300 - 3 * 100) / 400)


def test_crosswalk_without_boundaries_names_the_new_area(run, geographies):
    from qgis.core import QgsProcessingException

    with pytest.raises(
        QgsProcessingException, match=r"Small area\(s\) Z of the new lookup are not in the old"
    ):
        run("crosswalk", crosswalk_parameters(geographies))


def test_crosswalk_chains_into_the_composite_in_model_builder(
    dspt_provider, geographies, make_layer
):
    """A model crosswalk -> icscomposite, built as Model Builder builds one, validates and runs."""
    from qgis import processing
    from qgis.core import (
        QgsProcessingModelAlgorithm,
        QgsProcessingModelChildAlgorithm,
        QgsProcessingModelChildParameterSource,
        QgsProcessingModelOutput,
        QgsProcessingModelParameter,
        QgsProcessingParameterFeatureSource,
    )

    statuses, old_lookup, new_lookup, old_areas, new_ics = geographies
    model = QgsProcessingModelAlgorithm("crosswalk then composite", "test")
    for name in ("statuses", "old_lookup", "new_lookup", "old_areas", "new_ics", "trusts"):
        model.addModelParameter(
            QgsProcessingParameterFeatureSource(name, name), QgsProcessingModelParameter(name)
        )

    def child(
        algorithm: str, child_id: str, sources: dict, values: dict
    ) -> QgsProcessingModelChildAlgorithm:
        """A step as the Model Builder dialog adds one: every parameter not set keeps its default."""
        step = QgsProcessingModelChildAlgorithm(algorithm)
        step.setChildId(child_id)
        defaults = {
            d.name(): d.defaultValue()
            for d in step.algorithm().parameterDefinitions()
            if not d.isDestination() and d.defaultValue() is not None
        }
        for key, value in {**defaults, **values}.items():
            step.addParameterSources(
                key, [QgsProcessingModelChildParameterSource.fromStaticValue(value)]
            )
        for key, value in sources.items():
            step.addParameterSources(key, [value])
        return step

    crosswalk = child(
        "dspt:crosswalk",
        "crosswalk",
        {
            key: QgsProcessingModelChildParameterSource.fromModelParameter(name)
            for key, name in (
                ("INPUT", "statuses"),
                ("OLD_LOOKUP", "old_lookup"),
                ("NEW_LOOKUP", "new_lookup"),
                ("OLD_AREAS", "old_areas"),
                ("NEW_ICS", "new_ics"),
            )
        },
        {
            "OLD_AREA_FIELD": "area",
            "OLD_CODE_FIELD": "icb",
            "NEW_AREA_FIELD": "area",
            "NEW_ICS_FIELD": "ics",
            "WEIGHT_FIELD": "patients",
            "OLD_AREAS_FIELD": "area",
            "NEW_ICS_CODE_FIELD": "ics",
        },
    )
    composite = child(
        "dspt:icscomposite",
        "composite",
        {
            "ICS": QgsProcessingModelChildParameterSource.fromModelParameter("new_ics"),
            "TRUSTS": QgsProcessingModelChildParameterSource.fromModelParameter("trusts"),
            "COMMISSIONERS": QgsProcessingModelChildParameterSource.fromChildOutput(
                "crosswalk", "OUTPUT"
            ),
        },
        {"ICS_FIELD": "ics", "COMMISSIONER_ICS_FIELD": "ics", "POPULATION_FIELD": "weight"},
    )
    output = QgsProcessingModelOutput("composite", "ICS composite")
    output.setChildOutputName("OUTPUT")
    composite.setModelOutputs({"composite": output})
    model.addChildAlgorithm(crosswalk)
    model.addChildAlgorithm(composite)
    ok, messages = model.validate()
    assert ok, messages
    # "composite:composite" on 3.22, named after the output's description on 3.40
    (destination,) = [d.name() for d in model.destinationParameterDefinitions()]
    trusts = make_layer(
        "Point",
        {"code": "string", "status": "string"},
        [("POINT(-0.5 52.2)", {"code": "R1", "status": "Standards Met"})],
    )
    result = processing.run(
        model,
        {
            "statuses": statuses,
            "old_lookup": old_lookup,
            "new_lookup": new_lookup,
            "old_areas": old_areas,
            "new_ics": new_ics,
            "trusts": trusts,
            destination: QgsProcessing.TEMPORARY_OUTPUT,
        },
    )
    layer = result[destination]
    layer = layer if not isinstance(layer, str) else QgsProject.instance().mapLayer(layer)
    (feature,) = layer.getFeatures()
    assert feature["composite_score"] == pytest.approx(0.5 * (3 * 300 - 3 * 100) / 400 + 0.5 * 1)


def test_crosswalk_splits_an_area_formed_from_several_organisations(run, geographies, make_layer):
    """Z was formed from ICB1 (10 patients then) and ICB2 (30): of its 100 patients ICB1
    takes 25 and ICB2 75; O1 keeps its 300 under ICB1."""
    statuses, _, new_lookup, *_ = geographies
    merged = make_layer(
        "None",
        {"area": "string", "icb": "string", "then": "integer"},
        [
            (None, {"area": "O1", "icb": "ICB1", "then": 50}),
            (None, {"area": "Z", "icb": "ICB1", "then": 10}),
            (None, {"area": "Z", "icb": "ICB2", "then": 30}),
        ],
        name="merged into",
    )
    result = run(
        "crosswalk",
        crosswalk_parameters((statuses, merged, new_lookup, None, None), OLD_SHARE_FIELD="then"),
    )
    rows = {f["code"]: f for f in result["OUTPUT"].getFeatures()}
    assert {code: row["weight"] for code, row in rows.items()} == pytest.approx(
        {"O1": 300, "Z/ICB1": 25, "Z/ICB2": 75}
    )
    assert rows["Z/ICB2"]["matched_by"] == "code; 75% of it from ICB2 (by then)"
    shares = {f["status_code"]: f["share"] for f in result["OUTPUT_SHARES"].getFeatures()}
    assert shares == pytest.approx({"ICB1": 325 / 400, "ICB2": 75 / 400})


def composite_layer(make_layer, edition, scores, name):
    """An 'ICS composite score' output as a user keeps it: ICS code, score, edition."""
    return make_layer(
        "Polygon",
        {"ics": "string", "composite_score": "double", "composite_edition": "string"},
        [
            (square(i, 52), {"ics": code, "composite_score": score, "composite_edition": edition})
            for i, (code, score) in enumerate(scores.items())
        ],
        name=name,
    )


def test_ics_trend_puts_editions_side_by_side_in_their_order(run, make_layer):
    ics = make_layer(
        "Polygon", {"ics": "string"}, [(square(0, 52), {"ics": "A"}), (square(1, 52), {"ics": "B"})]
    )
    later = composite_layer(make_layer, "22/23", {"A": 1.5, "B": -1.0}, "composite 22/23")
    earlier = composite_layer(make_layer, "20/21", {"A": 0.5, "B": None}, "composite 20/21")
    result = run(
        "icstrend",
        {
            "ICS": ics,
            "ICS_FIELD": "ics",
            "COMPOSITES": [later, earlier],
            "OUTPUT": "TEMPORARY_OUTPUT",
        },
    )
    layer = result["OUTPUT"]
    names = layer.fields().names()
    assert names[names.index("composite_2020_21") :] == [
        "composite_2020_21",
        "composite_2022_23",
        "composite_change",
        "composite_trend",
    ]
    rows = {f["ics"]: f for f in layer.getFeatures()}
    assert rows["A"]["composite_change"] == pytest.approx(1.0)
    assert rows["A"]["composite_trend"] == "2020/21 +0.50 → 2022/23 +1.50"
    assert rows["B"]["composite_trend"] == "2020/21 none → 2022/23 -1.00"


def test_ics_trend_refuses_a_composite_of_another_geography_naming_it(run, make_layer):
    from qgis.core import QgsProcessingException

    ics = make_layer("Polygon", {"ics": "string"}, [(square(0, 52), {"ics": "A"})])
    stp = composite_layer(make_layer, "20/21", {"E54000007": 0.5}, "STP composite 2020/21")
    icb = composite_layer(make_layer, "22/23", {"A": 1.0}, "ICB composite 2022/23")
    with pytest.raises(
        QgsProcessingException,
        match=r"layer STP composite 2020/21 \(field 'ics'\) has ICS codes that layer layer "
        r"\(field 'ics'\) does not: E54000007",
    ):
        run(
            "icstrend",
            {
                "ICS": ics,
                "ICS_FIELD": "ics",
                "COMPOSITES": [stp, icb],
                "OUTPUT": "TEMPORARY_OUTPUT",
            },
        )
