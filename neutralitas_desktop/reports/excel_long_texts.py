"""Texts longer than an Excel cell holds (32,767 characters), continued, never cut.

The rule: the cell keeps the text's beginning and ends with a note naming the row of the
"Long texts" sheet where it continues; that sheet holds the whole text in parts of
32,000 characters, one part per row, so the parts joined in order give the full text.
The About sheet counts the texts continued this way.
"""

from __future__ import annotations

from collections.abc import Callable

from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from neutralitas_desktop.reports.excel_cells import ColumnSpec, Formats

EXCEL_CELL_LIMIT = 32_767
PART = 32_000
SHEET = "Long texts"
COLUMNS = (
    ColumnSpec("sheet", "sheet of the cell whose text continues here", "text"),
    ColumnSpec("cell", "that cell (A1 notation)", "text"),
    ColumnSpec("part", "part number; the parts joined in order give the whole text", "integer"),
    ColumnSpec("parts", "number of parts of this text", "integer"),
    ColumnSpec("characters", "length of the whole text", "integer"),
    ColumnSpec("text", "this part of the text (at most 32,000 characters)", "text", width=80),
)


def cell_ref(row: int, col: int) -> str:
    letters, n = "", col + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return f"{letters}{row + 1}"


class LongTexts:
    """The "Long texts" sheet, made when the first long text comes (workbooks without one
    have no such sheet); ``register`` adds it to the Data dictionary then."""

    def __init__(
        self,
        wb: Workbook,
        formats: Formats,
        name: Callable[[str], str],
        register: Callable[[str, list[ColumnSpec]], None],
    ) -> None:
        self.wb = wb
        self.formats = formats
        self.name = name
        self.register = register
        self.sheet_name = ""
        self.row = 0
        self.count = 0
        self._ws: Worksheet | None = None

    def continue_text(self, sheet: str, row: int, col: int, text: str) -> str:
        """What the cell shows; the whole text goes to the Long texts sheet."""
        if self._ws is None:
            self.sheet_name = self.name(SHEET)
            new = self.wb.add_worksheet(self.sheet_name)
            for c, column in enumerate(COLUMNS):
                new.write_string(0, c, column.name, self.formats.header)
                new.set_column(c, c, column.width or 12)
            new.freeze_panes(1, 0)
            self._ws = new
            self.row = 1
            self.register(self.sheet_name, list(COLUMNS))
        ws: Worksheet = self._ws
        parts = [text[i : i + PART] for i in range(0, len(text), PART)]
        first = self.row
        for number, part in enumerate(parts, 1):
            ws.write_string(self.row, 0, sheet)
            ws.write_string(self.row, 1, cell_ref(row, col))
            ws.write_number(self.row, 2, number)
            ws.write_number(self.row, 3, len(parts))
            ws.write_number(self.row, 4, len(text))
            ws.write_string(self.row, 5, part, self.formats.text)
            self.row += 1
        self.count += 1
        note = f" […continued on sheet '{self.sheet_name}', rows {first + 1}–{self.row}]"
        return text[: EXCEL_CELL_LIMIT - len(note)] + note
