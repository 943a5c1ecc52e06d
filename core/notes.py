"""Notes written into a table: rows that are not organisations, told apart by their codes.

Exports and tables pass through hands that add a line below the data ("Source: NHS
England DSPT portal, downloaded 16/11/2023") or between the header and the data. Read as
a row, such a line becomes an organisation whose code is the note's text and whose status
is blank: counted as Not Published, it changes every total. What tells a note from an
organisation is its code: a code is one short word of letters and digits
(:func:`.codes.looks_like_code`), a note's text is not.

The rule, over the column holding the code of what each row is about (the export's
organisation code, a population table's code, a lookup's 'from' code, ...):

- a row whose code cell holds text no code looks like, with every other column read blank,
  above the first row holding a code or below the last, is a note: it is left out, and
  the log names each such row with its text;
- any other row whose code cell holds such text (between rows holding codes, or with a
  value in another column read) stops the read naming the row: it is no organisation,
  and must not be counted as one.

Rows above the header are left out as title rows by the reader; rows with no code at all
are each input's own business (an export reports them, a population table stops). A
column holding no code at all (names picked as codes) gives nothing to tell notes by: its
rows are left as they are.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from .codes import looks_like_code
from .errors import InputFormatError
from .sources import SOURCE_ROW, SourceRef

#: How much of a note's text a message shows.
_SHOWN = 70


def set_aside_notes(
    table: pd.DataFrame, code: str | None, read: Sequence[str], source: SourceRef
) -> tuple[pd.DataFrame, tuple[str, ...]]:
    """``table`` without its notes (see the module docstring), and a line for the log
    naming them; stops at a row that is neither an organisation nor a note. ``code`` is
    the column holding each row's code (None: nothing to check), ``read`` every column
    the tool reads."""
    if code is None:
        return table, ()
    cells = table[code]
    coded = looks_like_code(cells).to_numpy()
    if not coded.any():
        return table, ()
    other = [column for column in dict.fromkeys(read) if column != code]
    alone = table[other].isna().all(axis=1).to_numpy() if other else np.ones(len(table), bool)
    position = np.arange(len(table))
    coded_at = np.flatnonzero(coded)
    outside = (position < coded_at[0]) | (position > coded_at[-1])
    text = cells.notna().to_numpy() & ~coded
    notes = text & outside & alone
    _stop_at_text(table, code, text & ~notes, outside, source)
    if not notes.any():
        return table, ()
    kept = table[~notes]
    kept.index = pd.RangeIndex(len(kept))
    return kept, (_left_out(table[notes], code, source),)


def _stop_at_text(
    table: pd.DataFrame, code: str, bad: np.ndarray, outside: np.ndarray, source: SourceRef
) -> None:
    """Stop at the first row whose code cell holds text no code looks like and that is not
    a note, saying why it is not one."""
    if not bad.any():
        return
    first = int(np.flatnonzero(bad)[0])
    row = table.iloc[first]
    where = (
        "with values in other columns the tool reads"
        if outside[first]
        else "between rows holding organisation codes"
    )
    raise InputFormatError(
        f"{source.at(int(row[SOURCE_ROW]))} holds {_shown(row[code])} in column {code!r}, "
        f"{where}: that is not an organisation code (codes are letters and digits, such as "
        "00L, RX1 or E38000130), and the row would be counted as an organisation. Correct "
        "the code; a note belongs below the table, alone on its row."
    )


def _left_out(notes: pd.DataFrame, code: str, source: SourceRef) -> str:
    """The log's line naming the notes left out, each with its text."""
    rows = notes[SOURCE_ROW].astype(int).tolist()
    each = "; ".join(
        f"row {number}: {_shown(text)}" for number, text in zip(rows[:5], notes[code].head(5))
    )
    more = f"; and {len(rows) - 5} more" if len(rows) > 5 else ""
    one = len(rows) == 1
    return (
        f"{source}: {source.rows(rows)} {'is a note' if one else 'are notes'}, not "
        f"organisations: column {code!r} holds no code there, so {'it is' if one else 'they are'} "
        f"left out ({each}{more})."
    )


def _shown(text: object) -> str:
    """A note's text as a message quotes it, cut short when long."""
    shown = str(text)
    return repr(shown if len(shown) <= _SHOWN else shown[: _SHOWN - 1] + "…")
