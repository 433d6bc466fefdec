"""The supervisor's review: approve a session, or return it with comments on the whole
session or on single questions. A returned session travels back to its researcher in a
package from the supervisor and shows there as "returned", with the comments."""

from __future__ import annotations

from sqlalchemy import select

from neutralitas_desktop.errors import NeutralitasError, NotFoundError
from neutralitas_desktop.fieldwork.actor import Actor
from neutralitas_desktop.fieldwork.answers import question_of
from neutralitas_desktop.fieldwork.sessions import set_status
from neutralitas_desktop.instruments.model import Instrument
from neutralitas_desktop.store.database import Database
from neutralitas_desktop.store.models import (
    Answer,
    FieldSession,
    InstrumentVersion,
    ReviewComment,
    utcnow,
)
from neutralitas_desktop.vocabulary import Message, SessionStatus
from neutralitas_desktop.vocabulary.lifecycle import REVIEWABLE, status_of


def find_session(db: Database, ref: str) -> str:
    """A session by id or by the first characters of its id (at least 4)."""
    ref = ref.strip()
    with db.session() as s:
        if s.get(FieldSession, ref) is not None:
            return ref
        if len(ref) < 4:
            raise NotFoundError(f"no session '{ref}' (give at least 4 characters of its id)")
        found = s.scalars(
            select(FieldSession.id).where(FieldSession.id.startswith(ref, autoescape=True))
        ).all()
    if not found:
        raise NotFoundError(f"no session '{ref}' in this study")
    if len(found) > 1:
        raise NeutralitasError(f"'{ref}' names {len(found)} sessions; give more of the id")
    return found[0]


def _reviewable(db: Database, session_id: str) -> None:
    with db.session() as s:
        row = s.get(FieldSession, session_id)
        if row is None:
            raise NotFoundError(message_id=Message.SESSION_NOT_FOUND, session=session_id)
        if row.status not in REVIEWABLE:
            raise NeutralitasError(
                message_id=Message.SESSION_NOT_REVIEWABLE,
                session=session_id[:8],
                status=status_of(row.status) or row.status,
            )


def _check_question(db: Database, session_id: str, key: str) -> None:
    with db.session() as s:
        keys = set(s.scalars(select(Answer.key).where(Answer.session_id == session_id)))
        if key in keys:
            return
        definition = s.scalar(
            select(InstrumentVersion.definition)
            .join(FieldSession, FieldSession.instrument_id == InstrumentVersion.id)
            .where(FieldSession.id == session_id)
        )
    names = {q.name for q in Instrument.from_dict(definition).questions()} if definition else set()
    if question_of(key) not in names:
        raise NotFoundError(f"session {session_id[:8]} has no question '{key}'")


def _add_comment(db: Database, actor: Actor, session_id: str, key: str, comment: str) -> None:
    with db.session() as s:
        s.add(
            ReviewComment(
                session_id=session_id,
                answer_key=key,
                comment=comment,
                author_id=actor.researcher_id,
                device_id=actor.device_id,
            )
        )


def approve_session(db: Database, actor: Actor, session_id: str, comment: str = "") -> None:
    """Approve; the open comments of the session count as dealt with."""
    _reviewable(db, session_id)
    set_status(db, actor, session_id, SessionStatus.APPROVED, comment.strip() or None)
    with db.session() as s:
        for row in s.scalars(
            select(ReviewComment).where(
                ReviewComment.session_id == session_id, ReviewComment.resolved.is_(False)
            )
        ):
            row.resolved = True
            row.device_id = actor.device_id
            row.updated_at = utcnow()
    if comment.strip():
        _add_comment(db, actor, session_id, "", comment.strip())


def return_session(
    db: Database, actor: Actor, session_id: str, comment: str, question: str | None = None
) -> None:
    """Return to the researcher with a comment on the session, or on one question."""
    comment = comment.strip()
    if not comment:
        raise NeutralitasError(message_id=Message.RETURN_NEEDS_COMMENT)
    _reviewable(db, session_id)
    key = (question or "").strip()
    if key:
        _check_question(db, session_id, key)
    set_status(db, actor, session_id, SessionStatus.RETURNED, None if key else comment)
    _add_comment(db, actor, session_id, key, comment)
