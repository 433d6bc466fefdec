"""Audit events: who did what, when, on which device. Every event is written here, as the
next link of its device's hash chain (store.audit_chain), so none can be edited or
deleted unnoticed."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, insert, select
from sqlalchemy.orm import Session

from neutralitas_desktop.fieldwork.actor import Actor
from neutralitas_desktop.store.audit_chain import GENESIS, content_hash
from neutralitas_desktop.store.models import AuditEvent, new_id, utcnow


def record(
    target: Session | Connection,
    actor: Actor,
    action: str,
    entity: str,
    entity_id: str,
    /,
    **detail: Any,
) -> None:
    """Append an event to the acting device's chain, inside the caller's transaction
    (an ORM session or a connection)."""
    if isinstance(target, Session):
        with target.no_autoflush:
            seq, prev = _last(target, actor.device_id)
    else:
        seq, prev = _last(target, actor.device_id)
    row: dict[str, Any] = {
        "id": new_id(),
        "at": utcnow(),
        "device_id": actor.device_id,
        "researcher_id": actor.researcher_id,
        "action": action,
        "entity": entity,
        "entity_id": entity_id,
        # What the JSON column will give back, so that the hash is of what is stored.
        "detail": json.loads(json.dumps(detail, default=str)),
        "seq": seq + 1,
        "prev_hash": prev,
    }
    row["content_hash"] = content_hash(row)
    if isinstance(target, Session):
        target.add(AuditEvent(**row))
    else:
        target.execute(insert(AuditEvent).values(**row))


def _last(target: Session | Connection, device_id: str) -> tuple[int, str]:
    """The place and hash of the device's newest event (0 and GENESIS for none)."""
    found = target.execute(
        select(AuditEvent.seq, AuditEvent.content_hash)
        .where(AuditEvent.device_id == device_id, AuditEvent.seq.is_not(None))
        .order_by(AuditEvent.seq.desc())
        .limit(1)
    ).first()
    seq: int = (found[0] or 0) if found else 0
    prev: str = found[1] if found else GENESIS
    if isinstance(target, Session):  # events added in this session, not yet flushed
        for obj in target.new:
            if isinstance(obj, AuditEvent) and obj.device_id == device_id and (obj.seq or 0) > seq:
                seq, prev = obj.seq or 0, obj.content_hash
    return seq, prev
