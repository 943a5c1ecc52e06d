"""The account of every input organisation, in the log and as an optional table output."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dspt_qgis.processing_algs.qgis_io import (
    NO_GEOMETRY,
    qgs_fields,
    write_table,
    writes_spreadsheet,
)

if TYPE_CHECKING:
    import pandas as pd

#: How many not-used rows the log lists one by one before summarising.
LOG_LIMIT = 25


def log_diagnostics(diagnostics: pd.DataFrame, feedback) -> None:
    """Summarise outcomes and list the rows that were not used, with their reasons."""
    from dspt_qgis.core.diagnostics import USED, summarise

    feedback.pushInfo(summarise(diagnostics))
    not_used = diagnostics[diagnostics["outcome"] != USED]
    for row in not_used.head(LOG_LIMIT).itertuples():
        feedback.pushWarning(
            f"{row.source} row {row.source_row} ({row.code}): {row.outcome} - {row.reason}"
        )
    if len(not_used) > LOG_LIMIT:
        feedback.pushWarning(f"... and {len(not_used) - LOG_LIMIT} more; see the report output.")


def write_report(
    algorithm, parameters, key: str, context, diagnostics: pd.DataFrame, *, only_not_used=False
):
    """Write diagnostics to the optional sink ``key``; return ``{key: dest_id}`` or ``{}``."""
    from dspt_qgis.core.diagnostics import DIAGNOSTIC_COLUMNS, USED

    if only_not_used:
        diagnostics = diagnostics[diagnostics["outcome"] != USED]
    frame = diagnostics.loc[:, list(DIAGNOSTIC_COLUMNS)].astype(
        {"source_row": "int64"}, errors="ignore"
    )
    columns = list(DIAGNOSTIC_COLUMNS)
    sink, dest_id = algorithm.parameterAsSink(
        parameters, key, context, qgs_fields(frame, columns), NO_GEOMETRY
    )
    if sink is None:  # the optional output was not asked for
        return {}
    write_table(
        sink,
        frame,
        columns,
        safe_for_spreadsheets=writes_spreadsheet(algorithm, parameters, key, context),
    )
    return {key: dest_id}
