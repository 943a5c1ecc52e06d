"""``make qt6check``: run QGIS's own Qt5 -> Qt6 migration checker over the shipped plugin.

The checker is QGIS's ``scripts/pyqt5_to_pyqt6/pyqt5_to_pyqt6.py`` (GPL, part of QGIS's
source, not of this project): give its path with ``QGIS_CHECKER=...``. It reads the
scoped names of Qt's enums from an ``enums.json`` beside it; when that file is missing,
it is written here with the checker's own ``get_class_enums`` from PyQt6 (installed from
PyPI into ``.venv-qt6``). QGIS 4's own (qgis.core) enums cannot be read without a Qt6
build of QGIS, so that part of the check needs QGIS's published enums.json.

The check runs in the checker's default, QGIS-3-compatible mode (the plugin must keep
running on QGIS 3.22) and passes when it proposes no change and prints no warning.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from scripts.build_plugin import REPO, build

QT6_MODULES = (
    "QtCore",
    "QtGui",
    "QtWidgets",
    "QtTest",
    "QtSql",
    "QtSvg",
    "QtXml",
    "QtNetwork",
    "QtPrintSupport",
)

ENUMS_FROM_PYQT6 = """
import importlib, json, sys
sys.path.insert(0, sys.argv[1])
checker = importlib.import_module("pyqt5_to_pyqt6")
qt_enums, ambiguous = {}, checker.defaultdict(set)
for name in sys.argv[3:]:
    module = importlib.import_module("PyQt6." + name)
    for value in module.__dict__.values():
        checker.get_class_enums(value, qt_enums, ambiguous)
with open(sys.argv[2], "w") as handle:
    json.dump({"qt_enums": {":".join(k): v for k, v in qt_enums.items()},
               "ambiguous_enums": {":".join(k): sorted(v) for k, v in ambiguous.items()}}, handle)
print(len(qt_enums), "Qt enum values,", len(ambiguous), "ambiguous")
"""

#: Runs the checker with PyQt6's names in its globals, as it has them where QGIS 4 is
#: importable (it evaluates each proposed fix, e.g. Qt.GlobalColor.white).
RUN_CHECKER = """
import importlib, sys
sys.path.insert(0, sys.argv[1])
checker = importlib.import_module("pyqt5_to_pyqt6")
for name in sys.argv[3:]:
    checker.__dict__.update(vars(importlib.import_module("PyQt6." + name)))
sys.exit(checker.main([sys.argv[2]]))
"""


def _enum_names(checker: Path, python: str, work: Path) -> bool:
    """Put the checker's enums.json into ``work``: QGIS's own beside the checker, else
    one written from PyQt6 (without qgis.core's enums). False when that fails."""
    enums = checker.with_name("enums.json")
    if enums.is_file():
        shutil.copy2(enums, work / "enums.json")
        print(f"Enum names: {enums}")
        return True
    done = subprocess.run(
        [python, "-c", ENUMS_FROM_PYQT6, str(work), str(work / "enums.json"), *QT6_MODULES],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        print(done.stderr, file=sys.stderr)
        return False
    print(f"Enum names written from PyQt6 ({done.stdout.strip()}); qgis.core enums not included.")
    return True


def main() -> int:
    parser = argparse.ArgumentParser(description=" ".join(__doc__.split("\n\n")[0].split()))
    parser.add_argument("--checker", type=Path, required=True, help="QGIS's pyqt5_to_pyqt6.py")
    parser.add_argument(
        "--python", default=sys.executable, help="a Python with PyQt6 and tokenize-rt"
    )
    args = parser.parse_args()
    args.python = os.path.abspath(args.python)  # not resolved: a venv's python is a link
    if not args.checker.is_file():
        print(
            f"{args.checker}: not found. Get scripts/pyqt5_to_pyqt6/ from a QGIS source checkout "
            "(https://github.com/qgis/QGIS) and run: make qt6check QGIS_CHECKER=<path to "
            "pyqt5_to_pyqt6.py>",
            file=sys.stderr,
        )
        return 2
    work = REPO / "build" / "qt6check"
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    shutil.copy2(args.checker, work / "pyqt5_to_pyqt6.py")
    if not _enum_names(args.checker, args.python, work):
        return 2
    plugin = build(work / "plugin")
    done = subprocess.run(
        [args.python, "-c", RUN_CHECKER, str(work), str(plugin), *QT6_MODULES],
        capture_output=True,
        text=True,
        cwd=work,
    )
    report = [
        line
        for line in (done.stdout + done.stderr).splitlines()
        if not line.startswith(("Processing ", "PyQt or QGIS classes not available"))
    ]
    checked = len([line for line in done.stdout.splitlines() if line.startswith("Processing ")])
    (work / "report.json").write_text(json.dumps({"files": checked, "findings": report}, indent=1))
    if report:
        print("\n".join(report))
        print(f"\nQGIS's Qt6 checker asks for changes in the plugin ({checked} files checked).")
        return 1
    print(f"QGIS's Qt6 checker: {checked} files checked, no change needed, no warning.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
