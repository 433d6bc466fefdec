"""A Pilkada study's outputs cite the Pilkada law and never the Election Law (UU 7/2017):
the summary PDF, the workbook's Codebook sheet, the Word codebook, the CSV and REFI-QDA
codebooks. Citing UU No. 7 Tahun 2017 for a Pilkada is the error the tool must not make."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import docx
import openpyxl
from pypdf import PdfReader
from sqlalchemy import select

from neutralitas_desktop.reports.docx_export import export_docx
from neutralitas_desktop.reports.excel import export_excel
from neutralitas_desktop.reports.pdf_summary import export_summary
from neutralitas_desktop.store.models import Study
from neutralitas_desktop.triangulation.codebook_files import export_csv, export_qdc

ELECTION_LAW = "UU No. 7 Tahun 2017"
PILKADA_LAW = "UU No. 1 Tahun 2015 jo. UU No. 10 Tahun 2016"


def _outputs(db: Any, folder: Path) -> dict[str, str]:
    pdf = export_summary(db, folder / "summary.pdf", lang="id")
    xlsx = folder / "export.xlsx"
    export_excel(db, xlsx)
    sheet = openpyxl.load_workbook(xlsx)["Codebook"]
    word = export_docx(db, folder / "codebook.docx", "codebook", "id")
    document = docx.Document(str(word))
    export_csv(db, folder / "codebook.csv")
    export_qdc(db, folder / "codebook.qdc")
    with (folder / "codebook.csv").open(encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    return {
        "pdf": " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(pdf).pages),
        "xlsx": "\n".join(str(c) for row in sheet.iter_rows(values_only=True) for c in row),
        "docx": "\n".join(p.text for p in document.paragraphs)
        + "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells),
        "csv": "\n".join(c for row in rows for c in row),
        "qdc": (folder / "codebook.qdc").read_text(encoding="utf-8"),
    }


def test_a_pilkada_study_shows_no_election_law_provision(demo_study: Any, tmp_path: Path) -> None:
    with demo_study.db.session() as s:
        assert s.scalars(select(Study)).one().settings["election"] == "pilkada"
    for name, text in _outputs(demo_study.db, tmp_path).items():
        assert ELECTION_LAW not in text, name
        assert "Pasal 490" not in text and "Pasal 494" not in text, name
        assert "UU No. 6 Tahun 2014 tentang Desa" in text or name == "pdf", name
        assert "PP No. 94 Tahun 2021" in text, name
    assert PILKADA_LAW in _outputs(demo_study.db, tmp_path)["xlsx"]


def test_a_study_of_both_elections_shows_both_laws(demo_study: Any, tmp_path: Path) -> None:
    with demo_study.db.writing() as s:
        study = s.scalars(select(Study)).one()
        study.settings = {**study.settings, "election": "both"}
    outputs = _outputs(demo_study.db, tmp_path)
    for name in ("xlsx", "docx", "csv", "qdc"):
        assert ELECTION_LAW in outputs[name] and PILKADA_LAW in outputs[name], name
