"""Assemble the installable plugin folder ``dspt_qgis/`` from the checkout.

The repository keeps the plugin's parts at the top level (the shell in ``dspt_qgis/``,
the method in ``core/``, the algorithms in ``processing_algs/``), mapped onto the one
package ``dspt_qgis`` by ``pyproject.toml``'s ``package-dir``; the plugin QGIS installs is
one folder holding them all. The same mapping places each part here, the headless
pipeline left out. Only files that run or must ship (code, icons, the model, the web
report's assets, licences) go in: an allow-list, not a list of what to leave out.

``committed=True`` takes the files as committed (``git archive`` of HEAD), as a release
must; otherwise the working tree (the tests, while the code changes).
"""

from __future__ import annotations

import argparse
import io
import shutil
import subprocess
import tarfile
from pathlib import Path

import tomllib

REPO = Path(__file__).resolve().parents[1]
PLUGIN = "dspt_qgis"
#: Files of the repository's top level the plugin folder holds too.
EXTRA_FILES = ("metadata.txt", "LICENSE")
#: Subpackages of the package that never run inside QGIS.
NOT_SHIPPED = ("dspt_qgis.pipeline",)
#: What a file must end with (or be called) to ship.
SHIPPED_SUFFIXES = (".py", ".svg", ".model3", ".js", ".css", ".png", ".qm")
SHIPPED_NAMES = ("LICENSE", "VERSION.md")


def parts() -> dict[str, str]:
    """Folder inside the plugin -> repository folder, from pyproject.toml's package-dir."""
    with open(REPO / "pyproject.toml", "rb") as handle:
        mapping = tomllib.load(handle)["tool"]["setuptools"]["package-dir"]
    return {
        package.replace(".", "/"): folder
        for package, folder in mapping.items()
        if package not in NOT_SHIPPED
    }


def build(target_parent: Path, *, committed: bool = False) -> Path:
    """Write ``<target_parent>/dspt_qgis`` afresh and return its path."""
    source = _committed_tree(target_parent) if committed else REPO
    _check_checkout(source)
    target = target_parent / PLUGIN
    if target.exists():
        shutil.rmtree(target)
    for inside, folder in sorted(parts().items()):
        for path in sorted((source / folder).rglob("*")):
            if path.is_file() and _shipped(path):
                copy = target.parent / inside / path.relative_to(source / folder)
                copy.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, copy)
    for name in EXTRA_FILES:
        shutil.copy2(source / name, target / name)
    if committed:
        shutil.rmtree(source)
    return target


def _shipped(path: Path) -> bool:
    return "__pycache__" not in path.parts and (
        path.suffix in SHIPPED_SUFFIXES or path.name in SHIPPED_NAMES
    )


def _check_checkout(source: Path) -> None:
    """Refuse a checkout the plugin cannot be built from (a part missing, or a file where
    a folder belongs, as a clone of an old commit without symbolic links has)."""
    broken = [
        folder for folder in parts().values() if not (source / folder / "__init__.py").is_file()
    ]
    if broken:
        raise SystemExit(
            f"Cannot build the plugin: {', '.join(broken)} must each be a folder holding __init__.py "
            f"(in {source}). Check out the project again."
        )


def _committed_tree(beside: Path) -> Path:
    """The committed files of every part, unpacked into a folder beside the build."""
    folders = [*parts().values(), *EXTRA_FILES]
    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", "--format=tar", "HEAD", *folders],
        capture_output=True,
        check=True,
    ).stdout
    tree = beside / ".committed"
    if tree.exists():
        shutil.rmtree(tree)
    with tarfile.open(fileobj=io.BytesIO(archive)) as files:
        safe = {"filter": "data"} if hasattr(tarfile, "data_filter") else {}  # Python 3.11.4 on
        files.extractall(tree, **safe)  # the repository's own committed files
    return tree


def main() -> None:
    parser = argparse.ArgumentParser(description=" ".join(__doc__.split("\n\n")[0].split()))
    parser.add_argument(
        "--into",
        type=Path,
        default=REPO / "build" / "plugin",
        help="folder to create dspt_qgis/ in",
    )
    parser.add_argument(
        "--committed", action="store_true", help="the committed files, not the working tree"
    )
    arguments = parser.parse_args()
    print(build(arguments.into, committed=arguments.committed))


if __name__ == "__main__":
    main()
