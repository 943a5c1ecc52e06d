"""``make lint``'s package checks: the import contracts (lint-imports) and the types (mypy)
over the package ``dspt_qgis`` as Python sees it.

The package's parts are the repository's top-level folders (``pyproject.toml``'s
``package-dir``); tools that find a package by walking one folder (grimp, mypy) are
given the package assembled in ``build/check/`` from the working tree, pipeline included,
and their findings are reported against the repository's own files.
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
CHECK = REPO / "build" / "check"


def package_dirs() -> dict[str, str]:
    """Folder inside the package (``dspt_qgis/core``) -> repository folder (``core``)."""
    with open(REPO / "pyproject.toml", "rb") as handle:
        mapping = tomllib.load(handle)["tool"]["setuptools"]["package-dir"]
    return {package.replace(".", "/"): folder for package, folder in mapping.items()}


def assemble() -> None:
    """Copy every part's Python files into ``build/check/dspt_qgis``."""
    shutil.rmtree(CHECK, ignore_errors=True)
    for inside, folder in package_dirs().items():
        for path in (REPO / folder).rglob("*.py"):
            if "__pycache__" not in path.parts:
                target = CHECK / inside / path.relative_to(REPO / folder)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, target)


def to_repository(text: str) -> str:
    """Paths of the assembled package written as the repository's own files."""
    for inside, folder in sorted(package_dirs().items(), key=lambda item: -len(item[0])):
        text = re.sub(rf"(?<![\w/]){re.escape(inside)}/", f"{folder}/", text)
    return text


def run(command: list[str]) -> int:
    done = subprocess.run(
        command,
        cwd=CHECK,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(CHECK)},
    )
    print(to_repository(done.stdout + done.stderr).rstrip())
    return done.returncode


def main() -> int:
    assemble()
    tools = Path(sys.executable).parent
    config = str(REPO / "pyproject.toml")
    failed = run([str(tools / "lint-imports"), config])
    failed |= run(
        [
            str(tools / "mypy"),
            "--config-file",
            config,
            "--cache-dir",
            str(REPO / "build" / "mypy-cache"),
        ]
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
