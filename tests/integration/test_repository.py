"""An organisation's plugin repository (``make repository``), as NHS IT serves it and QGIS's
own installer uses it: served on 127.0.0.1, set by a global settings file, QGIS desktop
(Xvfb, a fresh profile) lists the plugin, installs it, and the provider lists every
algorithm; then a newer build published in the same folder is offered as an upgrade and
installed over it, the user's settings kept. On every QGIS the suite runs on (3.22 here;
3.40 and 3.44 in their roots, the folder built on the host by scripts/test_in_root.sh).
"""

from __future__ import annotations

import configparser
import hashlib
import json
import os
import shutil
import zipfile
from pathlib import Path
from xml.dom import minidom

import pytest

from tests.integration.plugin_installer import (
    REPOSITORY_NAME,
    installer_sessions,
    once,
    publish_two_builds,
)
from tests.prerequisites import unavailable

REPO = Path(__file__).resolve().parents[2]
KEY = "dspt_qgis"
#: A choice the user makes about the plugin's tools (installer_session.py).
ALGORITHM = "dspt:icscomposite"


def shared(tmp_path_factory, name: str) -> Path:
    """A folder of the whole test run, seen by every xdist worker."""
    base = tmp_path_factory.getbasetemp()
    return (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / name


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> Path:
    """The repository folder after one build (``first``) and after a newer one (``second``)."""
    if os.environ.get("DSPT_REPOSITORY_BUILDS"):
        return Path(os.environ["DSPT_REPOSITORY_BUILDS"])
    return once(shared(tmp_path_factory, "repository-builds"), publish_two_builds)


@pytest.fixture(scope="module")
def sessions(builds, tmp_path_factory) -> dict:
    """Both QGIS sessions, run once for the whole test run."""
    if not (shutil.which("Xvfb") and shutil.which("qgis")):
        unavailable("QGIS desktop or Xvfb not installed (run `make setup`)")
    folder = once(
        shared(tmp_path_factory, "installer-sessions"),
        lambda work: installer_sessions(builds, work),
    )
    return json.loads((folder / "sessions.json").read_text(encoding="utf-8"))


def listed(folder: Path) -> dict[str, str]:
    """The one plugin ``plugins.xml`` lists: its elements' text, and its version."""
    document = minidom.parse(str(folder / "plugins.xml"))
    (plugin,) = document.getElementsByTagName("pyqgis_plugin")
    fields = {
        node.tagName: "".join(child.data for child in node.childNodes)
        for node in plugin.childNodes
        if node.nodeType == node.ELEMENT_NODE
    }
    return {**fields, "version": plugin.getAttribute("version")}


def zip_metadata(archive: Path) -> configparser.SectionProxy:
    """The zip's metadata.txt as QGIS reads it (qgis.utils: configparser, interpolation on)."""
    parser = configparser.ConfigParser()
    with zipfile.ZipFile(archive) as opened:
        parser.read_string(opened.read(f"{KEY}/metadata.txt").decode("utf-8"))
    return parser["general"]


def finished(stage: dict) -> dict:
    """A stage that ran to its end without a dialog nobody could answer."""
    assert "done" in stage["steps"], stage.get("error") or stage.get("log")
    assert stage["dialogs"] == []
    return stage


def test_the_folder_holds_the_listing_the_zip_and_the_icon(builds):
    first = listed(builds / "first")
    url = first["download_url"].rsplit("/", 1)[0] + "/"
    archive = builds / "first" / first["file_name"]
    checkout = configparser.ConfigParser(interpolation=None)
    checkout.read(REPO / "metadata.txt", encoding="utf-8")
    assert sorted(p.name for p in (builds / "first").iterdir()) == sorted(
        ["plugins.xml", "plugins.xsl", first["file_name"], f"{KEY}.svg"]
    )
    assert first["file_name"] == f"{KEY}.{first['version']}.zip"
    assert first["download_url"] == url + first["file_name"]
    assert first["qgis_minimum_version"] == checkout["general"]["qgisMinimumVersion"]
    assert first["qgis_maximum_version"] == checkout["general"]["qgisMaximumVersion"]
    assert first["icon"] == url + f"{KEY}.svg"
    assert (builds / "first" / f"{KEY}.svg").read_bytes() == zipfile.ZipFile(archive).read(
        f"{KEY}/icon.svg"
    )
    assert f"Version {checkout['general']['version']}" in first["changelog"]
    assert first["changelog"] == zip_metadata(archive)["changelog"].strip()
    assert first["experimental"] == "False"


def test_a_newer_build_joins_the_folder_and_replaces_the_listing(builds):
    first, second = listed(builds / "first"), listed(builds / "second")
    assert second["version"] != first["version"]
    assert zip_metadata(builds / "second" / second["file_name"])["version"] == second["version"]
    assert (builds / "second" / first["file_name"]).is_file()  # a desktop may still fetch it
    assert sorted(p.name for p in (builds / "second").iterdir()) == sorted(
        ["plugins.xml", "plugins.xsl", first["file_name"], second["file_name"], f"{KEY}.svg"]
    )


def test_the_installer_reads_the_repository_and_lists_the_plugin(sessions, builds):
    install = finished(sessions["install"])
    repositories = install["listed"]["repositories"]
    assert install["configured"][REPOSITORY_NAME]["url"] == sessions["url"] + "plugins.xml"
    assert repositories[REPOSITORY_NAME]["error"] == ""
    assert [name for name, r in repositories.items() if r["enabled"]] == [REPOSITORY_NAME]
    plugin, served = install["listed"]["plugin"], listed(builds / "first")
    assert plugin["name"] == "DSPT compliance"
    assert plugin["status"] in ("not installed", "new")
    assert plugin["version_available"] == served["version"]
    assert plugin["download_url"] == served["download_url"]
    assert plugin["changelog"] == served["changelog"]
    assert plugin["zip_repository"] == REPOSITORY_NAME
    assert plugin["icon"] == served["icon"]
    icon = (builds / "first" / f"{KEY}.svg").read_bytes()
    assert install["icon"] == {"status": 200, "sha256": hashlib.sha256(icon).hexdigest()}


def test_it_installs_and_the_provider_lists_every_algorithm(sessions, builds, dspt_provider):
    install = finished(sessions["install"])
    plugin, state = install["installed"]["plugin"], install["state"]
    assert plugin["status"] == "installed"
    assert plugin["version_installed"] == listed(builds / "first")["version"]
    assert state["loaded"]
    assert state["enabled"]
    assert state["module"] == str(Path(sessions["plugins"]) / KEY / "__init__.py")
    assert state["algorithms"] == sorted(a.id() for a in dspt_provider.algorithms())


def test_a_newer_build_in_the_same_repository_is_offered_as_an_upgrade(sessions, builds):
    upgrade = finished(sessions["upgrade"])
    at_start, plugin = upgrade["at_start"], upgrade["offered"]["plugin"]
    assert at_start["loaded"]
    assert at_start["version"] == listed(builds / "first")["version"]
    assert plugin["status"] == "upgradeable"
    assert plugin["version_installed"] == listed(builds / "first")["version"]
    assert plugin["version_available"] == listed(builds / "second")["version"]
    assert plugin["download_url"] == listed(builds / "second")["download_url"]


def test_the_upgrade_installs_over_it_and_keeps_the_users_settings(sessions, builds, dspt_provider):
    upgrade = finished(sessions["upgrade"])
    newer = listed(builds / "second")
    assert upgrade["upgraded"]["plugin"]["status"] == "installed"
    assert upgrade["upgraded"]["plugin"]["version_installed"] == newer["version"]
    state = upgrade["state"]
    assert state["loaded"]
    assert state["enabled"]
    assert state["version"] == newer["version"]
    assert state["started_since_marked"]  # a new instance, on the new files
    assert state["module"] == str(Path(sessions["plugins"]) / KEY / "__init__.py")
    assert state["algorithms"] == sorted(a.id() for a in dspt_provider.algorithms())
    with zipfile.ZipFile(builds / "second" / newer["file_name"]) as archive:
        shipped = {name for name in archive.namelist() if not name.endswith("/")}
    plugins = Path(sessions["plugins"])
    installed = {str(p.relative_to(plugins)) for p in (plugins / KEY).rglob("*") if p.is_file()}
    assert {name for name in installed if "__pycache__" not in name} == shipped
    assert ALGORITHM in upgrade["choices_at_start"]["recent"]  # the user's, from the first session
    assert upgrade["choices_at_start"]["favourites"] in (None, [ALGORITHM])  # None: 3.22 has none
    assert upgrade["choices"] == upgrade["choices_at_start"]
    before, after = upgrade["settings_before"], upgrade["settings_after"]
    assert sorted(key for key, value in before.items() if after.get(key) != value) == []
