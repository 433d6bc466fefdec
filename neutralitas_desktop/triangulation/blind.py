"""Blind double coding: on a session given to a coder for double coding, the other coders'
codings stay hidden from that coder until they mark their own coding of it done, so the
agreement measured is independent judgement, not copying."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from neutralitas_desktop.store.models import AgreementAssignment


def hidden_sessions(session: Session, viewer_id: str | None) -> set[str]:
    """Sessions on which ``viewer_id`` sees only their own codings."""
    if not viewer_id:
        return set()
    return set(
        session.scalars(
            select(AgreementAssignment.session_id).where(
                AgreementAssignment.coder_id == viewer_id,
                AgreementAssignment.done.is_(False),
            )
        )
    )
