"""What QGIS 4 (PyQt6) would refuse, found without QGIS 4.

``make lint`` reads the plugin against PyQt6's own stubs (``scripts/check_qt6_types.py``);
here that check is shown to catch each kind of Qt 5 code PyQt6 no longer runs, and to
pass the Qt 6 spelling of the same code. Field types are chosen in one place
(``processing_algs/support/field_types.py``), so one version switch is all there is.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from scripts.check_qt6_types import QT_VENV, mypy_qt6, pyqt6_folder, write_stubs
from tests.prerequisites import unavailable

pytestmark = pytest.mark.host  # mypy and PyQt6 stubs are the host's; it runs no QGIS

REPO = Path(__file__).resolve().parents[2]
PLUGIN_FOLDERS = ("dspt_qgis", "core", "presentation", "processing_algs")
FIELD_TYPES = REPO / "processing_algs" / "support" / "field_types.py"

#: One line of each kind PyQt6 refuses, each ending in what mypy must say about it.
QT5_CODE = {
    "ALIGN = Qt.AlignLeft": '"type[Qt]" has no attribute "AlignLeft"',
    "TYPE = QVariant.String": '"type[QVariant]" has no attribute "String"',
    "SHOWN = QDialog().exec_()": '"QDialog" has no attribute "exec_"',
    'WIDTH = QFontMetrics(QFont()).width("DSPT")': '"QFontMetrics" has no attribute "width"',
}
QT6_CODE = (
    "ALIGN = Qt.AlignmentFlag.AlignLeft",
    "TYPE = QMetaType.Type.QString",
    "SHOWN = QDialog().exec()",
    'WIDTH = QFontMetrics(QFont()).horizontalAdvance("DSPT")',
    "ACTION = QAction()",  # qgis.PyQt.QtWidgets keeps QAction on QGIS 4
)
IMPORTS = (
    "from qgis.PyQt.QtCore import QMetaType, Qt, QVariant\n"
    "from qgis.PyQt.QtGui import QFont, QFontMetrics\n"
    "from qgis.PyQt.QtWidgets import QAction, QDialog\n"
)


@pytest.fixture(scope="module")
def qt6_stubs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``qgis.PyQt`` over PyQt6's stubs, as ``make lint`` writes them, outside the checkout."""
    python = QT_VENV / "bin" / "python"
    if not python.exists():
        unavailable("no PyQt6 stubs: .venv-qt6 is made by `make lint`")
    stubs = tmp_path_factory.mktemp("qt6-stubs")
    write_stubs(pyqt6_folder(python), stubs)
    return stubs


def _check(code: str, folder: Path, stubs: Path) -> tuple[int, str]:
    module = folder / "qt_code.py"
    module.write_text(IMPORTS + code + "\n")
    return mypy_qt6([str(module)], folder / "cache", stubs, cwd=folder)


def test_pyqt6_check_refuses_each_kind_of_qt5_code(qt6_stubs: Path, tmp_path: Path) -> None:
    code, report = _check("\n".join(QT5_CODE), tmp_path, qt6_stubs)
    assert code == 1
    for line, (source, error) in enumerate(QT5_CODE.items(), start=IMPORTS.count("\n") + 1):
        assert f"qt_code.py:{line}: error: {error}" in report, (source, report)


def test_pyqt6_check_passes_the_qt6_spelling(qt6_stubs: Path, tmp_path: Path) -> None:
    code, report = _check("\n".join(QT6_CODE), tmp_path, qt6_stubs)
    assert (code, report.splitlines()[-1]) == (0, "Success: no issues found in 1 source file")


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
