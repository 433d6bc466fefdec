"""Coder agreement in the analyst's outputs: an Agreement sheet in the workbook and a
section of the summary PDF, both with the figures before and after resolution."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from neutralitas_desktop.reports.excel import ExcelOptions, export_excel
from neutralitas_desktop.reports.pdf_summary import export_summary
from neutralitas_desktop.triangulation import agreement


def test_workbook_has_an_agreement_sheet(double_coded: dict[str, Any], tmp_path: Path) -> None:
    db, answers = double_coded["db"], double_coded["answers"]
    agreement.resolve(db, double_coded["budi"], answers[0], "socmed_engagement", False, "Bukan")
    out = tmp_path / "study.xlsx"
    result = export_excel(db, out, ExcelOptions(language="en"))
    assert "Agreement" in result.sheets
    ws = load_workbook(out, read_only=True)["Agreement"]
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    header = rows[0]
    theme = dict(zip(header, rows[1], strict=True))
    assert theme["theme_code"] == "socmed_engagement"
    assert theme["coders"] == "Ani Lestari, Budi Santoso"
    assert theme["units"] == 10
    assert theme["krippendorff_alpha"] == pytest.approx(0.095, abs=5e-4)
    assert theme["percent_agreement"] == pytest.approx(0.6)
    assert theme["percent_after"] == pytest.approx(0.7)
    assert theme["open_disagreements"] == 3
    assert rows[2][0] == "(overall)"


def test_workbook_without_double_coding_has_no_agreement_sheet(
    demo_study: Any, tmp_path: Path
) -> None:
    result = export_excel(demo_study.db, tmp_path / "x.xlsx")
    assert "Agreement" not in result.sheets


def test_summary_pdf_reports_agreement(double_coded: dict[str, Any], tmp_path: Path) -> None:
    out = export_summary(double_coded["db"], tmp_path / "summary.pdf", lang="id")
    text = " ".join(" ".join(p.extract_text() or "" for p in PdfReader(out).pages).split())
    assert "Kesepakatan antarpengode (triangulasi peneliti)" in text
    assert "10 unit teks" in text and "Ani Lestari, Budi Santoso" in text
    assert "60% 0.09 0.10" in text  # percent, kappa, alpha of the theme
