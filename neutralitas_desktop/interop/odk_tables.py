"""Reading the data exports of ODK Central, ODK Briefcase and KoboToolbox as tables.

A submission export is one main table plus one table per repeat: CSV files side by side
(``Form.csv``, ``Form-posts.csv``), the same CSVs in the zip ODK Central downloads, or the
sheets of a KoboToolbox .xlsx export. Cells are kept as read (text from CSV; numbers and
dates from Excel), each with the row number a spreadsheet would show.
"""

from __future__ import annotations

import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import openpyxl

from neutralitas_desktop.errors import NeutralitasError
from neutralitas_desktop.instruments.zip_limits import (
    DATA_XLSX_LIMITS,
    EXPORT_LIMITS,
    check_xlsx,
    check_zip,
)
from neutralitas_desktop.interop.odk_csv import read_csv


@dataclass
class DataTable:
    """One table of an export; ``source`` names it in messages ("Form.csv", "data.xlsx,
    sheet posts")."""

    name: str  # file stem or sheet name
    source: str
    headers: list[str]
    rows: list[tuple[int, dict[str, Any]]]  # (row number as shown, header -> value)


@dataclass
class DataExport:
    main: DataTable
    others: list[DataTable] = field(default_factory=list)
    media: dict[str, bytes | Path] = field(default_factory=dict)  # attachment file name -> data
    notes: list[str] = field(default_factory=list)  # what was found (a CSV's encoding)
    kind: str = "csv"  # csv: a repeat is there only if its own file is; xlsx: one sheet each


def read_export(path: Path, repeat_names: list[str]) -> DataExport:
    """The tables of an export at ``path`` (.csv, .zip or .xlsx); repeat tables are those
    named after a repeat of the form (``Form-posts.csv``, sheet ``posts``)."""
    if not path.exists():
        raise NeutralitasError(f"{path}: file not found")
    if not path.is_file():
        raise NeutralitasError(f"{path}: is a folder, not a data export file")
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _read_csv_files(path, repeat_names)
    if suffix == ".zip":
        return _read_zip(path, repeat_names)
    if suffix in (".xlsx", ".xlsm"):
        return _read_workbook(path)
    raise NeutralitasError(
        f"{path}: not a data export this app reads (a .csv, the .zip of ODK Central, or the "
        ".xlsx of KoboToolbox)"
    )


def _repeat_of(stem: str, main_stem: str | None, repeat_names: list[str]) -> str | None:
    for name in sorted(repeat_names, key=len, reverse=True):
        for sep in ("-", "_"):
            if stem.endswith(sep + name) and (main_stem is None or stem != main_stem):
                return name
    return None


def _read_csv_files(path: Path, repeat_names: list[str]) -> DataExport:
    notes: list[str] = []
    main = _csv_table(path.stem, path.name, path.read_bytes(), notes)
    others = []
    for sibling in sorted(path.parent.glob(f"{path.stem}*.csv")):
        if sibling == path:
            continue
        if _repeat_of(sibling.stem, path.stem, repeat_names):
            others.append(_csv_table(sibling.stem, sibling.name, sibling.read_bytes(), notes))
    return DataExport(main, others, _media_beside(path), notes)


def _media_beside(path: Path) -> dict[str, bytes | Path]:
    """Attachment files next to an export: in media/ (Briefcase, ODK Central), files/ or
    attachments/ (KoboToolbox's media download, one folder per submission), or beside."""
    media: dict[str, bytes | Path] = {}
    folders = [path.parent / name for name in ("media", "files", "attachments")]
    for folder in folders:
        if folder.is_dir():
            for item in sorted(folder.rglob("*")):
                if item.is_file():
                    media.setdefault(item.name, item)
    for item in sorted(path.parent.iterdir()):
        if item.is_file() and item.suffix.lower() != ".csv" and item != path:
            media.setdefault(item.name, item)
    return media


def _read_zip(path: Path, repeat_names: list[str]) -> DataExport:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise NeutralitasError(f"{path}: not a readable zip file ({exc})") from None
    with archive:
        check_zip(archive, path.name, EXPORT_LIMITS)
        csvs = [n for n in archive.namelist() if n.lower().endswith(".csv")]
        mains = [n for n in csvs if not _repeat_of(PurePosixPath(n).stem, None, repeat_names)]
        if len(mains) != 1:
            found = ", ".join(csvs) or "none"
            raise NeutralitasError(
                f"{path}: expected one main CSV file in the zip besides the repeat files "
                f"(found: {found})"
            )
        notes: list[str] = []
        tables = {
            n: _csv_table(PurePosixPath(n).stem, f"{path.name}: {n}", archive.read(n), notes)
            for n in csvs
        }
        media: dict[str, bytes | Path] = {
            PurePosixPath(n).name: archive.read(n)
            for n in archive.namelist()
            if not n.endswith("/") and not n.lower().endswith(".csv")
        }
    main = tables.pop(mains[0])
    return DataExport(main, list(tables.values()), media, notes)


def _csv_table(name: str, source: str, data: bytes, notes: list[str]) -> DataTable:
    text = read_csv(data, source)
    if text.encoding not in ("UTF-8", "UTF-8 with BOM"):
        notes.append(f"{source}: read as {text.encoding}")
    headers = text.headers
    rows = [(n, {h: v for h, v in zip(headers, cells, strict=True) if h}) for n, cells in text.rows]
    return DataTable(name, source, headers, rows)


def _read_workbook(path: Path) -> DataExport:
    check_xlsx(path, path.name, DATA_XLSX_LIMITS)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:
        raise NeutralitasError(f"{path}: not a readable Excel workbook ({exc})") from None
    tables: list[DataTable] = []
    try:
        for sheet in workbook.worksheets:
            sheet.reset_dimensions()
            headers: list[str] = []
            rows: list[tuple[int, dict[str, Any]]] = []
            for number, values in enumerate(sheet.iter_rows(values_only=True), 1):
                if not any(v is not None and str(v).strip() for v in values):
                    continue
                if not headers:
                    headers = ["" if v is None else str(v).strip() for v in values]
                    continue
                row = {h: v for h, v in zip(headers, values, strict=False) if h and v is not None}
                rows.append((number, row))
            if headers:
                source = f"{path.name}, sheet {sheet.title}"
                tables.append(DataTable(sheet.title, source, headers, rows))
    finally:
        workbook.close()
    if not tables:
        raise NeutralitasError(f"{path}: the workbook has no data")
    return DataExport(tables[0], tables[1:], _media_beside(path), kind="xlsx")
