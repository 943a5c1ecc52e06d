"""``make lint``'s PyQt6 check: the plugin's types checked against PyQt6's own stubs.

QGIS 4 runs on PyQt6, which no Debian package of QGIS offers, so nothing here can run the
plugin on it. What can be done without it is reading the code as QGIS 4 will: mypy over
the package with ``qgis.PyQt.QtCore`` etc. resolved to ``PyQt6.QtCore`` etc., whose stubs
come with PyQt6 from PyPI (pinned in ``requirements-qt6.txt``, installed into
``.venv-qt6``, never beside Debian's PyQt5). There, what PyQt6 no longer has is an error:
an unscoped enum (``Qt.AlignLeft``), ``exec_()``, a ``QVariant.String`` field type, a
method Qt 6 removed (``QFontMetrics.width``).

The stubs written to ``build/qt6-stubs`` are what QGIS 4's own ``qgis/PyQt/*.py`` are:
``from PyQt6.QtCore import *`` and so on, and, as QGIS 4's ``qgis.PyQt.QtWidgets``
does, ``QAction``, ``QActionGroup`` and ``QShortcut`` (in ``QtGui`` since Qt 6) from
``QtWidgets``. The run-time patches QGIS 4 adds for old code (``QVariant.String`` as
``QMetaType.Type.QString``, the removed flag types) are left out on purpose: the check is
that the plugin needs none of them. ``qgis.core``, ``qgis.gui`` and ``processing`` have no
stubs and stay ``Any``: a Qt method called on a QGIS object, or a QGIS enum, is not read.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from scripts.check_package import BUILD, REPO, link_tree, to_repository

STUBS = BUILD / "qt6-stubs"
#: The scripts, linked as a package of their own (beside the checkout's, mypy would find
#: the shell folder ``dspt_qgis/`` before the link tree's package), typed (``py.typed``)
#: as mypy wants a package found on the Python path to be.
SCRIPT_LINKS = BUILD / "qt6-scripts"
QT_VENV = REPO / ".venv-qt6"

#: The ``qgis.PyQt`` modules given PyQt6's stubs (QGIS 4's ``qgis/PyQt`` has these and more).
QT_MODULES = (
    "QtCore",
    "QtGui",
    "QtWidgets",
    "QtSvg",
    "QtXml",
    "QtNetwork",
    "QtPrintSupport",
    "QtSql",
    "QtTest",
    "sip",
)

#: The scripts that use Qt themselves (the model's layout, the desktop check), read with
#: the package (which holds the maps' print layouts: ``processing_algs/layouts``).
QT_SCRIPTS = ("scripts.make_model", "scripts.qgis_desktop_check")

#: QGIS 4's ``qgis.PyQt.QtWidgets`` keeps these where Qt 5 had them: the one import of them
#: that works on QGIS 3.22 (whose ``qgis.PyQt.QtGui`` lacks them) and on QGIS 4.
MOVED_TO_QTGUI = ("QAction", "QActionGroup", "QShortcut")

#: ``qgis`` itself: its modules other than ``qgis.PyQt`` are untyped (``Any``).
QGIS_PACKAGE = "from typing import Any\n\ndef __getattr__(name: str) -> Any: ...\n"


def pyqt6_folder(python: Path) -> Path:
    """Where PyQt6 (with its ``.pyi`` stubs and ``py.typed``) is installed for ``python``."""
    found = subprocess.run(
        [str(python), "-c", "import os, PyQt6; print(os.path.dirname(PyQt6.__file__))"],
        capture_output=True,
        text=True,
        check=True,
    )
    return Path(found.stdout.strip())


def write_stubs(pyqt6: Path, stubs: Path = STUBS) -> None:
    """Into ``stubs``: PyQt6 (a link to its installed folder) and ``qgis.PyQt`` over it."""
    shutil.rmtree(stubs, ignore_errors=True)
    shim = stubs / "qgis" / "PyQt"
    shim.mkdir(parents=True)
    (stubs / "PyQt6").symlink_to(pyqt6)
    (stubs / "qgis" / "__init__.pyi").write_text(QGIS_PACKAGE)
    (shim / "__init__.pyi").write_text("")
    for module in QT_MODULES:
        text = f"from PyQt6.{module} import *\n"
        if module == "QtWidgets":
            text += "".join(
                f"from PyQt6.QtGui import {name} as {name}\n" for name in MOVED_TO_QTGUI
            )
        (shim / f"{module}.pyi").write_text(text)


def link_scripts() -> None:
    """Link each script into ``SCRIPT_LINKS/scripts``, where mypy finds them by name."""
    shutil.rmtree(SCRIPT_LINKS, ignore_errors=True)
    (SCRIPT_LINKS / "scripts").mkdir(parents=True)
    for path in (REPO / "scripts").glob("*.py"):
        (SCRIPT_LINKS / "scripts" / path.name).symlink_to(path)
    (SCRIPT_LINKS / "scripts" / "py.typed").write_text("")


def mypy_qt6(
    targets: Sequence[str], cache: Path, stubs: Path = STUBS, cwd: Path = BUILD
) -> tuple[int, str]:
    """mypy under ``pyproject.toml``'s settings with ``qgis.PyQt`` read as PyQt6 from
    ``stubs``, over ``targets`` (mypy's: files, ``-p package``). Exit code and report."""
    environment = {
        **os.environ,
        "MYPYPATH": str(stubs),
        "PYTHONPATH": os.pathsep.join((str(BUILD / "package"), str(SCRIPT_LINKS))),
    }
    command = [
        str(Path(sys.executable).parent / "mypy"),
        "--config-file",
        str(REPO / "pyproject.toml"),
        "--cache-dir",
        str(cache),
        "--always-true",
        "FIELDS_TAKE_QMETATYPE",
        *targets,
    ]
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=environment)
    return done.returncode, to_repository(done.stdout + done.stderr, cwd).rstrip()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=" ".join(__doc__.split("\n\n")[0].split()))
    parser.add_argument(
        "--python", type=Path, default=QT_VENV / "bin" / "python", help="a Python with PyQt6"
    )
    args = parser.parse_args(argv)
    link_tree()
    link_scripts()
    write_stubs(pyqt6_folder(args.python))
    scripts = [argument for module in QT_SCRIPTS for argument in ("-m", module)]
    code, report = mypy_qt6(["-p", "dspt_qgis", *scripts], BUILD / "mypy-qt6-cache")
    print(report.replace("Success:", "PyQt6 stubs:", 1))
    return code


if __name__ == "__main__":
    sys.exit(main())
