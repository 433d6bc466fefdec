"""An informant who declines inside the interview: refused before answering, withdrawn
after; the session ends as refused through the lifecycle; earlier answers stay as history."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from neutralitas_desktop.errors import NeutralitasError
from neutralitas_desktop.fieldwork.answers import session_answers
from neutralitas_desktop.fieldwork.instruments import get_instrument
from neutralitas_desktop.fieldwork.profile import LocalProfile
from neutralitas_desktop.fieldwork.workspace import Workspace
from neutralitas_desktop.store.audit_chain import verify_chains
from neutralitas_desktop.store.models import AuditEvent, FieldSession, Informant

PROFILE = LocalProfile("00000000-0000-4000-8000-000000000001", "laptop-uji", "Rina Peneliti", "RP")


def _interview(ws: Workspace) -> tuple[str, str]:
    iid, _ = get_instrument(ws.db, "asn-staff-interview")
    site = ws.add_site("Kelurahan Linggasari", "kelurahan")
    informant = ws.create_informant(role="asn_staff", site_id=site.id)
    sid = ws.begin_session(
        instrument_id=iid, site_id=site.id, informant_id=informant.id, consent="given"
    ).session_id
    return sid, informant.id


def _state(ws: Workspace, sid: str, informant_id: str) -> tuple[str, str, list[str]]:
    with ws.db.session() as s:
        status = s.get(FieldSession, sid).status  # type: ignore[union-attr]
        consent = s.get(Informant, informant_id).consent_status  # type: ignore[union-attr]
        actions = list(s.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))
    return status, consent, actions


def test_withdrawal_after_answers_keeps_them_as_history(study) -> None:  # type: ignore[no-untyped-def]
    ws = Workspace(study.db, study.actor, PROFILE)
    sid, informant = _interview(ws)
    writer = ws.writer()
    writer.submit(sid, "b1_position", "Staf pelayanan")
    writer.close()
    change = ws.decline_consent(sid, "a1_consent", note="takut atasan")
    assert change.consent == "withdrawn" and change.kept_answers == 1
    status, consent, actions = _state(ws, sid, informant)
    assert (status, consent) == ("refused", "withdrawn")
    assert "consent.withdrawn" in actions
    answers = session_answers(ws.db, sid)
    assert answers["b1_position"].value == "Staf pelayanan"  # kept ...
    assert answers["b1_position"].relevant is False  # ... but no longer counts
    assert [h.value for h in ws.history(sid, "a1_consent")] == ["given", "refused"]
    with ws.db.session() as s:  # every entry of the change is sealed in the device's chain
        assert verify_chains(s.connection()) == []
        unsealed = s.scalars(select(AuditEvent.action).where(AuditEvent.content_hash.is_(None)))
        assert list(unsealed) == []


def test_refusal_before_any_answer_and_not_twice(study) -> None:  # type: ignore[no-untyped-def]
    ws = Workspace(study.db, study.actor, PROFILE)
    sid, informant = _interview(ws)
    assert ws.decline_consent(sid, "a1_consent").consent == "refused"
    assert _state(ws, sid, informant)[:2] == ("refused", "refused")
    with pytest.raises(NeutralitasError) as info:
        ws.decline_consent(sid, "a1_consent")
    assert "refused" in str(info.value)
    assert "Menolak" in info.value.localized("id") or "menolak" in info.value.localized("id")
