"""Counts of what a study holds (`neutralitas stats`)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from neutralitas_desktop.instruments.model import SOURCE_TYPES
from neutralitas_desktop.store.database import Database
from neutralitas_desktop.store.models import (
    Answer,
    Attachment,
    Coding,
    FieldSession,
    Informant,
    InstrumentVersion,
    Site,
)


def study_stats(db: Database) -> dict[str, Any]:
    with db.session() as s:
        by_source = dict.fromkeys(SOURCE_TYPES, 0)
        for source, n in s.execute(
            select(FieldSession.source_type, func.count()).group_by(FieldSession.source_type)
        ):
            by_source[source] = int(n)
        by_status = {
            status: int(n)
            for status, n in s.execute(
                select(FieldSession.status, func.count()).group_by(FieldSession.status)
            )
        }
        return {
            "sites": s.scalar(select(func.count()).select_from(Site)) or 0,
            "informants": s.scalar(select(func.count()).select_from(Informant)) or 0,
            "instruments": s.scalar(select(func.count()).select_from(InstrumentVersion)) or 0,
            "sessions": by_source,
            "sessions_total": sum(by_source.values()),
            "sessions_by_status": by_status,
            "answers": s.scalar(
                select(func.count()).select_from(Answer).where(Answer.value.is_not(None))
            )
            or 0,
            "attachments": s.scalar(select(func.count()).select_from(Attachment)) or 0,
            "codings": s.scalar(
                select(func.count()).select_from(Coding).where(Coding.deleted.is_(False))
            )
            or 0,
        }
