"""``make lint``'s package checks: the import contracts (lint-imports) and the types (mypy)
over the package ``dspt_qgis``, with no copy of it.

The package's parts are the repository's top-level folders (``pyproject.toml``'s
``package-dir``). Python finds them through the editable install's import hook, which tools
that find a package by walking one folder (grimp, mypy) cannot follow; they are given a
link tree instead: ``build/package/dspt_qgis`` holds a symbolic link to each of the
package's files at its place in the package (``dspt_qgis/core/join.py`` -> ``core/join.py``),
so they read the checkout's own files, and their findings are reported against them.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import tomllib

REPO = Path(__file__).resolve().parents[1]
BUILD = REPO / "build"
LINKS = BUILD / "package"
#: A finding's path at the start of a line, before ``:line``.
_FINDING = re.compile(r"^([^\s:][^:\n]*\.py)(?=:)", re.M)


def package_dirs() -> dict[str, str]:
    """Folder inside the package (``dspt_qgis/core``) -> repository folder (``core``)."""
    with open(REPO / "pyproject.toml", "rb") as handle:
        mapping = tomllib.load(handle)["tool"]["setuptools"]["package-dir"]
    return {package.replace(".", "/"): folder for package, folder in mapping.items()}


def link_tree() -> None:
    """Link each of the package's Python files (and its py.typed marker) into ``LINKS``."""
    shutil.rmtree(LINKS, ignore_errors=True)
    for inside, folder in package_dirs().items():
        for path in (REPO / folder).glob("**/*"):
            if path.suffix == ".py" or path.name == "py.typed":
                link = LINKS / inside / path.relative_to(REPO / folder)
                link.parent.mkdir(parents=True, exist_ok=True)
                link.symlink_to(path)


def to_repository(text: str, cwd: Path = BUILD) -> str:
    """Paths of the link tree written as the repository's own files."""

    def resolved(match: re.Match[str]) -> str:
        real = Path(os.path.realpath(cwd / match.group(1)))
        return str(real.relative_to(REPO)) if real.is_relative_to(REPO) else match.group(1)

    return _FINDING.sub(resolved, text)


def run(command: list[str]) -> int:
    environment = {**os.environ, "PYTHONPATH": str(LINKS)}
    done = subprocess.run(command, cwd=BUILD, capture_output=True, text=True, env=environment)
    print(to_repository(done.stdout + done.stderr).rstrip())
    return done.returncode


def main() -> int:
    link_tree()
    tools = Path(sys.executable).parent
    config = str(REPO / "pyproject.toml")
    failed = run([str(tools / "lint-imports"), config])
    failed |= run(
        [str(tools / "mypy"), "--config-file", config, "--cache-dir", str(BUILD / "mypy-cache")]
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
