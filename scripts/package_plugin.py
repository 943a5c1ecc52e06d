"""``make package``: build ``dist/dspt_qgis.<version>.zip`` with qgis-plugin-ci.

qgis-plugin-ci zips ``git archive`` of the configured ``plugin_path``. The installable
folder is assembled by :mod:`scripts.build_plugin` from the committed files (uncommitted
changes never ship; the command says which were left out) into a staging repository of
its own, with the project's ``.qgis-plugin-ci`` and ``CHANGELOG.md``, and qgis-plugin-ci
runs there with its temporary files kept inside it. Every run stages in a folder of its
own and removes it, so two runs at once do not meet, and nothing is left in /tmp.
"""

from __future__ import annotations

import argparse
import configparser
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from scripts.build_plugin import EXTRA_FILES, REPO, build, parts

#: What ``qgis-plugin-ci package --plugin-repo-url`` writes beside the zip.
REPOSITORY_FILES = ("plugins.xml", "plugins.xsl")


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


def package(
    version: str, dist: Path, *, committed: bool = True, repository_url: str | None = None
) -> Path:
    """Stage, commit, run ``qgis-plugin-ci package``; return the zip's path in ``dist``.

    With ``repository_url`` (the address the zip will be served at, ending in ``/``)
    qgis-plugin-ci also writes its custom repository, ``plugins.xml`` with ``plugins.xsl``
    (the page a browser shows for it), into ``dist`` beside the zip.
    """
    staging = Path(tempfile.mkdtemp(prefix="dspt-package-"))  # never inside the checkout
    try:
        _stage(staging, version, committed=committed)
        options = ["--plugin-repo-url", repository_url] if repository_url else []
        _qgis_plugin_ci(staging, "package", version, *options)
        dist.mkdir(parents=True, exist_ok=True)
        zip_name = f"dspt_qgis.{version}.zip"
        for name in [zip_name, *(REPOSITORY_FILES if repository_url else ())]:
            os.replace(staging / name, dist / name)
        return dist / zip_name
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _stage(staging: Path, version: str, *, committed: bool) -> None:
    """The plugin folder, qgis-plugin-ci's settings and the changelog, committed in a git
    repository of their own (qgis-plugin-ci zips ``git archive``)."""
    build(staging, committed=committed)
    for name in (".qgis-plugin-ci", "CHANGELOG.md"):
        shutil.copy2(REPO / name, staging / name)
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
