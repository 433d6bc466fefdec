"""Runner services: consent at the start, resume, complete (refused while incomplete),
reopen with history, attachments, drafts, and the writer that never drops a save."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from neutralitas_desktop.errors import NeutralitasError
from neutralitas_desktop.fieldwork import answers as answers_service
from neutralitas_desktop.fieldwork.autosave import AnswerWriter, SaveFailure, SaveOutcome
from neutralitas_desktop.fieldwork.instruments import get_instrument
from neutralitas_desktop.fieldwork.profile import LocalProfile
from neutralitas_desktop.fieldwork.runner import IncompleteSessionError
from neutralitas_desktop.fieldwork.workspace import Workspace
from neutralitas_desktop.instruments.form_state import decode_position, encode_position
from neutralitas_desktop.store.models import AuditEvent, FieldSession, Informant

PROFILE = LocalProfile("00000000-0000-4000-8000-000000000001", "laptop-uji", "Rina Peneliti", "RP")


@pytest.fixture
def ws(study) -> Workspace:  # type: ignore[no-untyped-def]
    return Workspace(study.db, study.actor, PROFILE)


def _interview(ws: Workspace, status: str = "given") -> tuple[str, str]:
    iid, _ = get_instrument(ws.db, "asn-staff-interview")
    site = ws.add_site("Kantor Kecamatan Cibeureum", "kecamatan")
    informant = ws.create_informant(role="asn_staff", site_id=site.id, real_name="Budi")
    started = ws.begin_session(
        instrument_id=iid,
        site_id=site.id,
        informant_id=informant.id,
        consent=status,
        consent_method="written",
    )
    return started.session_id, informant.id


REQUIRED = {
    "a2_recording": "no",
    "b1_position": "Kepala Seksi Pemerintahan",
    "b2_unit": "kecamatan",
    "b3_asn_status": "pns",
    "b4_years_service": "12",
    "c1_socialised": "yes",
    "c3_knows_like_prohibited": "yes",
    "d1_liked": "no",
    "d2_commented": "no",
    "d3_shared": "no",
    "d4_followed": "no",
    "d5_profile_frame": "no",
    "d6_posted_support": "no",
    "d11_colleagues": "no",
    "e1_instructed": "no",
    "f1_asked_help": "no",
    "g1_attended": "no",
    "i1_witnessed": "no",
}


def test_consent_is_recorded_and_fills_the_forms_consent_question(ws: Workspace) -> None:
    sid, informant_id = _interview(ws)
    loaded = ws.load_session(sid)
    assert loaded.values["a1_consent"] == "given"
    assert loaded.status == "draft" and loaded.informant_code.startswith("INF-RP")
    info = next(i for i in ws.informants() if i.id == informant_id)
    assert (info.consent_status, info.consent_method) == ("given", "written")
    assert ws.reveal_identity(informant_id) == ("Budi", "")


def test_a_refusal_ends_the_session_with_nothing_but_the_refusal(ws: Workspace) -> None:
    sid, informant_id = _interview(ws, "refused")
    loaded = ws.load_session(sid)
    assert loaded.status == "refused"
    assert loaded.values == {"a1_consent": "refused"}
    assert next(i for i in ws.informants() if i.id == informant_id).consent_status == "refused"
    assert ws.session(sid).ended_at is not None


def test_an_interview_needs_consent(ws: Workspace) -> None:
    iid, _ = get_instrument(ws.db, "asn-staff-interview")
    site = ws.add_site("Kelurahan Setianagara")
    informant = ws.create_informant(role="asn_staff", site_id=site.id)
    with pytest.raises(NeutralitasError, match="consent"):
        ws.begin_session(instrument_id=iid, site_id=site.id, informant_id=informant.id)


def test_complete_is_refused_with_the_list_then_reopened_and_edited(ws: Workspace) -> None:
    sid, _ = _interview(ws)
    for key, value in REQUIRED.items():
        if key != "b4_years_service":
            answers_service.save_answer(ws.db, ws.actor, sid, key, value)
    answers_service.save_answer(ws.db, ws.actor, sid, "b4_years_service", "99")
    with pytest.raises(IncompleteSessionError) as refused:
        ws.complete_session(sid)
    assert [(i.key, i.code) for i in refused.value.issues] == [("b4_years_service", "constraint")]
    assert "b4_years_service" in str(refused.value)
    # a kept answer to a question that is no longer relevant is marked at completion
    answers_service.save_answer(ws.db, ws.actor, sid, "d9_frequency", "once")
    answers_service.save_answer(ws.db, ws.actor, sid, "b4_years_service", "12")
    ws.complete_session(sid)
    row = ws.session(sid)
    assert row.status == "completed" and row.ended_at is not None
    assert ws.load_session(sid).answers["d9_frequency"].relevant is False
    with pytest.raises(NeutralitasError, match="completed"):
        ws.complete_session(sid)

    ws.reopen_session(sid)
    assert ws.session(sid).status == "draft"
    answers_service.save_answer(ws.db, ws.actor, sid, "b1_position", "Sekretaris Kelurahan")
    ws.complete_session(sid)
    history = ws.history(sid, "b1_position")
    assert [h.value for h in history] == ["Kepala Seksi Pemerintahan", "Sekretaris Kelurahan"]
    with ws.db.session() as s:
        actions = s.scalars(
            select(AuditEvent.action).where(AuditEvent.entity_id == sid).order_by(AuditEvent.at)
        ).all()
    assert actions == [
        "session.started",
        "session.completed",
        "session.reopened",
        "session.completed",
    ]


def test_attachments_are_stored_once_by_sha256(ws: Workspace, tmp_path: Path) -> None:
    photo = tmp_path / "tangkapan layar.png"
    photo.write_bytes(b"\x89PNG\r\n\x1a\n" + b"x" * 100)
    copy = tmp_path / "salinan.png"
    copy.write_bytes(photo.read_bytes())
    first = ws.store_attachment(photo)
    second = ws.store_attachment(copy)
    assert first.sha256 == second.sha256 and len(first.sha256) == 64
    assert (first.filename, first.mime, first.size, first.is_image) == (
        "tangkapan layar.png",
        "image/png",
        108,
        True,
    )
    assert ws.read_attachment(first.sha256) == photo.read_bytes()
    out = ws.save_attachment_as(first.sha256, tmp_path / "keluar.png")
    assert out.read_bytes() == photo.read_bytes()
    with pytest.raises(NeutralitasError, match="cannot read"):
        ws.store_attachment(tmp_path / "tidak-ada.pdf")


def test_drafts_to_resume_and_positions(ws: Workspace) -> None:
    sid, _ = _interview(ws)
    assert [d.id for d in ws.drafts()] == [sid]
    answers_service.save_answer(ws.db, ws.actor, sid, "b1_position", "Staf")
    writer = ws.writer()
    writer.submit_position(sid, encode_position("b_profile", "b2_unit"))
    assert writer.close()
    assert decode_position(ws.load_session(sid).position) == ("b_profile", "b2_unit")
    assert decode_position("c_knowledge") == ("c_knowledge", "")


def test_writer_saves_in_order_and_coalesces(ws: Workspace) -> None:
    sid, _ = _interview(ws)
    saved: list[SaveOutcome] = []
    gate, writing = threading.Event(), threading.Event()

    def slow_save(*args, **kwargs):  # type: ignore[no-untyped-def]
        writing.set()
        gate.wait(5)
        return answers_service.save_answer(*args, **kwargs)

    writer = AnswerWriter(ws.db, ws.actor, on_saved=saved.append, save=slow_save)
    writer.submit(sid, "b1_position", "K")
    assert writing.wait(5)
    for text in ("Ke", "Kep", "Kepala"):  # queued behind the first: only the newest is written
        writer.submit(sid, "b1_position", text)
    writer.submit(sid, "b1_position", "Kepala", note="ragu")
    gate.set()
    assert writer.close()
    assert [h.value for h in ws.history(sid, "b1_position")] == ["K", "Kepala"]
    assert ws.load_session(sid).answers["b1_position"].note == "ragu"
    assert all(o.changed for o in saved)


def test_a_failing_save_is_kept_and_retried(ws: Workspace) -> None:
    sid, _ = _interview(ws)
    failures: list[SaveFailure] = []
    recovered = threading.Event()
    disk_full = [True]

    def save(*args, **kwargs):  # type: ignore[no-untyped-def]
        if disk_full[0]:
            raise OperationalError("INSERT", {}, Exception("database or disk is full"))
        return answers_service.save_answer(*args, **kwargs)

    writer = AnswerWriter(
        ws.db,
        ws.actor,
        on_failed=failures.append,
        on_recovered=recovered.set,
        retry_seconds=0.05,
        save=save,
    )
    writer.submit(sid, "b1_position", "Staf pelayanan")
    assert not writer.flush(0.3)
    assert failures and failures[0].code == "disk_full" and failures[0].pending == 1
    assert writer.failing and writer.pending_keys(sid) == {"b1_position"}
    writer.submit(sid, "b1_position", "Staf pelayanan umum")  # typed on while failing
    disk_full[0] = False
    assert recovered.wait(2)
    assert writer.close()
    assert [h.value for h in ws.history(sid, "b1_position")] == ["Staf pelayanan umum"]


def test_a_vanished_database_is_reported_not_written_into(study, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ws = Workspace(study.db, study.actor, PROFILE)
    sid, _ = _interview(ws)
    failures: list[SaveFailure] = []
    writer = AnswerWriter(ws.db, ws.actor, on_failed=failures.append, retry_seconds=0.05)
    moved = tmp_path / "moved.sqlite"
    study.path.rename(moved)
    writer.submit(sid, "b1_position", "Staf")
    assert not writer.flush(0.3)
    assert failures[0].code == "missing"
    moved.rename(study.path)  # the USB stick is back
    assert writer.flush(2)
    writer.close()
    assert ws.load_session(sid).values["b1_position"] == "Staf"


def test_read_only_database_is_classified() -> None:
    from neutralitas_desktop.fieldwork.autosave import classify

    readonly = OperationalError("x", {}, Exception("attempt to write a readonly database"))
    assert classify(readonly) == "read_only"
    assert classify(OSError(28, "No space left on device")) == "disk_full"
    assert classify(OperationalError("x", {}, Exception("database is locked"))) == "locked"
    assert classify(ValueError("boom")) == "failed"


def test_withdrawn_consent_is_recorded_not_deleted(ws: Workspace) -> None:
    sid, informant_id = _interview(ws)
    ws.withdraw_consent(informant_id, "diminta informan")
    with ws.db.session() as s:
        informant = s.get(Informant, informant_id)
        assert informant.consent_status == "withdrawn" and informant.withdrawn_at is not None
        assert s.get(FieldSession, sid) is not None


def test_workspace_lists(ws: Workspace) -> None:
    assert sorted(i.form_id for i in ws.instruments()) == [
        "asn-staff-interview",
        "documentation-log",
        "external-informant-interview",
        "leadership-interview",
        "office-observation",
    ]
    assert ws.next_informant_code() == "INF-RP01"
    assert {r.code for r in ws.roles()} >= {"asn_staff", "camat"}
    counts = ws.counts()
    assert counts.sessions_by_source == {"interview": 0, "observation": 0, "documentation": 0}
