"""A file cut short is never taken for a whole one: a PDF without its end, a PNG without
its last chunk, an HTML page without its closing tag (what a writer that ran out of disk
leaves). Cuts at every position of real files are tried."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

pytest.importorskip("qgis.core")

from dspt_qgis.processing_algs.support.verify import whole_file  # noqa: E402

WHOLE = {
    "page.html": b"<!DOCTYPE html><html lang='en'><body>" + b"x" * 9000 + b"</body></html>\n",
    "map.png": Path(__file__)
    .resolve()
    .parents[2]
    .joinpath("docs/images/ics_composite.png")
    .read_bytes(),
    "atlas.pdf": b"%PDF-1.7\n" + b"0" * 9000 + b"\ntrailer\n<<>>\nstartxref\n0\n%%EOF\n",
    "chart.svg": b"<svg xmlns='http://www.w3.org/2000/svg'>" + b"<g/>" * 2000 + b"</svg>",
}


@pytest.mark.parametrize("name", sorted(WHOLE))
def test_a_whole_file_is_whole(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(WHOLE[name])
    assert whole_file(str(path))


@settings(max_examples=200, deadline=None)
@given(name=st.sampled_from(sorted(WHOLE)), cut=st.floats(0.0, 0.999))
def test_a_file_cut_anywhere_is_not_whole(tmp_path_factory, name, cut):
    content = WHOLE[name]
    kept = int(len(content) * cut)
    tail = b"%%EOF" if name.endswith(".pdf") else b"IEND" if name.endswith(".png") else b"</"
    if tail in content[:kept]:  # a cut after the file's own end marker leaves it whole
        return
    path = tmp_path_factory.mktemp("cut") / name
    path.write_bytes(content[:kept])
    assert not whole_file(str(path))
