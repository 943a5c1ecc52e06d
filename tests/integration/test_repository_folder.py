"""``make repository`` into a folder an IT team already serves (issue 32, review): the other
plugins it lists are kept, an unreadable list is refused, the address is understood or
refused before any build, a published zip is never replaced, an older version is published
only when asked, a pre-release is listed as experimental, and "What's new" describes what
the zip holds. Real zips from qgis-plugin-ci; QGIS itself reads them in test_repository.py.
"""

from __future__ import annotations

import configparser
import re
import shutil
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path
from xml.dom import minidom

import pytest

from scripts.package_plugin import metadata_changelog, metadata_version, package
from scripts.plugin_repository import folder_url, publish, repository
from tests.integration.plugin_installer import next_version

pytestmark = pytest.mark.host  # qgis-plugin-ci is the host's, whatever the QGIS version

REPO = Path(__file__).resolve().parents[2]
URL = "https://gis.example.nhs.uk/qgis-plugins/"
#: An IT team's list before dspt-qgis joins it, written by hand as such lists are.
OTHERS = """<?xml version="1.0" encoding="UTF-8"?>
<plugins>
  <!-- GIS team, keep in step with the zips -->
  <pyqgis_plugin name="Roads &amp; rails" version="2.1">
    <about><![CDATA[Ward <boundaries> & roads]]></about>
    <file_name>roads.2.1.zip</file_name>
    <download_url>https://gis.example.nhs.uk/qgis-plugins/roads.2.1.zip</download_url>
  </pyqgis_plugin>
  <pyqgis_plugin name="Estates" version="0.9">
    <file_name>estates.0.9.zip</file_name>
  </pyqgis_plugin>
</plugins>
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The checkout's zip, built once."""
    return package(metadata_version(), tmp_path_factory.mktemp("built"), committed=False)


@pytest.fixture(scope="module")
def newer(tmp_path_factory) -> Path:
    """A zip of a version newer than the checkout's (not in CHANGELOG.md)."""
    version = next_version(metadata_version())
    return package(version, tmp_path_factory.mktemp("newer"), committed=False)


def plugins(folder: Path) -> dict[str, minidom.Element]:
    """Each ``<pyqgis_plugin>`` of the folder's list by its name."""
    document = minidom.parse(str(folder / "plugins.xml"))
    return {p.getAttribute("name"): p for p in document.getElementsByTagName("pyqgis_plugin")}


def same_xml(plugin: minidom.Element) -> str:
    """An entry in canonical XML (C14N 2.0): equal whether its text was CDATA or escaped."""
    return ET.canonicalize(plugin.toxml(), with_comments=True)


def text(plugin: minidom.Element, tag: str) -> str:
    (element,) = plugin.getElementsByTagName(tag)
    return "".join(child.data for child in element.childNodes)


def files(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def as_qgis_reads(archive: Path) -> configparser.SectionProxy:
    """The zip's metadata.txt as QGIS reads it (qgis.utils: configparser, interpolation on)."""
    parser = configparser.ConfigParser()
    with zipfile.ZipFile(archive) as opened:
        parser.read_string(opened.read("dspt_qgis/metadata.txt").decode("utf-8"))
    return parser["general"]


def with_version(archive: Path, version: str, into: Path) -> Path:
    """A copy of ``archive`` made a build of ``version`` (metadata.txt's version line), for
    version forms qgis-plugin-ci will not build (1.2.0b1)."""
    copy = into / f"dspt_qgis.{version}.zip"
    with zipfile.ZipFile(archive) as source, zipfile.ZipFile(copy, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "dspt_qgis/metadata.txt":
                data = re.sub(rb"(?m)^version=.*$", f"version={version}".encode(), data)
            target.writestr(item, data)
    return copy


@pytest.fixture
def served(tmp_path) -> Path:
    """A folder already serving two other plugins, with its own stylesheet."""
    folder = tmp_path / "qgis-plugins"
    folder.mkdir()
    (folder / "plugins.xml").write_text(OTHERS, encoding="utf-8")
    (folder / "roads.2.1.zip").write_bytes(b"roads zip")
    (folder / "estates.0.9.zip").write_bytes(b"estates zip")
    (folder / "plugins.xsl").write_text("<!-- the team's own page -->", encoding="utf-8")
    return folder


def test_other_plugins_and_the_stylesheet_are_kept(served, built, newer):
    before = files(served)
    expected_others = {name: same_xml(p) for name, p in plugins(served).items()}
    for archive in (built, newer):
        publish(served, URL, archive)
        listed = plugins(served)
        assert {name: same_xml(listed[name]) for name in expected_others} == expected_others
        assert sorted(listed) == ["DSPT compliance", "Estates", "Roads & rails"]
        version = archive.name.removeprefix("dspt_qgis.").removesuffix(".zip")
        assert listed["DSPT compliance"].getAttribute("version") == version
    assert text(plugins(served)["Roads & rails"], "about") == "Ward <boundaries> & roads"
    assert "<!-- GIS team, keep in step with the zips -->" in (served / "plugins.xml").read_text()
    after = files(served)
    assert {name: after[name] for name in before if name != "plugins.xml"} == {
        name: data for name, data in before.items() if name != "plugins.xml"
    }
    assert sorted(after) == sorted([*before, built.name, newer.name, "dspt_qgis.svg"])


def test_a_new_folder_gets_the_stylesheet(tmp_path, built):
    publish(tmp_path / "new", URL, built)
    assert sorted(files(tmp_path / "new")) == sorted(
        ["plugins.xml", "plugins.xsl", built.name, "dspt_qgis.svg"]
    )
    assert b"xsl:stylesheet" in (tmp_path / "new" / "plugins.xsl").read_bytes()


@pytest.mark.parametrize(
    "listing", ["<plugins><pyqgis_plugin name='x'>", "not xml at all", "<html></html>"]
)
def test_a_list_that_cannot_be_read_is_refused_and_nothing_changes(served, built, listing):
    (served / "plugins.xml").write_text(listing, encoding="utf-8")
    before = files(served)
    with pytest.raises(SystemExit, match=re.escape(str(served / "plugins.xml"))):
        publish(served, URL, built)
    assert files(served) == before


@pytest.mark.parametrize(
    ("given", "folder"),
    [
        ("https://gis.example.nhs.uk/qgis-plugins/", URL),
        ("https://gis.example.nhs.uk/qgis-plugins", URL),
        ("HTTPS://gis.example.nhs.uk/qgis-plugins/", URL),
        ("Http://intranet:8080/gis/", "http://intranet:8080/gis/"),
        ("file:///S:/GIS Plugins/", "file:///S:/GIS%20Plugins/"),
        ("file://fileserver/gis/qgis-plugins/", "file://fileserver/gis/qgis-plugins/"),
        ("https://gis.example.nhs.uk/R&D plugins/", "https://gis.example.nhs.uk/R&D%20plugins/"),
        ("https://gis.example.nhs.uk/a%20b/", "https://gis.example.nhs.uk/a%20b/"),
    ],
)
def test_a_folders_address_is_understood(given, folder):
    assert folder_url(given) == folder


def test_the_lists_own_address_is_read_as_its_folder(capsys):
    assert folder_url(URL + "plugins.xml") == URL
    said = capsys.readouterr().err
    assert URL + "plugins.xml" in said
    assert f"its folder, {URL}" in said


@pytest.mark.parametrize(
    "given",
    [
        URL + "?",
        URL + "plugins.xml?token=1&x=2",
        URL + "#top",
        "ftp://gis.example.nhs.uk/qgis-plugins/",
        "gis.example.nhs.uk/qgis-plugins/",
        "https:///qgis-plugins/",
        "file:/S:/GIS/",
    ],
)
def test_an_address_that_is_not_a_folders_is_refused(given):
    with pytest.raises(SystemExit, match=re.escape(repr(given))):
        folder_url(given)


def test_an_address_with_an_ampersand_and_a_space_is_listed_escaped(tmp_path):
    listing = repository(tmp_path, "https://gis.example.nhs.uk/R&D plugins", committed=False)
    (plugin,) = plugins(listing.parent).values()
    zip_name = f"dspt_qgis.{metadata_version()}.zip"
    assert text(plugin, "download_url") == f"https://gis.example.nhs.uk/R&D%20plugins/{zip_name}"
    assert text(plugin, "icon") == "https://gis.example.nhs.uk/R&D%20plugins/dspt_qgis.svg"
    assert "R&amp;D%20plugins" in listing.read_text(encoding="utf-8")


def test_the_same_version_with_other_contents_is_refused(tmp_path, built):
    folder = tmp_path / "served"
    publish(folder, URL, built)
    before = files(folder)
    rebuilt = tmp_path / built.name
    shutil.copy2(built, rebuilt)
    with zipfile.ZipFile(rebuilt, "a") as archive:
        archive.writestr("dspt_qgis/extra.py", "")
    with pytest.raises(SystemExit, match="Raise the version in metadata.txt") as refused:
        publish(folder, URL, rebuilt)
    assert str(folder / built.name) in str(refused.value)
    assert files(folder) == before


def test_the_same_build_again_changes_nothing(tmp_path, built, capsys):
    publish(tmp_path, URL, built)
    before = files(tmp_path)
    publish(tmp_path, URL, built)
    assert files(tmp_path) == before
    assert "already published" in capsys.readouterr().out


def test_an_older_version_is_published_only_when_asked(tmp_path, built, newer):
    publish(tmp_path, URL, newer)
    before = files(tmp_path)
    with pytest.raises(SystemExit, match="--allow-downgrade"):
        publish(tmp_path, URL, built)
    assert files(tmp_path) == before
    publish(tmp_path, URL, built, allow_downgrade=True)
    (plugin,) = plugins(tmp_path).values()
    assert plugin.getAttribute("version") == metadata_version()
    assert (tmp_path / newer.name).read_bytes() == before[newer.name]


def test_a_pre_release_is_listed_as_experimental(tmp_path):
    version = next_version(metadata_version()) + "-rc1"
    listing = repository(tmp_path, URL, version, committed=False)
    (plugin,) = plugins(listing.parent).values()
    assert text(plugin, "experimental") == "True"
    assert as_qgis_reads(tmp_path / f"dspt_qgis.{version}.zip")["experimental"] == "True"


@pytest.mark.parametrize(
    ("suffix", "experimental"), [("b1", "True"), ("-alpha", "True"), ("", "False")]
)
def test_every_pre_release_form_is_experimental(tmp_path, built, suffix, experimental):
    archive = with_version(built, "7.0.0" + suffix, tmp_path)
    publish(tmp_path / "served", URL, archive)
    (plugin,) = plugins(tmp_path / "served").values()
    assert text(plugin, "experimental") == experimental


def test_whats_new_describes_the_unreleased_changes_in_the_zip(tmp_path, newer):
    changelog = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    unreleased = changelog.split("## [Unreleased]", 1)[1].split("\n## ", 1)[0]
    first_change = next(line for line in unreleased.splitlines() if line.startswith("- "))
    publish(tmp_path, URL, newer)
    (plugin,) = plugins(tmp_path).values()
    whats_new = text(plugin, "changelog")
    assert whats_new.startswith(f"Version {next_version(metadata_version())}:\n")
    assert first_change in whats_new
    assert whats_new == as_qgis_reads(newer)["changelog"].strip()


def test_the_changelog_is_read_by_qgis_as_written():
    changelog = (
        "# Changelog\n\n## [Unreleased]\n\n- Faster by 15-20%.\n\n"
        "## [1.1.0] - 2026-01-02\n\n- Added: maps.\n- Fixed: 100% of rows.\n\n"
        "## [1.0.0] - 2026-01-01\n\n- First.\n\n## [0.9.0] - 2025-12-01\n\n- Older.\n"
    )
    parser = configparser.ConfigParser()
    for version, expected in (
        (
            "1.2.0",
            "Version 1.2.0:\n- Faster by 15-20%.\n\nVersion 1.1.0:\n- Added: maps.\n"
            "- Fixed: 100% of rows.\n\nVersion 1.0.0:\n- First.",
        ),
        (
            "1.1.0",
            "Version 1.1.0:\n- Added: maps.\n- Fixed: 100% of rows.\n\n"
            "Version 1.0.0:\n- First.\n\nVersion 0.9.0:\n- Older.",
        ),
    ):
        parser.read_string("[general]\n" + metadata_changelog(version, changelog) + "\n")
        assert parser["general"]["changelog"].strip() == expected
