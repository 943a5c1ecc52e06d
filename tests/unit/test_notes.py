"""Notes written into a table are not organisations (core.notes, through the one reader).

A line added above or below the data ("Source: NHS England DSPT portal, downloaded
16/11/2023") in the code column, with the other columns read blank, is left out and named
in the log with its row; the same text between organisations, or beside a value in a
column read, stops the read naming the row. Tables are written by hand in every shape
(tests/table_files.py); codes and notes are drawn from the rule as the README states it
(a code: letters and digits, perhaps joined by single hyphens or dots, at most 15
characters), never from the code under test.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from dspt_qgis.core.errors import InputFormatError
from dspt_qgis.core.reader import Wanted, read_table
from dspt_qgis.core.resolve import ImportRequest, import_export
from tests.table_files import csv_text, fits, shapes, write_table

#: Footers and remarks as portals, analysts and spreadsheets add them.
NOTES = (
    "Source: NHS England DSPT portal, downloaded 16/11/2023",
    "Note: Organisations without a published assessment are shown as blank",
    "© Crown copyright 2023",
    "* provisional figures",
    "Total organisations: 211",
    "End of report",
    "Codes are ODS codes",
)
codes = st.one_of(
    st.from_regex(r"[0-9A-Za-z]{1,6}", fullmatch=True),  # ODS: 00L, rx1, W2U3Z, A81001
    st.from_regex(r"[EWSN][0-9]{8}", fullmatch=True),  # ONS: E38000130
    st.from_regex(r"[0-9]-[0-9]{9}", fullmatch=True),  # with a hyphen: 1-101234567
    st.from_regex(r"[0-9]{1,3}\.[0-9]", fullmatch=True),  # a number written with a dot: 38.0
)
word = st.from_regex(r"[A-Za-z0-9£é]{1,8}", fullmatch=True)
notes = st.one_of(
    st.sampled_from(NOTES),
    st.lists(word, min_size=2, max_size=6).map(" ".join),  # words and spaces
    st.from_regex(r"[A-Za-z0-9]{0,8}[:;,()#*/!?&'\"][A-Za-z0-9 ]{0,12}", fullmatch=True).map(
        str.strip
    ),  # a sign no code holds
    st.from_regex(r"[A-Za-z]{16,30}", fullmatch=True),  # one word, longer than any code
)
values = st.one_of(st.integers(0, 10_000_000), word)
HEADERS = ("Code", "Registered patients", "Organisation Name", "ICB code")


@st.composite
def tables(draw: st.DrawFn) -> tuple[list[str], int, list[str], list[list[str | int]]]:
    """A header of 2 to 4 columns, the position of its code column, the columns read (the
    code and at least one more) and 1 to 6 organisation rows, every cell filled."""
    header = draw(st.lists(st.sampled_from(HEADERS), min_size=2, max_size=4, unique=True))
    at = draw(st.integers(0, len(header) - 1))
    others = [name for i, name in enumerate(header) if i != at]
    read = [header[at], *draw(st.lists(st.sampled_from(others), min_size=1, unique=True))]
    rows = draw(
        st.lists(
            st.lists(values, min_size=len(header), max_size=len(header)), min_size=1, max_size=6
        )
    )
    for row in rows:
        row[at] = draw(codes)
    return header, at, read, rows


def note_row(header: list[str], at: int, read: list[str], text: str, data: st.DataObject) -> list:
    """A note in the code column; the columns not read may hold a word (a note's text
    split at an unquoted comma), those read are blank."""
    return [
        text if i == at else "" if name in read else data.draw(st.sampled_from(["", "x 1"]))
        for i, name in enumerate(header)
    ]


def as_read(cell: str | int) -> str | None:
    return str(cell).strip() or None


@given(table=tables(), shape=shapes(), data=st.data())
def test_notes_above_and_below_the_rows_are_left_out_and_named(table, shape, data):
    header, at, read, rows = table
    above = data.draw(st.lists(notes.filter(bool), max_size=2))
    below = data.draw(st.lists(notes.filter(bool), min_size=0 if above else 1, max_size=3))
    lines = [
        *(note_row(header, at, read, text, data) for text in above),
        *rows,
        *(note_row(header, at, read, text, data) for text in below),
    ]
    assume(shape.workbook or fits(csv_text(header, lines, shape), shape.encoding))
    with tempfile.TemporaryDirectory() as folder:
        written = write_table(Path(folder), "table", header, lines, shape)
        got = read_table(written.path, wanted=Wanted(tuple(read), code=header[at]))
    assert got.table.drop(columns="source_row").values.tolist() == [
        [as_read(cell) for cell in row] for row in rows
    ]
    first = written.header_row + 1
    numbers = [first + i for i in range(len(above))] + [
        first + len(above) + len(rows) + i for i in range(len(below))
    ]
    assert got.table["source_row"].tolist() == list(
        range(first + len(above), first + len(above) + len(rows))
    )
    (said,) = [note for note in got.notes if "not organisations" in note or "is a note" in note]
    assert f"column {header[at]!r} holds no code there" in said
    for number, text in list(zip(numbers, [*above, *below]))[:5]:
        assert f"row {number}: {text.strip()!r}"[:40] in said


@given(table=tables(), shape=shapes(), text=notes.filter(bool), data=st.data())
def test_text_that_is_no_code_among_the_rows_or_beside_values_read_stops_naming_its_row(
    table, shape, text, data
):
    """Between two organisations, or above or below them beside a value in a column read,
    a row whose code cell holds no code is neither an organisation nor a note."""
    header, at, read, rows = table
    between = len(rows) > 1 and data.draw(st.booleans())
    row = note_row(header, at, read, text, data)
    if between:
        place = data.draw(st.integers(1, len(rows) - 1))
    else:
        place = data.draw(st.sampled_from([0, len(rows)]))
        column = data.draw(st.sampled_from([i for i, n in enumerate(header) if n in read[1:]]))
        row[column] = data.draw(values.filter(lambda v: str(v).strip() != ""))
    lines = [*rows[:place], row, *rows[place:]]
    assume(shape.workbook or fits(csv_text(header, lines, shape), shape.encoding))
    with tempfile.TemporaryDirectory() as folder:
        written = write_table(Path(folder), "table", header, lines, shape)
        with pytest.raises(InputFormatError) as error:
            read_table(written.path, wanted=Wanted(tuple(read), code=header[at]))
    message = str(error.value)
    assert f"row {written.header_row + 1 + place} holds" in message
    assert f"in column {header[at]!r}" in message
    assert "not an organisation code" in message
    where = "between rows holding organisation codes" if between else "with values in other"
    assert where in message


def test_a_column_without_any_code_is_left_as_it_is(tmp_path):
    """Names picked as the key: nothing tells a note from a row, so nothing is left out."""
    path = tmp_path / "names.csv"
    path.write_text("name,population\nNHS Leeds,12\nNHS York,13\nSource: ONS,\n", "utf-8")
    read = read_table(path, wanted=Wanted(("name", "population"), code="name"))
    assert read.table["name"].tolist() == ["NHS Leeds", "NHS York", "Source: ONS"]


@pytest.mark.parametrize(
    "tail",
    [
        # the review's lines as written: in the code column, the rest of the row empty
        ',"Source: NHS England DSPT portal, downloaded 16/11/2023",,,,,,,,,\n'
        ",Note: Organisations without a published assessment are shown as blank,,,,,,,,,\n",
        # split at an unquoted comma into a column not read; no line break at the end
        ",Source: NHS England DSPT portal, downloaded 16/11/2023\n"
        ",Note: Organisations without a published assessment are shown as blank",
    ],
)
def test_the_reviews_footer_under_the_2022_23_trusts(shared_data, tmp_path, tail):
    """The 2022/23 trusts snapshot with a blank row and two notes appended: 211 trusts, as
    published, and the log names the two rows left out."""
    source = shared_data / "dspt/2022_23/trusts_snapshot_20231116.csv"
    path = tmp_path / "trusts.csv"
    path.write_bytes(source.read_bytes() + b"\n" + tail.encode())
    result = import_export(path, ImportRequest(edition="22/23"))
    assert len(result.table) == 211
    assert not result.table["code"].str.contains(" ").any()
    (said,) = [note for note in result.notes if "not organisations" in note]
    assert "rows 214, 215 are notes" in said
    assert "'Source: NHS England DSPT portal" in said


#: The code columns of the sample data's tables (ONS ...CD, ODS ...CDH and codes).
CODE_COLUMNS = r"(CD|CDH|^Code|ODS Code|Successor\.Code|National Grouping|Health Geography)$"


def test_every_code_in_the_sample_data_looks_like_a_code(shared_data):
    """The rule against the real codes: every export's, lookup's, population table's and
    ODS file's codes (3, 5 and 9 characters today) look like codes, none like a note."""
    import pandas as pd

    from dspt_qgis.core.codes import looks_like_code

    checked = 0
    for path in sorted(shared_data.glob("*/**/*.csv")):
        ods = path.parent.parent.name == "ods"
        frame = pd.read_csv(path, dtype=str, header=None if ods else 0, encoding="utf-8-sig")
        columns = [0, 2, 3] if ods else list(frame.filter(regex=CODE_COLUMNS).columns)
        for column in columns:
            cells = frame[column].dropna().str.strip()
            wrong = cells[~looks_like_code(cells)]
            assert wrong.empty, f"{path.name} {column}: {wrong.tolist()[:5]}"
            checked += len(cells)
    assert checked > 8_000  # some 8,700 codes in the sample files
