"""Every table input reads a CSV or workbook file with the core's one reader (issue 29).

A population table saved by Excel as UTF-16 is read, not "not found"; a workbook whose
first sheet holds notes is read from the sheet holding the fields picked; title rows above
the header are left out and the log says which row was the header; a complete last row typed
by hand under Excel's empty columns is kept; rows are named as the file numbers them, and a
file holding none of the fields names every sheet and what it holds. Each table input of
every algorithm is checked the same way: the table written as a file, in shapes drawn by
hypothesis (encodings, separators, line ends, title rows, empty columns, workbooks with
sheets in any order), gives what the same table gives as a layer.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from qgis.core import QgsProcessingException, QgsProject, QgsVectorLayer

from dspt_qgis.processing_algs.support.reading import python_value
from tests.integration.conftest import square
from tests.integration.dialog import RecordingFeedback
from tests.table_files import Shape, csv_text, fits, shapes, write_table

TEMP = "TEMPORARY_OUTPUT"
#: The published scores, written out here rather than taken from the code under test.
SCORE = {"Standards Exceeded": 3, "Standards Met": 1, "Approaching Standards": -1}
FEW = settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def attributes(layer: QgsVectorLayer) -> list[dict]:
    """A layer's rows, numbers compared as numbers (text from a file, numbers from a layer)."""

    def plain(value: object) -> object:
        value = python_value(value)
        try:
            return float(value)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return value

    names = layer.fields().names()
    return sorted(
        ({n: plain(v) for n, v in zip(names, f.attributes())} for f in layer.getFeatures()),
        key=repr,
    )


def table_of(layer: QgsVectorLayer) -> tuple[list[str], list[list[str | int]]]:
    """A table layer's header and rows as a file would hold them (whole numbers as numbers)."""
    rows = []
    for feature in layer.getFeatures():
        cells = []
        for value in map(python_value, feature.attributes()):
            whole = isinstance(value, float) and value.is_integer()
            cells.append("" if value is None else int(value) if whole else value)
        rows.append([c if isinstance(c, int) else str(c) for c in cells])
    return list(layer.fields().names()), rows


@pytest.fixture
def logged(dspt_provider):
    from qgis import processing

    def run(name: str, parameters: dict) -> tuple[dict, RecordingFeedback]:
        feedback = RecordingFeedback()
        return processing.run(f"dspt:{name}", parameters, feedback=feedback), feedback

    return run


def optional_tables(table) -> dict[str, dict]:
    """Each optional table input, with its picks, added to one algorithm's parameters."""
    return {
        "icscomposite": {
            "POPULATION": table(
                {"code": "string", "patients": "integer"}, {"code": "00L", "patients": 900}
            ),
            "POPULATION_CODE_FIELD": "code",
            "POPULATION_VALUE_FIELD": "patients",
        },
        "trustproportions": {
            "POPULATION": table(
                {"ics": "string", "people": "integer"},
                {"ics": "Q1", "people": 5000},
                {"ics": "Q2", "people": 7000},
            ),
            "POPULATION_ICS_FIELD": "ics",
            "POPULATION_VALUE_FIELD": "people",
        },
        "joinstatus": {
            "LOOKUP": table({"from": "string", "to": "string"}, {"from": "00L", "to": "RA1"}),
            "LOOKUP_FROM": "from",
            "LOOKUP_TO": "to",
        },
        "importexport": {
            "CLOSURES": table(
                {"code": "string", "close_date": "string"},
                {"code": "RZ9", "close_date": "2021-03-31"},
            )
        },
        "compareeditions": {
            "SUCCESSORS": table({"old": "string", "new": "string"}, {"old": "00L", "new": "RA1"}),
            "SUCCESSORS_OLD_FIELD": "old",
            "SUCCESSORS_NEW_FIELD": "new",
        },
        "crosswalk": {
            "OLD_LOOKUP": table({"area": "string", "org": "string"}, {"area": "00L", "org": "00L"}),
            "OLD_AREA_FIELD": "area",
            "OLD_CODE_FIELD": "org",
        },
        "odsmembership": {
            "LOOKUP": table({"ods": "string", "ons": "string"}, {"ods": "Q1", "ons": "E54000001"}),
            "LOOKUP_FROM": "ods",
            "LOOKUP_TO": "ons",
        },
    }


def sides_as_tables(table, ics) -> dict[str, dict]:
    """Commissioners and trusts as tables with ICS fields, weighted by population and tier."""
    commissioners = table(
        {"code": "string", "ics": "string", "status": "string", "patients": "integer"},
        {"code": "00L", "ics": "Q1", "status": "Standards Met", "patients": 300},
        {"code": "00N", "ics": "Q1", "status": "Standards Exceeded", "patients": 100},
        {"code": "00P", "ics": "Q2", "status": "Approaching Standards", "patients": 50},
    )
    trusts = table(
        {"code": "string", "ics": "string", "status": "string", "tier": "integer"},
        {"code": "RA1", "ics": "Q1", "status": "Standards Met", "tier": 1},
        {"code": "RB2", "ics": "Q1", "status": "Standards Not Met", "tier": 3},
        {"code": "RC3", "ics": "Q2", "status": "Standards Met", "tier": 2},
    )
    shared = {"ICS": ics, "ICS_FIELD": "ics", "TRUSTS": trusts, "TRUST_ICS_FIELD": "ics"}
    return {
        "icscomposite:sides as tables, weighted": {
            **shared,
            "COMMISSIONERS": commissioners,
            "COMMISSIONER_ICS_FIELD": "ics",
            "COMMISSIONER_POPULATION_FIELD": "patients",
            "TRUST_WEIGHT_FIELD": "tier",
        },
        "trustproportions:trusts as a table": shared,
    }


def located_by_postcode(table) -> dict:
    """Organisations placed by postcode through a postcode lookup (both tables)."""
    return {
        "INPUT": table(
            {"code": "string", "postcode": "string"},
            {"code": "RA1", "postcode": "LS1 4AP"},
            {"code": "RB2", "postcode": "m13 9wl"},
        ),
        "POSTCODE_FIELD": "postcode",
        "POSTCODE_LOOKUP": table(
            {"pcd": "string", "lat": "double", "long": "double"},
            {"pcd": "LS1 4AP", "lat": 53.8, "long": -1.55},
            {"pcd": "M13 9WL", "lat": 53.46, "long": -2.23},
        ),
        "LOOKUP_POSTCODE_FIELD": "pcd",
        "LOOKUP_LATITUDE_FIELD": "lat",
        "LOOKUP_LONGITUDE_FIELD": "long",
    }


@pytest.fixture
def with_optional_tables(inputs, make_layer):
    """The runnable parameters of every algorithm (the shared ``inputs``) with each optional
    table input added to one, and more cases: case name ("algorithm:variant") -> parameters."""

    def table(fields: dict[str, str], *rows: dict) -> QgsVectorLayer:
        return make_layer("None", fields, [(None, row) for row in rows], name="table")

    cases = {name: dict(parameters) for name, (parameters, _) in inputs.items()}
    for name, added in optional_tables(table).items():
        cases[name] |= added
    cases |= sides_as_tables(table, inputs["icscomposite"][0]["ICS"])
    cases["locateorganisations"] = located_by_postcode(table)
    return cases


#: Every table input (a layer of any kind, no geometry needed) of every algorithm with a
#: feature output, as (case of ``with_optional_tables``, key); the web report's summary
#: table and the atlas's change and trend tables are other tools' outputs read by field
#: name and are tested with those tools.
TABLE_INPUTS = (
    ("compareeditions", "BEFORE"),
    ("compareeditions", "SUCCESSORS"),
    ("crosswalk", "INPUT"),
    ("crosswalk", "OLD_LOOKUP"),
    ("crosswalk", "NEW_LOOKUP"),
    ("icscomposite", "POPULATION"),
    ("importexport", "CLOSURES"),
    ("joinstatus", "DSPT"),
    ("joinstatus", "LOOKUP"),
    ("locateorganisations", "INPUT"),
    ("locateorganisations", "POSTCODE_LOOKUP"),
    ("odsmembership", "INPUT"),
    ("odsmembership", "ODS"),
    ("odsmembership", "LOOKUP"),
    ("summarytable", "INPUT"),
    ("trustproportions", "POPULATION"),
    ("icscomposite:sides as tables, weighted", "COMMISSIONERS"),
    ("icscomposite:sides as tables, weighted", "TRUSTS"),
    ("trustproportions:trusts as a table", "TRUSTS"),
)


@pytest.mark.parametrize(("name", "key"), TABLE_INPUTS)
def test_a_table_input_reads_a_file_as_the_same_table_in_a_layer(
    run, with_optional_tables, name, key
):
    parameters = with_optional_tables[name]
    name = name.split(":")[0]
    expected = attributes(run(name, {**parameters, "OUTPUT": TEMP})["OUTPUT"])
    header, rows = table_of(parameters[key])

    @FEW
    @given(shape=shapes())
    def read_as_written(shape: Shape) -> None:
        assume(shape.workbook or fits(csv_text(header, rows, shape), shape.encoding))
        with tempfile.TemporaryDirectory() as folder:
            written = write_table(Path(folder), key.lower(), header, rows, shape)
            got = run(name, {**parameters, key: str(written.path), "OUTPUT": TEMP})
        assert attributes(got["OUTPUT"]) == expected

    read_as_written()


#: The column of each table input holding the code of what each row is about, as its
#: sample table names it: notes written into the file are told from rows by it. The
#: summary table's input has no code, the postcode lookup postcodes.
CODE_COLUMNS = {
    ("compareeditions", "BEFORE"): "code",
    ("compareeditions", "SUCCESSORS"): "old",
    ("crosswalk", "INPUT"): "code",
    ("crosswalk", "OLD_LOOKUP"): "area",
    ("crosswalk", "NEW_LOOKUP"): "area",
    ("icscomposite", "POPULATION"): "code",
    ("importexport", "CLOSURES"): "code",
    ("joinstatus", "DSPT"): "code",
    ("joinstatus", "LOOKUP"): "from",
    ("locateorganisations", "INPUT"): "code",
    ("odsmembership", "INPUT"): "code",
    ("odsmembership", "ODS"): "code",
    ("odsmembership", "LOOKUP"): "ods",
    ("trustproportions", "POPULATION"): "ics",
    ("icscomposite:sides as tables, weighted", "COMMISSIONERS"): "code",
    ("icscomposite:sides as tables, weighted", "TRUSTS"): "code",
    ("trustproportions:trusts as a table", "TRUSTS"): "code",
}
NOTES = st.sampled_from(
    [
        "Source: NHS England DSPT portal, downloaded 16/11/2023",
        "Note: blank means not published",
        "© Crown copyright",
        "Total: 3",
    ]
)


@pytest.mark.parametrize(("name", "key"), sorted(CODE_COLUMNS))
def test_a_table_input_leaves_out_notes_and_stops_at_text_among_its_rows(
    run, logged, with_optional_tables, name, key
):
    """Notes above or below a table file's rows, in its code column, are left out and named
    in the log (the result is the layer's); one between rows stops the run naming its row."""
    parameters = with_optional_tables[name]
    header, rows = table_of(parameters[key])
    at = header.index(CODE_COLUMNS[name, key])
    name = name.split(":")[0]
    expected = attributes(run(name, {**parameters, "OUTPUT": TEMP})["OUTPUT"])

    @FEW
    @given(shape=shapes(), text=NOTES, data=st.data())
    def notes_in(shape: Shape, text: str, data: st.DataObject) -> None:
        note = ["" if i != at else text for i in range(len(header))]
        place = data.draw(st.sampled_from(sorted({0, len(rows), *range(1, len(rows))})))
        lines = [*rows[:place], note, *rows[place:]]
        assume(shape.workbook or fits(csv_text(header, lines, shape), shape.encoding))
        with tempfile.TemporaryDirectory() as folder:
            written = write_table(Path(folder), key.lower(), header, lines, shape)
            number = written.header_row + 1 + place
            given = {**parameters, key: str(written.path), "OUTPUT": TEMP}
            if 0 < place < len(rows):
                with pytest.raises(QgsProcessingException, match=rf"row {number} holds"):
                    run(name, given)
                return
            got, log = logged(name, given)
        assert attributes(got["OUTPUT"]) == expected
        assert any(f"row {number} is a note" in w for w in log.warnings), log.warnings

    notes_in()


def test_the_table_inputs_are_every_table_input(dspt_provider):
    """No algorithm gains a table input this file does not check (model and report aside)."""
    from qgis.core import QgsProcessing, QgsProcessingParameterFeatureSource

    found = {
        (algorithm.name(), definition.name())
        for algorithm in dspt_provider.algorithms()
        for definition in algorithm.parameterDefinitions()
        if isinstance(definition, QgsProcessingParameterFeatureSource)
        and definition.dataTypes() == [QgsProcessing.TypeVector]
    }
    others = {
        ("importexport", "INPUT"),  # the export: the tests below and test_input_classes
        ("webreport", "SUMMARY"),
        ("icsatlas", "CHANGE"),
        ("icsatlas", "TREND"),
        ("dsptmethod", "population_table"),  # the model's, given on to dspt:icscomposite
        ("icsatlas", "COMMISSIONERS"),  # the sides as in dspt:icscomposite
        ("icsatlas", "TRUSTS"),
        ("compareeditions", "AFTER"),  # read as BEFORE is
        # the composite's own inputs, declared once (support/composite_inputs.py) and read
        # as dspt:icscomposite reads them: tested there, with a composite made from them
        ("improvementgains", "COMMISSIONERS"),
        ("improvementgains", "TRUSTS"),
        ("improvementgains", "POPULATION"),
        ("icsatlas", "GAINS"),  # dspt:improvementgains's output, read by field name
        ("webreport", "GAINS"),
    }
    assert found - others == {(name.split(":")[0], key) for name, key in TABLE_INPUTS}


@pytest.fixture
def one_ics(make_layer):
    ics = make_layer("Polygon", {"ics": "string"}, [(square(0, 0), {"ics": "Q1"})], name="ICS")
    trusts = make_layer(
        "None",
        {"code": "string", "ics": "string", "status": "string"},
        [(None, {"code": "T1", "ics": "Q1", "status": "Standards Met"})],
        name="Trusts",
    )
    return {"ICS": ics, "ICS_FIELD": "ics", "TRUSTS": trusts, "TRUST_ICS_FIELD": "ics"}


populations = st.lists(
    st.tuples(st.sampled_from(list(SCORE)), st.integers(1, 5_000_000)), min_size=1, max_size=5
)


@given(shape=shapes(), people=populations, data=st.data())
@FEW
def test_population_weights_come_from_a_file_of_any_shape(
    logged, make_layer, one_ics, shape, people, data
):
    """The composite weighted by each commissioner's population, computed here by hand."""
    code_name, value_name = data.draw(
        st.sampled_from([("code", "population"), ("ODS Code", "Registered patients")])
    )
    commissioners = make_layer(
        "None",
        {"code": "string", "ics": "string", "status": "string"},
        [(None, {"code": f"0{n}L", "ics": "Q1", "status": s}) for n, (s, _) in enumerate(people)],
        name="CCGs",
    )
    rows = [[f"0{n}L", p, "NHS Somewhere CCG"] for n, (_, p) in enumerate(people)]
    rows = data.draw(st.permutations(rows))
    header = [code_name, value_name, "Name"]
    assume(shape.workbook or fits(csv_text(header, rows, shape), shape.encoding))
    with tempfile.TemporaryDirectory() as folder:
        written = write_table(Path(folder), "populations", header, rows, shape)
        result, log = logged(
            "icscomposite",
            {
                **one_ics,
                "COMMISSIONERS": commissioners,
                "COMMISSIONER_ICS_FIELD": "ics",
                "POPULATION": str(written.path),
                "POPULATION_CODE_FIELD": code_name.upper(),
                "POPULATION_VALUE_FIELD": value_name,
                "OUTPUT": TEMP,
            },
        )
    weighted = sum(SCORE[s] * p for s, p in people) / sum(p for _, p in people)
    (feature,) = result["OUTPUT"].getFeatures()
    assert feature["commissioner_score"] == pytest.approx(weighted)
    assert feature["composite_score"] == pytest.approx(0.5 * weighted + 0.5 * 1)
    if written.header_row > 1:
        assert any(f"the header is row {written.header_row};" in i for i in log.infos)


def ccgs(make_layer) -> QgsVectorLayer:
    return make_layer(
        "None",
        {"code": "string", "ics": "string", "status": "string"},
        [
            (None, {"code": "00L", "ics": "Q1", "status": "Standards Exceeded"}),
            (None, {"code": "00N", "ics": "Q1", "status": "Approaching Standards"}),
        ],
        name="CCGs",
    )


def composite(
    logged, one_ics, commissioners, population, **fields
) -> tuple[float, RecordingFeedback]:
    result, log = logged(
        "icscomposite",
        {
            **one_ics,
            "COMMISSIONERS": commissioners,
            "COMMISSIONER_ICS_FIELD": "ics",
            "POPULATION": population,
            "POPULATION_CODE_FIELD": "code",
            "POPULATION_VALUE_FIELD": "population",
            "OUTPUT": TEMP,
            **fields,
        },
    )
    (feature,) = result["OUTPUT"].getFeatures()
    return feature["commissioner_score"], log


#: 00L (Exceeded, 3) and 00N (Approaching, -1) weighted 3:1 -> (9 - 1) / 4.
WEIGHTED = (3 * 3 + -1 * 1) / 4


def test_a_population_table_saved_by_excel_as_unicode_is_read(
    logged, make_layer, one_ics, tmp_path
):
    """Excel's "Unicode text": UTF-16 with a BOM, tab separated. QGIS cannot open it."""
    path = tmp_path / "population.txt"
    path.write_bytes("code\tpopulation\r\n00L\t300\r\n00N\t100\r\n".encode("utf-16"))
    assert not QgsVectorLayer(str(path), "check", "ogr").isValid()
    score, _ = composite(logged, one_ics, ccgs(make_layer), str(path))
    assert score == pytest.approx(WEIGHTED)


def notes_first_workbook(path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = "Notes"
    book.active.append(["Registered patients, 1 January 2021"])
    book.active.append(["Source: NHS Digital"])
    data = book.create_sheet("Data")
    data.append(["Patients registered at a GP practice"])
    data.append([])
    data.append(["code", "name", "population"])
    data.append(["00L", "NHS Northumberland CCG", 300])
    data.append(["00N", "NHS South Tyneside CCG", 100])
    book.save(path)


@pytest.mark.parametrize("given_as", ["path", "project layer"])
def test_a_workbook_whose_first_sheet_holds_notes_is_read_from_its_data_sheet(
    logged, make_layer, one_ics, tmp_path, given_as
):
    path = tmp_path / "population.xlsx"
    notes_first_workbook(path)
    layer = QgsVectorLayer(str(path), "population", "ogr")  # QGIS opens the Notes sheet
    assert layer.isValid()
    assert "code" not in layer.fields().names()
    QgsProject.instance().addMapLayer(layer)
    try:
        value = str(path) if given_as == "path" else layer
        score, log = composite(logged, one_ics, ccgs(make_layer), value)
    finally:
        QgsProject.instance().removeMapLayer(layer.id())
    assert score == pytest.approx(WEIGHTED)
    assert any("read sheet 'Data'" in info for info in log.infos)
    assert any("Data in population.xlsx: the header is row 3;" in info for info in log.infos)


def test_a_row_of_a_workbook_table_is_named_as_the_sheet_numbers_it(
    logged, make_layer, one_ics, tmp_path
):
    import openpyxl

    path = tmp_path / "population.xlsx"
    notes_first_workbook(path)
    book = openpyxl.load_workbook(path)
    book["Data"]["C5"] = "many"
    book.save(path)
    with pytest.raises(
        QgsProcessingException,
        match=r"file Data in population\.xlsx: population field 'population' is missing or "
        r"not a finite number for 00N \(row 5: 'many'\)",
    ):
        composite(logged, one_ics, ccgs(make_layer), str(path))


def test_no_sheet_with_the_fields_names_the_file_each_sheet_and_its_columns(
    logged, make_layer, one_ics, tmp_path
):
    path = tmp_path / "population.xlsx"
    notes_first_workbook(path)
    with pytest.raises(QgsProcessingException) as error:
        composite(logged, one_ics, ccgs(make_layer), str(path), POPULATION_VALUE_FIELD="patients")
    message = str(error.value)
    assert message.startswith(
        "file population.xlsx: no sheet has the fields 'code' and 'patients' in its first 50 "
        "rows: sheet 'Notes' holds 'Registered patients, 1 January 2021'; sheet 'Data' holds "
        "'code', 'name', 'population'."
    )
    assert "POPULATION" not in message


def test_a_complete_row_typed_under_excel_empty_columns_is_imported(logged, tmp_path):
    """The issue's example: every row but the typed one ends in Excel's empty cells."""
    path = tmp_path / "export.csv"
    path.write_text(
        "Code,Organisation Name,Status,Primary Sector,,,\r\n"
        "00L,NHS One CCG,20/21 Standards Met,CCG,,,\r\n"
        "RA1,Trust A,20/21 Standards Exceeded,NHS Trust\r\n",
        encoding="cp1252",
    )
    result, _ = logged("importexport", {"INPUT": str(path), "EDITION": "20/21", "OUTPUT": TEMP})
    got = {f["code"]: f["status"] for f in result["OUTPUT"].getFeatures()}
    assert got == {"00L": "Standards Met", "RA1": "Standards Exceeded"}


def test_an_export_under_title_rows_names_its_rows_as_the_file_does(logged, tmp_path):
    path = tmp_path / "export.csv"
    path.write_text(
        "DSPT status export; downloaded 8 February 2022\n\n"
        "Code,Status\n00L,20/21 Standards Met\nRA1,20/21 Sort of\n",
        encoding="utf-8",
    )
    with pytest.raises(QgsProcessingException, match=r"'20/21 Sort of': row 5"):
        logged("importexport", {"INPUT": str(path), "OUTPUT": TEMP})


def test_a_layer_with_geometry_from_a_csv_is_read_through_qgis(logged, make_layer, tmp_path):
    """Trust points set up in QGIS from a CSV's coordinates keep their geometry: placed in
    the ICS polygon holding them (no ICS field)."""
    path = tmp_path / "trusts.csv"
    path.write_text("code,status,x,y\nRA1,Standards Met,0.5,0.5\n", encoding="utf-8")
    trusts = QgsVectorLayer(
        f"file://{path}?delimiter=,&xField=x&yField=y&crs=EPSG:4326", "trusts", "delimitedtext"
    )
    assert trusts.isValid()
    assert trusts.isSpatial()
    ics = make_layer("Polygon", {"ics": "string"}, [(square(0, 0), {"ics": "Q1"})], name="ICS")
    result, _ = logged(
        "trustproportions", {"ICS": ics, "ICS_FIELD": "ics", "TRUSTS": trusts, "OUTPUT": TEMP}
    )
    (feature,) = result["OUTPUT"].getFeatures()
    assert feature["n_trusts"] == 1


def test_a_dialog_run_reads_a_file_qgis_cannot_open(
    dspt_provider, make_layer, one_ics, tmp_path, qgis_new_project
):
    """Run as the dialog runs it: QGIS's check of the inputs lets the file through, the
    output loads, and the weights are the file's."""
    from tests.integration.dialog import run_like_dialog

    path = tmp_path / "population.csv"
    path.write_bytes("code;population\n00L;300\n00N;100\n".encode("utf-16-le"))
    parameters = {
        **one_ics,
        "COMMISSIONERS": ccgs(make_layer),
        "COMMISSIONER_ICS_FIELD": "ics",
        "POPULATION": str(path),
        "POPULATION_CODE_FIELD": "code",
        "POPULATION_VALUE_FIELD": "population",
        "OUTPUT": TEMP,
    }
    run = run_like_dialog("dspt:icscomposite", parameters, QgsProject.instance())
    assert run.ok, run.feedback.errors
    (layer,) = run.loaded.values()
    (feature,) = layer.getFeatures()
    assert feature["commissioner_score"] == pytest.approx(WEIGHTED)
    QgsProject.instance().clear()


def test_a_footer_under_the_2022_23_trusts_changes_no_total(logged, shared_data, tmp_path):
    """The review's case through the dialog's tools: the 2022/23 trusts snapshot with a
    blank row and two notes appended, imported for 22/23 and summarised: 211 trusts, as
    published (not 213 with two 'Other' organisations Not Published), the notes named."""
    source = shared_data / "dspt/2022_23/trusts_snapshot_20231116.csv"
    path = tmp_path / "trusts.csv"
    path.write_bytes(
        source.read_bytes()
        + b'\n,"Source: NHS England DSPT portal, downloaded 16/11/2023",,,,,,,,,\n'
        + b",Note: Organisations without a published assessment are shown as blank,,,,,,,,,\n"
    )
    imported, log = logged("importexport", {"INPUT": str(path), "EDITION": "22/23", "OUTPUT": TEMP})
    (said,) = [w for w in log.warnings if "not organisations" in w]
    assert said.startswith(f"file {path}: rows 214, 215 are notes")
    summary, _ = logged("summarytable", {"INPUT": imported["OUTPUT"], "OUTPUT": TEMP})
    rows = {f["sector"]: f for f in summary["OUTPUT"].getFeatures()}
    assert rows["Total"]["total"] == 211
    assert "Other" not in rows
