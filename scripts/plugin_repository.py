"""``make repository``: an organisation's QGIS plugin repository, a folder its IT team
serves as it is.

NHS desktops mostly cannot reach plugins.qgis.org, so their QGIS installs plugins from a
repository on the intranet or a shared drive: a ``plugins.xml`` saying what each plugin is
and where its zip is. This builds the release zip with qgis-plugin-ci and publishes it into
that folder: the zip, the plugin's icon, ``plugins.xsl`` (how a browser shows the list; one
already there is kept) and dspt-qgis's entry in ``plugins.xml`` (written by
:mod:`scripts.repository_listing`; the other plugins the folder lists are kept as they
are). ``plugins.xml`` gives the zip's and the icon's full addresses, so the folder is
written for the address it will be served at (``--url``).

Publishing a newer build is running it again into the same folder: the new zip and icon
are put in place first (each written under a temporary name, then renamed), then
``plugins.xml`` is replaced in one step, so a desktop reading the folder meanwhile sees one
build or the other, whole. Older zips are left for the IT team to remove (a desktop that
read the previous ``plugins.xml`` may still be downloading one). A published zip is never
replaced: the same version built again is refused (desktops that have it would never be
offered the new build), and so is an older version than the one listed, unless asked for.
"""

from __future__ import annotations

import argparse
import configparser
import os
import sys
import tempfile
import zipfile
from importlib import resources
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

from packaging.version import InvalidVersion, Version

from scripts.build_plugin import PLUGIN, REPO
from scripts.package_plugin import metadata_version, package, uncommitted
from scripts.repository_listing import (
    LISTING,
    listed_version,
    plugin_entry,
    read_listing,
    with_entry,
    write_listing,
)

#: Where ``make repository`` writes the folder unless told (``REPOSITORY=...``).
DEFAULT_FOLDER = REPO / "dist" / "repository"
#: What a folder's address keeps as written; anything else (a space) is percent-encoded.
URL_SAFE = "/%:@!$&'()*+,;=~"
EXAMPLES = (
    "e.g. URL=https://gis.example.nhs.uk/qgis-plugins/ or, on a shared drive, "
    "URL=file:///S:/GIS/qgis-plugins/"
)


def repository(
    folder: Path,
    url: str,
    version: str | None = None,
    *,
    committed: bool = True,
    allow_downgrade: bool = False,
) -> Path:
    """Build the zip of ``version`` and publish it into ``folder`` served at ``url``; return
    its ``plugins.xml``."""
    url = folder_url(url)
    with tempfile.TemporaryDirectory(prefix="dspt-repository-") as work:
        archive = package(version or metadata_version(), Path(work), committed=committed)
        return publish(folder, url, archive, allow_downgrade=allow_downgrade)


def publish(folder: Path, url: str, archive: Path, *, allow_downgrade: bool = False) -> Path:
    """Add the built ``archive`` to the repository ``folder`` served at ``url`` (a folder
    address, as :func:`folder_url` gives): zip and icon first, then the list."""
    metadata, icon = _zip_metadata_and_icon(archive)
    listing, version = read_listing(folder), metadata["version"]
    if already_published(folder, archive, version, listed_version(listing), allow_downgrade):
        print(f"Version {version} is already published in {folder}: nothing changed.")
        return folder / LISTING
    icon_name = PLUGIN + Path(metadata["icon"]).suffix
    folder.mkdir(parents=True, exist_ok=True)
    _put(folder / archive.name, archive.read_bytes())
    _put(folder / icon_name, icon)
    if not (folder / "plugins.xsl").exists():
        stylesheet = resources.files("qgispluginci.repository").joinpath("plugins.xsl")
        _put(folder / "plugins.xsl", stylesheet.read_bytes())
    entry = plugin_entry(
        metadata,
        zip_url=url + quote(archive.name, safe=URL_SAFE),
        icon_url=url + quote(icon_name, safe=URL_SAFE),
        experimental=parse_version(version, archive.name).is_prerelease,
    )
    return write_listing(folder, with_entry(listing, entry), entry)


def already_published(
    folder: Path, archive: Path, version: str, listed: str | None, downgrade: bool
) -> bool:
    """Whether ``archive`` (of ``version``) is already what ``folder`` publishes (nothing to
    do); refuses a zip that would replace a published one, and an older version than the
    ``listed`` one unless ``downgrade``: desktops compare versions only, so either would go
    unnoticed."""
    raise_it = "Raise the version in metadata.txt, commit, and run again."
    if listed and not downgrade:
        if parse_version(version, archive.name) < parse_version(listed, str(folder / LISTING)):
            raise SystemExit(
                f"{folder / LISTING} offers version {listed}; {version} is older, and desktops "
                f"that have {listed} would never be offered it. {raise_it} To withdraw "
                f"{listed} on purpose, give --allow-downgrade (make repository ALLOW_DOWNGRADE=1)."
            )
    published = folder / archive.name
    if not published.exists():
        return False
    if published.read_bytes() != archive.read_bytes():
        raise SystemExit(
            f"{published} is already published with other contents: desktops that installed "
            f"{version} would never be offered this build, and one downloading it meanwhile "
            f"would get a mix of both. Nothing was changed. {raise_it}"
        )
    return listed == version


def parse_version(version: str, where: str) -> Version:
    """``version`` as Python packaging orders versions (1.2.0-rc1 before 1.2.0) and tells
    pre-releases (rc, b, alpha, dev) apart; ``where`` names where it was read."""
    try:
        return Version(version)
    except InvalidVersion as error:
        raise SystemExit(
            f"{where}: version {version!r} is not one that can be ordered (e.g. 1.2.0, "
            "1.2.0-rc1): give metadata.txt such a version; nothing was changed"
        ) from error


def folder_url(url: str) -> str:
    """The address the folder is served at, ending in ``/`` and percent-encoded (the zip's
    and the icon's addresses are it plus a file name); refused before any build unless
    http(s):// or file:// (QGIS reads both, file:// for a shared drive) with no query."""
    parts = urlsplit(url)
    scheme = parts.scheme  # urlsplit gives it in lower case
    if scheme not in ("http", "https", "file") or not url.lower().startswith(scheme + "://"):
        raise SystemExit(
            f"The repository's address must start with http://, https:// or file:/// (got "
            f"{url!r}): the address its folder will be served at, {EXAMPLES}"
        )
    if "?" in url or "#" in url or not (parts.netloc or scheme == "file"):
        raise SystemExit(
            f"The repository's address {url!r} is not a folder's address (a server, and no "
            f"'?' or '#'): give the address its folder will be served at, {EXAMPLES}"
        )
    path = parts.path if parts.path.endswith("/") else parts.path + "/"
    listing = path.lower().endswith(f"/{LISTING}/")
    path = quote(path[: -len(f"{LISTING}/")] if listing else path, safe=URL_SAFE)
    folder = urlunsplit((scheme, parts.netloc, path, "", ""))
    if listing:
        print(
            f"{url} is the address of plugins.xml: building for its folder, {folder}",
            file=sys.stderr,
        )
    return folder


def _put(path: Path, data: bytes) -> None:
    """Write ``path`` under a temporary name beside it, then rename it into place: a desktop
    downloading it meanwhile never gets half a file."""
    handle, staged = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(staged, 0o644)  # served as it is: readable by the web server
        os.replace(staged, path)
    finally:
        Path(staged).unlink(missing_ok=True)


def _zip_metadata_and_icon(archive: Path) -> tuple[dict[str, str], bytes]:
    """The metadata.txt qgis-plugin-ci wrote into the zip, read as QGIS reads it (with
    configparser's interpolation), and the icon."""
    with zipfile.ZipFile(archive) as opened:
        parser = configparser.ConfigParser()
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
    parser.add_argument(
        "--allow-downgrade",
        action="store_true",
        help="publish a version older than the one listed (withdrawing that one)",
    )
    args = parser.parse_args()
    url = folder_url(args.url)
    left_out = uncommitted()
    if left_out:
        print("Not in the zip (not committed): " + ", ".join(left_out), file=sys.stderr)
    written = repository(args.into, url, args.version, allow_downgrade=args.allow_downgrade)
    print(f"Repository {written.parent}: serve it at {url}; in QGIS, add {url}{LISTING}")


if __name__ == "__main__":
    main()
