"""What a session transcript reads: the session's answers with their revisions, its
attachments, the informant's consent record and the supervisor's review comments."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import select

from neutralitas_desktop.fieldwork.answers import (
    AnswerState,
    RevisionInfo,
    answer_id,
    session_answers,
)
from neutralitas_desktop.fieldwork.instruments import get_instrument
from neutralitas_desktop.instruments.model import Instrument
from neutralitas_desktop.reports.output import ReportError
from neutralitas_desktop.reports.queries import SessionRecord, load_session, role_labels
from neutralitas_desktop.store.database import Database
from neutralitas_desktop.store.models import (
    AnswerRevision,
    Attachment,
    Device,
    Informant,
    Researcher,
    ReviewComment,
)


@dataclass(frozen=True)
class AttachmentFile:
    sha256: str
    filename: str
    mime: str
    size: int
    data: bytes = field(repr=False)


@dataclass(frozen=True)
class ConsentRecord:
    status: str
    method: str
    at: dt.datetime | None
    note: str


@dataclass(frozen=True)
class ReviewNote:
    answer_key: str
    comment: str
    author: str
    resolved: bool
    created_at: dt.datetime


@dataclass
class SessionDetail:
    session: SessionRecord
    instrument: Instrument
    answers: dict[str, AnswerState]
    revisions: dict[str, list[RevisionInfo]]
    attachments: dict[str, AttachmentFile]
    consent: ConsentRecord | None
    reviews: list[ReviewNote]
    people: dict[str, str]  # researcher and device ids -> names
    role_label: dict[str, str] = field(default_factory=dict)  # the informant's role


def load_session_detail(db: Database, session_id: str) -> SessionDetail:
    """Everything a transcript shows; refused for an informant who withdrew consent."""
    record = load_session(db, session_id)
    consent = None
    with db.session() as s:
        if record.informant_id:
            informant = s.get(Informant, record.informant_id)
            if informant is not None:
                if informant.consent_status == "withdrawn":
                    raise ReportError(
                        f"session {session_id}: informant {informant.code} withdrew consent; "
                        "their sessions are excluded from reports"
                    )
                consent = ConsentRecord(
                    informant.consent_status,
                    informant.consent_method,
                    informant.consent_at,
                    informant.consent_note,
                )
        people = {r.id: r.name for r in s.scalars(select(Researcher))}
        people.update({d.id: d.name for d in s.scalars(select(Device))})
        reviews = [
            ReviewNote(
                c.answer_key, c.comment, people.get(c.author_id or "", ""), c.resolved, c.created_at
            )
            for c in s.scalars(
                select(ReviewComment)
                .where(ReviewComment.session_id == session_id)
                .order_by(ReviewComment.created_at)
            )
        ]
    _, instrument = get_instrument(db, record.instrument_id)
    answers = {k: a for k, a in session_answers(db, session_id).items() if a.relevant}
    edited = [a.key for a in answers.values() if a.revision_count > 1]
    revisions = _revisions(db, session_id, edited)
    shas = {a.value for a in answers.values() if a.value and _is_attachment(instrument, a.key)}
    role = role_labels(db).get(record.source_role, {})
    return SessionDetail(
        record,
        instrument,
        answers,
        revisions,
        _attachments(db, shas),
        consent,
        reviews,
        people,
        role,
    )


def _is_attachment(instrument: Instrument, key: str) -> bool:
    name = key.rsplit("/", 1)[-1]
    try:
        return instrument.question(name).type in ("image", "file")
    except KeyError:
        return False


def _revisions(db: Database, session_id: str, keys: list[str]) -> dict[str, list[RevisionInfo]]:
    if not keys:
        return {}
    ids = {answer_id(session_id, key): key for key in keys}
    out: dict[str, list[RevisionInfo]] = {}
    with db.engine.connect() as con:
        rows = con.execute(
            select(
                AnswerRevision.answer_id,
                AnswerRevision.id,
                AnswerRevision.parent_id,
                AnswerRevision.value,
                AnswerRevision.note,
                AnswerRevision.created_at,
                AnswerRevision.device_id,
                AnswerRevision.researcher_id,
            )
            .where(AnswerRevision.answer_id.in_(ids))
            .order_by(AnswerRevision.created_at, AnswerRevision.id)
        ).all()
    for aid, *rest in rows:
        out.setdefault(ids[aid], []).append(RevisionInfo(*rest))  # type: ignore[arg-type]
    return out


def _attachments(db: Database, shas: set[str]) -> dict[str, AttachmentFile]:
    if not shas:
        return {}
    with db.engine.connect() as con:
        rows = con.execute(
            select(
                Attachment.sha256,
                Attachment.filename,
                Attachment.mime,
                Attachment.size,
                Attachment.data,
            ).where(Attachment.sha256.in_(shas))
        ).all()
    return {r[0]: AttachmentFile(*r) for r in rows}
