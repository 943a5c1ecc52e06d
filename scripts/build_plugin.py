"""Assemble the installable plugin folder ``build/dspt_qgis/`` from the checkout.

The repository keeps ``core/``, ``processing_algs/`` and ``metadata.txt`` at the top level
(the design card); QGIS needs one folder holding all of them. This copies the plugin
shell, both packages, metadata, icon and licence into that folder, so the installed
plugin imports ``dspt_qgis.core`` and never puts a top-level ``core`` on QGIS's path.
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PLUGIN = "dspt_qgis"
PARTS = ("core", "processing_algs", "metadata.txt", "LICENSE")


def build(target_parent: Path) -> Path:
    """Write ``<target_parent>/dspt_qgis`` afresh and return its path."""
    target = target_parent / PLUGIN
    if target.exists():
        shutil.rmtree(target)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(REPO / PLUGIN, target, ignore=ignore)
    for part in PARTS:
        source = REPO / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=ignore)
        elif source.is_file():
            shutil.copy2(source, target / part)
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--into", type=Path, default=REPO / "build", help="folder to create dspt_qgis/ in"
    )
    print(build(parser.parse_args().into))


if __name__ == "__main__":
    main()
