"""dspt:icsatlas on small layers: a long list continues on further pages, nothing is cut
off, names print as text, and a composite from other inputs is refused."""

from __future__ import annotations

import re

import pytest
from qgis.core import QgsProcessingException

from tests.integration.cases import pdf_pages
from tests.integration.conftest import square

TRUSTS_IN_Q1 = 60


@pytest.fixture
def small_nation(make_layer, run):
    """Two ICSs in British National Grid (10 km squares); Q1 has a commissioner and 60
    trusts, Q2 a commissioner named with markup and one trust; and their composite."""
    ics = make_layer(
        "Polygon",
        {"ics": "string", "ics_name": "string"},
        [
            (square(400000, 300000, 10000), {"ics": "Q1", "ics_name": "First ICS"}),
            (square(410000, 300000, 10000), {"ics": "Q2", "ics_name": "Second <b>ICS</b>"}),
        ],
        crs="EPSG:27700",
    )
    fields = {"code": "string", "name": "string", "ics": "string", "status": "string"}
    commissioners = make_layer(
        "None",
        fields,
        [
            (None, {"code": "C01", "name": "One CCG", "ics": "Q1", "status": "Standards Met"}),
            (
                None,
                {"code": "C02", "name": "<i>Two</i> CCG", "ics": "Q2", "status": "Standards Met"},
            ),
        ],
    )
    trusts = make_layer(
        "Point",
        fields,
        [
            (
                f"POINT({401000 + 100 * n} {301000 + 100 * n})",
                {
                    "code": f"T{n:03}",
                    "name": f"Trust number {n}",
                    "ics": "Q1",
                    "status": "Standards Met",
                },
            )
            for n in range(1, TRUSTS_IN_Q1 + 1)
        ]
        + [
            (
                "POINT(415000 305000)",
                {"code": "T999", "name": "Last", "ics": "Q2", "status": "Standards Exceeded"},
            )
        ],
        crs="EPSG:27700",
    )
    sides = {
        "COMMISSIONERS": commissioners,
        "COMMISSIONER_ICS_FIELD": "ics",
        "TRUSTS": trusts,
        "TRUST_ICS_FIELD": "ics",
    }
    composite = run(
        "icscomposite", {"ICS": ics, "ICS_FIELD": "ics", **sides, "OUTPUT": "TEMPORARY_OUTPUT"}
    )["OUTPUT"]
    return {"COMPOSITE": composite, "ICS_FIELD": "ics", "ICS_NAME_FIELD": "ics_name", **sides}


def test_a_long_list_continues_and_nothing_is_cut_off(run, small_nation, tmp_path):
    pdf = tmp_path / "atlas.pdf"
    run("icsatlas", {**small_nation, "TITLE": "Test nation", "OUTPUT": str(pdf)})
    pages = pdf_pages(pdf)
    text = "\n".join(pages)
    for n in range(1, TRUSTS_IN_Q1 + 1):  # every trust listed, once (map labels aside)
        assert len(re.findall(rf"Trust number {n}\b", text)) == 1, n
    titles = [" ".join(page.split())[:40] for page in pages]
    assert titles[0].startswith("Test nation")
    assert titles[1].startswith("First ICS")
    continued = [t for t in titles if t.startswith("First ICS (continued)")]
    assert continued  # 61 rows do not fit on the ICS's own page
    assert titles[-1].startswith("Second <b>ICS</b>")  # markup printed as written
    assert "<i>Two</i> CCG" in pages[-1]


def test_a_composite_of_other_inputs_is_refused(run, small_nation, make_layer, tmp_path):
    fewer = make_layer(
        "None",
        {"code": "string", "ics": "string", "status": "string"},
        [(None, {"code": "T001", "ics": "Q1", "status": "Standards Met"})],
    )
    pdf = tmp_path / "atlas.pdf"
    with pytest.raises(
        QgsProcessingException, match=r"ICS Q1 counts 1 commissioners and 60 trusts.*1 and 1"
    ):
        run("icsatlas", {**small_nation, "TRUSTS": fewer, "OUTPUT": str(pdf)})
    assert not pdf.exists()
