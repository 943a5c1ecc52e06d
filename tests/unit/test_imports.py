"""Every import between the plugin's own folders names a file that exists where it is
written, so a reader, an editor or ``grep`` can follow it in the source tree as Python
follows it in the installed package."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PRODUCT_FOLDERS = ("core", "presentation", "processing_algs", "pipeline")


def _modules() -> list[Path]:
    return sorted(
        path
        for folder in PRODUCT_FOLDERS
        for path in (REPO / folder).rglob("*.py")
        if "__pycache__" not in path.parts
    )


def _resolves(folder: Path, dotted: str) -> Path | None:
    """The file ``dotted`` (``core.join``) names below ``folder``: a module or a package."""
    target = folder.joinpath(*dotted.split(".")) if dotted else folder
    for candidate in (target.with_suffix(".py"), target / "__init__.py"):
        if dotted and candidate.is_file():
            return candidate
    return target / "__init__.py" if (target / "__init__.py").is_file() else None


def unresolved_imports(path: Path) -> list[str]:
    """Imports of ``path`` that name the package ``dspt_qgis`` or a file that is not there."""
    problems = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            problems += [
                f"line {node.lineno}: import {a.name}"
                for a in node.names
                if a.name.split(".")[0] == "dspt_qgis"
            ]
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            if (node.module or "").split(".")[0] == "dspt_qgis":
                problems.append(f"line {node.lineno}: from {node.module} (by the package name)")
        elif isinstance(node, ast.ImportFrom):
            base = path.parent
            for _ in range(node.level - 1):
                base = base.parent
            found = _resolves(base, node.module or "")
            if found is None:
                problems.append(f"line {node.lineno}: from {'.' * node.level}{node.module}")
                continue
            if node.module is None or found.name == "__init__.py":
                package = found.parent
                problems += [
                    f"line {node.lineno}: {'.' * node.level}{node.module or ''} has no {a.name}"
                    for a in node.names
                    if not (
                        (package / f"{a.name}.py").is_file()
                        or (package / a.name / "__init__.py").is_file()
                        or _defines(found, a.name)
                    )
                ]
    return problems


def _defines(init: Path, name: str) -> bool:
    tree = ast.parse(init.read_text(encoding="utf-8"))
    return any(
        isinstance(node, (ast.FunctionDef, ast.ClassDef))
        and node.name == name
        or isinstance(node, ast.Assign)
        and any(isinstance(t, ast.Name) and t.id == name for t in node.targets)
        for node in tree.body
    )


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(REPO)))
def test_every_import_between_the_plugins_folders_resolves_in_the_source_tree(path: Path) -> None:
    assert unresolved_imports(path) == []


def test_the_check_finds_a_package_name_import_and_a_missing_file(tmp_path: Path) -> None:
    folder = tmp_path / "processing_algs"
    folder.mkdir()
    (tmp_path / "core").mkdir()
    (tmp_path / "core" / "__init__.py").write_text("")
    (tmp_path / "core" / "join.py").write_text("")
    module = folder / "x.py"
    module.write_text(
        "from dspt_qgis.core.join import Side\n"
        "from ..core.join import Side\n"
        "from ..core.nowhere import Side\n"
        "from ..core import join, missing\n"
    )
    assert unresolved_imports(module) == [
        "line 1: from dspt_qgis.core.join (by the package name)",
        "line 3: from ..core.nowhere",
        "line 4: ..core has no missing",
    ]
