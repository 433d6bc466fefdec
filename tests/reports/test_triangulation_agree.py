"""The matrix, the workbook's Triangulation sheet and the summary PDF show the same
incidents, lines and simpulan for the same study."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
from pypdf import PdfReader

from neutralitas_desktop.reports.excel import export_excel
from neutralitas_desktop.reports.pdf_summary import export_summary
from neutralitas_desktop.triangulation.matrix import triangulation_matrix
from neutralitas_desktop.triangulation.types import CORROBORATIONS, MatrixQuery

LETTER = {"corroborated": "C", "single_line": "S", "contradicted": "X", "unattested": "U"}
CONCLUSION_EN = {
    "corroborated": "Corroborated incident(s)",
    "single_line": "Single line only",
    "contradicted": "Contradicted",
    "unattested": "Unattested",
    "no_incidents": "No incidents",
}


def _squash(text: str) -> str:
    return " ".join(text.replace("\xa0", " ").split())


def _pdf_row(row: Any) -> str:
    """A matrix row as the PDF prints it, after its theme label."""
    cells = [
        " ".join(f"{LETTER[k]} {c.count(k)}" for k in CORROBORATIONS) + f" · L {c.lines}"
        if c.total
        else "–"
        for c in row.cells
    ]
    conclusion = CONCLUSION_EN[row.conclusion.kind]
    if row.conclusion.incidents:
        conclusion += f" ({row.conclusion.incidents})"
    x = row.context
    return " ".join([*cells, conclusion, f"V {x.violation} N {x.neutrality} ? {x.unclear}"])


def test_matrix_workbook_and_pdf_agree(demo_study: Any, tmp_path: Path) -> None:
    matrix = triangulation_matrix(demo_study.db)
    kinds = {r.conclusion.kind for r in matrix.rows}
    assert {"corroborated", "single_line", "contradicted", "unattested"} <= kinds

    export_excel(demo_study.db, tmp_path / "study.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "study.xlsx")["Triangulation"]
    header = [c.value for c in ws[1]]
    sheet = {r[0].value: r for r in ws.iter_rows(min_row=2)}
    assert list(sheet) == [r.code for r in matrix.rows]
    for row in matrix.rows:
        cells = sheet[row.code]
        value = {name: cells[header.index(name)].value for name in header}
        assert value["conclusion"] == row.conclusion.kind
        assert [value[k] for k in CORROBORATIONS] == [row.total.count(k) for k in CORROBORATIONS]
        assert value["lines"] == row.total.lines
        assert value["context_violation"] == row.context.violation
        for column, cell in zip(matrix.columns, row.cells, strict=True):
            assert value[f"{column.key}_C"] == cell.corroborated
            assert value[f"{column.key}_U"] == cell.unattested
            assert value[f"{column.key}_lines"] == cell.lines
        assert (value["decided_by"] or "") == ", ".join(row.conclusion.decided_by)
    by_role = triangulation_matrix(demo_study.db, MatrixQuery(by="source"))
    for row in by_role.rows:
        for column, cell in zip(by_role.columns, row.cells, strict=True):
            assert sheet[row.code][header.index(f"role:{column.key}_C")].value == cell.corroborated

    pdf = export_summary(demo_study.db, tmp_path / "summary.pdf", lang="en")
    pages = [p.extract_text() or "" for p in PdfReader(pdf).pages]
    start = next(i for i, p in enumerate(pages) if "3. Triangulation matrix" in p)
    end = next(i for i, p in enumerate(pages) if i > start and "4. Findings by theme" in p)
    section = _squash(" ".join(pages[start:end]))
    for row in matrix.rows:
        assert _pdf_row(row) in section, row.code
    assert f"at least {matrix.thresholds.corroboration} independent" in _squash(" ".join(pages))
