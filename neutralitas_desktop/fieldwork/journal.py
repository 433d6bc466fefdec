"""The answer journal: the one place that appends answer revisions and derives the value.

Every writer goes through it: the runner's save path (one row, on every pause in typing),
the demo and the ODK import (many rows in bulk), transcripts and recordings (through the
save path), and the merge (which derives current values with ``current_revision``).
Each write is stamped with this device's sequence number (``store.sequence``).

One revision per edit: a save made while typing opens a revision; the same device's next
saves of the same field replace that open revision in place until the field loses focus,
the section or the session changes, or ``OPEN_SECONDS`` pass (``seal``). A sealed revision
is never rewritten; making a package seals every open revision first.

The single-row save hands SQL straight to the driver (no statement compilation per call).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any, cast

from sqlalchemy import Connection, CursorResult, Table, insert

from neutralitas_desktop.fieldwork.actor import Actor
from neutralitas_desktop.store import sequence
from neutralitas_desktop.store.models import Answer, AnswerRevision, derived_id, new_id, utcnow

OPEN_SECONDS = 60  # an open revision older than this is sealed by the next save

_answer = cast(Table, Answer.__table__)
_revision = cast(Table, AnswerRevision.__table__)


def answer_id(session_id: str, key: str) -> str:
    return derived_id("answer", session_id, key)


def question_of(key: str) -> str:
    """The question name in an answer key ("posts[a1b2]/platform" -> "platform")."""
    return key.rsplit("/", 1)[-1]


@dataclass(frozen=True)
class Saved:
    answer_id: str
    revision_id: str | None  # None when nothing changed
    saved_at: dt.datetime
    replaced: bool = False  # True when the save rewrote its own open revision


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


# ---- one row: the save path -----------------------------------------------------------
# An edit made in the form keeps an answer's conflict flag: the other laptop's version is
# still a head of its history until a supervisor resolves the conflict (exchange.conflicts).
_SELECT_CURRENT = (
    "SELECT a.current_revision_id, a.value, a.note, a.relevant, r.sealed, r.device_id,"
    " r.created_at FROM answer a LEFT JOIN answer_revision r ON r.id = a.current_revision_id"
    " WHERE a.id = :aid"
)
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
_UPDATE_ANSWER = (
    "UPDATE answer SET value = :value, note = :note, relevant = :rel, updated_at = :now,"
    " device_id = :dev, device_seq = :seq WHERE id = :aid"
)
_INSERT_REVISION = (
    "INSERT INTO answer_revision (id, answer_id, parent_id, value, note, created_at,"
    " device_id, researcher_id, device_seq, sealed)"
    " VALUES (:rid, :aid, :parent, :value, :note, :now, :dev, :res, :seq, :sealed)"
)
_REPLACE_REVISION = (
    "UPDATE answer_revision SET value = :value, note = :note, device_seq = :seq"
    " WHERE id = :rid AND NOT sealed"
)
_SEAL = "UPDATE answer_revision SET sealed = :yes WHERE NOT sealed"
_NAMED = re.compile(r":(\w+)")


@cache
def _for_driver(sql: str, paramstyle: str) -> str:
    """``:name`` placeholders in the driver's own style (psycopg: ``%(name)s``); sqlite3
    takes ``:name`` whatever SQLAlchemy's default style for it."""
    return sql if paramstyle == "named" else _NAMED.sub(r"%(\1)s", sql)


_SQLITE_TIME = "%Y-%m-%d %H:%M:%S.%f"  # as SQLAlchemy's DateTime stores it in SQLite


def _run(con: Connection, sql: str, params: dict[str, object]) -> CursorResult:
    """``params`` hold times as ``_stamp`` gave them."""
    style = "named" if con.dialect.name == "sqlite" else con.dialect.paramstyle
    return con.exec_driver_sql(_for_driver(sql, style), params)


def _one(con: Connection, sql: str, params: dict[str, object]) -> Any:
    """Run one statement of the save path; its first row, if it returns rows.

    On SQLite the statement runs on the driver's own cursor, in the same transaction:
    SQLAlchemy's result layer cost as much as the statements themselves, and a save runs
    at every pause in typing. A failure the user can cause is turned into the one message
    by the caller (``Database.user_failures``)."""
    if con.dialect.name != "sqlite":
        result = _run(con, sql, params)
        return result.first() if result.returns_rows else None
    cursor = con.connection.cursor()
    try:
        cursor.execute(sql, params)
        return cursor.fetchone() if cursor.description else None
    finally:
        cursor.close()  # a statement left open can hold the file's snapshot


def _stamp(con: Connection, at: dt.datetime) -> object:
    """A time as the driver is given it: SQLite stores text as SQLAlchemy's DateTime does."""
    return at.strftime(_SQLITE_TIME) if con.dialect.name == "sqlite" else at


def _time(value: object) -> dt.datetime | None:
    if isinstance(value, dt.datetime):
        return value
    return dt.datetime.fromisoformat(value) if isinstance(value, str) else None


def _replaceable(row: Any, actor: Actor, now: dt.datetime) -> bool:
    """Whether the answer's current revision is this device's open one, still young."""
    if row[4] is None or bool(row[4]) or row[5] != actor.device_id:
        return False
    opened = _time(row[6])
    return opened is not None and now - opened < dt.timedelta(seconds=OPEN_SECONDS)


def save(
    con: Connection,
    actor: Actor,
    session_id: str,
    key: str,
    value: str | None,
    note: str | None = None,
    *,
    relevant: bool = True,
    typing: bool = False,
) -> Saved:
    """Save one answer inside the caller's transaction; unchanged values add no revision.

    ``typing`` saves (the runner's autosave) open a revision, or replace this device's open
    revision of the field; every other save appends a sealed revision."""
    now = utcnow()
    stamp = _stamp(con, now)
    aid = answer_id(session_id, key)
    current = _one(con, _SELECT_CURRENT, {"aid": aid})
    new_note = (current[2] if current is not None else "") if note is None else note
    if current is not None and current[1] == value and current[2] == new_note:
        if bool(current[3]) != relevant:
            seq = sequence.take(con)
            _one(
                con,
                _UPDATE_RELEVANT,
                {"aid": aid, "rel": relevant, "now": stamp, "dev": actor.device_id, "seq": seq},
            )
        return Saved(aid, None, now)
    seq = sequence.take(con)
    common = {"aid": aid, "value": value, "note": new_note, "now": stamp, "seq": seq}
    if typing and current is not None and _replaceable(current, actor, now):
        rid = current[0]
        _one(con, _REPLACE_REVISION, {**common, "rid": rid})
        _one(con, _UPDATE_ANSWER, {**common, "rel": relevant, "dev": actor.device_id})
        return Saved(aid, rid, now, replaced=True)
    rid = new_id()
    _one(
        con,
        _UPSERT,
        {
            **common,
            "rid": rid,
            "sid": session_id,
            "key": key,
            "question": question_of(key),
            "no": False,
            "rel": relevant,
            "dev": actor.device_id,
        },
    )
    _one(
        con,
        _INSERT_REVISION,
        {
            **common,
            "rid": rid,
            "parent": current[0] if current is not None else None,
            "dev": actor.device_id,
            "res": actor.researcher_id,
            "sealed": not typing,
        },
    )
    return Saved(aid, rid, now)


def seal(con: Connection, session_id: str | None = None, key: str | None = None) -> int:
    """Seal open revisions: of one field, of one session, or (a package) all of them."""
    sql, params = _SEAL, dict[str, object](yes=True)
    if key is not None and session_id is not None:
        sql += " AND answer_id = :aid"
        params["aid"] = answer_id(session_id, key)
    elif session_id is not None:
        sql += " AND answer_id IN (SELECT id FROM answer WHERE session_id = :sid)"
        params["sid"] = session_id
    return int(_run(con, sql, params).rowcount or 0)


# ---- many rows: the demo and imports --------------------------------------------------
@dataclass
class Batch:
    """New answers and revisions of one device, written in bulk as one write (one device
    sequence number); every revision in a batch is sealed."""

    actor: Actor
    answers: list[dict[str, Any]]
    revisions: list[dict[str, Any]]

    @classmethod
    def of(cls, actor: Actor) -> Batch:
        return cls(actor, [], [])

    def revision(
        self,
        aid: str,
        value: str | None,
        parent: str | None,
        at: dt.datetime,
        note: str = "",
        *,
        actor: Actor | None = None,
    ) -> str:
        """Append a revision of an answer (by ``actor``, else the batch's); returns its id."""
        actor = actor or self.actor
        rid = new_id()
        self.revisions.append(
            {
                "id": rid,
                "answer_id": aid,
                "parent_id": parent,
                "value": value,
                "note": note,
                "created_at": at,
                "device_id": actor.device_id,
                "researcher_id": actor.researcher_id,
                "sealed": True,
            }
        )
        return rid

    def first(
        self,
        session_id: str,
        key: str,
        value: str | None,
        at: dt.datetime,
        *,
        note: str = "",
        updated_at: dt.datetime | None = None,
        actor: Actor | None = None,
    ) -> str:
        """A new answer with its first revision; returns the answer id."""
        actor = actor or self.actor
        aid = answer_id(session_id, key)
        rid = self.revision(aid, value, None, at, note, actor=actor)
        self.answers.append(
            {
                "id": aid,
                "session_id": session_id,
                "key": key,
                "question": question_of(key),
                "value": value,
                "note": note,
                "current_revision_id": rid,
                "revision_count": 1,
                "has_conflict": False,
                "relevant": True,
                "updated_at": updated_at or at,
                "device_id": actor.device_id,
            }
        )
        return aid

    def write(self, con: Connection, seq: int | None = None) -> int:
        """Insert the batch (answers before their revisions) as one write of this device;
        returns the number of revisions written. ``seq``: the caller's write already took
        one. The batch keeps its rows (a caller that retries a rolled-back transaction
        writes them again); ``clear`` empties it."""
        if self.answers or self.revisions:
            seq = sequence.take(con) if seq is None else seq
            for table, rows in ((_answer, self.answers), (_revision, self.revisions)):
                if rows:
                    con.execute(insert(table), [{**row, "device_seq": seq} for row in rows])
        return len(self.revisions)

    def clear(self) -> None:
        self.answers.clear()
        self.revisions.clear()
