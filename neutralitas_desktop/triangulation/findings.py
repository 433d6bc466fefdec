"""Findings: per theme (and site) the conclusion drawn and how it was verified.

Miles & Huberman's last step, conclusion drawing and verification: a finding starts
*tentative*, becomes *verified* when triangulation bears it out, or is *rejected*. It
rests on incidents (and optionally excerpts: answer or coding ids). Conclusions carry
their reasons: *verified* needs a written reason, and *verified* over incidents none of
which is corroborated needs a reason that says why (at least ``WHY_WORDS`` words); every
status change is kept in the audit trail with who, when and why. Findings are never
deleted (rows merge across laptops); a wrong one is rejected.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, aliased

from neutralitas_desktop.errors import NeutralitasError, NotFoundError
from neutralitas_desktop.fieldwork import audit
from neutralitas_desktop.fieldwork.actor import Actor
from neutralitas_desktop.store.database import Database
from neutralitas_desktop.store.models import (
    Answer,
    Coding,
    Finding,
    Incident,
    Researcher,
    Site,
    Theme,
)
from neutralitas_desktop.triangulation.codebook import theme_by_code
from neutralitas_desktop.triangulation.incidents import get_incident
from neutralitas_desktop.triangulation.types import FINDING_STATUSES, FindingInfo
from neutralitas_desktop.vocabulary import Corroboration, FindingStatus, Message

# Words a reason needs when a finding is verified over incidents none corroborated.
WHY_WORDS = 8


def _check_status(status: str) -> None:
    if status not in FINDING_STATUSES:
        raise NeutralitasError(
            f"unknown finding status '{status}' (choose {', '.join(FINDING_STATUSES)})"
        )


def _check_evidence(session: Session, ids: Iterable[str]) -> list[str]:
    ids = list(dict.fromkeys(i for i in ids if i))
    if not ids:
        return []
    known = set(session.scalars(select(Answer.id).where(Answer.id.in_(ids))))
    known |= set(session.scalars(select(Coding.id).where(Coding.id.in_(ids))))
    missing = [i for i in ids if i not in known]
    if missing:
        raise NotFoundError(f"no answer or coding with id {missing[0]}")
    return ids


def _check_incidents(session: Session, ids: Iterable[str]) -> list[str]:
    ids = list(dict.fromkeys(i for i in ids if i))
    known = set(session.scalars(select(Incident.id).where(Incident.id.in_(ids)))) if ids else set()
    missing = [i for i in ids if i not in known]
    if missing:
        raise NotFoundError(f"no incident with id {missing[0]}")
    return ids


def check_reason(
    db: Database, finding: str, status: str, reason: str, incidents: Iterable[str]
) -> str:
    """The reason, checked against the rule for *verified* (a user error otherwise)."""
    reason = reason.strip()
    if status != FindingStatus.VERIFIED:
        return reason
    if not reason:
        raise NeutralitasError(message_id=Message.VERIFIED_NEEDS_REASON, finding=finding)
    corroborated = any(
        get_incident(db, i).corroboration == Corroboration.CORROBORATED for i in incidents
    )
    if not corroborated and len(reason.split()) < WHY_WORDS:
        raise NeutralitasError(
            message_id=Message.VERIFIED_UNCORROBORATED, finding=finding, words=WHY_WORDS
        )
    return reason


def _site_id(session: Session, site: str | None) -> str | None:
    if not site:
        return None
    site_id = session.scalar(select(Site.id).where(or_(Site.id == site, Site.name == site)))
    if site_id is None:
        raise NotFoundError(f"no site '{site}' in this study")
    return site_id


def add_finding(
    db: Database,
    actor: Actor,
    theme: str,
    conclusion: str,
    *,
    status: str = "tentative",
    site: str | None = None,
    evidence: Iterable[str] = (),
    incidents: Iterable[str] = (),
    reason: str = "",
) -> FindingInfo:
    conclusion = conclusion.strip()
    if not conclusion:
        raise NeutralitasError("a finding needs a conclusion")
    _check_status(status)
    incidents = list(incidents)
    reason = check_reason(db, "(new)", status, reason, incidents)
    with db.session() as session:
        target = theme_by_code(session, theme)
        if target.merged_into_id:
            target = session.get_one(Theme, target.merged_into_id)
        row = Finding(
            theme_id=target.id,
            site_id=_site_id(session, site),
            conclusion=conclusion,
            status=status,
            evidence=_check_evidence(session, evidence),
            incidents=_check_incidents(session, incidents),
            status_reason=reason,
            author_id=actor.researcher_id,
            device_id=actor.device_id,
        )
        session.add(row)
        session.flush()
        audit.record(
            session, actor, "finding.added", "finding", row.id, status=status, reason=reason,
            incidents=row.incidents,
        )  # fmt: skip
        finding_id = row.id
    return get_finding(db, finding_id)


def update_finding(
    db: Database,
    actor: Actor,
    finding_id: str,
    *,
    conclusion: str | None = None,
    status: str | None = None,
    evidence: Iterable[str] | None = None,
    site: str | None = None,
    incidents: Iterable[str] | None = None,
    reason: str = "",
) -> FindingInfo:
    """Change a finding; a status change is audited with who, when and why."""
    with db.session() as session:
        row = session.get(Finding, finding_id)
        if row is None:
            raise NotFoundError(f"no finding with id {finding_id}")
        rests_on = list(row.incidents or []) if incidents is None else list(incidents)
        status_changes = status is not None and status != row.status
    if status is not None and (status_changes or reason.strip()):
        _check_status(status)
        reason = check_reason(db, finding_id, status, reason, rests_on)
    with db.session() as session:
        row = session.get_one(Finding, finding_id)
        if incidents is not None and list(incidents) != list(row.incidents or []):
            row.incidents = _check_incidents(session, incidents)
            audit.record(
                session, actor, "finding.incidents", "finding", finding_id,
                incidents=row.incidents, reason=reason.strip(),
            )  # fmt: skip
        if conclusion is not None:
            if not conclusion.strip():
                raise NeutralitasError("a finding needs a conclusion")
            row.conclusion = conclusion.strip()
        if evidence is not None:
            row.evidence = _check_evidence(session, evidence)
        if site is not None:
            row.site_id = _site_id(session, site)
        if status is not None and (status != row.status or reason.strip()):
            audit.record(
                session, actor, f"finding.{status}", "finding", finding_id,
                previous=row.status, reason=reason,
            )  # fmt: skip
            row.status = status
            row.status_reason = reason
            row.status_before_reasons = False
        row.device_id = actor.device_id
    return get_finding(db, finding_id)


def _query() -> Any:
    author = aliased(Researcher)
    return (
        select(Finding, Theme.code, Theme.label, Site.name, author.name)
        .join(Theme, Theme.id == Finding.theme_id)
        .outerjoin(Site, Site.id == Finding.site_id)
        .outerjoin(author, author.id == Finding.author_id)
        .order_by(Theme.sort, Finding.created_at)
    )


def _info(row: Any) -> FindingInfo:
    f, code, label, site, author = row
    return FindingInfo(
        id=f.id,
        theme_code=code,
        theme_label=dict(label or {}),
        site_id=f.site_id,
        site_name=site or "",
        conclusion=f.conclusion,
        status=f.status,
        evidence=tuple(f.evidence or ()),
        incidents=tuple(f.incidents or ()),
        status_reason=f.status_reason or "",
        status_before_reasons=bool(f.status_before_reasons),
        author_name=author or "",
        created_at=f.created_at,
        updated_at=f.updated_at,
    )


def get_finding(db: Database, finding_id: str) -> FindingInfo:
    with db.session() as session:
        row = session.execute(_query().where(Finding.id == finding_id)).first()
        if row is None:
            raise NotFoundError(f"no finding with id {finding_id}")
        return _info(row)


def list_findings(
    db: Database, *, theme: str | None = None, site: str | None = None, status: str | None = None
) -> list[FindingInfo]:
    query = _query()
    with db.session() as session:
        if theme:
            query = query.where(Finding.theme_id == theme_by_code(session, theme).id)
        if site:
            query = query.where(Finding.site_id == _site_id(session, site))
        if status:
            _check_status(status)
            query = query.where(Finding.status == status)
        return [_info(row) for row in session.execute(query)]
