"""The legal analysis of a normative study: its legal materials (*bahan hukum*) and the
element-by-element tests of an incident against an article (*unsur pasal*).

Kept apart from ``models`` (which names every table), on the same metadata. Both are
analysis rows like incidents: written by one device, removed as tombstones (``deleted``)
so a removal merges between laptops like any other change.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from neutralitas_desktop.store.model_base import Base, Tracked, new_id, utcnow


class LegalMaterialRow(Tracked, Base):
    """One legal material the study's analysis rests on (study-wide)."""

    __tablename__ = "legal_material"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    kind: Mapped[str] = mapped_column(String(16))  # vocabulary.MaterialKind
    citation: Mapped[str] = mapped_column(Text)
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[str | None] = mapped_column(ForeignKey("researcher.id"), nullable=True)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class ElementTestRow(Tracked, Base):
    """One element of one article tested against an incident, with its verdict."""

    __tablename__ = "element_test"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    incident_id: Mapped[str] = mapped_column(ForeignKey("incident.id"), index=True)
    provision: Mapped[str] = mapped_column(Text)  # the provision's citation
    element: Mapped[str] = mapped_column(String(16))  # vocabulary.Element
    verdict: Mapped[str] = mapped_column(String(16))  # vocabulary.ElementVerdict
    reasoning: Mapped[str] = mapped_column(Text, default="")
    evidence: Mapped[list[Any]] = mapped_column(JSON, default=list)  # evidence line ids
    recorded_by: Mapped[str | None] = mapped_column(ForeignKey("researcher.id"), nullable=True)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
