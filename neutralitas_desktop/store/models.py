"""The study database schema (DESIGN §3) as SQLAlchemy 2.x typed ORM models.

Keys are UUID strings made on the device, so databases from many laptops merge
without collisions. Every row that can change carries ``updated_at`` (UTC) and the
``device_id`` that last changed it. Answer values are never overwritten: each edit is
an ``AnswerRevision``; the ``Answer`` row caches the current value for fast queries.
Schema changes go through Alembic revisions in ``store/migrations``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    false,
    true,
)
from sqlalchemy.orm import Mapped, mapped_column

# The other tables, declared on the same metadata, importable from here as from one place.
from neutralitas_desktop.store.analysis_models import (
    AgreementAssignment,
    AgreementResolution,
    Coding,
    EvidenceLine,
    Finding,
    Incident,
    MemberCheck,
    ReviewComment,
    Theme,
)
from neutralitas_desktop.store.ledger_models import (
    AuditEvent,
    DeviceKey,
    DeviceSequence,
    IdAlias,
    MergeLog,
    RevisionParent,
    RowHead,
    RowVersion,
)
from neutralitas_desktop.store.legal_models import ElementTestRow, LegalMaterialRow
from neutralitas_desktop.store.model_base import (
    ID_NAMESPACE,
    NAMING,
    Base,
    Owned,
    Tracked,
    derived_id,
    new_id,
    utcnow,
)
from neutralitas_desktop.store.sequence import next_seq


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
    # Added by migration 0017: the informant's separate consent to be named as a source in a
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


Index("ix_answer_session", Answer.session_id)
Index("ix_session_site_status", FieldSession.site_id, FieldSession.status)

__all__ = [
    "ID_NAMESPACE",
    "NAMING",
    "AgreementAssignment",
    "AgreementResolution",
    "Answer",
    "AnswerRevision",
    "Attachment",
    "AuditEvent",
    "Base",
    "Coding",
    "Device",
    "DeviceKey",
    "DeviceSequence",
    "ElementTestRow",
    "EvidenceLine",
    "FieldSession",
    "Finding",
    "IdAlias",
    "Incident",
    "Informant",
    "InformantIdentity",
    "InformantRole",
    "InstrumentVersion",
    "LegalMaterialRow",
    "MemberCheck",
    "MergeLog",
    "Meta",
    "Owned",
    "QuestionStance",
    "Researcher",
    "ReviewComment",
    "RevisionParent",
    "RowHead",
    "RowVersion",
    "Site",
    "Study",
    "Theme",
    "Tracked",
    "derived_id",
    "new_id",
    "utcnow",
]
