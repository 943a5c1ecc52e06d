"""Every algorithm in Processing's batch mode (right-click › Execute as Batch Process), as
an analyst fills it: two rows, each input given as the path the batch table holds, each
row's outputs into files of its own. QGIS's own BatchAlgorithmDialog runs the rows, each
in a fresh context; every output of every row must be written, and the Log must say no
row failed.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest
from qgis.core import Qgis, QgsApplication, QgsProcessingContext, QgsProject, QgsVectorLayer
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtWidgets import QTextEdit

from tests.integration.cases import ALGORITHMS, destinations, inputs_in_geopackage

ROWS = 2


@pytest.fixture
def project(qgis_new_project, dspt_provider):
    QgsProject.instance().clear()
    yield QgsProject.instance()
    QgsProject.instance().clear()


def batch_dialog(name: str, rows: list[dict]):
    """QGIS's batch dialog for ``dspt:name`` with ``rows`` typed into its table (inputs
    as text, a list of layers as the list of their paths)."""
    from processing.gui.BatchAlgorithmDialog import BatchAlgorithmDialog

    algorithm = QgsApplication.processingRegistry().createAlgorithmById(f"dspt:{name}")
    dialog = BatchAlgorithmDialog(algorithm)
    panel = dialog.mainWidget()
    context = QgsProcessingContext()
    while panel.batchRowCount() < len(rows):
        panel.addRow()
    outputs = {d.name() for d in algorithm.destinationParameterDefinitions()}
    for row, values in enumerate(rows):
        for key, value in values.items():
            column = panel.parameter_to_column[key]
            if key in outputs:
                panel.tblParameters.cellWidget(row + 1, column).setValue(value)
            else:
                panel.wrappers[row][column].setParameterValue(value, context)
    return dialog


#: QGIS's own slip (3.22 to 3.44): once a row with an HTML output has run, its batch
#: dialog lists the page in the Results Viewer with a call ProcessingResults.addResult
#: does not take. The desktop shows it as a Python error after the rows have run.
QGIS_RESULTS_SLIP = "addResult() missing 1 required positional argument: 'timestamp'"


def run_rows(dialog) -> None:
    """Run every row as the Run button does and wait until they are done (3.40 and later
    run them as background tasks). An error raised in Qt's event loop is caught as the
    desktop's error dialog would show it: only :data:`QGIS_RESULTS_SLIP` is let pass."""
    # Messages only: an error kept would keep its frames, and 3.22's progress task with them.
    raised: list[str] = []
    hook, sys.excepthook = sys.excepthook, lambda kind, error, trace: raised.append(str(error))
    try:
        try:
            dialog.runAlgorithm()
        except TypeError as error:
            raised.append(str(error))
        tasks = QgsApplication.taskManager()
        started = time.monotonic()
        while tasks.countActiveTasks() or time.monotonic() - started < 0.5:
            assert time.monotonic() - started < 120, "the batch rows did not finish"
            QCoreApplication.processEvents()
            time.sleep(0.01)
    finally:
        sys.excepthook = hook
    assert [e for e in raised if QGIS_RESULTS_SLIP not in e] == [], raised


def log_of(dialog) -> str:
    """The text of the dialog's Log tab ('' once the dialog has closed itself, as 3.40's
    does when every row has run)."""
    from qgis.PyQt import sip

    if sip.isdeleted(dialog):
        return ""
    return "\n".join(box.toPlainText() for box in dialog.findChildren(QTextEdit))


@pytest.mark.skipif(
    Qgis.QGIS_VERSION_INT >= 34400,
    reason="QGIS 3.44's batch dialog leaves its rows' task running when driven headless "
    "(no row's output appears within two minutes); not yet understood: 3.22 and 3.40 run it",
)
@pytest.mark.parametrize("name", ALGORITHMS)
def test_every_algorithm_runs_in_batch_mode(project, inputs, tmp_path, name):
    parameters, _ = inputs[name]
    given = inputs_in_geopackage(tmp_path / "inputs.gpkg", parameters)
    folders = [tmp_path / f"row{row}" for row in range(ROWS)]
    rows = []
    for folder in folders:
        folder.mkdir()
        written = {
            key: str(folder / f"{key.lower()}{suffix}") for key, suffix in destinations(name)
        }
        rows.append({**given, **written})
    dialog = batch_dialog(name, rows)
    run_rows(dialog)
    log = log_of(dialog)
    assert "Execution failed" not in log, log[-3000:]
    assert "executions failed" not in log, log[-3000:]
    for folder in folders:
        written = sorted(p.name for p in folder.iterdir())
        wanted = sorted(Path(f"{key.lower()}{suffix}").name for key, suffix in destinations(name))
        assert written == wanted, (folder.name, written, log[-2000:])
        for path in folder.glob("*.gpkg"):
            assert QgsVectorLayer(str(path), "out", "ogr").isValid(), path
    if log:
        dialog.deleteLater()
