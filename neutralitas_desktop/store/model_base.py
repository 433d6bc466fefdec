"""What every table of the study schema shares: the declarative base with its naming
convention, the id and clock helpers, and the columns that track who changed a row and
in which order (DESIGN §3)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    DateTime,
    Integer,
    MetaData,
    String,
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
