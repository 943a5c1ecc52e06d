"""Assemble the installable plugin folder ``build/plugin/dspt_qgis/`` from the checkout.

``dspt_qgis/`` already has the installed layout (its ``core`` and ``processing_algs``
are links to the top-level folders); the build copies it with the links resolved, adds
``metadata.txt`` and ``LICENSE``, and leaves out what does not run inside QGIS (the
headless pipeline, caches).
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PLUGIN = "dspt_qgis"
EXTRA_FILES = ("metadata.txt", "LICENSE")
#: Parts of the package that never run inside QGIS.
LEFT_OUT = ("pipeline", "__pycache__", "*.pyc")


def build(target_parent: Path) -> Path:
    """Write ``<target_parent>/dspt_qgis`` afresh and return its path."""
    target = target_parent / PLUGIN
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(REPO / PLUGIN, target, symlinks=False, ignore=shutil.ignore_patterns(*LEFT_OUT))
    for name in EXTRA_FILES:
        shutil.copy2(REPO / name, target / name)
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--into", type=Path, default=REPO / "build" / "plugin", help="folder to create dspt_qgis/ in"
    )
    print(build(parser.parse_args().into))


if __name__ == "__main__":
    main()
