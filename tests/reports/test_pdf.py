"""The PDF reports read back with pypdf: what a supervisor sees printed, in the embedded
font, with user text escaped."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from neutralitas_desktop.fieldwork.answers import save_answer
from neutralitas_desktop.fieldwork.informants import record_consent
from neutralitas_desktop.fieldwork.instruments import get_instrument
from neutralitas_desktop.fieldwork.sessions import set_status
from neutralitas_desktop.reports.output import ReportError
from neutralitas_desktop.reports.pdf_blank import export_blank
from neutralitas_desktop.reports.pdf_session import export_session
from neutralitas_desktop.reports.pdf_summary import export_summary
from neutralitas_desktop.reports.queries import ReportFilter
from neutralitas_desktop.store.models import (
    Answer,
    Attachment,
    Coding,
    FieldSession,
    Informant,
    InformantIdentity,
    InstrumentVersion,
    Site,
    Theme,
)
from neutralitas_desktop.triangulation.findings import add_finding

MARKUP = "Kasi <b>Trantib</b> & staf <i>"


def _text(path: Path) -> tuple[str, PdfReader]:
    reader = PdfReader(path)
    return "\n".join(page.extract_text() or "" for page in reader.pages), reader


def _squash(text: str) -> str:
    return " ".join(text.split())


def _fonts(reader: PdfReader) -> set[str]:
    names = set()
    for page in reader.pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            names.add(str(font["/BaseFont"]))
            descendants = font.get("/DescendantFonts")
            descriptor = (descendants[0].get_object() if descendants else font).get(
                "/FontDescriptor"
            )
            assert descriptor is not None and "/FontFile2" in descriptor.get_object(), font
    return names


def _interview(study, form: str = "asn-staff-interview") -> str:  # type: ignore[no-untyped-def]
    with study.db.session() as s:
        return s.scalars(
            select(FieldSession.id)
            .join(InstrumentVersion, InstrumentVersion.id == FieldSession.instrument_id)
            .join(Informant, Informant.id == FieldSession.informant_id)
            .where(
                InstrumentVersion.form_id == form,
                Informant.consent_status == "given",
                FieldSession.status != "draft",
            )
            .order_by(FieldSession.started_at)
        ).first()


def test_summary_in_indonesian(demo_study, tmp_path: Path) -> None:
    add_finding(
        demo_study.db,
        demo_study.actor,
        "official_account_use",
        f"Akun resmi menyukai unggahan petahana; lihat {MARKUP}",
        status="verified",
        reason="Pengamatan peneliti dan tangkapan layar akun resmi kelurahan saling menguatkan",
    )
    out = export_summary(demo_study.db, tmp_path / "ringkasan.pdf", lang="id")
    text, reader = _text(out)
    flat = _squash(text)
    with demo_study.db.session() as s:
        sites = s.scalars(select(Site.name)).all()
        themes = [t.label["id"] for t in s.scalars(select(Theme).where(Theme.parent_id.is_(None)))]
        excerpts = {c.excerpt for c in s.scalars(select(Coding)) if c.excerpt}
        real_names = [n for n in s.scalars(select(InformantIdentity.real_name)) if n]
    for site in sites:
        assert site in flat
    for theme in themes:
        assert theme in flat
    for label in (
        "Daftar Isi",
        "Penelitian dan metode",
        "Pelaksanaan lapangan",
        "Matriks triangulasi",
        "Temuan per tema",
        "Dasar hukum",
        "Kutipan kunci",
        "Lampiran: instrumen dan versinya",
        "Simpulan triangulasi",
        "Ada peristiwa terkuatkan",
        "Aturan penguatan",
        "Jejak audit analisis",
        "Member check",
    ):
        assert label in flat, label
    assert any(_squash(e)[:60] in flat for e in excerpts)  # a quote
    assert f"Halaman 2 dari {len(reader.pages)}" in flat
    assert MARKUP in flat  # printed literally, not as bold or italic markup
    assert "UU No. 1 Tahun 2015 jo. UU No. 10 Tahun 2016" in flat  # a Pilkada study
    for name in real_names:
        assert name not in flat
    fonts = _fonts(reader)
    assert fonts and all("DejaVuSans" in f for f in fonts), fonts
    assert reader.outline  # bookmarks for the table of contents


def test_summary_in_english_with_a_filter(demo_study, tmp_path: Path) -> None:
    with demo_study.db.session() as s:
        site = s.scalars(select(Site.name).order_by(Site.name)).first()
    out = export_summary(
        demo_study.db, tmp_path / "summary.pdf", ReportFilter((site,), ("approved",)), lang="en"
    )
    flat = _squash(_text(out)[0])
    assert "Triangulation matrix" in flat and "Findings by theme" in flat
    assert f"Scope: {site}" in flat and "Approved" in flat
    assert "Page 2 of" in flat


def test_session_transcript(demo_study, tmp_path: Path) -> None:
    session_id = _interview(demo_study)
    db, actor = demo_study.db, demo_study.actor
    save_answer(db, actor, session_id, "b1_position", "Kasi Pemerintahan")
    save_answer(db, actor, session_id, "b1_position", MARKUP, note="Dikoreksi <sic> & dicek")
    set_status(db, actor, session_id, "returned", "Lengkapi uraian D10 & E5")
    out = export_session(db, tmp_path / "sesi.pdf", session_id, "id")
    flat = _squash(_text(out)[0])
    with db.session() as s:
        code = s.scalars(
            select(Informant.code)
            .join(FieldSession, FieldSession.informant_id == Informant.id)
            .where(FieldSession.id == session_id)
        ).one()
    assert "Transkrip Sesi Lapangan" in flat and code in flat
    assert MARKUP in flat and "Dikoreksi <sic> & dicek" in flat
    assert "Riwayat perubahan" in flat and "Kasi Pemerintahan" in flat  # the earlier value
    assert "Catatan persetujuan" in flat and "Bersedia" in flat
    assert "Dikembalikan" in flat and "Lengkapi uraian D10 & E5" in flat
    assert "B1. Jabatan informan saat ini" in flat

    english = _squash(_text(export_session(db, tmp_path / "s-en.pdf", session_id, "en"))[0])
    assert "Field Session Transcript" in english and "The informant's current position" in english


def test_session_transcript_shows_attached_images(demo_study, tmp_path: Path) -> None:
    with demo_study.db.session() as s:
        session_id = s.scalars(
            select(Answer.session_id).join(Attachment, Attachment.sha256 == Answer.value)
        ).first()
    assert session_id
    reader = PdfReader(export_session(demo_study.db, tmp_path / "doc.pdf", session_id))
    assert sum(len(page.images) for page in reader.pages) >= 1
    assert "tangkapan-layar-" in _text(tmp_path / "doc.pdf")[0]


def test_withdrawn_informant_has_no_transcript(demo_study, tmp_path: Path) -> None:
    session_id = _interview(demo_study)
    with demo_study.db.session() as s:
        informant = s.get_one(FieldSession, session_id).informant_id
    record_consent(demo_study.db, demo_study.actor, informant, "withdrawn")
    with pytest.raises(ReportError, match="withdrew consent"):
        export_session(demo_study.db, tmp_path / "no.pdf", session_id)
    assert not (tmp_path / "no.pdf").exists()


def test_blank_instrument(study, tmp_path: Path) -> None:
    out = export_blank(study.db, tmp_path / "blank.pdf", "asn-staff-interview", "id")
    text, reader = _text(out)
    flat = _squash(text)
    for label in ("Lokasi", "Kode informan", "Tanggal", "Peneliti"):
        assert label in flat
    assert "Jika A1 = Bersedia, lanjut ke A2. Jika tidak, lewati ke B1." in flat
    assert "Jika C1 = Ya, lanjut ke C2." in flat
    assert "☐ Ya" in flat or "☐ Ya" in text
    assert f"Halaman 1 dari {len(reader.pages)}" in flat
    _, instrument = get_instrument(study.db, "asn-staff-interview")
    assert instrument.text(instrument.questions()[3].label, "id")[:40] in flat

    english = _squash(
        _text(export_blank(study.db, tmp_path / "b.pdf", "office-observation", "en"))[0]
    )
    assert "Informant code" in english and "If " in english and "Otherwise skip to" in english


def test_a_huge_theme_label_is_cut_with_a_marker(demo_study, tmp_path: Path) -> None:
    """A 120 kB label would make a table row taller than a page (reportlab LayoutError)."""
    huge = "Dukungan kampanye terselubung " * 4000
    with demo_study.db.session() as s:
        theme = s.scalars(select(Theme).order_by(Theme.code)).first()
        theme.label = {"id": huge, "en": huge}
    out = export_summary(demo_study.db, tmp_path / "summary.pdf")
    text = _squash(_text(out)[0])
    assert f"… [+{len(huge) - 300}]" in text
    assert "Dukungan kampanye terselubung Dukungan" in text


def test_transcript_in_the_study_time_zone_with_other_text(demo_study, tmp_path: Path) -> None:
    from neutralitas_desktop.fieldwork.study import set_study_time_zone, study_time_zone
    from neutralitas_desktop.vocabulary.time_zones import to_local

    session_id = _interview(demo_study)
    db, actor = demo_study.db, demo_study.actor
    save_answer(db, actor, session_id, "b2_unit", "other")
    save_answer(db, actor, session_id, "b2_unit_other", "Satpol PP")
    with db.session() as s:
        started = s.get(FieldSession, session_id).started_at  # type: ignore[union-attr]
    assert study_time_zone(db) == "WIB"  # the default
    flat = _squash(_text(export_session(db, tmp_path / "wib.pdf", session_id, "id"))[0])
    assert "Lainnya: Satpol PP" in flat
    assert f"{to_local(started, study_time_zone(db)):%H:%M} WIB" in flat and " UTC" not in flat
    assert "Cara: Lisan" in flat or "Cara: Tertulis" in flat or "Cara: Direkam" in flat
    set_study_time_zone(db, actor, "WIT")
    flat = _squash(_text(export_session(db, tmp_path / "wit.pdf", session_id, "id"))[0])
    wit = started + dt.timedelta(hours=9)
    assert f"{wit:%H:%M} WIT" in flat
