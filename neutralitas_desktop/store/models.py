"""The study database schema (DESIGN §3) as SQLAlchemy 2.x typed ORM models.

Keys are UUID strings made on the device, so databases from many laptops merge
without collisions. Every row that can change carries ``updated_at`` (UTC) and the
``device_id`` that last changed it. Answer values are never overwritten: each edit is
an ``AnswerRevision``; the ``Answer`` row caches the current value for fast queries.
Schema changes go through Alembic revisions in ``store/migrations``.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    false,
    true,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from neutralitas_desktop.store.sequence import next_seq

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def new_id() -> str:
    return str(uuid.uuid4())


def utcnow() -> dt.datetime:
    """UTC, naive (stored the same way on SQLite and PostgreSQL)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


# Namespace for ids derived from content (answers, instruments), so two devices that make
# "the same" row independently make the same key.
ID_NAMESPACE = uuid.UUID("6c1d3f0e-8f7a-4b53-9a51-6e65757472a1")


def derived_id(*parts: str) -> str:
    return str(uuid.uuid5(ID_NAMESPACE, "\x1f".join(parts)))


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSON, list[Any]: JSON}


def _same_device(context: Any) -> Any:
    """Default of ``origin_device_id``: the device that inserts the row made it."""
    return context.get_current_parameters().get("device_id")


class Tracked:
    """Columns every mutable row carries: when and on which device it was last changed, and
    the device sequence number of that change (what orders changes; the time is a label)."""

    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    device_id: Mapped[str] = mapped_column(String(36))
    device_seq: Mapped[int] = mapped_column(Integer, default=next_seq, onupdate=next_seq)


class Owned:
    """The device that made the row: only its key (or the supervisor's) may change it."""

    origin_device_id: Mapped[str] = mapped_column(String(36), default=_same_device)


class Meta(Base):
    """Identifies the file as ours and holds the study id (key/value)."""

    __tablename__ = "meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Study(Tracked, Base):
    __tablename__ = "study"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    title: Mapped[dict[str, Any]] = mapped_column(JSON)  # {"id": …, "en": …}
    description: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    languages: Mapped[list[Any]] = mapped_column(JSON)
    default_language: Mapped[str] = mapped_column(String(16))
    # Roles, periods, election date, triangulation thresholds.
    settings: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class Device(Tracked, Base):
    __tablename__ = "device"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class Researcher(Tracked, Base):
    __tablename__ = "researcher"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    name: Mapped[str] = mapped_column(String(200))
    initials: Mapped[str] = mapped_column(String(16), default="")
    role: Mapped[str] = mapped_column(String(32), default="researcher")  # or supervisor
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class InformantRole(Tracked, Base):
    __tablename__ = "informant_role"
    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    label: Mapped[dict[str, Any]] = mapped_column(JSON)
    sort: Mapped[int] = mapped_column(Integer, default=0)


class Site(Tracked, Base):
    __tablename__ = "site"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(32), default="")  # kecamatan / kelurahan / desa
    region: Mapped[str] = mapped_column(String(200), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class Informant(Owned, Tracked, Base):
    __tablename__ = "informant"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    code: Mapped[str] = mapped_column(String(32), unique=True)  # pseudonym, e.g. INF-07
    role: Mapped[str] = mapped_column(ForeignKey("informant_role.code"))
    site_id: Mapped[str] = mapped_column(ForeignKey("site.id"))
    # pending / given / refused / withdrawn
    consent_status: Mapped[str] = mapped_column(String(16), default="pending")
    consent_method: Mapped[str] = mapped_column(String(32), default="")  # oral / written / …
    consent_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    consent_note: Mapped[str] = mapped_column(Text, default="")
    withdrawn_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    notes: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[str | None] = mapped_column(ForeignKey("researcher.id"), nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    # Added by migration 0013, so last in the table (sort_order), as a migrated study has
    # them. key / main / supporting (informan kunci / utama / pendukung), or "" if not set.
    category: Mapped[str] = mapped_column(String(16), default="", server_default="", sort_order=1)
    # How the informant was chosen: purposive / snowball / other, or "".
    selection: Mapped[str] = mapped_column(String(16), default="", server_default="", sort_order=1)
    # Added by migration 0015: the informant's separate consent to be named as a source in a
    # report to an authority (a case file); consent to take part is not that consent.
    consent_named: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default=false(), sort_order=1
    )


class InformantIdentity(Tracked, Base):
    """Real names and contacts: never in anonymised exports or unencrypted packages."""

    __tablename__ = "informant_identity"
    informant_id: Mapped[str] = mapped_column(ForeignKey("informant.id"), primary_key=True)
    real_name: Mapped[str] = mapped_column(String(200), default="")
    contact: Mapped[str] = mapped_column(String(200), default="")
    notes: Mapped[str] = mapped_column(Text, default="")


class InstrumentVersion(Base):
    """One version of a form; immutable. The id derives from the content hash."""

    __tablename__ = "instrument"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    form_id: Mapped[str] = mapped_column(String(100), index=True)
    version: Mapped[str] = mapped_column(String(64))
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    title: Mapped[dict[str, Any]] = mapped_column(JSON)
    source_type: Mapped[str] = mapped_column(String(16))
    definition: Mapped[dict[str, Any]] = mapped_column(JSON)  # Instrument.to_dict()
    origin: Mapped[str] = mapped_column(String(200), default="")  # file it came from
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    device_id: Mapped[str] = mapped_column(String(36))


class QuestionStance(Base):
    """Theme and stance of each (instrument, question, value), derived from the definition
    when the instrument is stored, so structured answers code themselves in one SQL join."""

    __tablename__ = "question_stance"
    instrument_id: Mapped[str] = mapped_column(ForeignKey("instrument.id"), primary_key=True)
    question: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(String(200), primary_key=True)
    theme_code: Mapped[str] = mapped_column(String(64))
    stance: Mapped[str] = mapped_column(String(16))


class FieldSession(Owned, Tracked, Base):
    __tablename__ = "field_session"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    instrument_id: Mapped[str] = mapped_column(ForeignKey("instrument.id"), index=True)
    site_id: Mapped[str] = mapped_column(ForeignKey("site.id"), index=True)
    informant_id: Mapped[str | None] = mapped_column(
        ForeignKey("informant.id"), nullable=True, index=True
    )
    researcher_id: Mapped[str] = mapped_column(ForeignKey("researcher.id"))
    source_type: Mapped[str] = mapped_column(String(16))  # interview / observation / …
    source_role: Mapped[str] = mapped_column(String(64), default="")  # informant's role tag
    # draft / completed / approved / returned / refused
    status: Mapped[str] = mapped_column(String(16), default="draft", index=True)
    started_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    ended_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    language: Mapped[str] = mapped_column(String(16), default="id")
    position: Mapped[str] = mapped_column(String(300), default="")  # where to resume
    review_comment: Mapped[str] = mapped_column(Text, default="")
    external_id: Mapped[str | None] = mapped_column(String(200), unique=True, nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class Answer(Tracked, Base):
    """One question's value in a session; the id derives from (session, key)."""

    __tablename__ = "answer"
    __table_args__ = (UniqueConstraint("session_id", "key"),)
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    session_id: Mapped[str] = mapped_column(ForeignKey("field_session.id"))
    key: Mapped[str] = mapped_column(String(300))  # "q" or "rep[item]/q"
    question: Mapped[str] = mapped_column(String(100), index=True)
    value: Mapped[str | None] = mapped_column(Text, nullable=True)  # current, derived
    note: Mapped[str] = mapped_column(Text, default="")  # current field note, derived
    current_revision_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    revision_count: Mapped[int] = mapped_column(Integer, default=0)
    has_conflict: Mapped[bool] = mapped_column(Boolean, default=False)
    relevant: Mapped[bool] = mapped_column(Boolean, default=True)


class AnswerRevision(Base):
    """Append-only history of an answer; ``parent_id`` is the revision it replaced."""

    __tablename__ = "answer_revision"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    answer_id: Mapped[str] = mapped_column(ForeignKey("answer.id"), index=True)
    parent_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    value: Mapped[str | None] = mapped_column(Text, nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    device_id: Mapped[str] = mapped_column(String(36))
    researcher_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    device_seq: Mapped[int] = mapped_column(Integer, default=next_seq)
    # An open revision is still being typed: its device's next save of the same field
    # replaces it (fieldwork.journal). Added by migration 0012, so it comes last.
    sealed: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true(), sort_order=1)


class Attachment(Base):
    """A file stored content-addressed inside the database."""

    __tablename__ = "attachment"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    size: Mapped[int] = mapped_column(Integer)
    mime: Mapped[str] = mapped_column(String(100), default="application/octet-stream")
    filename: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    device_id: Mapped[str] = mapped_column(String(36))
    device_seq: Mapped[int] = mapped_column(Integer, default=next_seq)


class Theme(Owned, Tracked, Base):
    __tablename__ = "theme"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    parent_id: Mapped[str | None] = mapped_column(ForeignKey("theme.id"), nullable=True)
    label: Mapped[dict[str, Any]] = mapped_column(JSON)
    description: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    inclusion: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    exclusion: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    legal_basis: Mapped[list[Any]] = mapped_column(JSON, default=list)
    sort: Mapped[int] = mapped_column(Integer, default=0)
    retired: Mapped[bool] = mapped_column(Boolean, default=False)
    # "#RRGGBB"; added by migration 0005, so it comes last in the table (sort_order), as a
    # migrated study has it: a package's payload must have the columns of its schema.
    color: Mapped[str] = mapped_column(String(16), default="", server_default="", sort_order=1)
    merged_into_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    # accepted / proposed (a researcher's open code, until the supervisor accepts it)
    status: Mapped[str] = mapped_column(String(16), default="accepted")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class Coding(Tracked, Base):
    """A theme applied by hand to an answer or an excerpt of it (or of its note)."""

    __tablename__ = "coding"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    answer_id: Mapped[str] = mapped_column(ForeignKey("answer.id"), index=True)
    theme_id: Mapped[str] = mapped_column(ForeignKey("theme.id"), index=True)
    stance: Mapped[str] = mapped_column(String(16))  # violation / neutrality / unclear
    target: Mapped[str] = mapped_column(String(8), default="value")  # value / note
    start: Mapped[int | None] = mapped_column(Integer, nullable=True)
    end: Mapped[int | None] = mapped_column(Integer, nullable=True)
    excerpt: Mapped[str] = mapped_column(Text, default="")
    memo: Mapped[str] = mapped_column(Text, default="")
    coder_id: Mapped[str | None] = mapped_column(ForeignKey("researcher.id"), nullable=True)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)  # tombstone, for merging
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class AgreementAssignment(Tracked, Base):
    """A session given to a coder for double coding (investigator triangulation). The id
    derives from (session, coder), so two laptops assigning the same pair make one row.
    Until ``done``, the coder does not see the other coders' codings of that session."""

    __tablename__ = "agreement_assignment"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    # Plain ids, no foreign keys: a package may bring an assignment before its session.
    session_id: Mapped[str] = mapped_column(String(36), index=True)
    coder_id: Mapped[str] = mapped_column(String(36), index=True)
    assigned_by: Mapped[str | None] = mapped_column(String(36), nullable=True)
    done: Mapped[bool] = mapped_column(Boolean, default=False)
    done_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class AgreementResolution(Tracked, Base):
    """The coding the coders agreed on for one unit (an answer's text or note) and theme
    after a disagreement, with the reason; the id derives from (answer, target, segment,
    theme)."""

    __tablename__ = "agreement_resolution"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    answer_id: Mapped[str] = mapped_column(String(36), index=True)
    target: Mapped[str] = mapped_column(String(8), default="value")
    start: Mapped[int | None] = mapped_column(Integer, nullable=True)  # a transcript's segment
    theme_id: Mapped[str] = mapped_column(String(36))
    applied: Mapped[bool] = mapped_column(Boolean)
    stance: Mapped[str] = mapped_column(String(16), default="")
    reason: Mapped[str] = mapped_column(Text)
    resolver_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class Finding(Tracked, Base):
    __tablename__ = "finding"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    theme_id: Mapped[str] = mapped_column(ForeignKey("theme.id"), index=True)
    site_id: Mapped[str | None] = mapped_column(ForeignKey("site.id"), nullable=True)
    conclusion: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="tentative")  # verified / rejected
    evidence: Mapped[list[Any]] = mapped_column(JSON, default=list)  # answer / coding ids
    # The three below are added by migration 0011, so they come last in the table
    # (sort_order), as a migrated study has them: a package's payload must match its schema.
    incidents: Mapped[list[Any]] = mapped_column(JSON, default=list, sort_order=1)  # ids
    # Why the status is what it is (required for "verified"); the history is in the audit.
    status_reason: Mapped[str] = mapped_column(Text, default="", sort_order=1)
    # Set before reasons were required (a study upgraded from an older schema).
    status_before_reasons: Mapped[bool] = mapped_column(Boolean, default=False, sort_order=1)
    author_id: Mapped[str | None] = mapped_column(ForeignKey("researcher.id"), nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class Incident(Tracked, Base):
    """A *peristiwa / dugaan pelanggaran*: who did what, when, where; the unit of analysis.

    The actor is pseudonymous (a code, an office or an account), never a real name."""

    __tablename__ = "incident"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    site_id: Mapped[str] = mapped_column(ForeignKey("site.id"), index=True)
    theme_id: Mapped[str] = mapped_column(ForeignKey("theme.id"), index=True)
    actor_type: Mapped[str] = mapped_column(String(32))  # vocabulary.ActorType
    actor_code: Mapped[str] = mapped_column(String(200), default="")  # code, office, account
    date_start: Mapped[dt.date] = mapped_column(Date)
    date_end: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    platform: Mapped[str] = mapped_column(String(100), default="")
    link: Mapped[str] = mapped_column(Text, default="")
    favours: Mapped[str] = mapped_column(String(200), default="")  # candidate pair
    summary: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[str | None] = mapped_column(ForeignKey("researcher.id"), nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class EvidenceLine(Tracked, Base):
    """One line of evidence: an incident linked to what the study holds, with its kind.

    Where it comes from (technique, informant, session, date) is derived from
    ``session_id``, the session of the linked answer, excerpt, note or document; unlinking
    keeps the row as a tombstone (``deleted``) so the unlink merges like anything else."""

    __tablename__ = "evidence_line"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    incident_id: Mapped[str] = mapped_column(ForeignKey("incident.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # vocabulary.EvidenceKind
    target: Mapped[str] = mapped_column(String(16))  # vocabulary.LineTarget
    session_id: Mapped[str] = mapped_column(ForeignKey("field_session.id"), index=True)
    answer_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    coding_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    attachment_sha256: Mapped[str | None] = mapped_column(String(64), nullable=True)
    memo: Mapped[str] = mapped_column(Text, default="")
    linked_by: Mapped[str | None] = mapped_column(ForeignKey("researcher.id"), nullable=True)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class MemberCheck(Tracked, Base):
    """Member checking: what was given back to an informant, when, and their response."""

    __tablename__ = "member_check"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    informant_id: Mapped[str] = mapped_column(ForeignKey("informant.id"), index=True)
    material: Mapped[str] = mapped_column(String(16))  # vocabulary.MemberCheckMaterial
    given: Mapped[str] = mapped_column(Text, default="")  # what was given back
    given_on: Mapped[dt.date] = mapped_column(Date)
    response: Mapped[str] = mapped_column(String(16), default="pending")
    response_note: Mapped[str] = mapped_column(Text, default="")
    findings: Mapped[list[Any]] = mapped_column(JSON, default=list)  # finding ids
    recorded_by: Mapped[str | None] = mapped_column(ForeignKey("researcher.id"), nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class ReviewComment(Tracked, Base):
    """A supervisor's comment on a session, or on one question of it."""

    __tablename__ = "review_comment"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    session_id: Mapped[str] = mapped_column(ForeignKey("field_session.id"), index=True)
    answer_key: Mapped[str] = mapped_column(String(300), default="")  # "" = whole session
    comment: Mapped[str] = mapped_column(Text)
    author_id: Mapped[str | None] = mapped_column(ForeignKey("researcher.id"), nullable=True)
    resolved: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class AuditEvent(Base):
    """Who did what, when, on which device; hash-chained per device (store.audit_chain)."""

    __tablename__ = "audit_event"
    __table_args__ = (Index("ix_audit_event_chain", "device_id", "seq"),)
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)
    device_id: Mapped[str] = mapped_column(String(36))
    researcher_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    action: Mapped[str] = mapped_column(String(64))  # e.g. consent.withdrawn
    entity: Mapped[str] = mapped_column(String(32))  # table name
    entity_id: Mapped[str] = mapped_column(String(300))
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    seq: Mapped[int | None] = mapped_column(Integer, nullable=True)  # place in the chain
    prev_hash: Mapped[str] = mapped_column(String(64), default="")
    content_hash: Mapped[str] = mapped_column(String(64), default="")
    # The device sequence number of the write (orders it; unrelated to the chain's seq).
    device_seq: Mapped[int] = mapped_column(Integer, default=next_seq)


class MergeLog(Base):
    __tablename__ = "merge_log"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    package_id: Mapped[str] = mapped_column(String(36), index=True)
    merged_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    source_device_id: Mapped[str] = mapped_column(String(36))
    researcher: Mapped[str] = mapped_column(String(200), default="")
    manifest: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    summary: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    device_id: Mapped[str] = mapped_column(String(36))


class RevisionParent(Base):
    """Further parents of an answer revision: a revision that resolves a conflict replaces
    every head it names, so the merged history has one head again."""

    __tablename__ = "revision_parent"
    revision_id: Mapped[str] = mapped_column(ForeignKey("answer_revision.id"), primary_key=True)
    parent_id: Mapped[str] = mapped_column(String(36), primary_key=True, index=True)


class RowVersion(Base):
    """An immutable state of a row edited in place (a session's status, a coding), with the
    versions it replaced: packages carry these so merges see who changed what from where."""

    __tablename__ = "row_version"
    __table_args__ = (Index("ix_row_version_row", "entity", "row_id"),)
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    entity: Mapped[str] = mapped_column(String(32))
    row_id: Mapped[str] = mapped_column(String(36))
    parents: Mapped[list[Any]] = mapped_column(JSON, default=list)
    state: Mapped[dict[str, Any]] = mapped_column(JSON)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)
    device_id: Mapped[str] = mapped_column(String(36))
    device_seq: Mapped[int] = mapped_column(Integer, default=0)


class RowHead(Base):
    """Which version this database's copy of a row holds (local; never packaged)."""

    __tablename__ = "row_head"
    entity: Mapped[str] = mapped_column(String(32), primary_key=True)
    row_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    version_id: Mapped[str] = mapped_column(String(36))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)
    device_id: Mapped[str] = mapped_column(String(36))
    conflict: Mapped[bool] = mapped_column(Boolean, default=False, index=True)


class IdAlias(Base):
    """A row another laptop made for the same thing (a site or theme of the same name): its
    id maps onto the kept row's, and its own fields are kept in ``detail``."""

    __tablename__ = "id_alias"
    entity: Mapped[str] = mapped_column(String(32), primary_key=True)
    alias_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    canonical_id: Mapped[str] = mapped_column(String(36))
    name: Mapped[str] = mapped_column(String(200), default="")
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class DeviceKey(Base):
    """A device's Ed25519 public key as the study knows it: the supervisor's key alone
    changes study-wide things; a researcher's key vouches for its own rows."""

    __tablename__ = "device_key"
    device_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    public_key: Mapped[str] = mapped_column(String(64), unique=True)  # raw key, hex
    role: Mapped[str] = mapped_column(String(16), default="researcher")  # or supervisor
    # The highest device sequence number received in this device's own signed packages.
    last_seq: Mapped[int] = mapped_column(Integer, default=0)
    added_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    added_by: Mapped[str] = mapped_column(String(36), default="")  # the device that enrolled it


class DeviceSequence(Base):
    """This database's device sequence counter (one row; local, see store.sequence)."""

    __tablename__ = "device_sequence"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    value: Mapped[int] = mapped_column(Integer, default=0)


Index("ix_answer_session", Answer.session_id)
Index("ix_session_site_status", FieldSession.site_id, FieldSession.status)
