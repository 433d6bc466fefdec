"""The analysis tables: themes (the codebook), codings, coder agreement, findings,
incidents with their lines of evidence, member checks and review comments."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from neutralitas_desktop.store.model_base import Base, Owned, Tracked, new_id, utcnow


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
