"""Writing worksheet rows fast and safely: typed cells (numbers as numbers, dates as Excel
dates), text that looks like a formula kept as text, frozen headers, autofilter, widths."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

# A cell starting with one of these could be taken for a formula (or DDE) by a spreadsheet.
FORMULA_TRIGGERS = frozenset("=+-@\t\r")
MAX_WIDTH = 60
CELL_LIMIT = 32_767  # characters Excel holds in one cell
SAMPLE_ROWS = 200  # rows looked at to size columns
INVALID_SHEET_CHARS = str.maketrans({c: "_" for c in "[]:*?/\\"})


@dataclass(frozen=True)
class ColumnSpec:
    """One column of a sheet, as the Data dictionary describes it."""

    name: str
    meaning: str
    kind: str = "text"  # text / number / integer / date / datetime / time / flag / key
    allowed: str = ""
    label: str = ""  # second header row (wide sheets), e.g. the question's label
    width: float | None = None


@dataclass
class Formats:
    header: Any
    label: Any
    date: Any
    datetime: Any
    time: Any
    text: Any  # quote-prefixed text: stays text when a user edits the cell
    wrap: Any
    fills: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def create(cls, wb: Workbook) -> Formats:
        fills = {
            name: wb.add_format(
                {
                    "bg_color": colour,
                    "font_color": font,
                    "border": 1,
                    "border_color": "#D0D0D0",
                    "align": "center",
                }
            )
            for name, colour, font in (
                ("violation", "#F4C7C3", "#7A1B12"),
                ("neutrality", "#CDE9D6", "#1D5B33"),
                ("unclear", "#FCE8B2", "#6B4E00"),
                ("empty", "#FFFFFF", "#9E9E9E"),
                ("converging", "#B7E1C1", "#1D5B33"),
                ("diverging", "#F4C7C3", "#7A1B12"),
                ("single_source", "#FCE8B2", "#6B4E00"),
                ("no_evidence", "#EEEEEE", "#616161"),
            )
        }
        return cls(
            header=wb.add_format(
                {
                    "bold": True,
                    "bg_color": "#1F3A5F",
                    "font_color": "#FFFFFF",
                    "border": 1,
                    "valign": "top",
                }
            ),
            label=wb.add_format(
                {
                    "italic": True,
                    "bg_color": "#E8EEF5",
                    "text_wrap": True,
                    "valign": "top",
                    "border": 1,
                    "border_color": "#C0C8D4",
                }
            ),
            date=wb.add_format({"num_format": "yyyy-mm-dd"}),
            datetime=wb.add_format({"num_format": "yyyy-mm-dd hh:mm"}),
            time=wb.add_format({"num_format": "hh:mm"}),
            text=wb.add_format({"quote_prefix": True}),
            wrap=wb.add_format({"text_wrap": True, "valign": "top"}),
            fills=fills,
        )


def sheet_name(wanted: str, taken: set[str]) -> str:
    """A valid, unique worksheet name (31 characters, no []:*?/\\)."""
    base = wanted.translate(INVALID_SHEET_CHARS).strip("'")[:31] or "Sheet"
    name, n = base, 1
    while name.casefold() in taken:
        n += 1
        suffix = f"~{n}"
        name = base[: 31 - len(suffix)] + suffix
    taken.add(name.casefold())
    return name


class SheetWriter:
    """Rows of one worksheet in constant_memory mode: written strictly in order."""

    def __init__(
        self,
        wb: Workbook,
        name: str,
        columns: Sequence[ColumnSpec],
        formats: Formats,
        *,
        label_row: bool = False,
        scrub: Callable[[str], str] | None = None,
    ) -> None:
        self.ws: Worksheet = wb.add_worksheet(name)
        self.scrub = scrub
        self.name = name
        self.columns = list(columns)
        self.formats = formats
        self.label_row = label_row
        self.row = 0
        self._widths = [float(len(c.name)) + 2 for c in self.columns]
        self._header_written = False
        # Continues a text too long for a cell elsewhere and returns what the cell shows.
        self.overflow: Callable[[str, int, int, str], str] | None = None

    def set_columns(self, columns: Sequence[ColumnSpec]) -> None:
        """Columns known only once the data is read (e.g. the triangulation matrix's)."""
        self.columns = list(columns)
        self._widths = [float(len(c.name)) + 2 for c in self.columns]

    def header(self) -> None:
        ws, fmt = self.ws, self.formats
        for c, column in enumerate(self.columns):
            ws.write_string(0, c, column.name, fmt.header)
        self.row = 1
        if self.label_row:
            for c, column in enumerate(self.columns):
                ws.write_string(1, c, column.label or column.meaning, fmt.label)
            ws.set_row(1, 45)
            self.row = 2
        self._header_written = True

    def write(self, values: Sequence[Any]) -> None:
        """One row; None and "" are left empty. Strings always go in as strings."""
        r = self.row
        if r < SAMPLE_ROWS:
            self._measure_row(values)
        # XlsxWriter's public writers only. Its private unchecked ones (_write_string, …)
        # skip the A1-notation check, but measured they save ~6% of the cell loop alone and
        # nothing beyond the noise of a whole export (reports benchmark, size M, 52k
        # answers, 896k cells, twice each: 1.08x / 1.14x the bare loop public, 1.02x /
        # 1.14x private): not worth pinning XlsxWriter below its next release.
        ws = self.ws
        string, number, date = ws.write_string, ws.write_number, ws.write_datetime
        fmt = self.formats
        scrub = self.scrub
        c = -1
        for v in values:
            c += 1
            if v is None:
                continue
            t = type(v)
            if t is str:
                if not v:
                    continue
                if scrub is not None:
                    v = scrub(v)
                if len(v) > CELL_LIMIT and self.overflow is not None:
                    v = self.overflow(self.name, r, c, v)
                if v[0] in FORMULA_TRIGGERS:
                    string(r, c, v, fmt.text)
                else:
                    string(r, c, v)
            elif t is int or t is float:
                number(r, c, v)
            elif t is dt.datetime:
                date(r, c, v, fmt.datetime)
            elif t is dt.date:
                date(r, c, v, fmt.date)
            elif t is dt.time:
                date(r, c, v, fmt.time)
            elif t is bool:
                number(r, c, int(v))
            else:
                text = str(v)
                string(r, c, text, fmt.text if text[:1] in FORMULA_TRIGGERS else None)
        self.row = r + 1

    def _measure_row(self, values: Sequence[Any]) -> None:
        for c, v in enumerate(values):
            if v is None or v == "":
                continue
            if isinstance(v, str):
                self._measure(c, len(v) if "\n" not in v else 40)
            elif isinstance(v, dt.datetime):
                self._measure(c, 16)
            elif isinstance(v, dt.date):
                self._measure(c, 10)
            elif isinstance(v, int | float):
                self._measure(c, len(str(v)))

    def write_formatted(self, values: Sequence[tuple[Any, Any]]) -> None:
        """One row of (value, format) pairs, for the few coloured sheets."""
        r = self.row
        for c, (v, cell_format) in enumerate(values):
            if v is None or v == "":
                if cell_format is not None:
                    self.ws.write_blank(r, c, None, cell_format)
                continue
            if isinstance(v, str):
                if self.scrub is not None:
                    v = self.scrub(v)
                if len(v) > CELL_LIMIT and self.overflow is not None:
                    v = self.overflow(self.name, r, c, v)
                self.ws.write_string(r, c, v, cell_format)
                self._measure(c, len(v))
            elif isinstance(v, bool):
                self.ws.write_number(r, c, int(v), cell_format)
            else:
                self.ws.write_number(r, c, v, cell_format)
        self.row = r + 1

    def _measure(self, c: int, length: int) -> None:
        if c < len(self._widths) and length + 2 > self._widths[c]:
            self._widths[c] = float(length + 2)

    def finish(self) -> None:
        """Freeze the header, add the autofilter and set column widths."""
        if not self._header_written:
            self.header()
        ws = self.ws
        header_rows = 2 if self.label_row else 1
        ws.freeze_panes(header_rows, 1 if self.label_row else 0)
        last_row = max(self.row - 1, header_rows - 1)
        if self.columns:
            ws.autofilter(header_rows - 1, 0, last_row, len(self.columns) - 1)
        for c, column in enumerate(self.columns):
            ws.set_column(c, c, column.width or min(MAX_WIDTH, max(8.0, self._widths[c])))
