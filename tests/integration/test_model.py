"""The shipped model: in the toolbox by id, valid in Model Builder, and right on the sample."""

from __future__ import annotations

import shutil

import pytest
from qgis.core import (
    QgsApplication,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputLayerDefinition,
    QgsProject,
    QgsVectorLayer,
)

from tests import hand_method
from tests.integration.cases import MODEL_OUTPUTS
from tests.integration.dialog import RecordingFeedback, run_like_dialog

MODEL_ID = "dspt:dsptmethod"


@pytest.fixture
def model(dspt_provider):
    found = QgsApplication.processingRegistry().algorithmById(MODEL_ID)
    assert found is not None, "the model is not in the Processing Toolbox"
    return found


def test_model_is_in_the_toolbox_and_validates_clean(model):
    ok, messages = model.validate()
    assert ok, messages
    assert messages == []
    assert model.displayName().startswith("DSPT method")
    assert not model.icon().isNull()


def test_model_chain(model):
    algorithms = sorted(child.algorithmId() for child in model.childAlgorithms().values())
    assert algorithms == [
        "dspt:icscomposite",
        "dspt:importexport",
        "dspt:joinstatus",
        "dspt:summarytable",
        "dspt:trustproportions",
        "native:extractbyattribute",
        "native:extractbyattribute",
    ]


def test_model_inputs_come_before_the_fields_that_depend_on_them(model):
    order = [p.name() for p in model.parameterDefinitions() if not p.isDestination()]
    assert order[:2] == ["export", "edition"]
    for definition in model.parameterDefinitions():
        for parent in definition.dependsOnOtherParameters():
            assert order.index(parent) < order.index(definition.name()), definition.name()


def test_every_model_output_has_a_label_and_a_place(model):
    for child in model.childAlgorithms().values():
        for output in child.modelOutputs().values():
            assert output.description(), output.name()
            assert output.position().x() > 0


def sample_parameters(shared_data, tmp_path) -> dict:
    return {
        "export": str(shared_data / "dspt/2020_21/curated_dspt_20220208.csv"),
        "edition": "20/21",
        "commissioner_layer": str(shared_data / "boundaries/ccg_april2020.geojson"),
        "commissioner_code": "CCG20CDH",
        "commissioner_ics": "STP20CD",
        "ics_layer": str(shared_data / "boundaries/stp_april2020.geojson"),
        "ics_code": "STP20CD",
        "trust_ics_field": "STP20CD",
        "composite:ICS composite": str(tmp_path / "composite.gpkg"),
        "composite:Organisations not counted": QgsProcessing.TEMPORARY_OUTPUT,
        "proportions:Trust compliance proportions": QgsProcessing.TEMPORARY_OUTPUT,
        "summary:Summary of compliance": QgsProcessing.TEMPORARY_OUTPUT,
        "summary:Summary report": str(tmp_path / "summary.html"),
        "join:Commissioners with status": QgsProcessing.TEMPORARY_OUTPUT,
        "join:Commissioners not joined": QgsProcessing.TEMPORARY_OUTPUT,
        "import:DSPT statuses": QgsProcessing.TEMPORARY_OUTPUT,
    }


def test_model_runs_by_id_on_the_2020_21_sample(model, shared_data, tmp_path):
    from qgis import processing

    results = processing.run(MODEL_ID, sample_parameters(shared_data, tmp_path))
    composite = QgsVectorLayer(results["composite:ICS composite"])
    got = {f["STP20CD"]: f["composite_score"] for f in composite.getFeatures()}
    assert got == pytest.approx(hand_method.composites_2020_21(shared_data))
    assert (tmp_path / "summary.html").stat().st_size > 1000
    not_joined = results["join:Commissioners not joined"]
    assert (
        not_joined.featureCount() == 0
    )  # only commissioners are joined to commissioner boundaries


def test_inputs_left_out_take_the_models_defaults(model, shared_data, tmp_path):
    """A script giving only the files (the fields left to their defaults, the recipe's
    names) gets the same composites as one naming every field."""
    from qgis import processing

    fields = ("commissioner_code", "commissioner_ics", "ics_code", "trust_ics_field")
    parameters = {
        key: value
        for key, value in sample_parameters(shared_data, tmp_path).items()
        if key not in fields
    }
    results = processing.run(MODEL_ID, parameters)
    composite = QgsVectorLayer(results["composite:ICS composite"])
    got = {f["STP20CD"]: f["composite_score"] for f in composite.getFeatures()}
    assert got == pytest.approx(hand_method.composites_2020_21(shared_data))


def test_model_run_as_the_dialog_runs_it_ends_clean(model, shared_data, tmp_path, qgis_new_project):
    run = run_like_dialog(MODEL_ID, sample_parameters(shared_data, tmp_path), QgsProject.instance())
    assert run.feedback.errors == []
    assert run.ok
    assert all(layer.isValid() for layer in run.loaded.values())
    outputs = [  # every layer output of the model (the HTML report is no layer)
        key
        for key, value in sample_parameters(shared_data, tmp_path).items()
        if ":" in key and not str(value).endswith(".html")
    ]
    assert outputs
    assert len(run.loaded) == len(outputs)
    QgsProject.instance().clear()


def test_the_registered_model_offers_its_outputs(model):
    """The model in the registry is what ``qgis_process help`` and ``run`` read."""
    assert {d.name(): d.description() for d in model.outputDefinitions()} == MODEL_OUTPUTS
    assert {
        d.name(): d.description() for d in model.destinationParameterDefinitions()
    } == MODEL_OUTPUTS


@pytest.mark.parametrize("given_as", ["text", "definition"])
def test_a_step_names_the_model_output_it_writes(model, shared_data, tmp_path, given_as):
    """A shapefile keeps ten characters of a field name, and the join step says so, naming
    the output as the model does ('Commissioners with status'), not as the join alone
    does ('Organisations with DSPT status'): given as text (qgis_process,
    processing.run) or as an output definition (the dialogs)."""
    from qgis import processing

    path = str(tmp_path / "ccgs.shp")
    value = path if given_as == "text" else QgsProcessingOutputLayerDefinition(path)
    parameters = {
        **sample_parameters(shared_data, tmp_path),
        "join:Commissioners with status": value,
    }
    feedback = RecordingFeedback()
    processing.run(MODEL_ID, parameters, feedback=feedback)
    (renamed,) = [w for w in feedback.warnings if "names fields differently" in w]
    assert renamed.startswith("The output 'Commissioners with status' (ccgs.shp)"), renamed


def test_an_output_over_an_input_a_later_step_reads_is_refused(model, shared_data, tmp_path):
    """The join's unmatched rows over the ICS layer, which the composite reads afterwards:
    no step has both, the model does, and refuses before any step runs."""
    from qgis import processing

    ics = tmp_path / "ics.geojson"
    shutil.copy(shared_data / "boundaries/stp_april2020.geojson", ics)
    before = ics.read_bytes()
    parameters = {
        **sample_parameters(shared_data, tmp_path),
        "ics_layer": str(ics),
        "join:Commissioners not joined": str(ics),
    }
    with pytest.raises(QgsProcessingException) as refused:
        processing.run(MODEL_ID, parameters)
    assert str(refused.value).startswith(
        "The output 'Commissioners not joined' (ics.geojson) would write over the input "
        "'ICS boundaries (STP / ICB)' (ics.geojson)."
    )
    assert ics.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ics.geojson"]


def test_a_misspelt_output_is_refused_naming_the_model_outputs(model, shared_data, tmp_path):
    """``OUTPUT_COMPOSIT=...`` would otherwise be ignored: an output written nowhere."""
    from qgis import processing

    parameters = {
        **sample_parameters(shared_data, tmp_path),
        "OUTPUT_COMPOSIT": str(tmp_path / "x.gpkg"),
    }
    with pytest.raises(QgsProcessingException) as refused:
        processing.run(MODEL_ID, parameters)
    message = str(refused.value)
    assert message.startswith("The model has no parameter 'OUTPUT_COMPOSIT'. Its outputs are ")
    assert all(f"'{name}'" in message for name in MODEL_OUTPUTS)
    assert list(tmp_path.iterdir()) == []


def test_inside_another_model_it_offers_its_outputs_named_as_the_outer_model_names_them(
    model, shared_data, tmp_path
):
    """In Model Builder the step offers the model's outputs; run, the messages about the one
    the outer model keeps name it by the outer model's name."""
    from qgis import processing
    from qgis.core import (
        QgsProcessingModelAlgorithm,
        QgsProcessingModelChildAlgorithm,
        QgsProcessingModelOutput,
    )
    from qgis.core import QgsProcessingModelChildParameterSource as Source

    ics = tmp_path / "ics.geojson"
    shutil.copy(shared_data / "boundaries/stp_april2020.geojson", ics)
    step = QgsProcessingModelChildAlgorithm(MODEL_ID)
    step.setChildId("method")
    algorithm = step.algorithm()  # held while its definitions are read (a worker crashed
    offered = algorithm.destinationParameterDefinitions()  # reading them off a temporary)
    assert {d.name(): d.description() for d in offered} == MODEL_OUTPUTS
    inputs = {**sample_parameters(shared_data, tmp_path), "ics_layer": str(ics)}
    for name, value in inputs.items():
        if ":" not in name:
            step.addParameterSources(name, [Source.fromStaticValue(value)])
    board = QgsProcessingModelOutput("Board composite", "Board composite")
    board.setChildOutputName("composite:ICS composite")
    step.setModelOutputs({"Board composite": board})
    outer = QgsProcessingModelAlgorithm("outer", "test", "test")
    outer.addChildAlgorithm(step)
    (kept,) = [d.name() for d in outer.destinationParameterDefinitions()]
    feedback = RecordingFeedback()
    with pytest.raises(QgsProcessingException) as raised:  # as the outer dialog gives it
        processing.run(
            outer, {kept: QgsProcessingOutputLayerDefinition(str(ics))}, feedback=feedback
        )
    said = [str(raised.value), *feedback.errors]  # 3.22 logs it; 3.40 raises it
    assert any(
        "The output 'Board composite' (ics.geojson) would write over the input" in e for e in said
    ), said


def test_a_model_can_attach_ics_codes_from_ods(dspt_provider, tmp_path):
    """readods -> odsmembership as an analyst would chain them in Model Builder."""
    from qgis import processing
    from qgis.core import (
        QgsProcessingModelAlgorithm,
        QgsProcessingModelChildAlgorithm,
        QgsProcessingModelOutput,
        QgsProcessingModelParameter,
        QgsProcessingParameterFeatureSource,
        QgsProcessingParameterFile,
    )
    from qgis.core import QgsProcessingModelChildParameterSource as Source

    def ods_line(code: str, ics: str) -> str:
        return ",".join(
            [
                f'"{code}"',
                '"T"',
                '"Y62"',
                f'"{ics}"',
                *['""'] * 5,
                '"X"',
                '"20020401"',
                '""',
                *['""'] * 15,
            ]
        )

    (tmp_path / "etr.csv").write_text(ods_line("R01", "QOP") + "\n")
    (tmp_path / "trusts.csv").write_text("code,status\nR01,Standards Met\n")
    model = QgsProcessingModelAlgorithm("ods chain", "test", "test")
    for definition in (
        QgsProcessingParameterFile("ods_file", "ODS file"),
        QgsProcessingParameterFeatureSource("trusts", "Trusts"),
    ):
        model.addModelParameter(definition, QgsProcessingModelParameter(definition.name()))
    read = QgsProcessingModelChildAlgorithm("dspt:readods")
    read.setChildId("read")
    read.addParameterSources("INPUT", [Source.fromModelParameter("ods_file")])
    model.addChildAlgorithm(read)
    attach = QgsProcessingModelChildAlgorithm("dspt:odsmembership")
    attach.setChildId("attach")
    for name, source in (
        ("INPUT", Source.fromModelParameter("trusts")),
        ("ODS", Source.fromChildOutput("read", "OUTPUT")),
        ("CODE_FIELD", Source.fromStaticValue("code")),
        ("ODS_CODE_FIELD", Source.fromStaticValue("code")),
        ("ODS_ICS_FIELD", Source.fromStaticValue("high_level_health_geography")),
    ):
        attach.addParameterSources(name, [source])
    output = QgsProcessingModelOutput("members", "Trusts with ICS")
    output.setChildOutputName("OUTPUT")
    attach.setModelOutputs({"members": output})
    model.addChildAlgorithm(attach)
    ok, messages = model.validate()
    assert ok, messages
    # "attach:members" on 3.22, named after the output's description on 3.40
    (members,) = [d.name() for d in model.destinationParameterDefinitions()]
    results = processing.run(
        model,
        {
            "ods_file": str(tmp_path / "etr.csv"),
            "trusts": str(tmp_path / "trusts.csv"),
            members: QgsProcessing.TEMPORARY_OUTPUT,
        },
    )
    layer = results[members]
    assert [f["ics_code"] for f in layer.getFeatures()] == ["QOP"]


def _essence(model) -> tuple:
    """What a model does: its steps (algorithm, where each parameter comes from, which
    outputs it offers) and its inputs with their defaults. Not the layout in the designer
    or the file format's version, which differ between the QGIS that wrote the file
    (3.22) and newer ones reading it."""
    steps = {
        child_id: (
            child.algorithmId(),
            child.description(),
            {
                name: [source.toVariant() for source in sources]
                for name, sources in child.parameterSources().items()
            },
            {
                name: (output.childOutputName(), output.description())
                for name, output in child.modelOutputs().items()
            },
        )
        for child_id, child in model.childAlgorithms().items()
    }
    inputs = {
        parameter.name(): parameter.toVariantMap()
        for parameter in model.parameterDefinitions()
        if not parameter.isDestination()
    }
    return model.name(), model.group(), steps, inputs


def test_the_shipped_model_is_the_one_the_recipe_generates(dspt_provider, tmp_path):
    """The model file is generated (scripts/make_model.py); a hand edit or a changed
    algorithm without regenerating would let the model and the 2020/21 recipe drift apart.
    Both are read back from files so that only what a file holds is compared."""
    from qgis.core import QgsProcessingModelAlgorithm

    from scripts.make_model import MODEL_PATH, build_model

    fresh_path = tmp_path / "fresh.model3"
    assert build_model().toFile(str(fresh_path))
    shipped, fresh = QgsProcessingModelAlgorithm(), QgsProcessingModelAlgorithm()
    assert shipped.fromFile(str(MODEL_PATH))
    assert fresh.fromFile(str(fresh_path))
    assert _essence(fresh) == _essence(shipped)
