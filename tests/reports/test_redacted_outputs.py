"""Identities planted where researchers type them (answers, field notes, coding memos,
conclusions and their reasons, incidents' summaries, lines' memos and reasons, member
checks, consent notes) never reach an anonymised output: the Excel workbook's XML
parts, the PDFs' text, an anonymised package's database bytes; and the right codes are
there instead."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select
from sqlcipher3 import dbapi2 as sqlite3  # the driver the app opens study files with

from neutralitas_desktop.exchange import container
from neutralitas_desktop.exchange.merge import join_study
from neutralitas_desktop.exchange.package import PackageOptions, write_package
from neutralitas_desktop.fieldwork.answers import answer_id, save_answer
from neutralitas_desktop.fieldwork.informants import create_informant, record_consent
from neutralitas_desktop.fieldwork.profile import LocalProfile
from neutralitas_desktop.fieldwork.sessions import set_status, start_session
from neutralitas_desktop.reports.excel import ExcelOptions, export_excel
from neutralitas_desktop.reports.pdf_session import export_session
from neutralitas_desktop.reports.pdf_summary import export_summary
from neutralitas_desktop.store.database import open_database
from neutralitas_desktop.store.integrity import check_database
from neutralitas_desktop.store.models import InstrumentVersion, Researcher, Site
from neutralitas_desktop.triangulation.codebook import add_theme
from neutralitas_desktop.triangulation.coding import add_coding, delete_coding
from neutralitas_desktop.triangulation.findings import add_finding
from neutralitas_desktop.triangulation.incidents import add_incident, link
from neutralitas_desktop.triangulation.member_checks import add_member_check

ANSWER = (
    "Menurut Siti Aminah, Bu Wulandari juga ikut menyukai unggahan petahana; Siti bilang "
    "bisa dihubungi di +62 813-1111-2222 atau 6285711112222, dan kepala seksi diminta "
    "menyebarkan ajakan memilih lewat grup WhatsApp kantor."
)
NOTE = (
    "Hubungi 0812 3456 7890 / siti.aminah@mail.id; NIP 19850101 201001 1 001, "
    "NIK 3273010101850001; akun @sitiaminah_asn"
)
MEMO = "AMINAH menyebut NIK 3273010101850001 dan akun @sitiaminah_asn"
CONCLUSION = "Siti Wulandari dan siti aminah menyukai unggahan petahana (0812-3456-7890)."

# What must not appear (regular expressions, case-insensitive).
PLANTED = [
    r"\baminah\b",
    r"\bwulandari\b",
    r"\bsiti\b",
    r"813.?1111.?2222",
    r"6285711112222",
    r"0812.?3456.?7890",
    r"siti\.aminah@mail\.id",
    r"19850101.?201001.?1.?001",
    r"3273010101850001",
    r"sitiaminah_asn",
]


@dataclass
class Planted:
    session_id: str
    researchers: list[str]


def _leaks(text: str) -> list[str]:
    return [p for p in PLANTED if re.search(p, text, re.IGNORECASE)]


@pytest.fixture
def planted(demo_study) -> Planted:  # type: ignore[no-untyped-def]
    db, actor = demo_study.db, demo_study.actor
    with db.session() as s:
        site = s.scalars(select(Site.id).order_by(Site.name)).first()
        form = s.scalars(
            select(InstrumentVersion.id).where(InstrumentVersion.form_id == "asn-staff-interview")
        ).first()
        researchers = [n for n in s.scalars(select(Researcher.name)) if n]
        aminah = create_informant(
            s,
            actor,
            role="asn_staff",
            site_id=site,
            code="INF-P1",
            real_name="Siti Aminah",
            contact="0812-3456-7890 · siti.aminah@mail.id · IG @sitiaminah_asn",
        )
        create_informant(
            s, actor, role="asn_staff", site_id=site, code="INF-P2", real_name="Siti Wulandari"
        )
        sid = start_session(s, actor, instrument_id=form, site_id=site, informant_id=aminah)
    record_consent(db, actor, aminah, "given", note=NOTE)
    save_answer(db, actor, sid, "a1_consent", "given")
    save_answer(db, actor, sid, "b1_position", ANSWER, note=NOTE)
    set_status(db, actor, sid, "completed")
    add_theme(db, actor, "planted_theme", {"id": "Tema uji", "en": "Test theme"})
    aid = answer_id(sid, "b1_position")
    add_coding(db, actor, aid, "planted_theme", "violation", memo=MEMO)
    gone = add_coding(db, actor, aid, "planted_theme", "unclear", target="note")
    delete_coding(db, actor, gone.id)  # its excerpt (the note) stays in the audit log
    incident = add_incident(
        db, actor, site=site, theme="planted_theme", actor_type="asn_staff",
        date_start=dt.date(2024, 10, 2), actor_code="@sitiaminah_asn", summary=CONCLUSION,
        link="https://instagram.com/sitiaminah_asn",
    )  # fmt: skip
    link(db, actor, incident.id, "witness", session_id=sid, question="b1_position",
         memo=MEMO, reason=NOTE)  # fmt: skip
    add_finding(
        db, actor, "planted_theme", CONCLUSION, status="rejected", reason=CONCLUSION,
        incidents=[incident.id],
    )  # fmt: skip
    add_member_check(
        db, actor, "INF-P1", material="summary", given=CONCLUSION,
        given_on=dt.date(2024, 11, 1), response="corrected", response_note=NOTE,
    )  # fmt: skip
    return Planted(sid, researchers)


def _xlsx_text(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        return "\n".join(z.read(n).decode("utf-8") for n in z.namelist())


def _pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def test_anonymised_workbook_redacts_every_planted_identity(
    demo_study, planted: Planted, tmp_path: Path
) -> None:
    out = tmp_path / "anon.xlsx"
    result = export_excel(demo_study.db, out, ExcelOptions(anonymize=True))
    xml = _xlsx_text(out)
    assert _leaks(xml) == []
    for name in planted.researchers:
        assert name.casefold() not in xml.casefold(), name
    # The full name gets the informant's own code; the shared first name a neutral marker,
    # never the other informant's code; Wulandari alone is only INF-P2.
    assert "Menurut [INF-P1], Bu [INF-P2] juga ikut" in xml
    assert "[nama] bilang" in xml
    for marker in ("[telepon]", "[email]", "[NIP]", "[NIK]", "[akun]"):
        assert marker in xml, marker
    counts = dict(result.redacted)
    assert counts["phone"] >= 4 and counts["email"] >= 1 and counts["nip"] >= 1
    assert counts["nik"] >= 2 and counts["handle"] >= 2 and counts["name"] >= 5
    about = re.findall(r"redacted: phone numbers", xml)
    assert about, "the About sheet says what was redacted"

    plain = tmp_path / "plain.xlsx"
    export_excel(demo_study.db, plain)  # not anonymised: what was typed stays
    plain_xml = _xlsx_text(plain)
    assert "Menurut Siti Aminah, Bu Wulandari" in plain_xml
    assert "siti.aminah@mail.id" in plain_xml
    named = tmp_path / "named.xlsx"
    export_excel(demo_study.db, named, ExcelOptions(include_names=True))
    assert "Siti Wulandari" in _xlsx_text(named)  # the Informants sheet's real_name


def test_summary_pdf_always_redacts_its_excerpts_and_conclusions(
    demo_study, planted: Planted, tmp_path: Path
) -> None:
    out = export_summary(demo_study.db, tmp_path / "summary.pdf", lang="id")
    text = _pdf_text(out)
    assert "Tema uji" in text
    assert _leaks(text) == []
    assert "[INF-P1]" in text and "[INF-P2]" in text
    assert "Disamarkan oleh layanan redaksi" in text


def test_transcript_is_redacted_only_when_anonymised(
    demo_study, planted: Planted, tmp_path: Path
) -> None:
    anon = export_session(
        demo_study.db, tmp_path / "anon.pdf", planted.session_id, "id", anonymize=True
    )
    text = _pdf_text(anon)
    assert _leaks(text) == []
    for name in planted.researchers:
        assert name.casefold() not in text.casefold(), name
    assert "[INF-P1]" in text and "[telepon]" in text and "[NIK]" in text
    assert "Disamarkan oleh layanan redaksi" in text
    plain = export_session(demo_study.db, tmp_path / "plain.pdf", planted.session_id, "id")
    assert "Siti Aminah" in _pdf_text(plain)


def test_anonymised_package_payload_holds_no_identity_and_still_merges(
    demo_study, planted: Planted, tmp_path: Path
) -> None:
    out = tmp_path / "anon.ndpkg"
    write_package(demo_study.db, demo_study.actor, out, PackageOptions(anonymize=True))
    data = out.read_bytes()
    start = len(container.MAGIC) + 4
    size = int.from_bytes(data[len(container.MAGIC) : start], "big")
    payload = zlib.decompress(data[start + size : -32])
    raw = payload.decode("utf-8", errors="replace")
    assert _leaks(raw) == []
    for name in planted.researchers:
        assert name.casefold() not in raw.casefold(), name
    content = tmp_path / "content.sqlite"
    content.write_bytes(payload)
    con = sqlite3.connect(content)
    [(value, note)] = con.execute(
        "SELECT value, note FROM answer WHERE id = ?",
        (answer_id(planted.session_id, "b1_position"),),
    ).fetchall()
    con.close()
    assert value.startswith("Menurut [INF-P1], Bu [INF-P2]") and "[NIK]" in note

    # Redacted audit details keep the originals' digests: the merged log still verifies.
    master = tmp_path / "master.sqlite"
    join_study(
        master, LocalProfile("00000000-0000-4000-8000-00000000000f", "kantor", "Supervisor"), [out]
    )
    db = open_database(master)
    try:
        assert check_database(db) == []
    finally:
        db.close()
