"""Incidents and their lines of evidence: record, link, unlink, read, corroborate.

An incident is the unit of analysis (who did what, when, where). A line of evidence links
it to what the study holds — an answer, a coded excerpt, a field note, a documentation
session or an attachment — with a kind (observed, document, self-report, witness,
hearsay, denial). Where a line comes from (technique, informant, session, date) is read
from its session every time, never typed. Each link and unlink is an analytic decision
and is kept in the audit trail with its reason; unlinking leaves a tombstone so that it
merges between laptops.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, aliased

from neutralitas_desktop.errors import NeutralitasError, NotFoundError
from neutralitas_desktop.fieldwork import audit
from neutralitas_desktop.fieldwork.actor import Actor
from neutralitas_desktop.fieldwork.sites import find_or_create_site
from neutralitas_desktop.store.change_mark import kept
from neutralitas_desktop.store.database import Database
from neutralitas_desktop.store.models import (
    Answer,
    Attachment,
    Coding,
    EvidenceLine,
    FieldSession,
    Incident,
    Informant,
    InformantRole,
    Researcher,
    Site,
    Study,
    Theme,
    utcnow,
)
from neutralitas_desktop.triangulation import corroboration as rule
from neutralitas_desktop.triangulation.answer_labels import AnswerLabels
from neutralitas_desktop.triangulation.codebook import theme_by_code
from neutralitas_desktop.triangulation.evidence import (
    EXCLUDED_CONSENT,
    EXCLUDED_STATUS,
    study_periods,
)
from neutralitas_desktop.triangulation.incident_types import IncidentInfo, LineInfo
from neutralitas_desktop.triangulation.tags import period_in
from neutralitas_desktop.triangulation.types import OUTSIDE_LABEL, OUTSIDE_PERIODS
from neutralitas_desktop.vocabulary import ActorType, EvidenceKind, LineTarget
from neutralitas_desktop.vocabulary.terms import values

ACTOR_TYPES: tuple[str, ...] = values(ActorType)
EVIDENCE_KINDS: tuple[str, ...] = values(EvidenceKind)


def _settings(session: Session) -> dict[str, Any]:
    return dict(session.scalar(select(Study.settings)) or {})


def _check(value: str, allowed: tuple[str, ...], what: str) -> str:
    if value not in allowed:
        raise NeutralitasError(f"unknown {what} '{value}' (choose {', '.join(allowed)})")
    return value


def _live_theme_id(session: Session, code: str) -> str:
    theme = theme_by_code(session, code)
    return theme.merged_into_id or theme.id


def add_incident(
    db: Database,
    actor: Actor,
    *,
    site: str,
    theme: str,
    actor_type: str,
    date_start: dt.date,
    date_end: dt.date | None = None,
    actor_code: str = "",
    platform: str = "",
    link: str = "",
    favours: str = "",
    summary: str = "",
) -> IncidentInfo:
    """Record an incident; the site is created when the study has none of that name."""
    _check(actor_type, ACTOR_TYPES, "actor type")
    if not summary.strip():
        raise NeutralitasError("an incident needs a summary (who did what)")
    if date_end is not None and date_end < date_start:
        raise NeutralitasError(f"the incident ends ({date_end}) before it starts ({date_start})")
    with db.session() as session:
        site_id = session.scalar(select(Site.id).where(Site.id == site)) or find_or_create_site(
            session, actor, site
        )
        row = Incident(
            site_id=site_id,
            theme_id=_live_theme_id(session, theme),
            actor_type=actor_type,
            actor_code=actor_code.strip(),
            date_start=date_start,
            date_end=date_end,
            platform=platform.strip(),
            link=link.strip(),
            favours=favours.strip(),
            summary=summary.strip(),
            recorded_by=actor.researcher_id,
            device_id=actor.device_id,
        )
        session.add(row)
        session.flush()
        audit.record(session, actor, "incident.added", "incident", row.id, theme=theme)
        incident_id = row.id
    return get_incident(db, incident_id)


def _resolve_target(
    session: Session,
    session_id: str | None,
    question: str | None,
    answer_id: str | None,
    coding_id: str | None,
    attachment: str | None,
    note: bool,
) -> tuple[str, str, str | None, str | None, str | None]:
    """(target, session id, answer id, coding id, attachment) of what is being linked."""
    if coding_id:
        coding = session.get(Coding, coding_id)
        if coding is None or coding.deleted:
            raise NotFoundError(f"no coding with id {coding_id}")
        answer = session.get_one(Answer, coding.answer_id)
        return LineTarget.CODING, answer.session_id, answer.id, coding.id, None
    if answer_id:
        linked = session.get(Answer, answer_id)
        if linked is None:
            raise NotFoundError(f"no answer with id {answer_id}")
        session_id = linked.session_id
    elif session_id:
        if session.get(FieldSession, session_id) is None:
            raise NotFoundError(f"no session with id {session_id}")
        if question:
            found = session.scalar(  # by its key ("rep[2]/q"), else the question's first
                select(Answer)
                .where(
                    Answer.session_id == session_id,
                    or_(Answer.key == question, Answer.question == question),
                )
                .order_by(Answer.key != question, Answer.key)
            )
            if found is None:
                raise NotFoundError(f"session {session_id} has no answer to '{question}'")
            answer_id = found.id
    else:
        raise NeutralitasError("say what the line links: a session, answer or coding")
    assert session_id is not None
    if attachment:
        if session.get(Attachment, attachment) is None:
            raise NotFoundError(f"no attachment with SHA-256 {attachment}")
        return LineTarget.ATTACHMENT, session_id, answer_id, None, attachment
    if answer_id:
        return (LineTarget.NOTE if note else LineTarget.ANSWER), session_id, answer_id, None, None
    return LineTarget.SESSION, session_id, None, None, None


def link(
    db: Database,
    actor: Actor,
    incident_id: str,
    kind: str,
    *,
    session_id: str | None = None,
    question: str | None = None,
    answer_id: str | None = None,
    coding_id: str | None = None,
    attachment: str | None = None,
    note: bool = False,
    memo: str = "",
    reason: str = "",
) -> LineInfo:
    """Link an incident to an answer, excerpt, note, documentation session or attachment."""
    _check(kind, EVIDENCE_KINDS, "kind of evidence")
    with db.session() as session:
        if session.get(Incident, incident_id) is None:
            raise NotFoundError(f"no incident with id {incident_id}")
        target, sid, aid, cid, sha = _resolve_target(
            session, session_id, question, answer_id, coding_id, attachment, note
        )
        row = EvidenceLine(
            incident_id=incident_id,
            kind=kind,
            target=target,
            session_id=sid,
            answer_id=aid,
            coding_id=cid,
            attachment_sha256=sha,
            memo=memo.strip(),
            linked_by=actor.researcher_id,
            device_id=actor.device_id,
        )
        session.add(row)
        session.flush()
        audit.record(
            session, actor, "incident.linked", "incident", incident_id,
            line=row.id, kind=kind, target=target, field_session=sid, reason=reason.strip(),
        )  # fmt: skip
        line_id = row.id
    return next(x for x in get_incident(db, incident_id).lines if x.id == line_id)


def unlink(db: Database, actor: Actor, line: str, *, reason: str = "") -> IncidentInfo:
    """Remove a line of evidence from its incident (kept as a tombstone, with the reason).

    ``line`` is the line's id, or an incident id together with nothing else linked twice:
    use the line id the incident's listing shows."""
    with db.session() as session:
        row = session.get(EvidenceLine, line)
        if row is None or row.deleted:
            raise NotFoundError(f"no line of evidence with id {line}")
        row.deleted = True
        row.device_id = actor.device_id
        row.updated_at = utcnow()
        audit.record(
            session, actor, "incident.unlinked", "incident", row.incident_id,
            line=row.id, kind=row.kind, field_session=row.session_id, reason=reason.strip(),
        )  # fmt: skip
        incident_id = row.incident_id
    return get_incident(db, incident_id)


# ---- reading -------------------------------------------------------------------------
# Read as plain rows (no ORM objects): the matrix reads every incident at every call.
_LINE_COLUMNS = (
    EvidenceLine.id,
    EvidenceLine.incident_id,
    EvidenceLine.kind,
    EvidenceLine.target,
    EvidenceLine.session_id,
    EvidenceLine.answer_id,
    EvidenceLine.coding_id,
    EvidenceLine.attachment_sha256,
    EvidenceLine.memo,
)
_INCIDENT_COLUMNS = (
    Incident.id,
    Incident.site_id,
    Incident.actor_type,
    Incident.actor_code,
    Incident.date_start,
    Incident.date_end,
    Incident.platform,
    Incident.link,
    Incident.favours,
    Incident.summary,
)


@functools.cache  # a statement is immutable: built once, reused by every listing
def _lines_query() -> Any:
    role = aliased(InformantRole)
    return (
        select(
            *_LINE_COLUMNS,
            FieldSession.source_type,
            FieldSession.source_role,
            FieldSession.started_at,
            FieldSession.status,
            FieldSession.researcher_id,
            FieldSession.instrument_id,
            Informant.id.label("informant_id"),
            Informant.code,
            Informant.consent_status,
            role.label,
            Answer.question,
            Answer.value,
            Answer.note,
            Coding.excerpt,
            Attachment.filename,
            Attachment.created_at.label("captured"),
        )
        .join(FieldSession, FieldSession.id == EvidenceLine.session_id)
        .outerjoin(Informant, Informant.id == FieldSession.informant_id)
        .outerjoin(role, role.code == FieldSession.source_role)
        .outerjoin(Answer, Answer.id == EvidenceLine.answer_id)
        .outerjoin(Coding, Coding.id == EvidenceLine.coding_id)
        .outerjoin(Attachment, Attachment.sha256 == EvidenceLine.attachment_sha256)
        .where(EvidenceLine.deleted.is_(False))
        .order_by(FieldSession.started_at, EvidenceLine.created_at, EvidenceLine.id)
    )


def _lines(session: Session, incident_ids: Iterable[str] | None) -> dict[str, list[Any]]:
    query = _lines_query()
    if incident_ids is not None:
        query = query.where(EvidenceLine.incident_id.in_(list(incident_ids)))
    out: dict[str, list[Any]] = {}
    for r in session.execute(query).all():
        out.setdefault(r.incident_id, []).append(r)
    return out


def _counts(r: Any) -> bool:
    return bool(r.status != EXCLUDED_STATUS and r.consent_status not in EXCLUDED_CONSENT)


def _source(r: Any) -> rule.LineSource:
    return rule.LineSource(r.id, r.kind, r.source_type, r.informant_id or "", r.session_id)


def _text(r: Any) -> str:
    if r.target == LineTarget.CODING:
        return str(r.excerpt or "")
    if r.target == LineTarget.NOTE:
        return str(r.note or "")
    if r.target == LineTarget.ATTACHMENT:
        return str(r.filename or r.attachment_sha256 or "")
    return str(r.value or "") if r.answer_id else ""


def _line_info(r: Any, deciding: set[str], labels: AnswerLabels) -> LineInfo:
    answer = r.target == LineTarget.ANSWER and r.answer_id and r.question
    return LineInfo(
        id=r.id,
        incident_id=r.incident_id,
        kind=r.kind,
        target=r.target,
        session_id=r.session_id,
        answer_id=r.answer_id,
        coding_id=r.coding_id,
        attachment_sha256=r.attachment_sha256,
        attachment_captured_at=r.captured,
        question=r.question or "",
        text=_text(r),
        memo=r.memo,
        technique=r.source_type,
        informant_code=r.code or "",
        informant_role=r.source_role or "",
        role_label=dict(r.label or {}),
        session_date=r.started_at,
        session_status=r.status,
        researcher_id=r.researcher_id,
        counts=_counts(r),
        deciding=r.id in deciding,
        question_label=labels.question(r.instrument_id, r.question) if r.question else {},
        text_label=labels.value_local(r.instrument_id, r.question, r.value or "") if answer else {},
    )


def decide_lines(rows: list[Any], threshold: int) -> rule.Decision:
    """The rule over an incident's lines that count (consent and refusals respected)."""
    return rule.decide([_source(r) for r in rows if _counts(r)], threshold)


@functools.cache
def _query() -> Any:
    recorder = aliased(Researcher)
    return (
        select(
            *_INCIDENT_COLUMNS,
            Site.name.label("site_name"),
            Theme.code.label("theme_code"),
            Theme.label.label("theme_label"),
            recorder.name.label("recorder"),
        )
        .join(Site, Site.id == Incident.site_id)
        .join(Theme, Theme.id == Incident.theme_id)
        .outerjoin(recorder, recorder.id == Incident.recorded_by)
        .order_by(Site.name, Incident.date_start, Incident.created_at)
    )


def _infos(session: Session, rows: list[Any], every: bool = False) -> list[IncidentInfo]:
    """``every``: the rows are all the study's incidents (their lines are read without
    naming each incident in the query)."""
    settings = _settings(session)
    threshold = rule.threshold_of(settings)
    periods = study_periods(settings)
    labels = {p.get("code"): dict(p.get("label") or {}) for p in settings.get("periods") or []}
    lines = _lines(session, None if every else [r.id for r in rows]) if rows else {}
    answers = AnswerLabels.load(session, {x.instrument_id for xs in lines.values() for x in xs})
    out = []
    for incident in rows:
        mine = lines.get(incident.id, [])
        decision = decide_lines(mine, threshold)
        stage = period_in(periods, dt.datetime.combine(incident.date_start, dt.time()))
        out.append(
            IncidentInfo(
                id=incident.id,
                site_id=incident.site_id,
                site_name=incident.site_name,
                theme_code=incident.theme_code,
                theme_label=dict(incident.theme_label or {}),
                actor_type=incident.actor_type,
                actor_code=incident.actor_code,
                date_start=incident.date_start,
                date_end=incident.date_end,
                stage=stage,
                stage_label=labels.get(stage, OUTSIDE_LABEL if stage == OUTSIDE_PERIODS else {}),
                platform=incident.platform,
                link=incident.link,
                favours=incident.favours,
                summary=incident.summary,
                recorded_by=incident.recorder or "",
                corroboration=decision.corroboration.value,
                independent=decision.independent,
                lines=tuple(_line_info(r, set(decision.deciding), answers) for r in mine),
                threshold=threshold,
            )
        )
    return out


def get_incident(db: Database, incident_id: str) -> IncidentInfo:
    with db.session() as session:
        rows = session.execute(_query().where(Incident.id == incident_id)).all()
        if not rows:
            raise NotFoundError(f"no incident with id {incident_id}")
        return _infos(session, list(rows))[0]


def list_incidents(
    db: Database, *, site: str | None = None, theme: str | None = None
) -> list[IncidentInfo]:
    """Incidents with their corroboration, by site and date."""
    with db.session() as session:
        if not (site or theme):
            return read_incidents(session)
        query = _query()
        if site:
            site_id = session.scalar(select(Site.id).where(or_(Site.id == site, Site.name == site)))
            if site_id is None:
                raise NotFoundError(f"no site '{site}' in this study")
            query = query.where(Incident.site_id == site_id)
        if theme:
            query = query.where(Incident.theme_id == _live_theme_id(session, theme))
        return _infos(session, list(session.execute(query).all()))


def read_incidents(session: Session) -> list[IncidentInfo]:
    """Every incident of the study, in an open unit of work (the matrix reads them with
    the rest of what it shows). Kept while no row of the study changes (store.change_mark):
    the matrix reads them at every call, whatever its grouping and filters."""

    def read() -> tuple[IncidentInfo, ...]:
        return tuple(_infos(session, list(session.execute(_query()).all()), every=True))

    return list(kept(session.connection(), "incidents", read))
