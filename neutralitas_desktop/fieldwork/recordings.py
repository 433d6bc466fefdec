"""An interview's audio recording: attached only when the informant agreed to be recorded
(the guide's consent item A2), stored like every attachment (by SHA-256, inside the study,
encrypted with it when it is) and named by the session's own text ``~recording`` so it
travels in packages with the session. Voices identify people: anonymised packages and
reports leave recordings out."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from neutralitas_desktop.errors import NeutralitasError, NotFoundError
from neutralitas_desktop.fieldwork import audit
from neutralitas_desktop.fieldwork.actor import Actor
from neutralitas_desktop.fieldwork.answers import SESSION_TEXT_PREFIX, answer_id, save_answer
from neutralitas_desktop.fieldwork.attachments import (
    attachment_info,
    read_attachment,
    store_bytes,
)
from neutralitas_desktop.store.database import Database
from neutralitas_desktop.store.models import Answer, FieldSession, Informant
from neutralitas_desktop.vocabulary import ConsentState

RECORDING_KEY = f"{SESSION_TEXT_PREFIX}recording"
CONSENT_QUESTION = "a2_recording"  # "Does the informant agree to being audio-recorded?"
AUDIO_TYPES = {".wav": "audio/wav", ".mp3": "audio/mpeg", ".m4a": "audio/mp4", ".ogg": "audio/ogg"}


@dataclass(frozen=True)
class RecordingInfo:
    session_id: str
    sha256: str
    filename: str
    mime: str
    size: int


def _looks_like(suffix: str, head: bytes) -> bool:
    """The file's first bytes match its kind (a renamed document is not a recording)."""
    if suffix == ".wav":
        return head[:4] == b"RIFF" and head[8:12] == b"WAVE"
    if suffix == ".mp3":
        return head[:3] == b"ID3" or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0)
    if suffix == ".m4a":
        return head[4:8] == b"ftyp"
    return head[:4] == b"OggS"


def recording_consent(db: Database, session_id: str) -> bool:
    """Whether the informant agreed to be recorded: consent given (not withdrawn) and the
    guide's recording item answered yes."""
    with db.session() as session:
        row = session.execute(
            select(FieldSession.id, Informant.consent_status)
            .outerjoin(Informant, Informant.id == FieldSession.informant_id)
            .where(FieldSession.id == session_id)
        ).first()
        if row is None:
            raise NotFoundError(f"no session with id {session_id}")
        agreed = session.scalar(
            select(Answer.value).where(Answer.id == answer_id(session_id, CONSENT_QUESTION))
        )
    return row[1] == ConsentState.GIVEN and agreed == "yes"


def attach_recording(db: Database, actor: Actor, session_id: str, path: Path) -> RecordingInfo:
    """Attach (or replace) the session's recording."""
    suffix = path.suffix.casefold()
    if suffix not in AUDIO_TYPES:
        kinds = ", ".join(AUDIO_TYPES)
        raise NeutralitasError(f"{path}: a recording is a {kinds} file, not '{path.suffix}'")
    if not recording_consent(db, session_id):
        raise NeutralitasError(
            f"session {session_id}: the informant did not agree to be recorded "
            f"({CONSENT_QUESTION} is not 'yes' or consent is not given); nothing attached"
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise NeutralitasError(f"cannot read {path}: {exc.strerror or exc}") from None
    if not _looks_like(suffix, data[:16]):
        raise NeutralitasError(f"{path}: not a {suffix} audio file")
    info = store_bytes(db, actor, data, path.name, AUDIO_TYPES[suffix])
    save_answer(db, actor, session_id, RECORDING_KEY, info.sha256)
    with db.session() as session:
        # Not the file's name: it often names the person (see transcripts.import_transcript).
        audit.record(
            session, actor, "recording.attached", "field_session", session_id, sha256=info.sha256
        )
    return RecordingInfo(session_id, info.sha256, info.filename, info.mime, info.size)


def get_recording(db: Database, session_id: str) -> RecordingInfo | None:
    with db.session() as session:
        sha = session.scalar(
            select(Answer.value).where(Answer.id == answer_id(session_id, RECORDING_KEY))
        )
    info = attachment_info(db, sha) if sha else None
    if info is None:  # none, or not brought by an (anonymised) package
        return None
    return RecordingInfo(session_id, info.sha256, info.filename, info.mime, info.size)


def recording_bytes(db: Database, recording: RecordingInfo) -> bytes:
    """The recording's audio, for a player that reads from memory: a voice is never
    written out of the study in clear to be played."""
    return read_attachment(db, recording.sha256)
