"""The plugin installed into an empty QGIS profile and driven from the command line.

Installs the release zip made by qgis-plugin-ci (not the checkout) and runs
``qgis_process.bin`` (QGIS's own Python, not this venv), so it proves the packaged plugin
imports as one ``dspt_qgis`` folder and needs nothing from the checkout.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import zipfile
from pathlib import Path

import pytest

from scripts.package_plugin import metadata_version, package
from tests import hand_method
from tests.integration.cases import (
    ALGORITHMS,
    MODEL_OUTPUTS,
    every_output_into,
    inputs_in_geopackage,
)
from tests.prerequisites import unavailable

QGIS_PROCESS = shutil.which("qgis_process.bin") or "/usr/bin/qgis_process.bin"


@pytest.fixture(scope="module")
def plugin_zip(tmp_path_factory) -> Path:
    """The release zip, built by qgis-plugin-ci as `make package` does (from the working
    tree, so the tests see the code under change; `make package` takes HEAD). In another
    QGIS's Debian root (scripts/test_in_root.sh) the host builds it: DSPT_PLUGIN_ZIP."""
    if os.environ.get("DSPT_PLUGIN_ZIP"):
        return Path(os.environ["DSPT_PLUGIN_ZIP"])
    return package(metadata_version(), tmp_path_factory.mktemp("dist"), committed=False)


@pytest.fixture(scope="module")
def profile(tmp_path_factory, plugin_zip):
    """An empty QGIS profile with the release zip unpacked into it and the plugin enabled."""
    if not os.path.exists(QGIS_PROCESS):
        unavailable("qgis_process.bin not installed (run `make setup`)")
    root = tmp_path_factory.mktemp("profile")
    plugins = root / "profiles" / "default" / "python" / "plugins"
    plugins.mkdir(parents=True)
    with zipfile.ZipFile(plugin_zip) as archive:
        archive.extractall(plugins)
    env = {**os.environ, "QGIS_CUSTOM_CONFIG_PATH": str(root), "QT_QPA_PLATFORM": "offscreen"}
    env.pop("PYTHONPATH", None)
    subprocess.run(
        [QGIS_PROCESS, "plugins", "enable", "dspt_qgis"], env=env, check=True, capture_output=True
    )
    return env


def qgis_process(env, *args) -> subprocess.CompletedProcess:
    return subprocess.run(
        [QGIS_PROCESS, *args], env=env, capture_output=True, text=True, timeout=120
    )


def run_json(env, algorithm: str, **parameters) -> dict:
    arguments = [f"{key}={value}" for key, value in parameters.items()]
    done = qgis_process(env, "--json", "run", f"dspt:{algorithm}", "--", *arguments)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    return json.loads(done.stdout[done.stdout.index("{") :])["results"]


def test_list_shows_every_algorithm_and_the_model(profile):
    listing = qgis_process(profile, "list").stdout
    for name in [*ALGORITHMS, "dsptmethod"]:
        assert f"dspt:{name}" in listing


@pytest.mark.parametrize("name", ALGORITHMS)
def test_each_algorithm_runs_from_the_command_line(profile, inputs, tmp_path, name):
    """Each algorithm of the table on its samples, saved as files as a script gives them:
    it ends well and writes every output."""
    parameters, _ = inputs[name]
    saved = inputs_in_geopackage(tmp_path / "inputs.gpkg", parameters)
    outputs = every_output_into(tmp_path / "out", name)
    (tmp_path / "out").mkdir()
    arguments = [
        f"{key}={item}"
        for key, value in {**saved, **outputs}.items()
        for item in (value if isinstance(value, list) else [value])
    ]
    done = qgis_process(profile, "--json", "run", f"dspt:{name}", "--", *arguments)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(
        Path(path).name for path in outputs.values()
    )


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    """A small export with ICB codes and trust coordinates, two ICS squares, populations."""
    folder = tmp_path_factory.mktemp("cli")
    (folder / "export.csv").write_text(
        "Code,Organisation Name,Status,Primary Sector,ICB,lat,long\n"
        "QAA,NHS London ICB,22/23 Standards Met,CCG / Integrated Care Board (ICB),QAA,,\n"
        "QBB,NHS Manchester ICB,22/23 Standards Exceeded,CCG / Integrated Care Board (ICB),QBB,,\n"
        "R01,London Trust,22/23 Approaching Standards,NHS Trust,QAA,51.5,-0.12\n"
        "R02,Manchester Trust,22/23 Standards Met,NHS Trust,QBB,53.47,-2.23\n"
        "R03,Far Trust,Not Published,NHS Trust,QBB,50.0,-5.0\n",
        encoding="cp1252",
    )
    squares = {"QAA": (-0.5, 51.3), "QBB": (-2.6, 53.2)}
    (folder / "ics.geojson").write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "properties": {"ics": code},
                        "geometry": {
                            "type": "Polygon",
                            "coordinates": [
                                [[x, y], [x + 1, y], [x + 1, y + 0.6], [x, y + 0.6], [x, y]]
                            ],
                        },
                    }
                    for code, (x, y) in squares.items()
                ],
            }
        )
    )
    (folder / "population.csv").write_text("icb,patients\nQAA,1000\nQBB,2500\n")
    return folder


def test_every_algorithm_runs_from_the_command_line(profile, files):
    out = files / "out"
    out.mkdir()
    statuses = run_json(
        profile, "importexport", INPUT=files / "export.csv", OUTPUT=out / "statuses.gpkg"
    )["OUTPUT"]
    joined = run_json(
        profile,
        "joinstatus",
        INPUT=files / "ics.geojson",
        FIELD="ics",
        DSPT=statuses,
        OUTPUT=out / "joined.gpkg",
        UNMATCHED=out / "unmatched.csv",
    )
    assert "R01" in (out / "unmatched.csv").read_text()
    points = run_json(
        profile,
        "locateorganisations",
        INPUT=f"{statuses}|subset=\"sector\"='Trust'",
        LATITUDE_FIELD="lat",
        LONGITUDE_FIELD="long",
        OUTPUT=out / "points.gpkg",
    )["OUTPUT"]
    run_json(
        profile,
        "icscomposite",
        ICS=files / "ics.geojson",
        ICS_FIELD="ics",
        COMMISSIONERS=f"{statuses}|subset=\"sector\"='Commissioner'",
        COMMISSIONER_ICS_FIELD="ICB",
        TRUSTS=points,
        OUTPUT=out / "composite.gpkg",
        UNMATCHED=out / "not_counted.csv",
    )
    assert "outside every ICS polygon" in (out / "not_counted.csv").read_text()
    run_json(
        profile,
        "trustproportions",
        ICS=files / "ics.geojson",
        ICS_FIELD="ics",
        TRUSTS=points,
        POPULATION=files / "population.csv",
        POPULATION_ICS_FIELD="icb",
        POPULATION_FIELD="patients",
        OUTPUT=out / "proportions.gpkg",
    )
    run_json(
        profile,
        "summarytable",
        INPUT=statuses,
        OUTPUT=out / "summary.csv",
        OUTPUT_HTML=out / "summary.html",
    )
    assert joined["OUTPUT"]
    assert "Total" in (out / "summary.csv").read_text()
    with sqlite3.connect(out / "composite.gpkg") as db:
        scores = dict(db.execute("select ics, composite_score from composite"))
        styles = db.execute("select useAsDefault, styleQML from layer_styles").fetchall()
    assert scores["QAA"] == pytest.approx(0.5 * 1 + 0.5 * -1)
    assert scores["QBB"] == pytest.approx(0.5 * 3 + 0.5 * 1)  # R03 lies outside both squares
    assert styles[0][0] == 1
    assert "graduatedSymbol" in styles[0][1]
    with sqlite3.connect(out / "proportions.gpkg") as db:
        assert dict(db.execute("select ics, population from proportions")) == {
            "QAA": 1000,
            "QBB": 2500,
        }


def test_table_files_gdal_cannot_open_are_read_from_the_command_line(profile, files, tmp_path):
    """A population table saved by Excel as Unicode text (UTF-16, tabs, a title row) and
    one on a workbook's second sheet: QGIS's own check of the inputs lets them through and
    the core reads them (issue 29)."""
    import openpyxl

    (tmp_path / "ccgs.csv").write_text(
        "code,ics,status\nC1,QAA,Standards Met\nC2,QAA,Standards Exceeded\n", encoding="utf-8"
    )
    (tmp_path / "trusts.csv").write_text("code,ics,status\nT1,QAA,Standards Met\n")
    unicode_text = tmp_path / "population.txt"
    unicode_text.write_bytes(
        "Registered patients\r\n\r\ncode\tpatients\r\nC1\t300\r\nC2\t100\r\n".encode("utf-16")
    )
    workbook = tmp_path / "population.xlsx"
    book = openpyxl.Workbook()
    book.active.title = "Notes"
    book.active.append(["Registered patients by CCG"])
    book.create_sheet("Data").append(["code", "patients"])
    for row in (["C1", 300], ["C2", 100]):
        book["Data"].append(row)
    book.save(workbook)
    for population in (unicode_text, workbook):
        run_json(
            profile,
            "icscomposite",
            ICS=files / "ics.geojson",
            ICS_FIELD="ics",
            COMMISSIONERS=tmp_path / "ccgs.csv",
            COMMISSIONER_ICS_FIELD="ics",
            TRUSTS=tmp_path / "trusts.csv",
            TRUST_ICS_FIELD="ics",
            POPULATION=population,
            POPULATION_CODE_FIELD="code",
            POPULATION_VALUE_FIELD="patients",
            OUTPUT=tmp_path / "composite.gpkg",
        )
        with sqlite3.connect(tmp_path / "composite.gpkg") as db:
            scores = dict(db.execute("select ics, commissioner_score from composite"))
        assert scores["QAA"] == pytest.approx((1 * 300 + 3 * 100) / 400)


def test_all_six_on_the_2020_21_sample(profile, shared_data, tmp_path):
    data = shared_data
    statuses = run_json(
        profile,
        "importexport",
        INPUT=data / "dspt/2020_21/curated_dspt_20220208.csv",
        EDITION="20/21",
        OUTPUT=tmp_path / "statuses.gpkg",
    )["OUTPUT"]
    commissioners = f"{statuses}|subset=\"sector\"='Commissioner'"
    trusts = f"{statuses}|subset=\"sector\"='Trust'"
    ccgs = run_json(
        profile,
        "joinstatus",
        INPUT=data / "boundaries/ccg_april2020.geojson",
        FIELD="CCG20CDH",
        DSPT=commissioners,
        OUTPUT=tmp_path / "ccgs.gpkg",
        UNMATCHED=tmp_path / "unmatched.csv",
    )["OUTPUT"]
    points = run_json(
        profile,
        "locateorganisations",
        INPUT=trusts,
        LATITUDE_FIELD="latitude",
        LONGITUDE_FIELD="longitude",
        OUTPUT=tmp_path / "trusts.gpkg",
    )["OUTPUT"]
    run_json(
        profile,
        "icscomposite",
        ICS=data / "boundaries/stp_april2020.geojson",
        ICS_FIELD="STP20CD",
        COMMISSIONERS=ccgs,
        COMMISSIONER_ICS_FIELD="STP20CD",
        TRUSTS=points,
        TRUST_ICS_FIELD="STP20CD",
        OUTPUT=tmp_path / "composite.gpkg",
    )
    run_json(
        profile,
        "trustproportions",
        ICS=data / "boundaries/stp_april2020.geojson",
        ICS_FIELD="STP20CD",
        TRUSTS=points,
        TRUST_ICS_FIELD="STP20CD",
        OUTPUT=tmp_path / "proportions.gpkg",
    )
    run_json(profile, "summarytable", INPUT=statuses, OUTPUT=tmp_path / "summary.csv")
    with sqlite3.connect(tmp_path / "composite.gpkg") as db:
        got = dict(db.execute("select STP20CD, composite_score from composite"))
    assert got == pytest.approx(hand_method.composites_2020_21(shared_data))
    with sqlite3.connect(tmp_path / "proportions.gpkg") as db:
        assert db.execute("select sum(n_trusts) from proportions").fetchone()[0] == 216
    assert (tmp_path / "unmatched.csv").read_text().count(
        "\n"
    ) == 1  # header only: all 135 CCGs joined
    assert "Total" in (tmp_path / "summary.csv").read_text()


def test_help_lists_the_model_outputs(profile):
    """Each output by the name to give it on the command line, and its description."""
    done = qgis_process(profile, "help", "dspt:dsptmethod")
    section = done.stdout.split("Outputs\n----------------\n")[1].strip().splitlines()
    listed = {
        name.split(": <")[0]: description.strip()
        for name, description in zip(section[::2], section[1::2])
    }
    assert listed == MODEL_OUTPUTS


def test_the_model_runs_from_the_command_line(profile, shared_data, tmp_path):
    """Every output given by its model name; left out or misspelt, the message names the
    model's outputs (never a step's own key, OUTPUT)."""
    data = shared_data
    inputs = [
        f"export={data / 'dspt/2020_21/curated_dspt_20220208.csv'}",
        "edition=20/21",
        f"commissioner_layer={data / 'boundaries/ccg_april2020.geojson'}",
        "commissioner_code=CCG20CDH",
        "commissioner_ics=STP20CD",
        f"ics_layer={data / 'boundaries/stp_april2020.geojson'}",
        "ics_code=STP20CD",
        "trust_ics_field=STP20CD",
    ]
    outputs = [
        f"{name}=TEMPORARY_OUTPUT" for name in MODEL_OUTPUTS if name != "summary:Summary report"
    ]
    outputs[outputs.index("composite:ICS composite=TEMPORARY_OUTPUT")] = (
        f"composite:ICS composite={tmp_path / 'composite.gpkg'}"
    )
    left_out = qgis_process(profile, "run", "dspt:dsptmethod", "--", *inputs)
    assert left_out.returncode != 0
    assert "composite:ICS composite" in left_out.stdout + left_out.stderr
    assert "for OUTPUT" not in left_out.stdout + left_out.stderr
    misspelt = qgis_process(
        profile, "run", "dspt:dsptmethod", "--", *inputs, *outputs, "OUTPUT_COMPOSIT=x.gpkg"
    )
    assert misspelt.returncode != 0
    assert "The model has no parameter 'OUTPUT_COMPOSIT'" in misspelt.stdout + misspelt.stderr
    assert all(f"'{name}'" in misspelt.stdout + misspelt.stderr for name in MODEL_OUTPUTS)
    assert not (tmp_path / "composite.gpkg").exists()
    done = qgis_process(profile, "--json", "run", "dspt:dsptmethod", "--", *inputs, *outputs)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    results = json.loads(done.stdout[done.stdout.index("{") :])["results"]
    assert results["composite:ICS composite"] == str(tmp_path / "composite.gpkg")
    with sqlite3.connect(tmp_path / "composite.gpkg") as db:
        got = dict(db.execute("select STP20CD, composite_score from composite"))
    assert got == pytest.approx(hand_method.composites_2020_21(shared_data))


def test_ods_membership_and_closures_from_the_command_line(profile, tmp_path):
    """Header-less ODS files -> close dates for the import and each trust's ICS."""

    def ods_line(code: str, ics: str, closed: str = "") -> str:
        return ",".join(
            [
                f'"{code}"',
                '"A TRUST"',
                '"Y62"',
                f'"{ics}"',
                '"1, HIGH ST"',
                *['""'] * 4,
                '"LS1 1AA"',
                '"20020401"',
                f'"{closed}"',
                *['""'] * 15,
            ]
        )

    (tmp_path / "etr.csv").write_text(
        "\n".join([ods_line("R01", "QOP"), ods_line("R02", "QWO", "20220331")]) + "\n"
    )
    (tmp_path / "trusts.csv").write_text("Code,Status\nR01,21/22 Standards Met\nR02,#N/A\n")
    (tmp_path / "lookup.csv").write_text("STP21CDH,STP21CD\nQOP,E54000007\nQWO,E54000054\n")
    ods = run_json(profile, "readods", INPUT=tmp_path / "etr.csv", OUTPUT=tmp_path / "ods.gpkg")[
        "OUTPUT"
    ]
    statuses = run_json(
        profile,
        "importexport",
        INPUT=tmp_path / "trusts.csv",
        CLOSURES=ods,
        OUTPUT=tmp_path / "statuses.gpkg",
        REPORT=tmp_path / "report.csv",
    )["OUTPUT"]
    assert "closed on 2022-03-31" in (tmp_path / "report.csv").read_text()
    run_json(
        profile,
        "odsmembership",
        INPUT=statuses,
        ODS=ods,
        LOOKUP=tmp_path / "lookup.csv",
        LOOKUP_FROM="STP21CDH",
        LOOKUP_TO="STP21CD",
        OUTPUT=tmp_path / "members.gpkg",
    )
    with sqlite3.connect(tmp_path / "members.gpkg") as db:
        assert db.execute("select code, ics_code from members").fetchall() == [("R01", "E54000007")]


def test_editions_and_geographies_over_time_from_the_command_line(profile, shared_data, tmp_path):
    """2022/23 ICB statuses onto the April 2026 ICBs, and trusts 2020/21 -> 2022/23."""
    data = shared_data
    icbs = run_json(
        profile,
        "importexport",
        INPUT=data / "dspt/2022_23/icb_snapshot_20231116.csv",
        OUTPUT=tmp_path / "icbs.gpkg",
    )["OUTPUT"]
    run_json(
        profile,
        "crosswalk",
        INPUT=icbs,
        OLD_LOOKUP=data / "lookups/sicbl23_icb23_nhser23.csv",
        OLD_AREA_FIELD="SICBL23CDH",
        OLD_CODE_FIELD="ICB23CDH",
        NEW_LOOKUP=data / "lookups/sicbl26_icb26_nhser26.csv",
        NEW_AREA_FIELD="SICBL26CDH",
        NEW_ICS_FIELD="ICB26CD",
        WEIGHT_FIELD="registered_patients",
        OLD_AREAS=data / "boundaries/sub_icb_locations_july2022.geojson",
        OLD_AREAS_FIELD="SICBL22CDH",
        NEW_ICS=data / "boundaries/icb_april2026.geojson",
        NEW_ICS_CODE_FIELD="ICB26CD",
        OUTPUT=tmp_path / "areas.csv",
        OUTPUT_SHARES=tmp_path / "shares.csv",
    )
    areas = {row["code"]: row for row in hand_method.read_rows(tmp_path / "areas.csv")}
    assert len(areas) == 106
    assert areas["U2G6B"]["status_code"] == "QNQ"  # the former Frimley ICB
    before = run_json(
        profile,
        "importexport",
        INPUT=data / "dspt/2020_21/curated_dspt_20220208.csv",
        OUTPUT=tmp_path / "before.gpkg",
    )["OUTPUT"]
    after = run_json(
        profile,
        "importexport",
        INPUT=data / "dspt/2022_23/trusts_snapshot_20231116.csv",
        OUTPUT=tmp_path / "after.gpkg",
    )["OUTPUT"]
    run_json(
        profile,
        "compareeditions",
        BEFORE=f"{before}|subset=\"sector\"='Trust'",
        AFTER=after,
        SUCCESSORS=data / "dspt/2020_21/curated_dspt_20220208.csv",
        SUCCESSORS_OLD_FIELD="Code",
        SUCCESSORS_NEW_FIELD="Successor.Code",
        OUTPUT=tmp_path / "change.csv",
    )
    directions, _ = hand_method.trust_change_2020_21_to_2022_23(data)
    got: dict[str, int] = {}
    for row in hand_method.read_rows(tmp_path / "change.csv"):
        got[row["direction"]] = got.get(row["direction"], 0) + 1
    assert got == {d: n for d, n in directions.items() if n}


@pytest.mark.parametrize("name", ["dsptmethod", "importexport"])
def test_the_documented_run_example_runs(profile, dspt_provider, shared_data, tmp_path, name):
    """A page's ``qgis_process`` example run in a shell as the page says: the sample data
    as a folder ``data`` in the current folder, ``qgis_process.bin`` for ``qgis_process``.
    QGIS 3.22 refuses a run that leaves out a required input, even one with a default, or
    a required output; the optional outputs may be left out."""
    from qgis.core import QgsProcessingParameterDefinition, QgsVectorLayer

    from scripts.docs_declarations import read_provider
    from scripts.docs_pages import qgis_process_example

    (doc,) = [doc for doc in read_provider(dspt_provider) if doc.name == name]
    command = qgis_process_example(doc)
    assert command.startswith("qgis_process run ")
    (tmp_path / "data").symlink_to(shared_data, target_is_directory=True)
    done = subprocess.run(
        ["sh", "-c", QGIS_PROCESS + command.removeprefix("qgis_process")],
        cwd=tmp_path,
        env=profile,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    optional = QgsProcessingParameterDefinition.FlagOptional
    written = dspt_provider.algorithm(name).destinationParameterDefinitions()
    made = [path for path in tmp_path.iterdir() if path.name != "data"]
    assert len(made) == len([d for d in written if not d.flags() & optional])
    if name == "dsptmethod":
        composite = QgsVectorLayer(str(tmp_path / "ics_composite.gpkg"), "composite", "ogr")
        scores = {f["STP20CD"]: f["composite_score"] for f in composite.getFeatures()}
        assert scores == pytest.approx(hand_method.composites_2020_21(shared_data))


def test_bad_input_fails_with_the_reason(profile, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("Code,Status\nA,20/21 Brilliant\n")
    done = qgis_process(
        profile,
        "run",
        "dspt:importexport",
        "--",
        f"INPUT={bad}",
        f"OUTPUT={tmp_path / 'x.gpkg'}",
    )
    assert done.returncode != 0
    assert "'20/21 Brilliant': row 2" in done.stdout + done.stderr
    assert not (tmp_path / "x.gpkg").exists()
