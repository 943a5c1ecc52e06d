"""What ``make repository`` adds to qgis-plugin-ci's ``plugins.xml`` (scripts.plugin_repository),
on the listing qgis-plugin-ci 2.10 writes, without building anything: the changelog, the icon's
full address, the build listed as released; and the address it is served at, checked first.
(tests/integration/test_repository.py has QGIS's own installer read the real folder.)
"""

from __future__ import annotations

from xml.dom import minidom

import pytest

from scripts.plugin_repository import complete, folder_url

#: The shape of qgis-plugin-ci 2.10's plugins.xml (qgispluginci/repository/plugins.xml.template).
LISTING = """<?xml version="1.0" encoding="UTF-8"?>
<?xml-stylesheet type="text/xsl" href="plugins.xsl"?>
<plugins generator_name="qgis-plugin-ci" generator_version="2.10.0">
    <pyqgis_plugin name="DSPT compliance" version="0.2.0">
        <about><![CDATA[Maps & scores]]></about>
        <download_url>https://gis.example.nhs.uk/qgis/dspt_qgis.0.2.0.zip</download_url>
        <experimental>True</experimental>
        <icon>icon.svg</icon>
        <qgis_minimum_version>3.22</qgis_minimum_version>
        <version>0.2.0</version>
    </pyqgis_plugin>
</plugins>
"""
CHANGELOG = "\nVersion 0.2.0:\n- Fixed: a <b> & ]]> in text\n"


def fields(listing: str) -> dict[str, str]:
    (plugin,) = minidom.parseString(listing.encode("utf-8")).getElementsByTagName("pyqgis_plugin")
    return {
        node.tagName: "".join(child.data for child in node.childNodes)
        for node in plugin.childNodes
        if node.nodeType == node.ELEMENT_NODE
    }


def test_the_changelog_icon_and_release_are_filled_in():
    done = fields(
        complete(LISTING, changelog=CHANGELOG, icon="https://gis.example.nhs.uk/qgis/dspt_qgis.svg")
    )
    assert done["changelog"] == CHANGELOG.strip()
    assert done["icon"] == "https://gis.example.nhs.uk/qgis/dspt_qgis.svg"
    assert done["experimental"] == "False"


def test_everything_else_is_left_as_qgis_plugin_ci_wrote_it():
    before = fields(LISTING)
    after = fields(complete(LISTING, changelog="", icon="https://x.example/i.svg"))
    changed = {tag for tag in before if before[tag] != after[tag]}
    assert changed == {"icon", "experimental"}
    assert set(after) - set(before) == {"changelog"}
    assert '<?xml-stylesheet type="text/xsl" href="plugins.xsl"?>' in complete(
        LISTING, changelog="", icon="https://x.example/i.svg"
    )


@pytest.mark.parametrize(
    ("given", "served_at"),
    [
        ("https://gis.example.nhs.uk/qgis", "https://gis.example.nhs.uk/qgis/"),
        ("http://10.1.2.3:8080/plugins/", "http://10.1.2.3:8080/plugins/"),
    ],
)
def test_the_address_ends_with_a_slash(given, served_at):
    assert folder_url(given) == served_at


@pytest.mark.parametrize("given", ["", "gis.example.nhs.uk/qgis", "file:///srv/qgis", "ftp://x/"])
def test_an_address_qgis_cannot_download_from_is_refused(given):
    with pytest.raises(SystemExit, match="must start with http:// or https://"):
        folder_url(given)
