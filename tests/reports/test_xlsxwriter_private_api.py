"""The Excel writer calls XlsxWriter's unchecked cell writers (``_write_string``,
``_write_number``, ``_write_datetime``) and closes an abandoned workbook's row files
(``row_data_fh``): private API, pinned to a tested range in pyproject.toml. These tests
fail when a new XlsxWriter moves any of it, before a user's export does."""

from __future__ import annotations

import datetime as dt
import inspect
from pathlib import Path

import openpyxl
import pytest
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from neutralitas_desktop.reports.excel import _discard
from neutralitas_desktop.reports.excel_cells import ColumnSpec, Formats, SheetWriter


@pytest.mark.parametrize(
    ("method", "value"),
    [("_write_string", "string"), ("_write_number", "number"), ("_write_datetime", "date")],
)
def test_the_unchecked_writers_take_row_column_value_and_format(method: str, value: str) -> None:
    parameters = list(inspect.signature(getattr(Worksheet, method)).parameters)
    assert parameters == ["self", "row", "col", value, "cell_format"]


def test_the_sheet_writer_uses_the_unchecked_writers(tmp_path: Path) -> None:
    wb = Workbook(str(tmp_path / "w.xlsx"), {"constant_memory": True})
    writer = SheetWriter(wb, "Data", [ColumnSpec("a", "a")], Formats.create(wb))
    assert writer._string.__func__ is Worksheet._write_string
    assert writer._number.__func__ is Worksheet._write_number
    assert writer._date.__func__ is Worksheet._write_datetime
    wb.close()


def test_cells_written_through_them_read_back_with_their_types_and_formats(
    tmp_path: Path,
) -> None:
    path = tmp_path / "cells.xlsx"
    wb = Workbook(str(path), {"constant_memory": True})
    columns = [ColumnSpec(name, name) for name in "abcdefghij"]
    writer = SheetWriter(wb, "Data", columns, Formats.create(wb))
    writer.header()
    when = dt.datetime(2024, 10, 21, 10, 42)
    writer.write(
        [
            "Kantor Camat",
            '=HYPERLINK("x")',
            7,
            2.5,
            when,
            dt.date(2024, 11, 27),
            dt.time(9, 30),
            True,
            None,
            "",
        ]
    )
    writer.finish()
    wb.close()

    ws = openpyxl.load_workbook(path)["Data"]
    assert [c.value for c in ws[1]] == list("abcdefghij")
    row = ws[2]
    assert row[0].value == "Kantor Camat" and row[0].data_type == "s"
    assert row[1].value == '=HYPERLINK("x")' and row[1].data_type == "s"
    assert row[1].quotePrefix  # stays text when edited in Excel
    assert row[2].value == 7 and row[2].data_type == "n"
    assert row[3].value == 2.5 and row[3].data_type == "n"
    assert row[4].value == when and row[4].number_format == "yyyy-mm-dd hh:mm"
    assert row[5].value == dt.datetime(2024, 11, 27) and row[5].number_format == "yyyy-mm-dd"
    assert row[6].value == dt.time(9, 30) and row[6].number_format == "hh:mm"
    assert row[7].value == 1 and row[7].data_type == "n"
    assert row[8].value is None and row[9].value is None


def test_an_abandoned_workbook_closes_its_row_files(tmp_path: Path) -> None:
    wb = Workbook(str(tmp_path / "never.xlsx"), {"constant_memory": True})
    writer = SheetWriter(wb, "Data", [ColumnSpec("a", "a")], Formats.create(wb))
    writer.header()
    writer.write(["x"])
    handle = writer.ws.row_data_fh
    assert handle is not None and not handle.closed
    _discard(wb)
    assert handle.closed
    assert not (tmp_path / "never.xlsx").exists()
