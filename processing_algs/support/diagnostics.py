"""The account of every input organisation, in the log and as an optional table output."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from qgis.core import QgsProcessingFeedback
from qgis.PyQt.QtCore import QCoreApplication

from .transaction import Outputs
from .writers import write_frame

if TYPE_CHECKING:
    import pandas as pd

#: How many not-used rows the log lists one by one before summarising.
LOG_LIMIT = 25


def log_account(
    diagnostics: pd.DataFrame,
    notes: Sequence[str],
    feedback: QgsProcessingFeedback,
    *,
    report_key: str | None,
    outputs: Outputs,
) -> None:
    """Notes as warnings, a one-line summary, then each row not used with its reason.

    The log points at the report output only when it was asked for; otherwise it says
    which output to ask for.
    """
    from ...core.diagnostics import USED, described, summarise

    for note in notes:
        feedback.pushWarning(note)
    feedback.pushInfo(summarise(diagnostics))
    not_used = diagnostics[diagnostics["outcome"] != USED]
    for row in described(not_used.head(LOG_LIMIT)).to_dict("records"):
        code = f" ({row['code']})" if row["code"] is not None else ""
        feedback.pushWarning(f"{row['where']}{code}: {row['outcome']} - {row['reason']}")
    if len(not_used) > LOG_LIMIT:
        more = len(not_used) - LOG_LIMIT
        if report_key is not None and outputs.requested(report_key):
            hint = QCoreApplication.translate("DsptDiagnostics", "the output '{}' lists them all.")
        else:
            hint = QCoreApplication.translate(
                "DsptDiagnostics", "ask for the output '{}' to list them all."
            )
        label = outputs.destination(report_key).label if report_key else ""
        feedback.pushWarning(
            QCoreApplication.translate("DsptDiagnostics", "... and {} more; ").format(more)
            + hint.format(label)
        )


def write_account(
    outputs: Outputs,
    key: str,
    diagnostics: pd.DataFrame,
    feedback: QgsProcessingFeedback | None,
    *,
    only_not_used: bool,
) -> None:
    """Write the account to the optional table output ``key`` (nothing when not asked)."""
    from ...core.diagnostics import DIAGNOSTIC_COLUMNS, USED, described

    if not outputs.requested(key):
        return
    if only_not_used:
        diagnostics = diagnostics[diagnostics["outcome"] != USED]
    frame = described(diagnostics).astype({"source_row": "int64"})
    write_frame(outputs, key, frame, list(DIAGNOSTIC_COLUMNS), feedback)
