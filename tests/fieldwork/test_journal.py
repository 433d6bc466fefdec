"""The answer journal: one revision per edit (typing replaces its own open revision until
the field is left, the section changes or a minute passes), sealed revisions never
rewritten, and the bulk writers' rows shaped and numbered like the save path's."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from neutralitas_desktop.fieldwork import journal
from neutralitas_desktop.fieldwork.answers import answer_history, save_answer, seal_revisions
from neutralitas_desktop.fieldwork.autosave import AnswerWriter
from neutralitas_desktop.fieldwork.instruments import get_instrument
from neutralitas_desktop.fieldwork.profile import LocalProfile
from neutralitas_desktop.fieldwork.workspace import Workspace
from neutralitas_desktop.store.models import Answer, AnswerRevision

PROFILE = LocalProfile("00000000-0000-4000-8000-000000000001", "laptop-uji", "Rina Peneliti", "RP")
TEXT = "Kami diminta hadir di apel pagi"


@pytest.fixture
def ws(study) -> Workspace:  # type: ignore[no-untyped-def]
    return Workspace(study.db, study.actor, PROFILE)


def _session(ws: Workspace) -> str:
    iid, _ = get_instrument(ws.db, "office-observation")
    site = ws.add_site("Kantor Kecamatan Cibeureum", "kecamatan")
    return ws.begin_session(instrument_id=iid, site_id=site.id).session_id


def _type(ws: Workspace, sid: str, key: str, text: str) -> None:
    for end in range(2, len(text) + 1, 2):  # a save every other keystroke
        save_answer(ws.db, ws.actor, sid, key, text[:end], typing=True)


def _rows(ws: Workspace, sid: str, key: str) -> list[tuple[str | None, bool]]:
    with ws.db.engine.connect() as con:
        rows = con.execute(
            select(AnswerRevision.value, AnswerRevision.sealed)
            .where(AnswerRevision.answer_id == journal.answer_id(sid, key))
            .order_by(AnswerRevision.device_seq)
        ).all()
    return [(r.value, bool(r.sealed)) for r in rows]


def test_typing_leaves_one_open_revision_with_the_last_text(ws: Workspace) -> None:
    sid = _session(ws)
    _type(ws, sid, "catatan", TEXT)
    assert _rows(ws, sid, "catatan") == [(TEXT[: len(TEXT) // 2 * 2], False)]
    with ws.db.session() as s:
        answer = s.get(Answer, journal.answer_id(sid, "catatan"))
        assert answer is not None
        assert (answer.value, answer.revision_count) == (TEXT[: len(TEXT) // 2 * 2], 1)


def test_a_sealed_revision_is_never_rewritten(ws: Workspace) -> None:
    sid = _session(ws)
    _type(ws, sid, "catatan", "Kami")
    assert seal_revisions(ws.db, sid, "catatan") == 1
    _type(ws, sid, "catatan", "Kami hadir")
    rows = _rows(ws, sid, "catatan")
    assert rows == [("Kami", True), ("Kami hadir", False)]
    history = answer_history(ws.db, sid, "catatan")
    assert history[1].parent_id == history[0].id


def test_an_open_revision_older_than_a_minute_is_not_replaced(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    sid = _session(ws)
    save_answer(ws.db, ws.actor, sid, "catatan", "Kami", typing=True)
    later = journal.utcnow() + dt.timedelta(seconds=journal.OPEN_SECONDS + 1)
    monkeypatch.setattr(journal, "utcnow", lambda: later)
    save_answer(ws.db, ws.actor, sid, "catatan", "Kami hadir", typing=True)
    assert [v for v, _ in _rows(ws, sid, "catatan")] == ["Kami", "Kami hadir"]


def test_a_save_that_is_not_typing_appends_a_sealed_revision(ws: Workspace) -> None:
    sid = _session(ws)
    save_answer(ws.db, ws.actor, sid, "catatan", "Kami", typing=True)
    save_answer(ws.db, ws.actor, sid, "catatan", "Kami hadir")
    save_answer(ws.db, ws.actor, sid, "catatan", "Kami hadir semua", typing=True)
    assert _rows(ws, sid, "catatan") == [
        ("Kami", False),
        ("Kami hadir", True),
        ("Kami hadir semua", False),
    ]


def test_sealing_a_session_seals_only_its_fields(ws: Workspace) -> None:
    first, second = _session(ws), _session(ws)
    save_answer(ws.db, ws.actor, first, "catatan", "satu", typing=True)
    save_answer(ws.db, ws.actor, second, "catatan", "dua", typing=True)
    assert seal_revisions(ws.db, first) == 1
    assert _rows(ws, first, "catatan") == [("satu", True)]
    assert _rows(ws, second, "catatan") == [("dua", False)]


def test_the_writer_seals_after_the_saves_queued_before(ws: Workspace) -> None:
    sid = _session(ws)
    writer = AnswerWriter(ws.db, ws.actor)
    for text in ("K", "Ka", "Kam", "Kami"):
        writer.submit(sid, "catatan", text, typing=True)
    writer.submit_seal(sid, "catatan")
    writer.submit(sid, "catatan", "Kami hadir", typing=True)
    assert writer.close()
    rows = _rows(ws, sid, "catatan")
    assert rows[-1] == ("Kami hadir", False)
    assert rows[:-1] and all(sealed for _, sealed in rows[:-1])


def test_a_bulk_batch_is_one_write_of_sealed_revisions(ws: Workspace) -> None:
    sid = _session(ws)
    batch = journal.Batch.of(ws.actor)
    now = journal.utcnow()
    aid = batch.first(sid, "catatan", "impor", now)
    batch.revision(aid, "impor lagi", batch.revisions[0]["id"], now)
    with ws.db.engine.begin() as con:
        assert batch.write(con) == 2
    with ws.db.engine.connect() as con:
        seqs = set(con.scalars(select(AnswerRevision.device_seq)))
    assert len(seqs) == 1
    assert _rows(ws, sid, "catatan") == [("impor", True), ("impor lagi", True)]
