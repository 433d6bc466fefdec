"""Answers of a session: saving (through the answer journal, ``fieldwork.journal``),
relevance, and reading current values and histories."""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from sqlalchemy import Table, bindparam, func, select, update

from neutralitas_desktop.fieldwork import journal
from neutralitas_desktop.fieldwork.actor import Actor
from neutralitas_desktop.fieldwork.journal import (
    RevisionInfo,
    answer_id,
    current_revision,
    question_of,
)
from neutralitas_desktop.fieldwork.journal import Saved as SavedAnswer
from neutralitas_desktop.store.database import Database
from neutralitas_desktop.store.models import (
    Answer,
    AnswerRevision,
    Device,
    FieldSession,
    Researcher,
    utcnow,
)

__all__ = ["RevisionInfo", "SavedAnswer", "answer_id", "current_revision", "question_of"]

_answer = cast(Table, Answer.__table__)
_revision = cast(Table, AnswerRevision.__table__)
_session = cast(Table, FieldSession.__table__)


# Keys of a session's own texts (its transcript, its recording): stored as answers so they
# keep revisions, merge and can be coded, but they answer no question of the form.
SESSION_TEXT_PREFIX = "~"


@dataclass(frozen=True)
class AnswerState:
    key: str
    value: str | None
    note: str
    revision_count: int
    has_conflict: bool
    relevant: bool


def save_answer(
    db: Database,
    actor: Actor,
    session_id: str,
    key: str,
    value: str | None,
    note: str | None = None,
    *,
    relevant: bool = True,
    typing: bool = False,
) -> SavedAnswer:
    """Save one answer (and/or its field note) at once through the journal; unchanged
    values add no revision, ``typing`` saves replace the field's open revision."""
    with db.user_failures(), db.engine.begin() as con:
        return journal.save(
            con, actor, session_id, key, value, note, relevant=relevant, typing=typing
        )


def seal_revisions(db: Database, session_id: str | None = None, key: str | None = None) -> int:
    """Seal the open revisions of a field, of a session, or all of them (journal.seal)."""
    with db.engine.begin() as con:
        return journal.seal(con, session_id, key)


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


def answer_count(db: Database) -> int:
    with db.engine.connect() as con:
        return int(con.scalar(select(func.count()).select_from(_answer)) or 0)


@dataclass(frozen=True)
class NamedRevision:
    """A revision with who made it and on which laptop, by name ("" when unknown)."""

    revision: RevisionInfo
    researcher: str
    laptop: str


def named_history(db: Database, session_id: str, key: str) -> list[NamedRevision]:
    """Every revision of one answer, oldest first, with its researcher's and laptop's names."""
    rows = answer_history(db, session_id, key)
    people = {r.researcher_id for r in rows if r.researcher_id}
    laptops = {r.device_id for r in rows}
    with db.engine.connect() as con:
        who = select(Researcher.id, Researcher.name).where(Researcher.id.in_(people))
        names = {row.id: row.name for row in con.execute(who)}
        where = select(Device.id, Device.name).where(Device.id.in_(laptops))
        devices = {row.id: row.name for row in con.execute(where)}
    return [
        NamedRevision(r, names.get(r.researcher_id or "", ""), devices.get(r.device_id, ""))
        for r in rows
    ]
