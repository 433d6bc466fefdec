"""Field sessions: one interview, observation or document review, and its status.

``change_status`` is the one writer of a session's status: it enforces the lifecycle's
transition table (``vocabulary.lifecycle``) and its rule for the end time, for the
runner, the supervisor's review, the ODK import and the merge alike.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from neutralitas_desktop.errors import NeutralitasError, NotFoundError
from neutralitas_desktop.fieldwork import audit
from neutralitas_desktop.fieldwork.actor import Actor
from neutralitas_desktop.store.database import Database
from neutralitas_desktop.store.models import (
    Answer,
    FieldSession,
    Informant,
    InstrumentVersion,
    Researcher,
    Site,
    utcnow,
)
from neutralitas_desktop.vocabulary import Message, SessionStatus, SourceType, lifecycle
from neutralitas_desktop.vocabulary.terms import values

STATUSES = values(SessionStatus)


@dataclass(frozen=True)
class SessionRow:
    id: str
    form_id: str
    form_version: str
    instrument_title: dict[str, str]
    source_type: str
    source_role: str
    site_id: str
    site_name: str
    informant_id: str | None
    informant_code: str
    researcher_name: str
    status: str
    started_at: dt.datetime
    ended_at: dt.datetime | None
    answers: int
    review_comment: str
    position: str


@dataclass(frozen=True)
class SessionFilter:
    site_id: str | None = None
    source_type: str | None = None
    status: str | None = None
    researcher_id: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None


def start_session(
    session: Session,
    actor: Actor,
    *,
    instrument_id: str,
    site_id: str,
    informant_id: str | None = None,
    language: str = "id",
    started_at: dt.datetime | None = None,
    external_id: str | None = None,
) -> str:
    """A new draft session; the source tags come from the instrument and the informant."""
    instrument = session.get(InstrumentVersion, instrument_id)
    if instrument is None:
        raise NotFoundError(f"no instrument with id {instrument_id}")
    if session.get(Site, site_id) is None:
        raise NotFoundError(f"no site with id {site_id}")
    role = ""
    if instrument.source_type == SourceType.INTERVIEW:
        if informant_id is None:
            raise NeutralitasError(message_id=Message.INTERVIEW_NEEDS_INFORMANT)
        informant = session.get(Informant, informant_id)
        if informant is None:
            raise NotFoundError(f"no informant with id {informant_id}")
        role = informant.role
    elif informant_id is not None:
        informant_id = None  # observations and document reviews have no informant
    if actor.researcher_id is None:
        raise NeutralitasError(message_id=Message.NO_RESEARCHER)
    field_session = FieldSession(
        instrument_id=instrument_id,
        site_id=site_id,
        informant_id=informant_id,
        researcher_id=actor.researcher_id,
        source_type=instrument.source_type,
        source_role=role,
        language=language,
        started_at=started_at or utcnow(),
        external_id=external_id,
        device_id=actor.device_id,
    )
    session.add(field_session)
    session.flush()
    audit.record(session, actor, "session.started", "field_session", field_session.id)
    return field_session.id


def status_named(value: str) -> SessionStatus:
    """The status ``value`` names; a user error listing the statuses when it names none."""
    status = lifecycle.status_of(value)
    if status is None:
        raise NeutralitasError(
            message_id=Message.SESSION_STATUS_UNKNOWN, status=value, allowed=", ".join(STATUSES)
        )
    return status


def change_status(
    session: Session,
    actor: Actor,
    session_id: str,
    target: str,
    *,
    comment: str | None = None,
    ended_at: dt.datetime | None = None,
    audited: bool = True,
) -> SessionStatus:
    """Move a session to ``target`` inside ``session`` (the caller's transaction), as the
    lifecycle allows; sets the end time by its rule (``ended_at`` when the fieldwork
    ended at a known time), the review comment when given, and records the change in the
    audit log unless the caller audits the whole batch. Returns the previous status.

    An illegal change (say, approving a draft) is a user error that names the session and
    both statuses."""
    goal = status_named(target)
    row = session.get(FieldSession, session_id)
    if row is None:
        raise NotFoundError(message_id=Message.SESSION_NOT_FOUND, session=session_id)
    previous = status_named(row.status)
    if goal not in lifecycle.TRANSITIONS[previous]:
        raise NeutralitasError(
            message_id=Message.SESSION_TRANSITION,
            session=session_id[:8],
            status=previous,
            target=goal,
        )
    row.status = goal.value
    row.device_id = actor.device_id
    row.ended_at = lifecycle.ended_at_after(goal, row.ended_at, utcnow(), ended_at)
    if comment is not None:
        row.review_comment = comment
    if audited:
        audit.record(
            session, actor, lifecycle.ACTIONS[goal], "field_session", session_id, previous=previous
        )
    return previous


def set_status(
    db: Database,
    actor: Actor,
    session_id: str,
    status: str,
    comment: str | None = None,
    *,
    ended_at: dt.datetime | None = None,
) -> SessionStatus:
    """``change_status`` in a transaction of its own; returns the previous status."""
    with db.session() as session:
        return change_status(session, actor, session_id, status, comment=comment, ended_at=ended_at)


def set_position(db: Database, session_id: str, position: str) -> None:
    """Remember where the researcher is in the form, so a draft resumes there."""
    with db.engine.begin() as con:
        con.execute(
            update(FieldSession).where(FieldSession.id == session_id).values(position=position)
        )


def list_sessions(
    db: Database, filt: SessionFilter | None = None, *, session_id: str | None = None
) -> list[SessionRow]:
    filt = filt or SessionFilter()
    counts = (
        select(Answer.session_id, func.count().label("n"))
        .where(Answer.value.is_not(None))
        .group_by(Answer.session_id)
        .subquery()
    )
    query = (
        select(
            FieldSession,
            InstrumentVersion.form_id,
            InstrumentVersion.version,
            InstrumentVersion.title,
            Site.name,
            Informant.code,
            Researcher.name,
            func.coalesce(counts.c.n, 0),
        )
        .join(InstrumentVersion, InstrumentVersion.id == FieldSession.instrument_id)
        .join(Site, Site.id == FieldSession.site_id)
        .join(Researcher, Researcher.id == FieldSession.researcher_id)
        .outerjoin(Informant, Informant.id == FieldSession.informant_id)
        .outerjoin(counts, counts.c.session_id == FieldSession.id)
        .order_by(FieldSession.started_at.desc())
    )
    if session_id:
        query = query.where(FieldSession.id == session_id)
    if filt.site_id:
        query = query.where(FieldSession.site_id == filt.site_id)
    if filt.source_type:
        query = query.where(FieldSession.source_type == filt.source_type)
    if filt.status:
        query = query.where(FieldSession.status == filt.status)
    if filt.researcher_id:
        query = query.where(FieldSession.researcher_id == filt.researcher_id)
    if filt.since:
        query = query.where(FieldSession.started_at >= dt.datetime.combine(filt.since, dt.time()))
    if filt.until:
        end = dt.datetime.combine(filt.until + dt.timedelta(days=1), dt.time())
        query = query.where(FieldSession.started_at < end)
    with db.session() as session:
        return [
            SessionRow(
                id=s.id,
                form_id=form_id,
                form_version=version,
                instrument_title=dict(title),
                source_type=s.source_type,
                source_role=s.source_role,
                site_id=s.site_id,
                site_name=site_name,
                informant_id=s.informant_id,
                informant_code=code or "",
                researcher_name=researcher,
                status=s.status,
                started_at=s.started_at,
                ended_at=s.ended_at,
                answers=int(n),
                review_comment=s.review_comment,
                position=s.position,
            )
            for s, form_id, version, title, site_name, code, researcher, n in session.execute(query)
        ]


def get_session(db: Database, session_id: str) -> SessionRow:
    rows = list_sessions(db, session_id=session_id)
    if rows:
        return rows[0]
    raise NotFoundError(message_id=Message.SESSION_NOT_FOUND, session=session_id)
