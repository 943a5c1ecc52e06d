"""``make repository``: an organisation's QGIS plugin repository, a folder its IT team
serves as it is.

NHS desktops mostly cannot reach plugins.qgis.org, so their QGIS installs plugins from a
repository on the intranet: a ``plugins.xml`` saying what each plugin is and where its zip
is. This writes that folder for dspt-qgis: ``plugins.xml`` (qgis-plugin-ci's custom
repository, completed by :func:`complete` with what QGIS's installer reads and
qgis-plugin-ci leaves out), ``plugins.xsl`` (how a browser shows ``plugins.xml``), the
release zip and the plugin's icon. ``plugins.xml`` gives the zip's and the icon's full
addresses, so the folder is written for the address it will be served at (``--url``).

Publishing a newer build is running it again into the same folder: the new zip and icon
are added first, then ``plugins.xml`` is replaced in one step, so a desktop reading the
folder meanwhile sees one build or the other, whole. Older zips are left for the IT team
to remove (a desktop that read the previous ``plugins.xml`` may still be downloading one).
"""

from __future__ import annotations

import argparse
import configparser
import os
import shutil
import sys
import tempfile
import zipfile
from pathlib import Path
from xml.dom import minidom

from scripts.build_plugin import PLUGIN, REPO
from scripts.package_plugin import metadata_version, package, uncommitted

#: Where ``make repository`` writes the folder unless told (``REPOSITORY=...``).
DEFAULT_FOLDER = REPO / "dist" / "repository"


def repository(
    folder: Path, url: str, version: str | None = None, *, committed: bool = True
) -> Path:
    """Write (or update) the repository ``folder`` served at ``url``; return its ``plugins.xml``."""
    url = folder_url(url)
    version = version or metadata_version()
    with tempfile.TemporaryDirectory(prefix="dspt-repository-") as work:
        built = Path(work)
        archive = package(version, built, committed=committed, repository_url=url)
        metadata, icon = _zip_metadata_and_icon(archive)
        icon_name = PLUGIN + Path(metadata["icon"]).suffix
        (built / icon_name).write_bytes(icon)
        listing = complete(
            (built / "plugins.xml").read_text(encoding="utf-8"),
            changelog=metadata.get("changelog", ""),
            icon=url + icon_name,
        )
        folder.mkdir(parents=True, exist_ok=True)
        for name in (archive.name, icon_name, "plugins.xsl"):
            shutil.copy2(built / name, folder / name)
        staged = folder / ".plugins.xml.new"
        staged.write_text(listing, encoding="utf-8")
        os.replace(staged, folder / "plugins.xml")
    return folder / "plugins.xml"


def folder_url(url: str) -> str:
    """The address the folder is served at, ending in ``/`` (qgis-plugin-ci and the icon's
    address append a file name to it); anything but http(s) is refused before any build."""
    if not url.startswith(("http://", "https://")):
        raise SystemExit(
            f"The repository's address must start with http:// or https:// (got {url!r}): the "
            "address its folder will be served at, e.g. "
            "make repository URL=https://gis.example.nhs.uk/qgis-plugins/"
        )
    return url if url.endswith("/") else url + "/"


def complete(listing: str, *, changelog: str, icon: str) -> str:
    """Fill in what QGIS's plugin installer reads that qgis-plugin-ci 2.10 does not write
    (pyplugin_installer/installer_data.py: ``Repositories.xmlDownloaded``, ``Plugins.rebuild``).
    The one place the project touches qgis-plugin-ci's ``plugins.xml``:

    - ``changelog``: the installer shows it under "What's new"; qgis-plugin-ci's template has
      none, so the changelog qgis-plugin-ci wrote into the zip's metadata.txt goes in.
    - ``icon``: a relative icon is fetched from the server's root, the folder and port dropped
      (``scheme://host/icon``); the full address of the copy beside plugins.xml goes in.
    - ``experimental``: metadata.txt marks the plugin experimental (0.x for plugins.qgis.org).
      QGIS lists an experimental build only to users who show experimental plugins, and never
      announces its upgrades (only the stable status counts); the build an organisation
      publishes to its staff is its release, so its repository lists it as one.
    """
    document = minidom.parseString(listing.encode("utf-8"))  # qgis-plugin-ci's own output
    (plugin,) = document.getElementsByTagName("pyqgis_plugin")
    for tag, text in (("changelog", changelog.strip()), ("icon", icon), ("experimental", "False")):
        _set_text(document, plugin, tag, text)
    nodes = "\n".join(node.toxml() for node in document.childNodes)  # the stylesheet, the list
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{nodes}\n'


def _set_text(document: minidom.Document, plugin: minidom.Element, tag: str, text: str) -> None:
    """Give ``plugin``'s element ``tag`` the text ``text``, adding it last when missing."""
    found = [node for node in plugin.childNodes if getattr(node, "tagName", None) == tag]
    if found:
        element = found[0]
        for child in list(element.childNodes):
            element.removeChild(child)
    else:
        element = document.createElement(tag)
        plugin.insertBefore(document.createTextNode("\n        "), plugin.lastChild)
        plugin.insertBefore(element, plugin.lastChild)
    element.appendChild(document.createTextNode(text))


def _zip_metadata_and_icon(archive: Path) -> tuple[dict[str, str], bytes]:
    """The metadata.txt qgis-plugin-ci wrote into the zip (version, changelog), and the icon."""
    with zipfile.ZipFile(archive) as opened:
        parser = configparser.ConfigParser(interpolation=None)
        parser.read_string(opened.read(f"{PLUGIN}/metadata.txt").decode("utf-8"))
        metadata = dict(parser["general"])
        return metadata, opened.read(f"{PLUGIN}/{metadata['icon']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=" ".join(__doc__.split("\n\n")[0].split()))
    parser.add_argument(
        "--url",
        required=True,
        help="the address the folder will be served at, e.g. https://gis.example.nhs.uk/qgis-plugins/",
    )
    parser.add_argument("--into", type=Path, default=DEFAULT_FOLDER, help="the folder to write")
    parser.add_argument("--version", default=None, help="defaults to metadata.txt's version")
    args = parser.parse_args()
    url = folder_url(args.url)
    left_out = uncommitted()
    if left_out:
        print("Not in the zip (not committed): " + ", ".join(left_out), file=sys.stderr)
    written = repository(args.into, url, args.version)
    print(f"Wrote {written.parent}: serve it at {url}; in QGIS, add {url}plugins.xml")


if __name__ == "__main__":
    main()
