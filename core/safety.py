"""Keep organisation names from becoming spreadsheet formulas when a CSV is opened in Excel.

A cell that starts with ``=``, ``+``, ``-``, ``@`` (or a tab / carriage return) is run as a
formula by spreadsheet programs (CSV/formula injection). Such text gets a leading
apostrophe, which spreadsheets show as text; numbers written as text ("-3") are left alone.
HTML reports escape their text instead (see :mod:`dspt_qgis.presentation.report_html`).
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value: object) -> object:
    """``"=HYPERLINK(...)"`` -> ``"'=HYPERLINK(...)"``; anything else unchanged."""
    if not isinstance(value, str) or not value.startswith(FORMULA_STARTS):
        return value
    try:
        float(value)
    except ValueError:
        return "'" + value
    return value
