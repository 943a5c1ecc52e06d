"""One reader for every table (issue 29): any encoding, separator and line end, title rows
above the header, Excel's empty columns, a last row typed by hand and workbooks with the
table on any sheet read the same, rows numbered as in the file (hypothesis).

Files are written by hand (tests/table_files.py: csv, codecs, openpyxl); each expected
table is the one written, never one computed by the reader.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from dspt_qgis.core.errors import InputFormatError, MissingColumnError
from dspt_qgis.core.ods import ODS_COLUMNS, read_ods
from dspt_qgis.core.reader import Wanted, read_table
from tests.table_files import Shape, csv_text, fits, shapes, write_table

#: Header names of the tables written (none a title's, none a filler sheet's).
HEADERS = (
    "Code",
    "ICB code",
    "Organisation Name",
    "Population",
    "Registered patients",
    "Share %",
    "Café £ count",
)
codes = st.from_regex(r"[0-9][0-9A-Z]{2,4}", fullmatch=True)  # 00L, 007: text, never numbers
words = st.text(alphabet="abcXYZ019 ,;|\t'\"£é&-", max_size=12).map(str.strip)
cells = st.one_of(words, st.integers(0, 10_000_000))


@st.composite
def tables(draw: st.DrawFn) -> tuple[list[str], list[list[str | int]]]:
    """A header of 2 to 5 names and 1 to 6 rows, each with a code in its first column."""
    header = draw(st.lists(st.sampled_from(HEADERS), min_size=2, max_size=5, unique=True))
    rows = draw(
        st.lists(
            st.tuples(codes, st.lists(cells, min_size=len(header) - 1, max_size=len(header) - 1)),
            min_size=1,
            max_size=6,
        )
    )
    return header, [[code, *rest] for code, rest in rows]


def as_read(cell: str | int) -> str | None:
    """A cell as a table holds it: text, blank as None."""
    return str(cell) if str(cell) != "" else None


def spelt(name: str, data: st.DataObject) -> str:
    """A field as an analyst may type it: in any case, spaces and punctuation aside."""
    return data.draw(st.sampled_from([name, name.lower(), name.upper(), name.replace(" ", "")]))


def fitting(header: list[str], rows: list[list[str | int]], shape: Shape) -> bool:
    return shape.workbook or fits(csv_text(header, rows, shape), shape.encoding)


@given(table=tables(), shape=shapes(), data=st.data())
def test_any_shape_reads_as_written(table, shape, data):
    header, rows = table
    assume(fitting(header, rows, shape))
    wanted = data.draw(st.lists(st.sampled_from(header), min_size=1, unique=True))
    with tempfile.TemporaryDirectory() as folder:
        written = write_table(Path(folder), "table", header, rows, shape)
        read = read_table(written.path, wanted=Wanted(tuple(spelt(n, data) for n in wanted)))
    assert list(read.table.columns) == [*header, "source_row"]
    assert read.table.drop(columns="source_row").values.tolist() == [
        [as_read(cell) for cell in row] for row in rows
    ]
    first = written.header_row + 1
    assert read.table["source_row"].tolist() == list(range(first, first + len(rows)))
    if written.header_row > 1:
        assert any(f"the header is row {written.header_row};" in note for note in read.found)
    if shape.sheets_before or shape.sheets_after:
        assert read.source.label == f"{written.sheet} in {written.path}"
        assert any(f"read sheet {written.sheet!r}" in note for note in read.found)


@pytest.mark.parametrize("separator", [",", ";", "\t", "|"])
def test_title_rows_holding_other_separators_do_not_split_the_table(tmp_path, separator):
    """More title lines than table lines, each holding the other separators unquoted: the
    separator is the one with which a row holds the fields read."""
    others = "".join(s for s in ",;\t|" if s != separator)
    titles = [f"Populations{others}mid-2020", f"Source{others}ONS", f"Notes{others}draft"]
    path = tmp_path / "small.csv"
    path.write_text(
        "\n".join([*titles, f"code{separator}population", f"E1{separator}12"]) + "\n",
        encoding="utf-8",
    )
    read = read_table(path, wanted=Wanted(("code", "population")))
    assert read.table.drop(columns="source_row").values.tolist() == [["E1", "12"]]
    assert read.table["source_row"].tolist() == [5]


@given(table=tables(), shape=shapes(workbooks=False), data=st.data())
def test_a_last_row_ending_before_a_column_read_stops_naming_it(table, shape, data):
    """A download cut off inside the last row: it ends before a column that is read."""
    header, rows = table
    last_read = data.draw(st.integers(1, len(header) - 1))  # a column after the first
    kept = data.draw(st.integers(1, last_read))  # cells the cut row still has
    cut = [*rows[:-1], rows[-1][:kept]]
    shape = Shape(**{**shape.__dict__, "typed_last_row": True, "final_newline": False})
    assume(fitting(header, cut, shape))
    with tempfile.TemporaryDirectory() as folder:
        written = write_table(Path(folder), "cut", header, cut, shape)
        with pytest.raises(InputFormatError) as error:
            read_table(written.path, wanted=Wanted((header[0], header[last_read])))
    number = written.header_row + len(rows)
    assert f"cut.csv: row {number} has {kept} of the" in str(error.value)
    assert f"it ends before column {header[last_read]!r}" in str(error.value)
    assert "cut off" in str(error.value)


@given(table=tables(), shape=shapes(workbooks=False))
def test_a_last_row_short_of_columns_not_read_is_kept(table, shape):
    """A row typed without its last cells reads when none of those is read."""
    header, rows = table
    cut = [*rows[:-1], rows[-1][:1]]
    shape = Shape(**{**shape.__dict__, "typed_last_row": True})
    assume(fitting(header, cut, shape))
    with tempfile.TemporaryDirectory() as folder:
        written = write_table(Path(folder), "typed", header, cut, shape)
        read = read_table(written.path, wanted=Wanted((header[0],)))
    assert read.table.iloc[-1].tolist()[: len(header)] == [as_read(rows[-1][0])] + [None] * (
        len(header) - 1
    )


@given(table=tables(), shape=shapes(workbooks=False), data=st.data())
def test_short_rows_read_as_written_unless_the_file_ends_inside_the_last(table, shape, data):
    """Some Excel versions leave out a row's empty cells after its last filled one (a blank
    status at the end of a row): such a row reads as written, its missing cells blank,
    wherever it is, the last row too when a line break follows it. Only a last row that
    ends before a column read with no line break after it is a cut-off download."""
    header, rows = table
    cut = [row[: data.draw(st.integers(1, len(row)))] for row in rows]  # any row short
    wanted = data.draw(st.lists(st.sampled_from(header), min_size=1, unique=True))
    shape = Shape(**{**shape.__dict__, "trailing_empty": 0})  # rows as long as written
    assume(fitting(header, cut, shape))
    reaches = len(cut[-1]) > max(header.index(name) for name in wanted)
    with tempfile.TemporaryDirectory() as folder:
        written = write_table(Path(folder), "short", header, cut, shape)
        if shape.final_newline or reaches:
            read = read_table(written.path, wanted=Wanted(tuple(wanted)))
        else:
            with pytest.raises(InputFormatError) as error:
                read_table(written.path, wanted=Wanted(tuple(wanted)))
            number = written.header_row + len(rows)
            assert f"short.csv: row {number} has {len(cut[-1])} of the" in str(error.value)
            assert "with no line break" in str(error.value)
            return
    assert read.table.drop(columns="source_row").values.tolist() == [
        [as_read(cell) for cell in row] + [None] * (len(header) - len(row)) for row in cut
    ]


@pytest.mark.parametrize("tail", ["", "\n", "\r\n", "\r", "\n\n", "\n,,", "\n  ", "\r\n,,\r\n"])
def test_a_short_last_row_with_blank_lines_after_it_is_not_cut_off(tmp_path, tail):
    """Blank lines after the last row (empty cells only, or spaces) follow it with a line
    break, ended or not: only a file ending inside the row itself is cut off."""
    path = tmp_path / "export.csv"
    path.write_text(f"Code,Name,Status\r\nRX1,Trust,20/21 Standards Met\r\nRY1{tail}", "utf-8")
    if not tail:
        with pytest.raises(InputFormatError, match="row 3 has 1 of the 3 cells"):
            read_table(path)
        return
    read = read_table(path)
    assert read.table.drop(columns="source_row").values.tolist()[-1] == ["RY1", None, None]


def test_a_complete_typed_row_under_excel_empty_columns_reads(tmp_path):
    """The issue's example: Excel wrote empty columns after the last on every row but the
    one typed by hand."""
    path = tmp_path / "population.csv"
    path.write_text(
        "code,population,,,\r\nE54000008,2500000,,,\r\nE54000010,1200000\r\n", encoding="utf-8"
    )
    read = read_table(path, wanted=Wanted(("code", "population")))
    assert read.table["population"].tolist() == ["2500000", "1200000"]


@given(
    fillers=st.lists(st.sampled_from(("notes", "empty", "other")), min_size=1, max_size=3),
    before=st.integers(0, 3),
    table=tables(),
)
def test_no_sheet_with_the_fields_names_every_sheet_and_its_columns(fillers, before, table):
    header, rows = table
    shape = Shape(
        workbook=True, sheets_before=tuple(fillers[:before]), sheets_after=tuple(fillers[before:])
    )
    with tempfile.TemporaryDirectory() as folder:
        written = write_table(Path(folder), "book", header, rows, shape)
        with pytest.raises(MissingColumnError) as error:
            read_table(written.path, wanted=Wanted((header[0], "Pop 2020")))
    message = str(error.value)
    assert "book.xlsx: no sheet has the fields" in message
    assert f"sheet {written.sheet!r} holds {', '.join(map(repr, header))}" in message
    expected = {
        "notes": "holds 'About this file'",
        "empty": "holds nothing (it is empty)",
        "other": "holds 'Region', 'Count'",
    }
    for number, kind in enumerate([*fillers[:before], "data", *fillers[before:]]):
        if kind != "data":
            assert f"sheet '{kind.title()} {number}' {expected[kind]}" in message


def test_a_second_sheet_with_the_fields_is_named_in_the_notes(tmp_path):
    import openpyxl

    path = tmp_path / "populations.xlsx"
    book = openpyxl.Workbook()
    book.active.title = "2020"
    book.active.append(["code", "population"])
    book.active.append(["A", 1])
    book.create_sheet("2021").append(["code", "population"])
    book.save(path)
    read = read_table(path, wanted=Wanted(("code", "population")))
    assert read.source.label.startswith("2020 in ")
    assert read.notes[-1].endswith(
        "sheet '2020', the first holding the fields 'code' and 'population', was read; "
        "sheet '2021' holds them too. Name the sheet to read another."
    )


ODS_ROW = ['"{code}"', '"NAME {code}"', '"Y62"', '"QOP"'] + ['""'] * 6 + ['"20020401"', '""']


def ods_line(code: str, extra: int) -> list[str]:
    """An ODS record of 27 cells as NHS Digital writes them, and ``extra`` empty ones
    after them, as Excel writes them."""
    return [c.format(code=code) for c in ODS_ROW] + ['""'] * 15 + [""] * extra


@given(
    count=st.integers(2, 6),
    extra=st.integers(0, 3),
    typed=st.booleans(),
    newline=st.sampled_from(("\n", "\r\n", "\r")),
    final=st.booleans(),
    encoding=st.sampled_from(("utf-8", "utf-8-sig", "utf-16", "cp1252")),
    data=st.data(),
)
def test_an_ods_file_stops_only_at_a_truly_short_row(
    count, extra, typed, newline, final, encoding, data
):
    """A fixed layout: a row ending before a column holding values stops, wherever it is,
    with or without a line break after the file's last row; the empty cells written after
    the last filled column (on any row) do not count."""
    records = [ods_line(f"R{n:02d}", extra) for n in range(count)]
    if typed:  # the last record typed by hand, up to its (empty) close date
        records[-1] = records[-1][:12]
    short = data.draw(st.one_of(st.none(), st.integers(0, count - 1)))
    kept = data.draw(st.integers(1, 10))  # every record has a value in its 11th cell
    if short is not None:
        records[short] = records[short][:kept]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "etr.csv"
        text = newline.join(",".join(r) for r in records) + (newline if final else "")
        path.write_bytes(text.encode(encoding))
        if short is None:
            table = read_ods([path]).table
            assert table["code"].tolist() == [f"R{n:02d}" for n in range(count)]
            assert list(table.columns[: len(ODS_COLUMNS)]) == list(ODS_COLUMNS)
            return
        with pytest.raises(InputFormatError) as error:
            read_ods([path])
    assert f"etr.csv: row {short + 1} has {kept} of the" in str(error.value)
    assert "cut off" in str(error.value)
