"""Audit events: who did what, when, on which device."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from neutralitas_desktop.fieldwork.actor import Actor
from neutralitas_desktop.store.models import AuditEvent


def record(
    session: Session,
    actor: Actor,
    action: str,
    entity: str,
    entity_id: str,
    **detail: Any,
) -> None:
    session.add(
        AuditEvent(
            device_id=actor.device_id,
            researcher_id=actor.researcher_id,
            action=action,
            entity=entity,
            entity_id=entity_id,
            detail=detail,
        )
    )
