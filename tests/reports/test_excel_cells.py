"""The Excel writer's rows, read back as a user's spreadsheet sees them: typed cells,
date formats, text that looks like a formula kept as text; and an abandoned workbook
(a failed or cancelled export) leaves no temporary file open."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import openpyxl
import pytest
from xlsxwriter.workbook import Workbook

from neutralitas_desktop.reports.excel import _discard
from neutralitas_desktop.reports.excel_cells import ColumnSpec, Formats, SheetWriter


def _open_files_under(folder: Path) -> list[str]:
    fds = Path("/proc/self/fd")
    found = []
    for fd in fds.iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith(str(folder)):
            found.append(target)
    return found


def test_cells_read_back_with_their_types_and_formats(
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


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc (Linux)")
def test_an_abandoned_workbook_leaves_no_temporary_file_open(tmp_path: Path) -> None:
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    wb = Workbook(str(tmp_path / "never.xlsx"), {"constant_memory": True, "tmpdir": str(scratch)})
    writer = SheetWriter(wb, "Data", [ColumnSpec("a", "a")], Formats.create(wb))
    writer.header()
    writer.write(["x"])
    assert _open_files_under(scratch)  # the sheet's row file, open while rows are written
    _discard(wb)
    assert _open_files_under(scratch) == []
