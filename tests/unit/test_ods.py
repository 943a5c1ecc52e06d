"""ODS bulk files, the closed-organisation rule and ICS membership from ODS, on made files."""

from __future__ import annotations

import datetime

import pandas as pd
import pytest

from dspt_qgis.core.errors import DuplicateCodeError, InputFormatError
from dspt_qgis.core.export_columns import ColumnMap
from dspt_qgis.core.join import Lookup, Side
from dspt_qgis.core.membership import ics_from_ods
from dspt_qgis.core.ods import ODS_COLUMNS, closures_from_table, publication_deadline, read_ods
from dspt_qgis.core.reader import TableRead
from dspt_qgis.core.resolve import ClosedRule, ImportRequest, resolve_export
from dspt_qgis.core.sources import file_source, layer_source


def ods_line(code, name, ics, postcode, opened, closed="", address='"1, HIGH STREET"'):
    cells = [
        f'"{code}"',
        f'"{name}"',
        '"Y62"',
        f'"{ics}"',
        address,
        '"LEEDS"',
        '""',
        '""',
        '""',
        f'"{postcode}"',
        f'"{opened}"',
        f'"{closed}"',
    ] + ['""'] * 15
    return ",".join(cells)


@pytest.fixture
def etr(tmp_path):
    path = tmp_path / "etr.csv"
    path.write_text(
        "\n".join(
            [
                ods_line("RA1", "TRUST ONE", "QOP", "LS1 1AA", "20020401"),
                ods_line("RB2", "TRUST TWO, OF LEEDS", "QWO", "LS2 2BB", "19910401", "20220331"),
                ods_line("RC3", "TRUST THREE", "", "LS3 3CC", "20020401", "20220630"),
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    return path


def test_ods_file_reads_with_named_columns_and_dates(etr):
    table = read_ods([etr]).table
    assert list(table.columns[: len(ODS_COLUMNS)]) == list(ODS_COLUMNS)
    assert table["code"].tolist() == ["RA1", "RB2", "RC3"]
    assert table.loc[1, "name"] == "TRUST TWO, OF LEEDS"
    assert table.loc[0, "address_line_1"] == "1, HIGH STREET"  # a quoted comma stays in its cell
    assert table.loc[0, "close_date"] is None
    assert table.loc[1, "close_date"] == datetime.date(2022, 3, 31)
    assert table.loc[0, "open_date"] == datetime.date(2002, 4, 1)
    assert table.loc[2, "high_level_health_geography"] is None
    assert table["source_row"].tolist() == [1, 2, 3]


def test_two_files_agreeing_count_once_disagreeing_stop(etr, tmp_path):
    same = tmp_path / "again.csv"
    same.write_text(
        ods_line("RA1", "TRUST ONE", "QOP", "LS1 1AA", "20020401") + "\n", encoding="utf-8"
    )
    assert read_ods([etr, same]).table["code"].tolist() == ["RA1", "RB2", "RC3"]
    other = tmp_path / "other.csv"
    other.write_text(
        ods_line("RA1", "TRUST ONE", "QHM", "LS1 1AA", "20020401") + "\n", encoding="utf-8"
    )
    with pytest.raises(DuplicateCodeError, match="RA1"):
        read_ods([etr, other])


def test_bad_dates_and_narrow_files_are_named(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text(ods_line("RA1", "T", "QOP", "X", "2002-04-01x") + "\n", encoding="utf-8")
    with pytest.raises(InputFormatError, match="not YYYYMMDD dates"):
        read_ods([bad])
    narrow = tmp_path / "narrow.csv"
    narrow.write_text("Code,Status\nRA1,20/21 Standards Met\n", encoding="utf-8")
    with pytest.raises(InputFormatError, match="at least 12 columns"):
        read_ods([narrow])


def test_a_row_cut_short_stops_naming_it(etr):
    """An interrupted download: the last record has 6 of the 27 cells."""
    full = ods_line("RD4", "TRUST FOUR", "QOP", "LS4", "20020401")
    cut = (
        etr.read_text(encoding="utf-8") + full[: full.index('"LEEDS"') + len('"LEEDS"')]
    )  # 6 cells
    etr.write_text(cut, encoding="utf-8")
    with pytest.raises(
        InputFormatError,
        match=r"etr.csv: row 4 has 6 of the 27 cells the other rows have\. The file "
        r"looks cut off",
    ):
        read_ods([etr])


def test_a_short_row_inside_a_fixed_layout_file_stops_too(etr):
    lines = etr.read_text(encoding="utf-8").splitlines()
    lines.insert(1, '"RX9","SHORT","Y62"')
    etr.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputFormatError, match="row 2 has 3 of the 27 cells the other rows have"):
        read_ods([etr])


def test_publication_deadline_is_30_june_of_the_second_year():
    assert publication_deadline("21/22") == datetime.date(2022, 6, 30)


def resolve_trusts(closures, rule=ClosedRule.LEAVE_OUT):
    frame = pd.DataFrame(
        {
            "Code": ["RA1", "RB2", "RC3", "RD4"],
            "Status": ["21/22 Standards Met", "#N/A", "#N/A", "#N/A"],
            "Successor": [None, None, None, "RA1"],
        }
    )
    frame["source_row"] = range(2, 6)
    return resolve_export(
        TableRead(frame, file_source("trusts.csv")),
        ColumnMap(code="Code", status="Status", successor_code="Successor"),
        ImportRequest(edition="21/22", closures=closures, closed_rule=rule),
    )


def test_closed_before_the_deadline_is_left_out_and_reported(etr):
    closures = closures_from_table(
        read_ods([etr]).table,
        code_field="code",
        date_field="close_date",
        source=file_source("etr.csv"),
    )
    closures["RD4"] = datetime.date(2021, 5, 31)
    result = resolve_trusts(closures)
    statuses = dict(zip(result.table["code"], result.table["status"]))
    # RB2 closed 31 March 2022: left out. RC3 closed on the deadline day: it had to publish.
    # RD4 closed too, but its successor's status comes first.
    assert statuses == {"RA1": "Standards Met", "RC3": "Not Published", "RD4": "Standards Met"}
    report = result.diagnostics.set_index("code")
    assert report.loc["RB2", "outcome"] == "excluded"
    assert "closed on 2022-03-31" in report.loc["RB2", "reason"]
    assert "2022-06-30" in report.loc["RB2", "reason"]
    assert any("RB2" in note for note in result.notes)


def test_the_closed_rule_can_be_switched_off(etr):
    closures = {"RB2": datetime.date(2022, 3, 31)}
    result = resolve_trusts(closures, ClosedRule.NOT_PUBLISHED)
    assert dict(zip(result.table["code"], result.table["status"]))["RB2"] == "Not Published"


def test_close_dates_read_from_text_and_dates():
    table = pd.DataFrame({"code": ["a", "B", "C"], "close_date": ["2022-03-31", "20210930", None]})
    assert closures_from_table(
        table, code_field="code", date_field="close_date", source=layer_source("ods")
    ) == {"A": datetime.date(2022, 3, 31), "B": datetime.date(2021, 9, 30)}
    with pytest.raises(InputFormatError, match="not dates"):
        closures_from_table(
            pd.DataFrame({"code": ["A"], "close_date": ["soon"]}),
            code_field="code",
            date_field="close_date",
            source=layer_source("ods"),
        )


def test_membership_from_ods_through_a_lookup(etr):
    trusts = pd.DataFrame({"code": ["ra1", "RB2", "RC3", "ZZ9", None], "source_row": range(1, 6)})
    lookup = Lookup({"QOP": "E54000007"}, file_source("lookup.csv"), "STP21CDH")
    result = ics_from_ods(
        Side(trusts, "code", layer_source("trusts")),
        Side(read_ods([etr]).table, "code", file_source("etr.csv")),
        ics_field="high_level_health_geography",
        lookup=lookup,
    )
    assert result.ods_codes.tolist() == ["QOP", "QWO", None, None, None]
    assert result.ics_codes.tolist() == ["E54000007", None, None, None, None]
    reasons = result.diagnostics["reason"].tolist()
    assert reasons[0] == "ICS QOP from ODS = E54000007"
    assert "QWO is not in the lookup" in reasons[1]
    assert reasons[2] == "ODS records no ICS (high level health geography) for it"
    assert reasons[3].startswith("not in the ODS records")
    assert result.diagnostics["outcome"].tolist() == [
        "used",
        "unmatched",
        "unmatched",
        "unmatched",
        "unmatched",
    ]
