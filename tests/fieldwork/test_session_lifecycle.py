"""Every writer of a session's status goes through the lifecycle: the runner (complete,
reopen, refusal), the supervisor's review and a direct change; an illegal change is a user
error naming both statuses, in English for the CLI and in Indonesian for the UI, and
leaves the session as it was."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select
from test_runner import REQUIRED, _interview, ws  # noqa: F401  (ws is a fixture)

from neutralitas_desktop.errors import NeutralitasError
from neutralitas_desktop.exchange.review import approve_session, return_session
from neutralitas_desktop.fieldwork import answers as answers_service
from neutralitas_desktop.fieldwork.sessions import change_status, get_session, set_status
from neutralitas_desktop.fieldwork.workspace import Workspace
from neutralitas_desktop.store.models import AuditEvent, FieldSession
from neutralitas_desktop.vocabulary import Message


def _actions(ws: Workspace, sid: str) -> list[str]:  # noqa: F811
    with ws.db.session() as s:
        return list(
            s.scalars(
                select(AuditEvent.action).where(AuditEvent.entity_id == sid).order_by(AuditEvent.at)
            )
        )


def _completed(ws: Workspace) -> str:  # noqa: F811
    sid, _ = _interview(ws)
    for key, value in REQUIRED.items():
        answers_service.save_answer(ws.db, ws.actor, sid, key, value)
    ws.complete_session(sid)
    return sid


def test_runner_complete_and_reopen_set_the_end_time_by_the_rule(ws: Workspace) -> None:  # noqa: F811
    sid = _completed(ws)
    first = ws.session(sid)
    assert first.status == "completed" and first.ended_at is not None
    with pytest.raises(NeutralitasError) as again:
        ws.complete_session(sid)
    assert again.value.message_id is Message.SESSION_NOT_COMPLETABLE
    assert "berstatus Selesai" in again.value.localized("id")
    ws.reopen_session(sid)
    reopened = ws.session(sid)
    assert (reopened.status, reopened.ended_at) == ("draft", None)
    ws.complete_session(sid)
    assert ws.session(sid).ended_at is not None
    assert _actions(ws, sid) == [
        "session.started",
        "session.completed",
        "session.reopened",
        "session.completed",
    ]


def test_a_refusal_is_final(ws: Workspace) -> None:  # noqa: F811
    sid, _ = _interview(ws, "refused")
    row = ws.session(sid)
    assert row.status == "refused" and row.ended_at is not None
    with pytest.raises(NeutralitasError) as reopen:
        ws.reopen_session(sid)
    assert reopen.value.message_id is Message.SESSION_NOT_REOPENABLE
    assert reopen.value.localized("id") == (
        f"Sesi {sid} berstatus Menolak diwawancarai dan tidak dapat dibuka kembali"
    )
    with pytest.raises(NeutralitasError, match="is refused and cannot become approved"):
        set_status(ws.db, ws.actor, sid, "approved")
    assert ws.session(sid).status == "refused"


def test_review_approves_and_returns_through_the_table(ws: Workspace) -> None:  # noqa: F811
    draft, _ = _interview(ws)
    with pytest.raises(NeutralitasError) as early:
        approve_session(ws.db, ws.actor, draft)
    assert str(early.value) == (
        f"session {draft[:8]} is draft: only completed sessions are reviewed"
    )
    assert early.value.localized("id") == (
        f"Sesi {draft[:8]} berstatus Draf: hanya sesi yang sudah selesai yang dapat ditinjau"
    )
    assert ws.session(draft).status == "draft"

    sid = _completed(ws)
    ended = ws.session(sid).ended_at
    approve_session(ws.db, ws.actor, sid, "Baik")
    assert (ws.session(sid).status, ws.session(sid).ended_at) == ("approved", ended)
    return_session(ws.db, ws.actor, sid, "Lengkapi jawaban D10")
    row = ws.session(sid)
    assert (row.status, row.ended_at, row.review_comment) == (
        "returned",
        ended,
        "Lengkapi jawaban D10",
    )
    with pytest.raises(NeutralitasError) as no_comment:
        return_session(ws.db, ws.actor, sid, "  ")
    assert no_comment.value.localized("id").startswith("Sesi yang dikembalikan memerlukan")
    assert _actions(ws, sid)[-2:] == ["session.approved", "session.returned"]


def test_an_illegal_change_names_both_statuses_and_changes_nothing(ws: Workspace) -> None:  # noqa: F811
    sid, _ = _interview(ws)
    before = _actions(ws, sid)
    with pytest.raises(NeutralitasError) as error:
        set_status(ws.db, ws.actor, sid, "approved")
    assert str(error.value) == f"session {sid[:8]} is draft and cannot become approved"
    assert error.value.localized("id") == (
        f"Sesi {sid[:8]} berstatus Draf dan tidak dapat menjadi Disetujui"
    )
    with pytest.raises(NeutralitasError, match="unknown session status 'done'"):
        set_status(ws.db, ws.actor, sid, "done")
    assert get_session(ws.db, sid).status == "draft" and _actions(ws, sid) == before


def test_a_known_end_time_is_kept_and_batch_writers_audit_once(ws: Workspace) -> None:  # noqa: F811
    sid, _ = _interview(ws)
    end = dt.datetime(2024, 10, 2, 3, 5)
    with ws.db.session() as s:
        previous = change_status(s, ws.actor, sid, "completed", ended_at=end, audited=False)
    assert previous == "draft"
    with ws.db.session() as s:
        row = s.get_one(FieldSession, sid)
        assert (row.status, row.ended_at) == ("completed", end)
    assert "session.completed" not in _actions(ws, sid)
