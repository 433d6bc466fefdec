"""The ledger tables: the audit trail, merged packages, row versions and heads, id
aliases, and the devices' keys and sequence numbers."""

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
    String,
)
from sqlalchemy.orm import Mapped, mapped_column

from neutralitas_desktop.store.model_base import Base, new_id, utcnow
from neutralitas_desktop.store.sequence import next_seq


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
