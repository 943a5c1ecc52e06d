"""The release zip: one plugin folder of exactly the files that run or must ship, built
from committed files, by runs that may overlap, leaving nothing behind; and a checkout
that needs no symbolic links (a Windows clone builds the same zip)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import threading
import zipfile
from pathlib import Path

import pytest

from scripts.build_plugin import REPO
from scripts.package_plugin import metadata_version, package

pytestmark = pytest.mark.host  # the host's own tools, whatever the QGIS version

#: Every kind of file the zip may hold (folder inside the plugin, file suffixes).
ALLOWED = {
    "dspt_qgis": {".py", ".svg", ".txt", ""},  # metadata.txt, LICENSE
    "dspt_qgis/models": {".model3"},
    "dspt_qgis/core": {".py"},
    "dspt_qgis/presentation": {".py"},
    "dspt_qgis/presentation/web": {".js", ".css"},
    "dspt_qgis/presentation/web/vendor/leaflet": {".js", ".css", ".md", ""},  # VERSION.md, LICENSE
    "dspt_qgis/presentation/web/vendor/leaflet/images": {".png"},
    "dspt_qgis/processing_algs": {".py"},
    "dspt_qgis/processing_algs/support": {".py"},
    "dspt_qgis/processing_algs/layouts": {".py"},
}


def names(archive: Path) -> list[str]:
    with zipfile.ZipFile(archive) as opened:
        return [n for n in opened.namelist() if not n.endswith("/")]


@pytest.fixture(scope="module")
def release(tmp_path_factory) -> Path:
    return package(metadata_version(), tmp_path_factory.mktemp("dist"))


def test_the_zip_holds_only_what_runs_or_must_ship(release):
    held = names(release)
    assert release.name == f"dspt_qgis.{metadata_version()}.zip"
    unexpected = [
        n for n in held if os.path.splitext(n)[1] not in ALLOWED.get(os.path.dirname(n), set())
    ]
    assert unexpected == []
    assert {
        "dspt_qgis/metadata.txt",
        "dspt_qgis/LICENSE",
        "dspt_qgis/core/resolve.py",
        "dspt_qgis/processing_algs/provider.py",
        "dspt_qgis/processing_algs/layouts/national.py",
        "dspt_qgis/models/dspt_method.model3",
        "dspt_qgis/presentation/web/vendor/leaflet/LICENSE",
    } <= set(held)


#: What plugins.qgis.org's upload validator requires of metadata.txt (qgis/QGIS-Django,
#: plugins/validator.py: PLUGIN_REQUIRED_METADATA).
REQUIRED_METADATA = (
    "name",
    "description",
    "version",
    "qgisMinimumVersion",
    "author",
    "email",
    "about",
    "tracker",
    "repository",
)


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split("."))


def test_the_release_passes_the_plugin_sites_metadata_checks_and_is_listed_for_qgis_4(release):
    import configparser
    import zipfile
    from urllib.parse import urlparse

    with zipfile.ZipFile(release) as archive:
        parser = configparser.ConfigParser(interpolation=None)
        parser.optionxform = str  # the keys are case-sensitive (qgisMinimumVersion)
        parser.read_string(archive.read("dspt_qgis/metadata.txt").decode("utf-8"))
        held = set(archive.namelist())
    metadata = dict(parser.items("general"))
    assert [key for key in REQUIRED_METADATA if not metadata.get(key, "").strip()] == []
    assert _version(metadata["qgisMinimumVersion"]) <= (3, 22)
    # The site lists a plugin for QGIS 4 only with a maximum of 4.0 or more.
    assert _version(metadata["qgisMaximumVersion"]) >= (4, 0)
    assert "supportsQt6" not in metadata  # retired by QGIS and the site in 2026
    assert re.fullmatch(r"[^@\s]+@[^@\s]+\.[a-z]+", metadata["email"])
    assert "/" not in metadata["author"]
    for key in ("tracker", "repository", "homepage"):
        url = urlparse(metadata[key])
        assert url.scheme == "https", key
        assert url.netloc, key
    assert f"dspt_qgis/{metadata['icon']}" in held
    assert "dspt_qgis/LICENSE" in held
    assert "dspt_qgis/__init__.py" in held
    assert not [n for n in held if n.endswith(".pyc") or "__pycache__" in n.split("/")]


def test_the_release_is_built_from_committed_files(tmp_path):
    """A file added to a checkout but not committed is not in `make package`'s zip (tried
    in a clone: a test never writes into the checkout it runs from)."""
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(REPO), str(clone)], check=True)
    (clone / "processing_algs" / "support" / "not_committed_yet.py").write_text(
        "raise SystemExit('not released')\n", encoding="utf-8"
    )
    built = {}
    for kind, committed in (("release", True), ("working", False)):
        done = subprocess.run(
            [
                sys.executable,
                "-c",
                "import sys; sys.path.insert(0, '.'); from pathlib import Path; "
                "from scripts.package_plugin import metadata_version, package; "
                "print(package(metadata_version(), Path(sys.argv[1]), committed=sys.argv[2] == '1'))",
                str(tmp_path / kind),
                "1" if committed else "0",
            ],
            cwd=clone,
            capture_output=True,
            text=True,
            check=True,
        )
        built[kind] = Path(done.stdout.strip().splitlines()[-1])
    inside = "dspt_qgis/processing_algs/support/not_committed_yet.py"
    assert inside not in names(built["release"])
    assert inside in names(built["working"])


def test_two_runs_at_once_both_succeed_and_leave_nothing_behind(tmp_path, monkeypatch):
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    monkeypatch.setenv("TMPDIR", str(temporary))
    tempfile.tempdir = None  # read TMPDIR again
    results: list[object] = []

    def run(number: int) -> None:
        try:
            results.append(package(metadata_version(), tmp_path / f"dist{number}"))
        except BaseException as error:  # noqa: BLE001 (reported by the assertion below)
            results.append(error)

    threads = [threading.Thread(target=run, args=(n,)) for n in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    tempfile.tempdir = None
    assert all(isinstance(r, Path) for r in results), results
    assert list(temporary.iterdir()) == []
    assert not [p for p in (REPO / "build").glob("package-*")]


def test_a_clone_without_symbolic_links_builds_the_same_zip(tmp_path):
    tracked = subprocess.run(
        ["git", "-C", str(REPO), "ls-files", "-s"], capture_output=True, text=True, check=True
    ).stdout
    assert [line for line in tracked.splitlines() if line.startswith("120000")] == []
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "-c", "core.symlinks=false", str(REPO), str(clone)], check=True
    )
    built = subprocess.run(
        [
            "python3",
            "-c",
            "import sys; sys.path.insert(0, '.'); from scripts.build_plugin "
            "import build; from pathlib import Path; print(build(Path(sys.argv[1])))",
            str(tmp_path / "from_clone"),
        ],
        cwd=clone,
        capture_output=True,
        text=True,
        check=True,
    )
    from_clone = Path(built.stdout.strip())
    ours = package(metadata_version(), tmp_path / "ours")
    cloned = {
        f"dspt_qgis/{p.relative_to(from_clone).as_posix()}": p.read_bytes()
        for p in from_clone.rglob("*")
        if p.is_file()
    }
    with zipfile.ZipFile(ours) as archive:
        zipped = {n: archive.read(n) for n in names(ours)}
    assert sorted(zipped) == sorted(cloned)
    metadata = "dspt_qgis/metadata.txt"  # qgis-plugin-ci writes the changelog into the zip's copy
    assert {n: b for n, b in zipped.items() if n != metadata} == {
        n: b for n, b in cloned.items() if n != metadata
    }


def test_a_checkout_missing_a_part_is_refused(tmp_path, monkeypatch):
    import scripts.build_plugin as build_plugin

    monkeypatch.setattr(
        build_plugin, "parts", lambda: {"dspt_qgis": "dspt_qgis", "dspt_qgis/core": "no_such"}
    )
    with pytest.raises(SystemExit, match="no_such must each be a folder holding __init__.py"):
        build_plugin.build(tmp_path)
