"""Reading a supervisor's review comments: the runner shows them beside the questions of a
returned session, the review screens list them (exchange.review writes them)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select

from neutralitas_desktop.store.database import Database
from neutralitas_desktop.store.models import Researcher, ReviewComment


@dataclass(frozen=True)
class ReviewCommentInfo:
    id: str
    session_id: str
    answer_key: str  # "" = the whole session
    comment: str
    author: str
    created_at: dt.datetime
    resolved: bool


def review_comments(db: Database, session_id: str) -> list[ReviewCommentInfo]:
    """The comments on a session, the session's own first, then by question, oldest first."""
    with db.session() as s:
        rows = s.execute(
            select(ReviewComment, func.coalesce(Researcher.name, ""))
            .outerjoin(Researcher, Researcher.id == ReviewComment.author_id)
            .where(ReviewComment.session_id == session_id)
            .order_by(ReviewComment.answer_key, ReviewComment.created_at, ReviewComment.id)
        ).all()
        return [
            ReviewCommentInfo(
                id=c.id,
                session_id=c.session_id,
                answer_key=c.answer_key,
                comment=c.comment,
                author=author,
                created_at=c.created_at,
                resolved=c.resolved,
            )
            for c, author in rows
        ]
