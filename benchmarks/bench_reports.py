"""Excel export time and peak memory next to a bare XlsxWriter constant_memory loop writing
the same cells in the same run; the anonymised export next to the plain one; how the
export's peak memory grows from 10,000 to 1,000,000 answers (200,000 at size S), each in
its own process; and the study summary PDF on a 500-session study."""

from __future__ import annotations

import datetime as dt
import gc
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

from benchmarks.common import BenchContext, Figure, grow_study, timed

MB = 1024 * 1024
SMALL_SESSIONS = 310  # ~10,000 answers
BIG = {"S": 200_000, "M": 1_000_000, "L": 1_000_000}  # answers

# One export in a fresh process; prints its peak resident memory (bytes): VmHWM, which
# starts anew at exec (getrusage's ru_maxrss would carry the parent's peak over the fork),
# or ru_maxrss where /proc is missing.
EXPORT_PEAK = """
import resource, sys
from neutralitas_desktop.reports.excel import export_excel
from neutralitas_desktop.store.database import open_database
db = open_database(sys.argv[1])
export_excel(db, sys.argv[2])
db.close()
try:
    with open("/proc/self/status", encoding="ascii") as fh:
        print(next(int(x.split()[1]) * 1024 for x in fh if x.startswith("VmHWM:")))
except OSError:
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024)
"""


def _record_cells(db: Any, path: Path) -> list[tuple[str, list[list[Any]]]]:
    """Every cell the export writes, sheet by sheet, in order (by running it once more
    with the row writer recording instead of only writing)."""
    from neutralitas_desktop.reports import excel_cells
    from neutralitas_desktop.reports.excel import export_excel

    sheets: dict[str, list[list[Any]]] = {}
    original_write = excel_cells.SheetWriter.write
    original_formatted = excel_cells.SheetWriter.write_formatted
    original_header = excel_cells.SheetWriter.header

    def header(self: Any) -> None:
        rows = sheets.setdefault(self.name, [])
        rows.append([c.name for c in self.columns])
        if self.label_row:
            rows.append([c.label or c.meaning for c in self.columns])
        original_header(self)

    def write(self: Any, values: Any) -> None:
        sheets.setdefault(self.name, []).append(list(values))
        original_write(self, values)

    def formatted(self: Any, values: Any) -> None:
        sheets.setdefault(self.name, []).append([v for v, _ in values])
        original_formatted(self, values)

    excel_cells.SheetWriter.header = header  # type: ignore[method-assign]
    excel_cells.SheetWriter.write = write  # type: ignore[method-assign]
    excel_cells.SheetWriter.write_formatted = formatted  # type: ignore[method-assign]
    try:
        export_excel(db, path)
    finally:
        excel_cells.SheetWriter.header = original_header  # type: ignore[method-assign]
        excel_cells.SheetWriter.write = original_write  # type: ignore[method-assign]
        excel_cells.SheetWriter.write_formatted = original_formatted  # type: ignore[method-assign]
    return list(sheets.items())


def _bare_loop(path: Path, sheets: list[tuple[str, list[list[Any]]]]) -> int:
    """The same cells through XlsxWriter with nothing else: typed write calls, one date
    format, no widths, filters or safety checks."""
    from xlsxwriter.workbook import Workbook

    wb = Workbook(str(path), {"constant_memory": True})
    date = wb.add_format({"num_format": "yyyy-mm-dd hh:mm"})
    cells = 0
    for name, rows in sheets:
        ws = wb.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, v in enumerate(row):
                if v is None or v == "":
                    continue
                if isinstance(v, str):
                    ws.write_string(r, c, v)
                elif isinstance(v, dt.date | dt.time):
                    ws.write_datetime(r, c, v, date)
                else:
                    ws.write_number(r, c, v)
                cells += 1
    wb.close()
    return cells


def run(ctx: BenchContext) -> list[Figure]:
    from neutralitas_desktop.reports.excel import ExcelOptions, export_excel
    from neutralitas_desktop.reports.pdf_summary import export_summary
    from neutralitas_desktop.store.database import open_database

    figures: list[Figure] = []
    db = open_database(ctx.demo_study())
    out = ctx.workdir / "export.xlsx"
    result: list[Any] = []
    seconds = timed(lambda: result.append(export_excel(db, out)))
    answers = result[0].answers
    # The anonymised export next to the plain one, interleaved, best of two each (the
    # machine's load moves single runs by more than the redaction costs).
    anonymised = ExcelOptions(anonymize=True)
    plain_runs, anon_runs = [seconds], []
    for again in (True, False):
        anon_runs.append(
            timed(lambda: result.append(export_excel(db, ctx.workdir / "anon.xlsx", anonymised)))
        )
        if again:
            plain_runs.append(timed(lambda: export_excel(db, ctx.workdir / "plain.xlsx")))
    redacted = sum(n for _, n in result[-1].redacted)
    sheets = _record_cells(db, ctx.workdir / "again.xlsx")
    cells = _bare_loop(ctx.workdir / "bare.xlsx", sheets)
    exports, bares = [min(plain_runs)], []
    for again in (True, True, False):  # interleaved, best of three each
        bares.append(timed(lambda: _bare_loop(ctx.workdir / "bare.xlsx", sheets)))
        if again:
            exports.append(timed(lambda: export_excel(db, ctx.workdir / "plain.xlsx")))
    sheets.clear()
    gc.collect()
    figures += [
        Figure(f"excel export: {answers} answers, {cells} cells", answers, "rows"),
        Figure("excel export: time vs bare XlsxWriter loop, same cells", min(exports), "s",
               min(bares), 1.3),
        Figure(f"excel --anonymize ({redacted} redacted): time vs plain", min(anon_runs), "s",
               min(plain_runs), 1.3),
        Figure("excel export: file size", out.stat().st_size / MB, "MB"),
    ]  # fmt: skip
    db.close()
    figures += _memory_growth(ctx)

    small = open_database(ctx.demo_study(500))
    pdf = ctx.workdir / "summary.pdf"
    export_summary(small, pdf)  # warm: fonts registered, modules loaded
    best = timed(lambda: export_summary(small, pdf), repeat=2)
    small.close()
    figures.append(Figure("summary PDF: 500-session study (no baseline)", best, "s"))
    return figures


def _peak(study: Path, out: Path) -> float:
    """Peak RSS (MB) of a process that opens the study and exports it."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-c", EXPORT_PEAK, str(study), str(out)],
        env=env, capture_output=True, text=True, timeout=3600, check=True,
    )  # fmt: skip
    return int(done.stdout.split()[-1]) / MB


def _memory_growth(ctx: BenchContext) -> list[Figure]:
    """The export streams (constant_memory sheets, answers read in batches): its peak
    memory should not grow with the study. The big study is the small one copied under
    new ids (bulk SQL)."""
    small = ctx.copy(ctx.demo_study(SMALL_SESSIONS), "memory-small.sqlite")
    big = ctx.copy(small, "memory-big.sqlite")
    rows = grow_study(big, BIG[ctx.size])
    with sqlite3.connect(small) as con:
        few = con.execute("SELECT count(*) FROM answer").fetchone()[0]
    base = _peak(small, ctx.workdir / "memory-small.xlsx")
    grown = _peak(big, ctx.workdir / "memory-big.xlsx")
    big.unlink()
    scaled = "" if rows >= 1_000_000 else " (size S: not 1M)"
    return [
        Figure(f"excel memory: answers in the big study{scaled}", rows, "rows"),
        Figure("excel memory: answers in the small study", few, "rows"),
        Figure(f"excel export peak RSS: {rows // 1000}k answers vs {few // 1000}k", grown, "MB",
               base, 100, "+"),
    ]  # fmt: skip
