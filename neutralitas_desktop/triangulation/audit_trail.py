"""The analytic audit trail: every analytic decision with who, when and why.

Status changes of findings (with their reasons), incidents recorded, lines of evidence
linked and unlinked, codings added and deleted (recodes), themes merged, renamed or
retired, the corroboration threshold changed, member checks recorded and the legal
analysis (materials, element tests) kept: what a thesis's
credibility section (dependability, confirmability) cites. The events are the study's
audit events (they travel in packages and merge), read here in order."""

from __future__ import annotations

from sqlalchemy import or_, select

from neutralitas_desktop.store.database import Database
from neutralitas_desktop.store.models import AuditEvent, Researcher
from neutralitas_desktop.triangulation.incident_types import AuditEntry

ANALYTIC_PREFIXES = (
    "finding.",
    "incident.",
    "coding.",
    "theme.",
    "member_check.",
    "codebook.",
    "legal.",  # legal materials and element tests (triangulation.legal_analysis)
)
ANALYTIC_ACTIONS = ("study.thresholds",)
# Events on these rows are analytic decisions whatever their action: which side of a
# finding's conflicting edits was kept (conflict.resolved) belongs in its trail too.
ANALYTIC_ENTITIES = ("finding",)


def audit_trail(db: Database, *, entity_id: str | None = None) -> list[AuditEntry]:
    """The analytic decisions, oldest first (optionally those on one row)."""
    query = (
        select(AuditEvent, Researcher.name)
        .outerjoin(Researcher, Researcher.id == AuditEvent.researcher_id)
        .where(
            or_(
                *[AuditEvent.action.startswith(p) for p in ANALYTIC_PREFIXES],
                AuditEvent.action.in_(ANALYTIC_ACTIONS),
                AuditEvent.entity.in_(ANALYTIC_ENTITIES),
            )
        )
        .order_by(AuditEvent.at, AuditEvent.id)
    )
    if entity_id:
        query = query.where(AuditEvent.entity_id == entity_id)
    with db.session() as session:
        return [
            AuditEntry(
                id=e.id,
                at=e.at,
                researcher=name or "",
                device_id=e.device_id,
                action=e.action,
                entity=e.entity,
                entity_id=e.entity_id,
                reason=str((e.detail or {}).get("reason") or ""),
                detail={k: v for k, v in (e.detail or {}).items() if k != "reason"},
            )
            for e, name in session.execute(query)
        ]
