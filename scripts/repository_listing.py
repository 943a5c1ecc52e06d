"""``plugins.xml`` of an organisation's plugin repository, read, completed and written
with ElementTree for :mod:`scripts.plugin_repository`.

The folder is the organisation's, not ours: it may list other plugins (their own entries,
zips and stylesheet). Only dspt-qgis's ``<pyqgis_plugin>`` is replaced or added; every
other element is written back as it was read (comments and processing instructions inside
the list too). QGIS's installer knows a plugin by its zip's name before the first dot
(pyplugin_installer/installer_data.py ``xmlDownloaded``), so that is how ours is found.
"""

from __future__ import annotations

import os
import tempfile
import xml.etree.ElementTree as ET
from datetime import datetime, timezone
from pathlib import Path

from scripts.build_plugin import PLUGIN

LISTING = "plugins.xml"
#: What the listing starts with: a browser shows it through ``plugins.xsl`` beside it.
PROLOGUE = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<?xml-stylesheet type="text/xsl" href="plugins.xsl"?>\n'
)
#: ``<pyqgis_plugin>`` element -> metadata.txt key (as configparser gives it, in lower case),
#: for what the installer shows as the plugin says it.
FROM_METADATA = (
    ("about", "about"),
    ("author_name", "author"),
    ("deprecated", "deprecated"),
    ("description", "description"),
    ("homepage", "homepage"),
    ("qgis_maximum_version", "qgismaximumversion"),
    ("qgis_minimum_version", "qgisminimumversion"),
    ("repository", "repository"),
    ("server", "server"),
    ("tags", "tags"),
    ("tracker", "tracker"),
    ("changelog", "changelog"),
)


def read_listing(folder: Path) -> ET.Element | None:
    """The folder's list of plugins as it is, or None when it has none yet; a file that is
    not such a list is refused before anything is written."""
    path = folder / LISTING
    return _parse(path, path) if path.exists() else None


def _parse(path: Path, named: Path) -> ET.Element:
    """The list in ``path``, comments and processing instructions kept; refused naming
    ``named`` (the list's own name, also when reading a staged copy)."""
    builder = ET.TreeBuilder(insert_comments=True, insert_pis=True)
    try:
        root = ET.parse(path, parser=ET.XMLParser(target=builder)).getroot()
    except (ET.ParseError, UnicodeDecodeError, OSError) as error:
        raise SystemExit(
            f"{named} cannot be read as a QGIS plugin list ({error}); nothing was changed. "
            "Repair or move it, then run again."
        ) from error
    if root.tag != "plugins":
        raise SystemExit(
            f"{named} is not a QGIS plugin list (its root is <{root.tag}>, not <plugins>); "
            "nothing was changed. Move it, or build into another folder."
        )
    return root


def ours(root: ET.Element | None) -> list[ET.Element]:
    """dspt-qgis's entries in a list, as QGIS's installer tells plugins apart."""
    if root is None:
        return []
    return [
        entry
        for entry in root.findall("pyqgis_plugin")
        if (entry.findtext("file_name") or "").strip().partition(".")[0] == PLUGIN
    ]


def listed_version(root: ET.Element | None) -> str | None:
    """The version of dspt-qgis the list offers now, if any."""
    found = ours(root)
    return found[0].get("version") if found else None


def plugin_entry(
    metadata: dict[str, str], *, zip_url: str, icon_url: str, experimental: bool
) -> ET.Element:
    """dspt-qgis's ``<pyqgis_plugin>`` for a zip, from the zip's own metadata.txt: what QGIS
    lists, offers and installs agrees with what it then reads from the plugin."""
    version = metadata["version"]
    entry = ET.Element("pyqgis_plugin", name=metadata["name"], version=version)
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    texts = {tag: metadata.get(key, "").strip() for tag, key in FROM_METADATA}
    texts.update(
        download_url=zip_url,
        file_name=zip_url.rsplit("/", 1)[-1],
        icon=icon_url,
        experimental=str(experimental),
        version=version,
        create_date=now,
        update_date=now,
    )
    for tag, text in sorted(texts.items()):
        ET.SubElement(entry, tag).text = text
    return entry


def with_entry(root: ET.Element | None, entry: ET.Element) -> ET.Element:
    """The list with ``entry`` in place of dspt-qgis's (where it stood) or added last; the
    other plugins' entries untouched."""
    if root is None:
        root = ET.Element("plugins")
        root.text = "\n    "
    previous = ours(root)
    ET.indent(entry, space="    ", level=1)
    if previous:
        entry.tail = previous[0].tail
        root.insert(list(root).index(previous[0]), entry)
        for old in previous:
            root.remove(old)
    else:
        if len(root):
            root[-1].tail = "\n    "
        entry.tail = "\n"
        root.append(entry)
    return root


def write_listing(folder: Path, root: ET.Element, entry: ET.Element) -> Path:
    """Put the list in place in one step (written beside it, read back, then renamed over
    it), so a desktop reading it meanwhile gets the old list or the new one whole."""
    path = folder / LISTING
    text = PROLOGUE + ET.tostring(root, encoding="unicode") + "\n"
    handle, staged = tempfile.mkstemp(prefix=f".{LISTING}.", dir=folder)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        written = ours(_parse(Path(staged), path))
        if [_fields(found) for found in written] != [_fields(entry)]:
            raise SystemExit(
                f"{path}: the new list did not read back as written; nothing was changed"
            )
        os.chmod(staged, 0o644)  # served as it is: readable by the web server
        os.replace(staged, path)
    finally:
        Path(staged).unlink(missing_ok=True)
    return path


def _fields(entry: ET.Element) -> tuple[dict[str, str], list[tuple[str, str | None]]]:
    return dict(entry.attrib), [(child.tag, child.text or "") for child in entry]
