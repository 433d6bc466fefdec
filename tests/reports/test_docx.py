"""The Word documents for the thesis, read back with python-docx: page, fonts, real Word
styles for headings and captions, numbered tables, the page number field, informant codes
instead of names, text printed literally; and a page rendered by LibreOffice when present."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.shared import Pt
from pypdf import PdfReader
from sqlalchemy import select

from neutralitas_desktop.cli.main import main
from neutralitas_desktop.fieldwork.transcripts import import_transcript
from neutralitas_desktop.reports.docx_export import export_docx
from neutralitas_desktop.reports.output import ReportError
from neutralitas_desktop.store.models import FieldSession, Informant, InformantIdentity, Theme
from neutralitas_desktop.triangulation.coding import add_coding

PASSAGE = "Kata atasan <b>& wajar saja."


def _interview(demo_study: Any) -> tuple[str, str, str]:
    """An interview of the demo study: its id, its informant's code and real name."""
    with demo_study.db.session() as s:
        sid, code, name = s.execute(
            select(FieldSession.id, Informant.code, InformantIdentity.real_name)
            .join(Informant, Informant.id == FieldSession.informant_id)
            .join(InformantIdentity, InformantIdentity.informant_id == Informant.id)
            .where(FieldSession.status == "approved", InformantIdentity.real_name != "")
            .order_by(FieldSession.started_at)
        ).first()
    return sid, code, name


def _transcript_docx(path: Path, real_name: str) -> Path:
    document = docx.Document()
    for line in (
        "[00:00:05] P: Apakah Bapak pernah menyukai unggahan calon bupati?",
        f"I: [00:00:12] Pernah. Saya {real_name}, staf di sini.",
        f"01:02 Informan: {PASSAGE}",
    ):
        document.add_paragraph(line)
    document.save(str(path))
    return path


@pytest.fixture
def coded(demo_study: Any, tmp_path: Path) -> dict[str, Any]:
    sid, code, name = _interview(demo_study)
    path = _transcript_docx(tmp_path / "wawancara.docx", name)
    transcript = import_transcript(demo_study.db, demo_study.actor, sid, path)
    start = transcript.text.index(PASSAGE)
    add_coding(
        demo_study.db, demo_study.actor, transcript.answer_id, "socmed_engagement",
        "violation", start, start + len(PASSAGE),
    )  # fmt: skip
    return {"db": demo_study.db, "session": sid, "code": code, "name": name}


def _styled(document: Any, style: str) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == style]


def test_findings_chapter(coded: dict[str, Any], tmp_path: Path) -> None:
    out = export_docx(coded["db"], tmp_path / "bab4.docx", "findings", "id")
    document = docx.Document(str(out))
    section = document.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    assert round(section.left_margin.cm, 1) == 4.0
    normal = document.styles["Normal"]
    assert normal.font.name == "Times New Roman" and normal.font.size == Pt(12)
    assert normal.paragraph_format.line_spacing == 1.5
    assert _styled(document, "Heading 1") == ["BAB IV HASIL PENELITIAN DAN PEMBAHASAN"]
    sections = _styled(document, "Heading 2")
    assert sections[0].startswith("4.1 ") and sections[1].startswith("4.2 ")
    captions = _styled(document, "Caption")
    assert captions[0].startswith("Tabel 4.1 Sebaran bukti tema ")
    assert captions[1].startswith("Tabel 4.2 ")
    assert len(document.tables) == len(captions)
    header = [c.text for c in document.tables[0].rows[0].cells]
    assert header == ["Teknik / sumber", "Pelanggaran", "Netralitas", "Belum jelas"]
    assert [r.cells[0].text for r in document.tables[0].rows[1:]] == [
        "Wawancara", "Observasi", "Dokumentasi"
    ]  # fmt: skip
    quotes = [q for q in _styled(document, "Quote") if PASSAGE in q]
    assert len(quotes) == 1  # the transcript's coded passage, printed literally
    assert f"({coded['code']}, " in quotes[0] and ", Wawancara, " in quotes[0]
    footer = document.sections[0].footer.paragraphs[0]._p.xml
    assert "PAGE" in footer and "fldChar" in footer
    assert 'w:instrText xml:space="preserve"> SEQ Tabel' in document.element.xml


def test_transcripts_appendix_uses_codes_never_names(coded: dict[str, Any], tmp_path: Path) -> None:
    out = export_docx(coded["db"], tmp_path / "lampiran.docx", "transcripts", "id")
    document = docx.Document(str(out))
    text = "\n".join(p.text for p in document.paragraphs)
    assert coded["name"] not in text
    for table in document.tables:
        assert all(coded["name"] not in c.text for row in table.rows for c in row.cells)
    title = f"Transkrip wawancara {coded['code']}"
    assert any(h.endswith(title) for h in _styled(document, "Heading 2"))
    turn = next(p for p in document.paragraphs if PASSAGE in p.text)
    assert turn.text == f"[00:01:02] Informan: {PASSAGE}"
    assert [r.bold for r in turn.runs][:2] == [None, True]  # the label in bold
    assert f"Saya [{coded['code']}], staf" in text
    assert _styled(document, "Caption")[0].startswith("Tabel L.1 Identitas sesi")


def test_codebook_document_in_english(study: Any, tmp_path: Path) -> None:
    out = export_docx(study.db, tmp_path / "codebook.docx", "codebook", "en")
    document = docx.Document(str(out))
    with study.db.session() as s:
        themes = s.scalars(select(Theme.code)).all()
    assert _styled(document, "Heading 1") == ["RESEARCH CODEBOOK"]
    assert _styled(document, "Caption") == ["Table 3.1 Themes of the study"]
    [table] = document.tables
    assert len(table.rows) == len(themes) + 1
    assert {r.cells[0].text for r in table.rows[1:]} == set(themes)
    headings = _styled(document, "Heading 2") + _styled(document, "Heading 3")
    assert any("(socmed_engagement)" in h for h in headings)
    assert _styled(document, "List Bullet")  # legal bases


def test_bad_requests_write_nothing(study: Any, tmp_path: Path, capsys: Any) -> None:
    with pytest.raises(ReportError, match=r"ends in \.docx"):
        export_docx(study.db, tmp_path / "x.pdf", "findings")
    with pytest.raises(ReportError, match="unknown Word report 'casefile'"):
        export_docx(study.db, tmp_path / "x.docx", "casefile")
    db = str(study.path)
    study.db.close()
    missing = tmp_path / "no-such-folder" / "x.docx"
    assert main(["--db", db, "export", "docx", str(missing), "--report", "codebook"]) == 1
    assert "folder" in capsys.readouterr().err and not missing.parent.exists()
    out = tmp_path / "ok.docx"
    assert main(["--db", db, "export", "docx", str(out), "--report", "codebook"]) == 0
    assert out.exists() and list(tmp_path.glob(".*.part")) == []


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_renders_the_findings_chapter(coded: dict[str, Any], tmp_path: Path) -> None:
    out = export_docx(coded["db"], tmp_path / "bab4.docx", "findings", "id")
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(out)],
        check=True, capture_output=True, timeout=240,
    )  # fmt: skip
    reader = PdfReader(tmp_path / "bab4.pdf")
    first = reader.pages[0].extract_text() or ""
    assert "BAB IV HASIL PENELITIAN DAN PEMBAHASAN" in first
    assert "Tabel 4.1" in first
    assert first.strip().endswith("1")  # the page number in the footer
    assert abs(float(reader.pages[0].mediabox.width) - 595.3) < 1  # A4


def test_findings_chapter_gives_each_finding_its_reason_and_incidents(
    demo_study: Any, tmp_path: Path
) -> None:
    out = export_docx(demo_study.db, tmp_path / "bab4.docx", "findings", "id")
    document = docx.Document(str(out))
    [finding] = [p.text for p in document.paragraphs if "Akun media sosial resmi kantor" in p.text]
    assert "(Status verifikasi: Terverifikasi lewat triangulasi; seluruh lokasi)" in finding
    assert "Alasan: Dilihat langsung oleh " in finding  # its reason, redacted
    rests = "Bertumpu pada peristiwa: Akun Instagram resmi kantor menyukai unggahan kampanye"
    assert rests in finding and finding.count("Akun Instagram resmi kantor") == 1
    assert re.search(r"\(Terkuatkan, \d+×\)", finding)  # the demo's alike incidents counted once
