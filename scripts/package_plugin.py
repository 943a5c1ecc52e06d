"""``make package``: build ``dist/dspt_qgis.<version>.zip`` with qgis-plugin-ci.

qgis-plugin-ci zips ``git archive`` of the configured ``plugin_path``. The installable
folder is assembled by :mod:`scripts.build_plugin`, so this commits it into a throw-away
staging repository with the project's ``.qgis-plugin-ci`` and ``CHANGELOG.md`` and runs
qgis-plugin-ci there. The zip holds one root folder, ``dspt_qgis/``, and only what runs.
"""

from __future__ import annotations

import argparse
import configparser
import shutil
import subprocess
import sys
from pathlib import Path

from scripts.build_plugin import REPO, build


def metadata_version() -> str:
    parser = configparser.ConfigParser()
    parser.read(REPO / "metadata.txt", encoding="utf-8")
    return parser["general"]["version"]


def package(version: str, dist: Path) -> Path:
    """Stage, commit, run ``qgis-plugin-ci package``; return the zip's path in ``dist``."""
    staging = REPO / "build" / "package"
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir(parents=True)
    build(staging)
    for name in (".qgis-plugin-ci", "CHANGELOG.md"):
        shutil.copy2(REPO / name, staging / name)

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=staging, check=True, capture_output=True)

    git("init", "-q")
    git("add", "-A")
    git(
        "-c",
        "user.name=dspt-qgis",
        "-c",
        "user.email=build@localhost",
        "commit",
        "-q",
        "-m",
        f"package {version}",
    )
    ci = Path(sys.executable).with_name("qgis-plugin-ci")
    done = subprocess.run(
        [str(ci), "package", version], cwd=staging, capture_output=True, text=True
    )
    if done.returncode != 0:
        raise SystemExit(f"qgis-plugin-ci failed:\n{done.stdout}\n{done.stderr}")
    built = staging / f"dspt_qgis.{version}.zip"
    dist.mkdir(parents=True, exist_ok=True)
    target = dist / built.name
    shutil.move(built, target)
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--version", default=None, help="defaults to metadata.txt's version")
    parser.add_argument("--dist", type=Path, default=REPO / "dist")
    args = parser.parse_args()
    print(package(args.version or metadata_version(), args.dist))


if __name__ == "__main__":
    main()
