"""Source tags: where each answer's evidence comes from, derived from its session.

An answer is never tagged by hand: its source type, the informant's role, the site, the
researcher and the time are the session's. When a session was tagged wrongly (the wrong
site picked, an interview logged under the wrong role), the tags are corrected on the
session, once for all its answers, and the correction is kept as an audit event.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from sqlalchemy import or_, select

from neutralitas_desktop.errors import NeutralitasError, NotFoundError
from neutralitas_desktop.fieldwork import audit
from neutralitas_desktop.fieldwork.actor import Actor
from neutralitas_desktop.store.database import Database
from neutralitas_desktop.store.models import (
    Answer,
    FieldSession,
    Informant,
    InformantRole,
    Researcher,
    Site,
    Study,
)
from neutralitas_desktop.triangulation.evidence import Period, study_periods
from neutralitas_desktop.triangulation.types import (
    OUTSIDE_PERIODS,
    SOURCE_TYPE_LABELS,
    AnswerTags,
    SourceTags,
)


def period_of(settings: dict[str, Any], at: dt.datetime) -> str:
    return period_in(study_periods(settings), at)


def period_in(periods: Iterable[Period], at: dt.datetime) -> str:
    """The code of the fieldwork period holding ``at`` (the study's periods, read once)."""
    for period in periods:
        if period.start <= at < period.end:
            return period.code
    return OUTSIDE_PERIODS


def _tags_query() -> Any:
    return (
        select(
            FieldSession.id,
            FieldSession.source_type,
            FieldSession.source_role,
            Informant.code,
            FieldSession.site_id,
            Site.name,
            FieldSession.researcher_id,
            Researcher.name,
            FieldSession.started_at,
            FieldSession.status,
        )
        .join(Site, Site.id == FieldSession.site_id)
        .join(Researcher, Researcher.id == FieldSession.researcher_id)
        .outerjoin(Informant, Informant.id == FieldSession.informant_id)
    )


def _make(row: Any, settings: dict[str, Any]) -> SourceTags:
    sid, source, role, code, site_id, site, rid, researcher, started, status = row
    return SourceTags(
        session_id=sid,
        source_type=source,
        informant_role=role or "",
        informant_code=code or "",
        site_id=site_id,
        site_name=site,
        researcher_id=rid,
        researcher_name=researcher,
        started_at=started,
        period=period_of(settings, started),
        status=status,
    )


def _settings(session: Any) -> dict[str, Any]:
    return dict(session.scalar(select(Study.settings)) or {})


def session_tags(db: Database, session_id: str) -> SourceTags:
    with db.session() as session:
        row = session.execute(_tags_query().where(FieldSession.id == session_id)).first()
        if row is None:
            raise NotFoundError(f"no session with id {session_id}")
        return _make(row, _settings(session))


def answer_tags(db: Database, session_id: str | None = None) -> list[AnswerTags]:
    """Every answer (of one session, or of the study) with its derived source tags."""
    with db.session() as session:
        settings = _settings(session)
        query = _tags_query().add_columns(Answer.id, Answer.key, Answer.question)
        query = query.join(Answer, Answer.session_id == FieldSession.id).order_by(
            FieldSession.started_at, Answer.key
        )
        if session_id is not None:
            query = query.where(FieldSession.id == session_id)
        tags: dict[str, SourceTags] = {}
        result = []
        for row in session.execute(query):
            if row[0] not in tags:
                tags[row[0]] = _make(row[:10], settings)
            result.append(AnswerTags(row[10], row[11], row[12], tags[row[0]]))
        return result


def correct_session_tags(
    db: Database,
    actor: Actor,
    session_id: str,
    *,
    source_type: str | None = None,
    informant_role: str | None = None,
    site: str | None = None,
    researcher: str | None = None,
    started_at: dt.datetime | None = None,
    reason: str = "",
) -> SourceTags:
    """Correct a session's source tags (None leaves a tag as it is); audited with the
    previous and new values and the reason."""
    with db.session() as session:
        row = session.get(FieldSession, session_id)
        if row is None:
            raise NotFoundError(f"no session with id {session_id}")
        changes: dict[str, list[Any]] = {}

        def change(field: str, value: Any) -> None:
            old = getattr(row, field)
            if value != old:
                changes[field] = [_plain(old), _plain(value)]
                setattr(row, field, value)

        if source_type is not None:
            if source_type not in SOURCE_TYPE_LABELS:
                raise NeutralitasError(
                    f"unknown source type '{source_type}' (choose {', '.join(SOURCE_TYPE_LABELS)})"
                )
            change("source_type", source_type)
        if informant_role is not None:
            if informant_role and session.get(InformantRole, informant_role) is None:
                raise NeutralitasError(f"unknown informant role '{informant_role}'")
            change("source_role", informant_role)
        if row.source_type != "interview" and row.source_role:
            change("source_role", "")  # only interviews have an informant role
        if site is not None:
            site_id = session.scalar(select(Site.id).where(or_(Site.id == site, Site.name == site)))
            if site_id is None:
                raise NotFoundError(f"no site '{site}' in this study")
            change("site_id", site_id)
        if researcher is not None:
            rid = session.scalar(
                select(Researcher.id).where(
                    or_(
                        Researcher.id == researcher,
                        Researcher.name == researcher,
                        Researcher.initials == researcher,
                    )
                )
            )
            if rid is None:
                raise NotFoundError(f"no researcher '{researcher}' in this study")
            change("researcher_id", rid)
        if started_at is not None:
            change("started_at", started_at)
        if changes:
            row.device_id = actor.device_id
            audit.record(
                session,
                actor,
                "session.tags_corrected",
                "field_session",
                session_id,
                changes=changes,
                reason=reason,
            )
    return session_tags(db, session_id)


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.datetime) else value
