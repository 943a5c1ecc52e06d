"""``make package``: build ``dist/dspt_qgis.<version>.zip`` with qgis-plugin-ci.

qgis-plugin-ci zips ``git archive`` of the configured ``plugin_path``. The installable
folder is assembled by :mod:`scripts.build_plugin` from the committed files (uncommitted
changes never ship; the command says which were left out) into a staging repository of
its own, with the project's ``.qgis-plugin-ci``, and qgis-plugin-ci runs there with its
temporary files kept inside it. The zip's changelog (QGIS's "What's new") is written here
from ``CHANGELOG.md`` (:func:`metadata_changelog`), not by qgis-plugin-ci, which lists only
released sections: a build of a version not yet released would describe older builds. Every run stages in a folder of its
own and removes it, so two runs at once do not meet, and nothing is left in /tmp.
"""

from __future__ import annotations

import argparse
import configparser
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from scripts.build_plugin import EXTRA_FILES, REPO, build, parts

#: How many versions the zip's changelog describes (qgis-plugin-ci's default).
CHANGELOG_VERSIONS = 3
#: A version's section of CHANGELOG.md: its name in brackets, then its lines.
CHANGELOG_SECTION = re.compile(r"^## \[([^\]]+)\][^\n]*\n(.*?)(?=^## |\Z)", re.M | re.S)


def metadata_version() -> str:
    parser = configparser.ConfigParser()
    parser.read(REPO / "metadata.txt", encoding="utf-8")
    return parser["general"]["version"]


def uncommitted() -> list[str]:
    """Changed or new files of the shipped folders that are not committed."""
    done = subprocess.run(
        ["git", "-C", str(REPO), "status", "--porcelain", "--", *parts().values(), *EXTRA_FILES],
        capture_output=True,
        text=True,
        check=True,
    )
    return [line[3:] for line in done.stdout.splitlines()]


def package(version: str, dist: Path, *, committed: bool = True) -> Path:
    """Stage, commit, run ``qgis-plugin-ci package``; return the zip's path in ``dist``."""
    staging = Path(tempfile.mkdtemp(prefix="dspt-package-"))  # never inside the checkout
    try:
        _stage(staging, version, committed=committed)
        _qgis_plugin_ci(staging, "package", version)
        dist.mkdir(parents=True, exist_ok=True)
        zip_name = f"dspt_qgis.{version}.zip"
        os.replace(staging / zip_name, dist / zip_name)
        return dist / zip_name
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def metadata_changelog(version: str, changelog: str) -> str:
    """metadata.txt's ``changelog`` for a build of ``version``: that version's section of
    ``changelog`` (Keep a Changelog), or the [Unreleased] changes under its name when it has
    none (what the zip holds), then the versions before it. ``%`` is doubled: QGIS reads
    metadata.txt with configparser's interpolation (a lone ``%`` loses the whole changelog)."""
    sections = [(name, body.strip()) for name, body in CHANGELOG_SECTION.findall(changelog)]
    names = [name for name, _ in sections]
    if version in names:
        chosen = sections[names.index(version) :]
    else:
        unreleased = dict(sections).get("Unreleased", "")
        chosen = [(version, unreleased)] + [s for s in sections if s[0] != "Unreleased"]
    lines = []
    for name, body in chosen[:CHANGELOG_VERSIONS]:
        lines += [f" Version {name}:", *(f" {line}" for line in body.splitlines() if line), ""]
    return "changelog=\n" + "\n".join(lines).replace("%", "%%")


def _stage(staging: Path, version: str, *, committed: bool) -> None:
    """The plugin folder, its metadata.txt given the changelog of this build, and
    qgis-plugin-ci's settings, committed in a git repository of their own (qgis-plugin-ci
    zips ``git archive``; without a CHANGELOG.md there it leaves the changelog as written)."""
    plugin = build(staging, committed=committed)
    metadata = plugin / "metadata.txt"
    kept = [
        line
        for line in metadata.read_text(encoding="utf-8").splitlines()
        if not line.startswith("changelog=")  # the checkout's one-line summary
    ]
    changelog = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    kept.append(metadata_changelog(version, changelog))
    metadata.write_text("\n".join(kept) + "\n", encoding="utf-8")
    shutil.copy2(REPO / ".qgis-plugin-ci", staging / ".qgis-plugin-ci")
    _git(staging, "init", "-q")
    _git(staging, "add", "-A")
    _git(
        staging,
        "-c",
        "user.name=dspt-qgis",
        "-c",
        "user.email=build@localhost",
        "commit",
        "-q",
        "-m",
        f"package {version}",
    )


def _qgis_plugin_ci(staging: Path, *args: str) -> None:
    """Run qgis-plugin-ci in ``staging``, its temporary files kept inside it."""
    temporary = staging / "tmp"
    temporary.mkdir()
    ci = Path(sys.executable).with_name("qgis-plugin-ci")
    done = subprocess.run(
        [str(ci), *args],
        cwd=staging,
        capture_output=True,
        text=True,
        env={**os.environ, "TMPDIR": str(temporary)},
    )
    if done.returncode != 0:
        raise SystemExit(f"qgis-plugin-ci failed:\n{done.stdout}\n{done.stderr}")


def _git(folder: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=" ".join(__doc__.split("\n\n")[0].split()))
    parser.add_argument("--version", default=None, help="defaults to metadata.txt's version")
    parser.add_argument("--dist", type=Path, default=REPO / "dist")
    args = parser.parse_args()
    left_out = uncommitted()
    if left_out:
        print("Not in the zip (not committed): " + ", ".join(left_out), file=sys.stderr)
    print(package(args.version or metadata_version(), args.dist))


if __name__ == "__main__":
    main()
