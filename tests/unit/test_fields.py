"""A field a tool wrote that is missing from its output because a shapefile shortened it."""

from __future__ import annotations

import pytest

from dspt_qgis.core.errors import MissingColumnError
from dspt_qgis.core.fields import find_field
from dspt_qgis.core.sources import file_source


@pytest.mark.parametrize(
    ("wanted", "names", "shortened"),
    [
        ("composite_score", ["ics", "composite_", "composit_2"], "composite_"),
        ("commissioner_score", ["ics", "commission", "trust_scor"], "commission"),
        ("composite_edition", ["ics", "composite_", "composit_3"], "composite_"),
        ("rank_worst_variant", ["rank_worst", "rank_wor_2"], "rank_worst"),
    ],
)
def test_a_name_a_shapefile_shortened_says_to_give_a_geopackage(wanted, names, shortened):
    with pytest.raises(MissingColumnError) as error:
        find_field(names, wanted, source=file_source("composite.shp"), role="composite")
    message = str(error.value)
    assert f"({wanted!r} may be {shortened!r})" in message
    assert "save the tool's output as a GeoPackage (.gpkg)" in message


@pytest.mark.parametrize(
    ("wanted", "names"),
    [("composite_score", ["ics", "score"]), ("status", ["statu"]), ("population", ["populatio"])],
)
def test_other_missing_fields_say_nothing_of_shapefiles(wanted, names):
    with pytest.raises(MissingColumnError) as error:
        find_field(names, wanted, source=file_source("x.gpkg"), role="x")
    assert "shapefile" not in str(error.value)
