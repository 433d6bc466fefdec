"""The case file (berkas dugaan pelanggaran) as Panwascam would read it: the provisions for
this election and this actor type with their sanctions, the authorities, the reporting
deadline, the evidence archive whose manifest matches every file, and names printed only
with the informant's consent to be named and an unlocked (encrypted) study."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select
from tri_fieldwork import P1, SITE_A, Fieldwork

from neutralitas_desktop.cli.main import main
from neutralitas_desktop.errors import NeutralitasError
from neutralitas_desktop.fieldwork.attachments import store_attachment
from neutralitas_desktop.fieldwork.informants import (
    list_informants,
    record_consent,
    record_named_consent,
)
from neutralitas_desktop.reports.casefile import export_case_file
from neutralitas_desktop.store.models import AuditEvent
from neutralitas_desktop.triangulation.incidents import add_incident, link

NAME = "Siti Rahmawati"


def _text(pdf: Path) -> str:
    return " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(pdf).pages)


def _incident(fw: Fieldwork, theme: str, actor_type: str, actor_code: str, summary: str) -> str:
    return add_incident(
        fw.db, fw.actor, site=SITE_A, theme=theme, actor_type=actor_type,
        actor_code=actor_code, date_start=dt.date(2024, 9, 28), summary=summary,
    ).id  # fmt: skip


def _witness(fw: Fieldwork, incident: str, role: str = "community_figure") -> str:
    sid = fw.run("interview", {"story": "Saya melihat sendiri kejadiannya."}, role=role, when=P1)
    link(fw.db, fw.actor, incident, "witness", session_id=sid, question="story")
    return sid


def test_a_village_head_in_a_pilkada(fieldwork: Fieldwork, tmp_path: Path) -> None:
    incident = _incident(
        fieldwork, "village_mobilisation", "village_head", "Kepala desa",
        "Kepala desa menyatakan dukungan kepada paslon 01 di depan warga",
    )  # fmt: skip
    _witness(fieldwork, incident)
    text = _text(export_case_file(fieldwork.db, incident, tmp_path / "kd.pdf").pdf)
    assert "Berkas Dugaan Pelanggaran" in text
    assert "UU No. 6 Tahun 2014 tentang Desa" in text and "Pasal 29 huruf g dan j" in text
    assert "Pasal 71 ayat (1)" in text and "Pasal 188" in text
    assert "Bawaslu" in text and "Bupati / wali kota" in text
    assert "Masa kampanye" in text  # the election stage from the study's calendar
    # Known on 1 October 2024 (the witness's interview): a report by 8 October.
    assert "8 Oktober 2024 — 7 hari sejak diketahui pada 1 Oktober 2024" in text
    assert "Pasal 134 ayat (4)" in text
    for absent in ("BKN", "KASN", "Kepegawaian", "UU No. 7 Tahun 2017", "Pasal 51"):
        assert absent not in text, absent


def test_a_camat_helping_the_incumbents_programme(fieldwork: Fieldwork, tmp_path: Path) -> None:
    incident = _incident(
        fieldwork, "incumbent_programme", "asn_official", "Camat",
        "Camat meminta staf menyukseskan pembagian bantuan bergambar petahana",
    )  # fmt: skip
    _witness(fieldwork, incident, role="asn_staff")
    text = _text(export_case_file(fieldwork.db, incident, tmp_path / "camat.pdf").pdf)
    assert "Pasal 71 ayat (1)" in text and "Pasal 188" in text
    assert "Pasal 71 ayat (3)" not in text  # binds the incumbent, not the camat
    assert "PP No. 94 Tahun 2021" in text and "Hukuman disiplin" in text
    assert "Badan Kepegawaian Negara (BKN)" in text
    assert "Pejabat Pembina Kepegawaian" in text
    assert "8 Oktober 2024" in text
    assert "UU No. 7 Tahun 2017" not in text and "Pasal 490" not in text


def test_an_asn_liking_a_post_with_the_evidence_archive(
    fieldwork: Fieldwork, tmp_path: Path
) -> None:
    incident = _incident(
        fieldwork, "socmed_engagement", "asn_staff", "ASN-03",
        "Staf menyukai unggahan kampanye paslon 02 dari akun pribadinya",
    )  # fmt: skip
    shot = tmp_path / "tangkapan.png"
    shot.write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(64))
    sha = store_attachment(fieldwork.db, fieldwork.actor, shot).sha256
    doc = fieldwork.run("documentation", {"summary": "Tangkapan layar"}, when=P1)
    link(fieldwork.db, fieldwork.actor, incident, "document", session_id=doc, attachment=sha)
    seen = fieldwork.run("observation", {"engaged": "yes"}, when=P1 + dt.timedelta(days=2))
    link(fieldwork.db, fieldwork.actor, incident, "observed", session_id=seen, question="engaged")
    result = export_case_file(
        fieldwork.db, incident, tmp_path / "asn.pdf", tmp_path / "asn.zip", "id"
    )
    text = _text(result.pdf)
    assert "Lampiran II (pelanggaran kode etik)" in text and "Sanksi etik (moral)" in text
    assert "Lampiran II (pelanggaran disiplin)" in text and "Hukuman disiplin" in text
    assert "PP No. 42 Tahun 2004" in text
    assert "Pasal Lampiran" not in text
    assert "8 Oktober 2024" in text and sha[:32] in text
    assert "Pertanyaan engaged Ya" in text  # the question as asked and the choice's label
    with zipfile.ZipFile(result.archive) as zf:  # type: ignore[arg-type]
        manifest = json.loads(zf.read("manifest.json"))
        files = manifest["files"]
        assert len(files) == 2 and {f["line"] for f in files} == {"B1", "B2"}
        for entry in files:
            assert hashlib.sha256(zf.read(entry["file"])).hexdigest() == entry["sha256"]
        assert zf.read(files[0]["file"]) == shot.read_bytes() and files[0]["sha256"] == sha
        sums = zf.read("SHA256SUMS").decode().splitlines()
        assert sums == [f"{f['sha256']}  {f['file']}" for f in files]
    pdf_sha = hashlib.sha256(result.pdf.read_bytes()).hexdigest()
    assert manifest["case_file"] == {"file": "asn.pdf", "sha256": pdf_sha}


def _named_case(fw: Fieldwork, tmp_path: Path, *, named: bool) -> tuple[str, Path]:
    """A kepala desa who told the researcher of their own act; a witness whose account
    names them. Returns (PDF text, archive)."""
    incident = _incident(
        fw, "village_mobilisation", "village_head", "Kepala desa",
        "Kepala desa mengarahkan perangkat desa memasang atribut paslon",
    )  # fmt: skip
    from neutralitas_desktop.fieldwork.informants import create_informant

    with fw.db.session() as s:
        actor = create_informant(
            s, fw.actor, role="village_head", site_id=fw.sites[SITE_A], real_name=NAME
        )
    record_consent(fw.db, fw.actor, actor, "given", named=named)
    own = fw.run(
        "interview", {"story": f"Saya, {NAME}, memang meminta perangkat memasangnya."},
        informant=actor, when=P1,
    )  # fmt: skip
    link(fw.db, fw.actor, incident, "self_report", session_id=own, question="story")
    sid = fw.run("interview", {"story": f"Bu {NAME} yang menyuruh."}, when=P1)
    link(fw.db, fw.actor, incident, "witness", session_id=sid, question="story")
    result = export_case_file(fw.db, incident, tmp_path / "n.pdf", tmp_path / "n.zip")
    assert result.archive is not None
    return _text(result.pdf), result.archive


def _archive_text(archive: Path) -> str:
    with zipfile.ZipFile(archive) as zf:
        return " ".join(
            [*zf.namelist(), *(zf.read(n).decode("utf-8", "replace") for n in zf.namelist())]
        )


def test_no_name_without_consent_to_be_named(encrypted_study: object, tmp_path: Path) -> None:
    fw = Fieldwork(encrypted_study)
    text, archive = _named_case(fw, tmp_path, named=False)
    assert NAME not in text and "Rahmawati" not in text
    assert NAME not in _archive_text(archive) and "Rahmawati" not in _archive_text(archive)
    assert "informan tidak menyetujui namanya disebut dalam laporan" in text
    assert "disebut menurut perannya saja" in text  # the case file says so
    assert "(disebut menurut peran)" in text


def test_a_name_with_consent_and_an_unlocked_study(encrypted_study: object, tmp_path: Path) -> None:
    fw = Fieldwork(encrypted_study)
    text, archive = _named_case(fw, tmp_path, named=True)
    assert NAME in text
    assert NAME in _archive_text(archive)


def test_no_name_from_a_study_that_is_not_encrypted(fieldwork: Fieldwork, tmp_path: Path) -> None:
    text, archive = _named_case(fieldwork, tmp_path, named=True)
    assert NAME not in text and "Rahmawati" not in text
    assert "Rahmawati" not in _archive_text(archive)
    assert "nama hanya dicetak dari studi terenkripsi" in text
    code = next(i.code for i in list_informants(fieldwork.db) if i.role == "village_head")
    assert code in text  # agreed to be named: the code shows


def test_consent_to_be_named_is_its_own_audited_consent(fieldwork: Fieldwork) -> None:
    informant = fieldwork.informant("asn_staff")
    info = next(i for i in list_informants(fieldwork.db) if i.id == informant)
    assert info.consent_status == "given" and not info.consent_named
    record_named_consent(fieldwork.db, fieldwork.actor, informant, True, note="lisan")
    assert next(i for i in list_informants(fieldwork.db) if i.id == informant).consent_named
    fieldwork.withdraw(informant)  # a withdrawal takes it back
    assert not next(i for i in list_informants(fieldwork.db) if i.id == informant).consent_named
    with pytest.raises(NeutralitasError, match="has not consented to take part"):
        record_named_consent(fieldwork.db, fieldwork.actor, informant, True)
    with fieldwork.db.session() as s:
        actions = list(
            s.scalars(select(AuditEvent.action).where(AuditEvent.entity_id == informant))
        )
    assert "consent.named" in actions and "consent.not_named" in actions


def test_bad_input_prints_one_line_and_writes_nothing(
    fieldwork: Fieldwork, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(fieldwork.study.path)
    incident = _incident(fieldwork, "socmed_engagement", "asn_staff", "ASN-01", "Menyukai")
    fieldwork.db.close()
    out = tmp_path / "out"
    out.mkdir()
    assert main(["--db", db, "casefile", "0000dead", str(out / "a.pdf")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no incident with id 0000dead" in err
    missing = tmp_path / "nowhere" / "a.pdf"
    assert main(["--db", db, "casefile", incident[:8], str(missing)]) == 1
    assert "does not exist" in capsys.readouterr().err
    # The archive cannot be written: the PDF is not left behind either.
    args = ["--db", db, "casefile", incident[:8], str(out / "a.pdf"), "--evidence"]
    assert main([*args, str(tmp_path / "nowhere" / "a.zip")]) == 1
    assert capsys.readouterr().err.count("\n") == 1
    assert list(out.iterdir()) == []
    assert main([*args, str(out / "a.zip")]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["a.pdf", "a.zip"]
    assert "report by 2024-" in capsys.readouterr().out


def test_the_legal_analysis_is_printed_when_recorded(
    fieldwork: Fieldwork, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from neutralitas_desktop.reports import casefile_data
    from neutralitas_desktop.triangulation.legal_analysis_types import (
        ElementTest,
        LegalAnalysis,
        LegalMaterial,
    )

    incident = _incident(
        fieldwork, "village_mobilisation", "village_head", "Kepala desa", "Deklarasi dukungan"
    )
    _witness(fieldwork, incident)
    line = next(iter(casefile_data.get_incident(fieldwork.db, incident).lines)).id
    text = _text(export_case_file(fieldwork.db, incident, tmp_path / "none.pdf").pdf)
    assert "Analisis yuridis" not in text  # nothing recorded: no section
    recorded = LegalAnalysis(
        incident,
        (LegalMaterial("m1", "primary", "UU No. 6 Tahun 2014 tentang Desa"),),
        (
            ElementTest(
                "t1", "UU No. 6 Tahun 2014, Pasal 29 huruf j", "subject", "met",
                "Terlapor menjabat kepala desa saat peristiwa.", (line,),
            ),
        ),
    )  # fmt: skip
    monkeypatch.setattr(casefile_data, "analysis_for", lambda db, i: recorded)
    text = _text(export_case_file(fieldwork.db, incident, tmp_path / "la.pdf", lang="en").pdf)
    assert "7. Legal analysis" in text and "Primary legal material" in text
    assert "Subject" in text and "Met" in text and "Terlapor menjabat kepala desa" in text
    assert "Case File of a Suspected Violation" in text
    assert "8 October 2024" in text


def test_an_act_before_the_campaign_says_which_stage_comes_next(
    fieldwork: Fieldwork, tmp_path: Path
) -> None:
    incident = add_incident(
        fieldwork.db, fieldwork.actor, site=SITE_A, theme="village_mobilisation",
        actor_type="village_head", date_start=dt.date(2024, 9, 20), summary="Deklarasi",
    ).id  # fmt: skip
    text = _text(export_case_file(fieldwork.db, incident, tmp_path / "early.pdf").pdf)
    assert "Sebelum masa kampanye (mulai 25 September 2024)" in text
    # No line of evidence yet: the deadline counts from the incident, and says so.
    assert "27 September 2024 — 7 hari sejak diketahui pada 20 September 2024" in text
    assert "Belum ada jalur bukti: dihitung dari tanggal peristiwa." in text
