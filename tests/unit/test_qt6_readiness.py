"""What QGIS 4 (PyQt6) would refuse, found without QGIS 4.

Field types are chosen in one place (``processing_algs/support/field_types.py``), so one
version switch is all there is.
"""

from __future__ import annotations

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PLUGIN_FOLDERS = ("dspt_qgis", "core", "presentation", "processing_algs")
FIELD_TYPES = REPO / "processing_algs" / "support" / "field_types.py"


def _type_choices(path: Path) -> list[str]:
    """Where a module names a Qt type enum or gives QgsField a type."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        named = isinstance(node, ast.Name) and node.id == "QMetaType"
        variant_type = (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id == "QVariant"
        )
        typed_field = (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "QgsField"
            and len(node.args) + len(node.keywords) > 1
        )
        if named or variant_type or typed_field:
            found.append(f"{path.relative_to(REPO)}:{node.lineno}")
    return found


def test_field_types_are_chosen_in_one_place() -> None:
    modules = [p for folder in PLUGIN_FOLDERS for p in (REPO / folder).rglob("*.py")]
    elsewhere = [where for p in modules if p != FIELD_TYPES for where in _type_choices(p)]
    assert elsewhere == []
    assert len(_type_choices(FIELD_TYPES)) == 11  # 5 QMetaType and 5 QVariant types, 1 QgsField
