"""The reader: an XLSForm workbook (openpyxl) as sheets of rows, each with its number as
Excel shows it, so that every later problem can name sheet, row and column."""

from __future__ import annotations

import warnings
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import openpyxl

from neutralitas_desktop.errors import InstrumentError
from neutralitas_desktop.instruments.zip_limits import check_xlsx

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass
class Row:
    """One non-blank row of a sheet."""

    number: int  # as Excel shows it
    values: dict[int, Any]  # column index -> cell value


@dataclass
class Sheet:
    """A sheet as read: its header row and the non-blank rows under it."""

    title: str
    header_row: int
    headers: list[tuple[int, str]]  # (column index, header text) of non-empty headers
    rows: list[Row]


def read_workbook(path: Path) -> dict[str, Sheet]:
    """Every sheet of the workbook by lower-cased title; one-line errors for bad files."""
    source = str(path)
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
    except FileNotFoundError:
        raise InstrumentError(source, ["file not found"]) from None
    except OSError as exc:
        raise InstrumentError(source, [f"cannot be read: {exc.strerror or exc}"]) from None
    if head.startswith(_OLE_MAGIC):
        if _looks_encrypted(path):
            raise InstrumentError(
                source,
                [
                    "the workbook is password-protected; open it in Excel, remove the "
                    "password (File > Info > Protect Workbook) and save it again"
                ],
            )
        raise InstrumentError(
            source,
            ["is an Excel 97-2003 (.xls) workbook; open it in Excel and save it as .xlsx"],
        )
    if not zipfile.is_zipfile(path) and path.suffix.lower() in (".csv", ".md"):
        raise InstrumentError(
            source,
            [
                f"is an XLSForm written as {path.suffix.lower()[1:].upper()} text, which this "
                "app does not read; put its sheets in an Excel workbook (.xlsx)"
            ],
        )
    if not zipfile.is_zipfile(path):
        raise InstrumentError(
            source, ["is not an Excel workbook (.xlsx): the file is damaged or of another kind"]
        )
    check_xlsx(path, source)  # sheets and shared strings within bounds before openpyxl
    try:
        with warnings.catch_warnings():
            # openpyxl warns about Excel features it skips (extensions, data validation);
            # none of them matter for a form.
            warnings.simplefilter("ignore", UserWarning)
            workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for damaged files
        raise InstrumentError(
            source, [f"cannot be read as an Excel workbook (.xlsx): {_short(exc)}"]
        ) from None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            return {ws.title.strip().lower(): _read_sheet(ws) for ws in workbook.worksheets}
    except Exception as exc:
        raise InstrumentError(
            source, [f"cannot be read as an Excel workbook (.xlsx): {_short(exc)}"]
        ) from None
    finally:
        workbook.close()


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:200]


def _looks_encrypted(path: Path) -> bool:
    """An OOXML file saved with a password is an OLE container holding EncryptedPackage."""
    try:
        data = path.read_bytes()[: 1 << 20]
    except OSError:
        return False
    return "EncryptedPackage".encode("utf-16-le") in data or b"EncryptionInfo" in data


def _read_sheet(ws: Any) -> Sheet:
    # Declared dimensions can be absurd (1048576 x 16384 for a sheet of ten cells):
    # forget them and read only the cells that are there.
    if hasattr(ws, "reset_dimensions"):
        ws.reset_dimensions()
    header_row = 0
    headers: list[tuple[int, str]] = []
    rows: list[Row] = []
    for number, raw in enumerate(ws.iter_rows(values_only=True), 1):
        values = {i: v for i, v in enumerate(raw) if not is_blank(v)}
        if not values:
            continue
        if not header_row:
            header_row = number
            headers = [(i, cell_text(v)) for i, v in sorted(values.items())]
            continue
        rows.append(Row(number, values))
    return Sheet(ws.title, header_row, headers, rows)


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def cell_text(value: Any) -> str:
    """A cell as text the way Excel shows it (1.0 -> "1", TRUE -> "TRUE")."""
    if value is None:
        return ""
    if value is True:
        return "TRUE"
    if value is False:
        return "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime | date | time):
        return str(value)
    return str(value).strip()
