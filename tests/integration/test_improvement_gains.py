"""What would raise each ICS's composite (``dspt:improvementgains``) and how far its rank
depends on the method (the rank fields of ``dspt:icscomposite``), on the 2020/21 sample.

The oracles are independent of the code under test: each gain is checked by running the
composite again with the organisations' statuses changed in the layers themselves; each
rank range against composites and ranks worked out by hand from the sample files.
"""

from __future__ import annotations

import html
from collections import defaultdict
from dataclasses import dataclass
from statistics import mean

import pytest
from qgis.core import (
    QgsFeatureRequest,
    QgsLayerNotesUtils,
    QgsProcessing,
    QgsProcessingException,
    QgsVectorLayer,
)

from tests import hand_method
from tests.integration.conftest import square
from tests.integration.dialog import RecordingFeedback

EDITION = "20/21"
ICS_FIELD = "STP20CD"
POPULATIONS = {
    "registered_patients": "populations/ccg_april2020_gp_registered_jan2021.csv",
    "resident_population": "populations/ccg_april2020_ons_mid2019.csv",
}


@dataclass(frozen=True)
class Sample:
    """The 2020/21 inputs as layers an analyst would have (opened for one test: QGIS layers
    outliving a module crash QGIS at exit), and what the tools made of them."""

    gpkg: str
    data: object

    def layer(self, table: str, name: str | None = None) -> QgsVectorLayer:
        layer = QgsVectorLayer(
            f"{self.gpkg}|layername={table}",
            name or table,
            "ogr",
            QgsVectorLayer.LayerOptions(False),
        )
        assert layer.isValid(), table
        return layer

    def sides(self, commissioners=None, trusts=None, weighted: bool = True) -> dict:
        """The composite's inputs (commissioners weighted by GP registered patients)."""
        population = (
            {
                "POPULATION": str(self.data / POPULATIONS["registered_patients"]),
                "POPULATION_CODE_FIELD": "CCG20CDH",
                "POPULATION_VALUE_FIELD": "registered_patients",
            }
            if weighted
            else {}
        )
        return {
            "COMMISSIONERS": commissioners or self.layer("commissioners", "Commissioners 2020-21"),
            "COMMISSIONER_ICS_FIELD": ICS_FIELD,
            "TRUSTS": trusts or self.layer("trusts", "Trusts 2020-21"),
            "TRUST_ICS_FIELD": ICS_FIELD,
            **population,
        }


def _named_copy(layer: QgsVectorLayer, name: str) -> QgsVectorLayer:
    copy = layer.materialize(QgsFeatureRequest())
    copy.setName(name)
    return copy


@pytest.fixture(scope="module")
def sample(qgis_processing, shared_data, tmp_path_factory) -> Sample:
    """Import, the CCGs joined to their statuses (and their ONS residents, QGIS's own join),
    the trusts: as make demo's 2020/21 recipe takes them, in a GeoPackage."""
    from qgis import processing

    from tests.integration.conftest import _register_provider

    _register_provider()
    gpkg = str(tmp_path_factory.mktemp("gains") / "gains.gpkg")
    statuses = processing.run(
        "dspt:importexport",
        {
            "INPUT": str(shared_data / "dspt/2020_21/curated_dspt_20220208.csv"),
            "EDITION": EDITION,
            "OUTPUT": f"{gpkg}|layername=statuses",
        },
    )["OUTPUT"]
    joined = processing.run(
        "dspt:joinstatus",
        {
            "INPUT": str(shared_data / "boundaries/ccg_april2020.geojson"),
            "FIELD": "CCG20CDH",
            "DSPT": f"{statuses}|subset=\"sector\" = 'Commissioner'",
            "OUTPUT": QgsProcessing.TEMPORARY_OUTPUT,
        },
    )["OUTPUT"]
    processing.run(
        "native:joinattributestable",
        {
            "INPUT": joined,
            "FIELD": "code",
            "INPUT_2": str(shared_data / POPULATIONS["resident_population"]),
            "FIELD_2": "CCG20CDH",
            "FIELDS_TO_COPY": ["resident_population"],
            "METHOD": 1,
            "OUTPUT": f"ogr:dbname='{gpkg}' table=\"commissioners\" (geom)",
        },
    )
    processing.run(
        "native:extractbyattribute",
        {
            "INPUT": statuses,
            "FIELD": "sector",
            "OPERATOR": 0,
            "VALUE": "Trust",
            "OUTPUT": f"ogr:dbname='{gpkg}' table=\"trusts\"",
        },
    )
    return Sample(gpkg, shared_data)


def run_composite(sample: Sample, name: str | None, **changes) -> QgsVectorLayer:
    """'ICS composite score' into the table ``name`` of the sample's GeoPackage (None: a
    temporary layer)."""
    from qgis import processing

    output = processing.run(
        "dspt:icscomposite",
        {
            "ICS": str(sample.data / "boundaries/stp_april2020.geojson"),
            "ICS_FIELD": ICS_FIELD,
            **sample.sides(**changes),
            "COMMISSIONER_OTHER_POPULATION_FIELDS": ["resident_population"],
            "OUTPUT": f"{sample.gpkg}|layername={name}" if name else QgsProcessing.TEMPORARY_OUTPUT,
        },
    )["OUTPUT"]
    return sample.layer(name, f"ICS composite ({name})") if name else output


def run_gains(sample: Sample, composite: QgsVectorLayer, name: str, **options) -> QgsVectorLayer:
    from qgis import processing

    processing.run(
        "dspt:improvementgains",
        {
            "COMPOSITE": composite,
            "ICS_FIELD": ICS_FIELD,
            **sample.sides(weighted=options.pop("weighted", True)),
            **options,
            "OUTPUT": f"{sample.gpkg}|layername={name}",
        },
    )
    return sample.layer(name)


@pytest.fixture(scope="module")
def made(sample) -> Sample:
    """The composite ('composite') and its gains ('gains') in the sample's GeoPackage."""
    run_gains(sample, run_composite(sample, "composite"), "gains")
    return sample


def opened_composite(made: Sample) -> QgsVectorLayer:
    """The composite 'made' wrote, opened for one test (a layer a fixture returned would
    outlive QGIS's exit: pytest lets go of the last test's fixture values after it)."""
    return made.layer("composite", "ICS composite (composite)")


def rows(layer: QgsVectorLayer) -> list[dict]:
    names = layer.fields().names()
    return [dict(zip(names, f.attributes())) for f in layer.getFeatures()]


# ---------------------------------------------------------------- gains, re-computed


def chosen(table: list[dict]) -> list[dict]:
    """A handful of submissions across ICSs: in the first two ICSs by code, the one of
    each side with the largest gain if Met; and two submissions deciding several
    organisations' statuses (their successors')."""
    picked = []
    for ics in sorted({r["ics"] for r in table})[:2]:
        for side in ("commissioner", "trust"):
            mine = [r for r in table if r["ics"] == ics and r["side"] == side]
            picked.append(max(mine, key=lambda r: (r["gain_if_met"], r["code"])))
    shared = [r for r in table if r["n_covered"] > 1 and r["gain_if_exceeded"] > 0]
    assert shared, "the 2020/21 sample has successor-decided organisations"
    return picked + sorted(shared, key=lambda r: r["code"])[:2]


def with_statuses_changed(layer: QgsVectorLayer, decider: str, status: str) -> QgsVectorLayer:
    """A copy of ``layer`` in which every organisation whose status ``decider``'s submission
    decides (its own code, or its decided_by field) holds ``status`` unless it is better."""
    copy = _named_copy(layer, layer.name())
    fields = copy.fields()
    at = fields.lookupField("status")
    order = list(hand_method.SCORE)  # best first
    changes = {}
    for feature in copy.getFeatures():
        decided_by = feature["decided_by"] or feature["code"]
        if decided_by == decider and order.index(feature["status"]) > order.index(status):
            changes[feature.id()] = {at: status}
    assert copy.dataProvider().changeAttributeValues(changes)
    return copy


@pytest.mark.parametrize("weighted", [True, False], ids=["weighted", "simple"])
def test_each_gain_is_the_composite_recomputed_with_that_status(sample, weighted):
    """Re-running 'ICS composite score' with a submission's organisations at Standards Met
    (or Exceeded) gives exactly the composite and the rank the gains table predicts."""
    name = "weighted" if weighted else "simple"
    composite = run_composite(sample, f"composite_{name}", weighted=weighted)
    table = rows(run_gains(sample, composite, f"gains_{name}", weighted=weighted))
    targets = {"met": "Standards Met", "exceeded": "Standards Exceeded"}
    for row in chosen(table):
        for suffix, status in targets.items():
            again = run_composite(
                sample,
                None,
                commissioners=with_statuses_changed(
                    sample.layer("commissioners", "Commissioners 2020-21"), row["code"], status
                ),
                trusts=with_statuses_changed(
                    sample.layer("trusts", "Trusts 2020-21"), row["code"], status
                ),
                weighted=weighted,
            )
            moved = next(r for r in rows(again) if r[ICS_FIELD] == row["ics"])
            assert row[f"composite_if_{suffix}"] == pytest.approx(
                moved["composite_score"], abs=1e-9
            ), (row["code"], suffix)
            assert row[f"rank_if_{suffix}"] == moved["rank"], (row["code"], suffix)


def test_a_submission_deciding_several_organisations_names_them(made):
    """The import's decided_by, carried through the join, groups a successor's organisations
    under its own code (the 2020/21 CCGs merged in April 2021)."""
    sample, table = made, rows(made.layer("gains"))
    decided = defaultdict(set)
    for layer in (sample.layer("commissioners"), sample.layer("trusts")):
        for feature in layer.getFeatures():
            if feature["decided_by"]:
                decided[feature["decided_by"]].add(feature["code"])
    shared = {r["code"]: r for r in table if r["n_covered"] > 1}
    assert shared
    for code, row in shared.items():
        covered = set(row["covers"].split(", "))
        assert len(covered) == row["n_covered"]
        assert covered <= decided[code] | {code}


def test_the_table_is_sorted_by_ics_then_gain_and_opens_sorted_by_gain(made):
    """By ICS, largest gain first (ties by code); opened in QGIS sorted by gain; its edition and
    method in every row and in the layer's notes."""
    gains = made.layer("gains")
    table = rows(gains)
    keys = [(r["ics"], round(-r["gain_if_met"], 9), r["code"]) for r in table]
    assert keys == sorted(keys)
    assert {r["edition"] for r in table} == {EDITION}
    assert all("registered_patients" in r["method"] for r in table)
    opened = QgsVectorLayer(gains.source(), "gains")  # with the default style stored in it
    config = opened.attributeTableConfig()
    assert config.sortExpression() == '"gain_if_met"'
    assert config.sortOrder() == 1  # descending
    notes = html.unescape(QgsLayerNotesUtils.layerNotes(opened))
    assert "Edition 20/21" in notes
    assert "registered_patients" in notes
    assert table[0]["method"] in notes


# ---------------------------------------------------------------- rank ranges, by hand


def hand_composites(data, weights: str | None) -> dict[str, float]:
    """Per STP, from the curated file's Short.Status: the commissioner mean weighted by
    ``weights`` (a population file's field) or simple, half and half with the trusts'."""
    population = {}
    if weights:
        population = {
            r["CCG20CDH"]: float(r[weights])
            for r in hand_method.read_rows(data / POPULATIONS[weights])
        }
    seen, comm, trust = set(), defaultdict(list), defaultdict(list)
    for row in hand_method.read_rows(data / "dspt/2020_21/curated_dspt_20220208.csv"):
        if row["Code"] in seen:
            continue
        seen.add(row["Code"])
        score = hand_method.SCORE[row["Short.Status"]]
        if row["Sector"] == "CCG":
            comm[row["STP20CD"]].append((score, population[row["Code"]] if weights else 1.0))
        elif row["Sector"] == "Trust":
            trust[row["STP20CD"]].append(score)
    return {s: 0.5 * hand_method.weighted_mean(comm[s]) + 0.5 * mean(trust[s]) for s in comm}


def hand_ranks(composites: dict[str, float]) -> dict[str, int]:
    """1 + how many ICSs score higher (ties share the best place), to 9 decimals."""
    rounded = {code: round(score, 9) for code, score in composites.items()}
    return {
        code: 1 + sum(other > mine for other in rounded.values()) for code, mine in rounded.items()
    }


def test_every_ics_ranks_between_its_best_and_worst_as_worked_out_by_hand(made, shared_data):
    variants = {
        "registered_patients": hand_ranks(hand_composites(shared_data, "registered_patients")),
        "simple": hand_ranks(hand_composites(shared_data, None)),
        "resident_population": hand_ranks(hand_composites(shared_data, "resident_population")),
    }
    table = rows(opened_composite(made))
    assert len(table) == 42
    for row in table:
        ics = row[ICS_FIELD]
        mine = {name: ranks[ics] for name, ranks in variants.items()}
        assert row["rank_best"] <= row["rank"] <= row["rank_worst"]
        assert row["rank"] == mine["registered_patients"]
        assert (row["rank_best"], row["rank_worst"]) == (min(mine.values()), max(mine.values()))
        if row["rank_best"] < row["rank_worst"]:
            best = next(n for n, r in mine.items() if r == row["rank_best"])
            worst = next(n for n, r in mine.items() if r == row["rank_worst"])
            assert _names(row["rank_best_variant"]) == best
            assert _names(row["rank_worst_variant"]) == worst
        else:
            assert row["rank_best_variant"] == row["rank_worst_variant"] == ""
        spread = row["rank_worst"] - row["rank_best"]
        assert row["rank_note"] == ("depends on the method" if spread > 5 else "")


def _names(variant: str) -> str:
    """Which weighting a variant's name says."""
    for field in ("registered_patients", "resident_population"):
        if field in variant:
            return field
    return "simple"


def test_the_variants_are_named_in_the_layers_notes(made):
    notes = QgsLayerNotesUtils.layerNotes(QgsVectorLayer(opened_composite(made).source(), "again"))
    assert "Ranks under 3 variant(s) of the method" in notes
    for words in ("registered_patients", "resident_population", "(2) commissioner mean + trust"):
        assert words in notes


def test_ranks_of_three_ics_as_ranked_by_hand(run, make_layer):
    """Three ICSs, one trust each, commissioners weighted by 'pop' (chosen) and ranked also
    simply and by 'res'. By hand (Met 1, Approaching -1, Not Met -3, Exceeded 3; half each
    side):
    A: pop (100x1 + 10x-3)/110 = 7/11, composite (7/11 + 1)/2 = 9/11; simple (1-3)/2 = -1,
       composite 0; res (10x1 + 100x-3)/110 = -29/11, composite -9/11.
    B: -1 and trust 3: composite 1 in every variant. C: 1 and trust -1: 0 in every variant.
    pop: B 1, A 2, C 3. simple: B 1, A and C =2. res: B 1, C 2, A 3."""
    ics = make_layer(
        "Polygon",
        {"ics": "string"},
        [(square(x, 0), {"ics": code}) for x, code in enumerate("ABC")],
        name="Three ICSs",
    )
    commissioners = make_layer(
        "None",
        {"code": "string", "ics": "string", "status": "string", "pop": "double", "res": "double"},
        [
            (None, {"code": c, "ics": i, "status": st, "pop": p, "res": r})
            for c, i, st, p, r in (
                ("a1", "A", "Standards Met", 100, 10),
                ("a2", "A", "Standards Not Met", 10, 100),
                ("b1", "B", "Approaching Standards", 50, 50),
                ("c1", "C", "Standards Met", 50, 50),
            )
        ],
        name="Three ICSs' commissioners",
    )
    trusts = make_layer(
        "None",
        {"code": "string", "ics": "string", "status": "string"},
        [
            (None, {"code": f"R{i}", "ics": i, "status": st})
            for i, st in (
                ("A", "Standards Met"),
                ("B", "Standards Exceeded"),
                ("C", "Approaching Standards"),
            )
        ],
        name="Three ICSs' trusts",
    )
    output = run(
        "icscomposite",
        {
            "ICS": ics,
            "ICS_FIELD": "ics",
            "COMMISSIONERS": commissioners,
            "COMMISSIONER_ICS_FIELD": "ics",
            "COMMISSIONER_POPULATION_FIELD": "pop",
            "COMMISSIONER_OTHER_POPULATION_FIELDS": ["res"],
            "TRUSTS": trusts,
            "TRUST_ICS_FIELD": "ics",
            "OUTPUT": QgsProcessing.TEMPORARY_OUTPUT,
        },
    )["OUTPUT"]
    got = {r["ics"]: r for r in rows(output)}
    assert {i: got[i]["composite_score"] for i in got} == pytest.approx(
        {"A": 9 / 11, "B": 1.0, "C": 0.0}, abs=1e-12
    )
    assert {i: (got[i]["rank"], got[i]["rank_best"], got[i]["rank_worst"]) for i in got} == {
        "A": (2, 2, 3),
        "B": (1, 1, 1),
        "C": (3, 2, 3),
    }
    assert "res" in got["A"]["rank_worst_variant"]
    assert "pop" in got["C"]["rank_worst_variant"]
    assert got["B"]["rank_best_variant"] == got["B"]["rank_worst_variant"] == ""


# ---------------------------------------------------------------- inputs that do not belong


def test_a_composite_of_another_edition_stops_naming_both(made):
    sample, other = made, _named_copy(opened_composite(made), "Composite 2021-22")
    at = other.fields().lookupField("composite_edition")
    assert other.dataProvider().changeAttributeValues(
        {f.id(): {at: "21/22"} for f in other.getFeatures()}
    )
    with pytest.raises(QgsProcessingException) as stopped:
        run_gains(sample, other, "gains_other_edition")
    message = str(stopped.value)
    assert "Composite 2021-22" in message
    assert "is the composite of edition 21/22" in message
    assert "Commissioners 2020-21" in message
    assert "Trusts 2020-21" in message


def test_a_composite_read_by_another_ics_field_stops_naming_both(made):
    with pytest.raises(QgsProcessingException) as stopped:
        run_gains(made, opened_composite(made), "gains_other_field", ICS_FIELD="STP20NM")
    message = str(stopped.value)
    assert "ICS composite (composite)" in message
    assert "Commissioners 2020-21" in message
    assert "Trusts 2020-21" in message
    assert "'STP20NM'" in message


def test_a_composite_of_other_ics_codes_stops_naming_both_and_the_codes(made):
    """A composite whose ICSs are not the ones the commissioners and trusts name (one ICS's
    code changed, as another geography's would be)."""
    other = _named_copy(opened_composite(made), "Composite of other ICSs")
    at = other.fields().lookupField(ICS_FIELD)
    first = next(iter(other.getFeatures()))
    assert other.dataProvider().changeAttributeValues({first.id(): {at: "E54999999"}})
    with pytest.raises(QgsProcessingException) as stopped:
        run_gains(made, other, "gains_other_codes")
    message = str(stopped.value)
    assert "Composite of other ICSs" in message
    assert "Commissioners 2020-21" in message
    assert "Trusts 2020-21" in message
    assert "ICS E54999999 has composite" in message


def test_a_composite_of_another_method_stops(made):
    with pytest.raises(QgsProcessingException, match="Give the commissioners, trusts"):
        run_gains(made, opened_composite(made), "gains_other_share", COMMISSIONER_SHARE=0.6)


# ---------------------------------------------------------------- decided_by, import to layers


def test_decided_by_survives_the_import_the_join_and_the_trust_points(sample, shared_data):
    """A CCG without a 2020/21 status of its own is decided by its successor's submission:
    the curated file's Successor.Code, kept by the join and by the trust points."""
    from qgis import processing

    curated = hand_method.read_rows(shared_data / "dspt/2020_21/curated_dspt_20220208.csv")
    inherited: dict[str, str] = {}  # two successors of one status: the first by code
    for r in curated:
        if not r["Latest.Status"].startswith("20/21") and r["Successor.Status"].startswith("20/21"):
            successor = r["Successor.Code"]
            inherited[r["Code"]] = min(inherited.get(r["Code"], successor), successor)
    imported = {f["code"]: f["decided_by"] for f in sample.layer("statuses").getFeatures()}
    assert {c: imported[c] for c in inherited} == inherited
    assert all(imported[c] in (None, "") for c in imported if c not in inherited)
    joined = {f["code"]: f["decided_by"] for f in sample.layer("commissioners").getFeatures()}
    assert {c: d for c, d in joined.items() if d} == {
        c: d for c, d in inherited.items() if c in joined
    }
    points = processing.run(
        "dspt:locateorganisations",
        {
            "INPUT": sample.layer("trusts"),
            "LATITUDE_FIELD": "latitude",
            "LONGITUDE_FIELD": "longitude",
            "OUTPUT": QgsProcessing.TEMPORARY_OUTPUT,
        },
    )["OUTPUT"]
    placed = {f["code"]: f["decided_by"] for f in points.getFeatures()}
    assert {c: d for c, d in placed.items() if d} == {
        c: d for c, d in inherited.items() if c in placed
    }


def test_an_ics_without_commissioners_says_how_its_gains_are_computed(run, inputs):
    parameters, _ = inputs["improvementgains"]
    result = run("improvementgains", {**parameters, "OUTPUT": QgsProcessing.TEMPORARY_OUTPUT})
    notes = {f["ics"]: f["gain_note"] for f in result["OUTPUT"].getFeatures()}
    assert notes["Q2"] == "no commissioners: composite not computed: no gain"
    assert notes["Q1"] == ""


@pytest.mark.parametrize(
    ("missing", "note_trusts_only", "note_commissioners_only", "gains"),
    [
        (
            0,
            "no commissioners: composite not computed: no gain",
            "no trusts: composite not computed: no gain",
            None,
        ),
        (
            1,
            "no commissioners: trust mean only: the side it has counts whole",
            "no trusts: commissioner mean only: the side it has counts whole",
            # the side it has counts whole: RB2 Met (1), alone in Q2: to Exceeded (3) + 2;
            # 03C Approaching (-1), alone in Q3: to Met (1) + 2, to Exceeded (3) + 4
            {"RB2": (0.0, 2.0), "03C": (2.0, 4.0)},
        ),
    ],
    ids=["left empty", "the side it has"],
)
def test_an_ics_with_one_side_says_how_its_gains_are_computed(
    run, make_layer, missing, note_trusts_only, note_commissioners_only, gains
):
    """Q1 has both sides, Q2 trusts only, Q3 commissioners only: each one-sided ICS's gains
    say what its composite is (empty, or the side it has) and what follows for its gains."""
    ics = make_layer(
        "Polygon",
        {"ics": "string"},
        [(square(x, 0), {"ics": f"Q{x + 1}"}) for x in range(3)],
        name="ICSs",
    )
    commissioners = make_layer(
        "None",
        {"code": "string", "ics": "string", "status": "string"},
        [
            (None, {"code": "01A", "ics": "Q1", "status": "Standards Met"}),
            (None, {"code": "03C", "ics": "Q3", "status": "Approaching Standards"}),
        ],
        name="CCGs with one in Q3",
    )
    trusts = make_layer(
        "None",
        {"code": "string", "ics": "string", "status": "string"},
        [
            (None, {"code": "RA1", "ics": "Q1", "status": "Standards Met"}),
            (None, {"code": "RB2", "ics": "Q2", "status": "Standards Met"}),
        ],
        name="Trusts with one in Q2",
    )
    sides = {
        "ICS_FIELD": "ics",
        "COMMISSIONERS": commissioners,
        "COMMISSIONER_ICS_FIELD": "ics",
        "TRUSTS": trusts,
        "TRUST_ICS_FIELD": "ics",
        "MISSING_COMPONENT": missing,
    }
    composite = run(
        "icscomposite", {**sides, "ICS": ics, "OUTPUT": QgsProcessing.TEMPORARY_OUTPUT}
    )["OUTPUT"]
    result = run(
        "improvementgains",
        {**sides, "COMPOSITE": composite, "OUTPUT": QgsProcessing.TEMPORARY_OUTPUT},
    )["OUTPUT"]
    table = {r["code"]: r for r in rows(result)}
    assert table["RB2"]["gain_note"] == note_trusts_only
    assert table["03C"]["gain_note"] == note_commissioners_only
    assert table["RA1"]["gain_note"] == table["01A"]["gain_note"] == ""
    for code, (if_met, if_exceeded) in (gains or {}).items():
        assert (table[code]["gain_if_met"], table[code]["gain_if_exceeded"]) == pytest.approx(
            (if_met, if_exceeded)
        ), code


def test_the_gains_chain_after_the_composite_in_model_builder(run, inputs):
    """A model 'ICS composite score' -> 'What would raise each ICS's composite', built as
    Model Builder builds one (the composite's output feeds the gains, the inputs and choices
    shared as model parameters), validates and gives the gains the tool gives alone."""
    from qgis import processing
    from qgis.core import (
        QgsProcessingModelAlgorithm,
        QgsProcessingModelChildAlgorithm,
        QgsProcessingModelChildParameterSource,
        QgsProcessingModelOutput,
        QgsProcessingModelParameter,
        QgsProcessingParameterDefinition,
        QgsProcessingParameterFeatureSource,
    )

    parameters, _ = inputs["improvementgains"]
    shared = {"ICS": "ics", "COMMISSIONERS": "commissioners", "TRUSTS": "trusts"}
    model = QgsProcessingModelAlgorithm("composite then gains", "test")
    for name in shared.values():
        model.addModelParameter(
            QgsProcessingParameterFeatureSource(name, name), QgsProcessingModelParameter(name)
        )
    steps = {}
    for child_id, algorithm in (("composite", "icscomposite"), ("gains", "improvementgains")):
        step = QgsProcessingModelChildAlgorithm(f"dspt:{algorithm}")
        step.setChildId(child_id)
        defaults = {  # as the Model Builder dialog leaves every required parameter not set
            d.name(): d.defaultValue()
            for d in step.algorithm().parameterDefinitions()
            if not d.isDestination()
            and d.defaultValue() is not None
            and not d.flags() & QgsProcessingParameterDefinition.FlagOptional
        }
        for key, value in {**defaults, "ICS_FIELD": "ics", "COMMISSIONER_ICS_FIELD": "ics"}.items():
            step.addParameterSources(
                key, [QgsProcessingModelChildParameterSource.fromStaticValue(value)]
            )
        for key, name in shared.items():
            if step.algorithm().parameterDefinition(key) is not None:
                step.addParameterSources(
                    key, [QgsProcessingModelChildParameterSource.fromModelParameter(name)]
                )
        output = QgsProcessingModelOutput(child_id, child_id)
        output.setChildOutputName("OUTPUT")
        step.setModelOutputs({child_id: output})
        steps[child_id] = step
    steps["gains"].addParameterSources(
        "COMPOSITE", [QgsProcessingModelChildParameterSource.fromChildOutput("composite", "OUTPUT")]
    )
    for step in steps.values():
        model.addChildAlgorithm(step)
    ok, messages = model.validate()
    assert ok, messages
    destinations = {
        d.name().split(":")[0]: d.name() for d in model.destinationParameterDefinitions()
    }
    feedback = RecordingFeedback()
    try:
        result = processing.run(
            model,
            {
                "ics": inputs["icscomposite"][0]["ICS"],
                "commissioners": parameters["COMMISSIONERS"],
                "trusts": parameters["TRUSTS"],
                **{name: QgsProcessing.TEMPORARY_OUTPUT for name in destinations.values()},
            },
            feedback=feedback,
        )
    except QgsProcessingException:
        pytest.fail("; ".join(feedback.errors))
    in_model = result[destinations["gains"]]
    in_model = in_model if not isinstance(in_model, str) else QgsVectorLayer(in_model)
    alone = run("improvementgains", {**parameters, "OUTPUT": QgsProcessing.TEMPORARY_OUTPUT})
    expected = rows(alone["OUTPUT"])
    assert expected
    assert rows(in_model) == expected
