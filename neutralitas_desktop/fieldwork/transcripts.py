"""A session's verbatim transcript: typed in the app or imported from a file, kept as the
session's own text (an answer with a reserved key) so it has revisions, travels in
packages, merges like answers and is coded by hand like them."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from neutralitas_desktop.errors import NeutralitasError, NotFoundError
from neutralitas_desktop.fieldwork import audit
from neutralitas_desktop.fieldwork.actor import Actor
from neutralitas_desktop.fieldwork.answers import SESSION_TEXT_PREFIX, answer_id, save_answer
from neutralitas_desktop.fieldwork.transcript_files import read_transcript_file
from neutralitas_desktop.fieldwork.transcript_text import Segment, normalise, segments
from neutralitas_desktop.store.database import Database
from neutralitas_desktop.store.models import Answer, FieldSession
from neutralitas_desktop.vocabulary import SessionStatus

TRANSCRIPT_KEY = f"{SESSION_TEXT_PREFIX}transcript"
TRANSCRIPT_LABEL = {"id": "Transkrip wawancara", "en": "Interview transcript"}


@dataclass(frozen=True)
class Transcript:
    session_id: str
    answer_id: str
    text: str
    segments: list[Segment]

    def as_json(self) -> dict[str, object]:
        return {
            "session_id": self.session_id,
            "answer_id": self.answer_id,
            "segments": [s.as_json() for s in self.segments],
        }


def _check_session(db: Database, session_id: str) -> None:
    with db.session() as session:
        status = session.scalar(select(FieldSession.status).where(FieldSession.id == session_id))
    if status is None:
        raise NotFoundError(f"no session with id {session_id}")
    if status == SessionStatus.REFUSED:
        raise NeutralitasError(f"session {session_id}: the informant refused; it has no transcript")


def get_transcript(db: Database, session_id: str) -> Transcript:
    """The session's transcript (empty text when it has none)."""
    _check_session(db, session_id)
    aid = answer_id(session_id, TRANSCRIPT_KEY)
    with db.session() as session:
        text = session.scalar(select(Answer.value).where(Answer.id == aid)) or ""
    return Transcript(session_id, aid, text, segments(text))


def save_transcript(db: Database, actor: Actor, session_id: str, text: str) -> Transcript:
    """Save the transcript as typed (an unchanged text adds no revision)."""
    _check_session(db, session_id)
    save_answer(db, actor, session_id, TRANSCRIPT_KEY, normalise(text) or None)
    return get_transcript(db, session_id)


def import_transcript(db: Database, actor: Actor, session_id: str, path: Path) -> Transcript:
    """Replace the session's transcript by a .txt / .docx / .odt file's paragraphs."""
    _check_session(db, session_id)
    text = normalise(read_transcript_file(path))
    if not text:
        raise NeutralitasError(f"{path}: the file holds no text")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    result = save_transcript(db, actor, session_id, text)
    with db.session() as session:
        # The file's digest, not its name: a file is often named after the person
        # interviewed, and an event's details are sealed in its hash, so an anonymised
        # package could not redact the name.
        audit.record(
            session, actor, "transcript.imported", "field_session", session_id,
            sha256=digest, segments=len(result.segments),
        )  # fmt: skip
    return result
