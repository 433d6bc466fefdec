"""Saving answers: every change appends a revision; the answer row caches the current value.

The save path is SQLAlchemy Core on one connection (no ORM unit of work): it runs on
every keystroke pause in the runner and must stay well under a millisecond.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import cast

from sqlalchemy import Connection, CursorResult, Table, bindparam, func, select, update

from neutralitas_desktop.fieldwork.actor import Actor
from neutralitas_desktop.store.database import Database
from neutralitas_desktop.store.models import (
    Answer,
    AnswerRevision,
    FieldSession,
    derived_id,
    new_id,
    utcnow,
)

_answer = cast(Table, Answer.__table__)
_revision = cast(Table, AnswerRevision.__table__)
_session = cast(Table, FieldSession.__table__)


def answer_id(session_id: str, key: str) -> str:
    return derived_id("answer", session_id, key)


# Keys of a session's own texts (its transcript, its recording): stored as answers so they
# keep revisions, merge and can be coded, but they answer no question of the form.
SESSION_TEXT_PREFIX = "~"


def question_of(key: str) -> str:
    """The question name in an answer key ("posts[a1b2]/platform" -> "platform")."""
    return key.rsplit("/", 1)[-1]


@dataclass(frozen=True)
class SavedAnswer:
    answer_id: str
    revision_id: str | None  # None when nothing changed
    saved_at: dt.datetime


@dataclass(frozen=True)
class AnswerState:
    key: str
    value: str | None
    note: str
    revision_count: int
    has_conflict: bool
    relevant: bool


@dataclass(frozen=True)
class RevisionInfo:
    id: str
    parent_id: str | None
    value: str | None
    note: str
    created_at: dt.datetime
    device_id: str
    researcher_id: str | None
    seq: int = 0


# The save path hands SQL straight to the driver (no statement compilation per call): it
# runs for every pause in typing. An edit made in the form keeps an answer's conflict flag:
# the other laptop's version is still a head of its history until a supervisor resolves the
# conflict (exchange.conflicts).
_SELECT_CURRENT = "SELECT current_revision_id, value, note, relevant FROM answer WHERE id = :aid"
_UPDATE_RELEVANT = (
    "UPDATE answer SET relevant = :rel, updated_at = :now, device_id = :dev, device_seq = :seq"
    " WHERE id = :aid"
)
_UPSERT = (
    'INSERT INTO answer (id, session_id, "key", question, value, note, current_revision_id,'
    " revision_count, has_conflict, relevant, updated_at, device_id, device_seq)"
    " VALUES (:aid, :sid, :key, :question, :value, :note, :rid, 1, :no, :rel, :now, :dev, :seq)"
    " ON CONFLICT (id) DO UPDATE SET value = excluded.value, note = excluded.note,"
    " current_revision_id = excluded.current_revision_id,"
    " revision_count = answer.revision_count + 1,"
    " relevant = excluded.relevant, updated_at = excluded.updated_at,"
    " device_id = excluded.device_id, device_seq = excluded.device_seq"
)
_INSERT_REVISION = (
    "INSERT INTO answer_revision (id, answer_id, parent_id, value, note, created_at,"
    " device_id, researcher_id, device_seq)"
    " VALUES (:rid, :aid, :parent, :value, :note, :now, :dev, :res, :seq)"
)
# The device sequence number of this save (store.sequence): one statement, no round trip
# through SQLAlchemy's compiler.
_NEXT_SEQ = (
    "INSERT INTO device_sequence (id, value) VALUES (1, 1) ON CONFLICT (id) DO UPDATE"
    " SET value = device_sequence.value + 1 RETURNING value"
)
_NAMED = re.compile(r":(\w+)")


@cache
def _for_driver(sql: str, paramstyle: str) -> str:
    """``:name`` placeholders in the driver's own style (psycopg: ``%(name)s``); sqlite3
    takes ``:name`` whatever SQLAlchemy's default style for it."""
    return sql if paramstyle == "named" else _NAMED.sub(r"%(\1)s", sql)


def _run(con: Connection, sql: str, params: dict[str, object]) -> CursorResult:
    style = con.dialect.paramstyle
    if con.dialect.name == "sqlite":
        style = "named"
        # As SQLAlchemy stores DateTime in SQLite, so the ORM reads these rows back.
        params = {
            k: v.strftime("%Y-%m-%d %H:%M:%S.%f") if isinstance(v, dt.datetime) else v
            for k, v in params.items()
        }
    return con.exec_driver_sql(_for_driver(sql, style), params)


def save_answer(
    db: Database,
    actor: Actor,
    session_id: str,
    key: str,
    value: str | None,
    note: str | None = None,
    *,
    relevant: bool = True,
) -> SavedAnswer:
    """Save one answer (and/or its field note) at once; unchanged values add no revision."""
    now = utcnow()
    aid = answer_id(session_id, key)
    with db.engine.begin() as con:
        current = _run(con, _SELECT_CURRENT, {"aid": aid}).first()
        new_note = (current[2] if current is not None else "") if note is None else note
        if current is not None and current[1] == value and current[2] == new_note:
            if bool(current[3]) != relevant:
                seq = _run(con, _NEXT_SEQ, {}).scalar_one()
                _run(
                    con,
                    _UPDATE_RELEVANT,
                    {"aid": aid, "rel": relevant, "now": now, "dev": actor.device_id, "seq": seq},
                )
            return SavedAnswer(aid, None, now)
        rid = new_id()
        seq = _run(con, _NEXT_SEQ, {}).scalar_one()
        common = {"aid": aid, "rid": rid, "value": value, "note": new_note, "now": now, "seq": seq}
        _run(
            con,
            _UPSERT,
            {
                **common,
                "sid": session_id,
                "key": key,
                "question": question_of(key),
                "no": False,
                "rel": relevant,
                "dev": actor.device_id,
            },
        )
        _run(
            con,
            _INSERT_REVISION,
            {
                **common,
                "parent": current[0] if current is not None else None,
                "dev": actor.device_id,
                "res": actor.researcher_id,
            },
        )
    return SavedAnswer(aid, rid, now)


def set_relevance(db: Database, actor: Actor, session_id: str, relevant: dict[str, bool]) -> None:
    """Mark answers kept for questions that became irrelevant (or relevant again)."""
    if not relevant:
        return
    now = utcnow()
    with db.engine.begin() as con:
        con.execute(
            update(_answer)
            .where(_answer.c.id == bindparam("aid"))
            .where(_answer.c.relevant != bindparam("rel"))
            .values(relevant=bindparam("rel"), updated_at=now, device_id=actor.device_id),
            [{"aid": answer_id(session_id, k), "rel": v} for k, v in relevant.items()],
        )


def session_answers(db: Database, session_id: str) -> dict[str, AnswerState]:
    """Current answers of a session by key (what the runner loads to resume); the session's
    own texts (transcript, recording) are not answers to its form."""
    with db.engine.connect() as con:
        rows = con.execute(
            select(
                _answer.c.key,
                _answer.c.value,
                _answer.c.note,
                _answer.c.revision_count,
                _answer.c.has_conflict,
                _answer.c.relevant,
            ).where(
                _answer.c.session_id == session_id,
                _answer.c.key.not_like(f"{SESSION_TEXT_PREFIX}%"),
            )
        ).all()
    return {r.key: AnswerState(*r) for r in rows}


def _revisions_of(aid: str):
    """Select the revisions of one answer, in RevisionInfo's field order."""
    return select(
        _revision.c.id,
        _revision.c.parent_id,
        _revision.c.value,
        _revision.c.note,
        _revision.c.created_at,
        _revision.c.device_id,
        _revision.c.researcher_id,
        _revision.c.device_seq,
    ).where(_revision.c.answer_id == aid)


def answer_history(db: Database, session_id: str, key: str) -> list[RevisionInfo]:
    """Every revision of one answer, oldest first."""
    with db.engine.connect() as con:
        rows = con.execute(
            _revisions_of(answer_id(session_id, key)).order_by(
                _revision.c.device_seq, _revision.c.device_id, _revision.c.id
            )
        ).all()
    return [RevisionInfo(*r) for r in rows]


def current_revision(revisions: Iterable[RevisionInfo]) -> tuple[RevisionInfo | None, bool]:
    """The current revision of a history and whether it is in conflict.

    Heads are revisions no other revision replaced. One head: it is current. Several
    (two devices edited from the same parent): a conflict; the last head by device sequence
    (then device and id; never a laptop's clock) is shown until someone resolves it,
    whatever the order revisions arrived in.
    """
    revisions = list(revisions)
    replaced = {r.parent_id for r in revisions if r.parent_id}
    heads = [r for r in revisions if r.id not in replaced]
    if not heads:
        return None, False
    heads.sort(key=lambda r: (r.seq, r.device_id, r.id))
    return heads[-1], len(heads) > 1


def answer_count(db: Database) -> int:
    with db.engine.connect() as con:
        return int(con.scalar(select(func.count()).select_from(_answer)) or 0)
