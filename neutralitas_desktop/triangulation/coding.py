"""Hand coding: a passage of an answer's text (or field note) coded with a theme and stance.

A coding keeps the passage's offsets *and* its text, so it still says what was coded
if the answer is edited later (it is then flagged stale). Each researcher's codings are
their own rows; several coders' codings of the same passage coexist. Deleting leaves a
tombstone, because coding rows are merged between laptops and a deleted row must not
come back from another researcher's package.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from neutralitas_desktop.errors import NeutralitasError, NotFoundError
from neutralitas_desktop.fieldwork import audit
from neutralitas_desktop.fieldwork.actor import Actor
from neutralitas_desktop.fieldwork.transcripts import TRANSCRIPT_KEY, TRANSCRIPT_LABEL
from neutralitas_desktop.instruments.model import FREE_TEXT_TYPES, Instrument
from neutralitas_desktop.store.database import Database
from neutralitas_desktop.store.models import (
    Answer,
    Coding,
    FieldSession,
    InstrumentVersion,
    Researcher,
    Theme,
    utcnow,
)
from neutralitas_desktop.triangulation.blind import hidden_sessions
from neutralitas_desktop.triangulation.codebook import live_theme
from neutralitas_desktop.triangulation.types import (
    CODING_TARGETS,
    STANCES,
    CodableText,
    CodingInfo,
)


def _check_stance(stance: str) -> None:
    if stance not in STANCES:
        raise NeutralitasError(f"unknown stance '{stance}' (choose {', '.join(STANCES)})")


def codable_texts(db: Database, session_id: str, viewer_id: str | None = None) -> list[CodableText]:
    """The session's free-text answers and field notes, in form order, then its transcript
    (with ``viewer_id``, the codings counted are those that researcher may see)."""
    with db.session() as session:
        row = session.execute(
            select(InstrumentVersion.definition)
            .join(FieldSession, FieldSession.instrument_id == InstrumentVersion.id)
            .where(FieldSession.id == session_id)
        ).first()
        if row is None:
            raise NotFoundError(f"no session with id {session_id}")
        instrument = Instrument.from_dict(row[0])
        answers = session.execute(
            select(Answer.id, Answer.key, Answer.question, Answer.value, Answer.note).where(
                Answer.session_id == session_id, Answer.relevant.is_(True)
            )
        ).all()
        counted = (
            select(Coding.answer_id.concat("/").concat(Coding.target), func.count())
            .join(Answer, Answer.id == Coding.answer_id)
            .where(Answer.session_id == session_id, Coding.deleted.is_(False))
            .group_by(Coding.answer_id, Coding.target)
        )
        if session_id in hidden_sessions(session, viewer_id):  # blind: count only one's own
            counted = counted.where(Coding.coder_id == viewer_id)
        counts = dict(session.execute(counted).all())
    questions = {q.name: q for q in instrument.questions()}
    order = {name: i for i, name in enumerate(questions)}
    texts = []
    for aid, key, name, value, note in answers:
        if key == TRANSCRIPT_KEY:
            if value:
                count = counts.get(f"{aid}/value", 0)
                texts.append(
                    CodableText(aid, key, name, dict(TRANSCRIPT_LABEL), "value", value, "", count)
                )
            continue
        q = questions.get(name)
        label = dict(q.label) if q else {}
        theme = q.theme if q else ""
        if q is not None and q.type in FREE_TEXT_TYPES and value:
            texts.append(
                CodableText(
                    aid, key, name, label, "value", value, theme, counts.get(f"{aid}/value", 0)
                )
            )
        if note:
            texts.append(
                CodableText(
                    aid, key, name, label, "note", note, theme, counts.get(f"{aid}/note", 0)
                )
            )
    texts.sort(key=lambda t: (order.get(t.question, len(order)), t.key, t.target == "note"))
    return texts


def _codings_query() -> Any:
    coder = aliased(Researcher)
    return (
        select(Coding, Answer.session_id, Answer.key, Answer.value, Answer.note, Theme, coder.name)
        .join(Answer, Answer.id == Coding.answer_id)
        .join(Theme, Theme.id == Coding.theme_id)
        .outerjoin(coder, coder.id == Coding.coder_id)
        .order_by(Answer.key, Coding.target, Coding.start, Coding.created_at)
    )


def _info(row: Any) -> CodingInfo:
    c, session_id, key, value, note, theme, coder = row
    text = (note if c.target == "note" else value) or ""
    stale = c.start is not None and c.end is not None and text[c.start : c.end] != c.excerpt
    return CodingInfo(
        id=c.id,
        answer_id=c.answer_id,
        session_id=session_id,
        answer_key=key,
        theme_code=theme.code,
        theme_label=dict(theme.label or {}),
        stance=c.stance,
        target=c.target,
        start=c.start,
        end=c.end,
        excerpt=c.excerpt,
        memo=c.memo,
        coder_id=c.coder_id,
        coder_name=coder or "",
        created_at=c.created_at,
        deleted=c.deleted,
        stale=stale,
    )


def list_codings(
    db: Database,
    *,
    session_id: str | None = None,
    answer_id: str | None = None,
    theme: str | None = None,
    coder_id: str | None = None,
    include_deleted: bool = False,
    viewer_id: str | None = None,
) -> list[CodingInfo]:
    """Codings, newest last; with ``viewer_id``, without the other coders' codings of the
    sessions that researcher is still double coding blind."""
    query = _codings_query()
    if session_id:
        query = query.where(Answer.session_id == session_id)
    if answer_id:
        query = query.where(Coding.answer_id == answer_id)
    if theme:
        query = query.where(Theme.code == theme)
    if coder_id:
        query = query.where(Coding.coder_id == coder_id)
    if not include_deleted:
        query = query.where(Coding.deleted.is_(False))
    with db.session() as session:
        hidden = hidden_sessions(session, viewer_id)
        rows = [_info(row) for row in session.execute(query)]
    return [c for c in rows if c.session_id not in hidden or c.coder_id == viewer_id]


def get_coding(db: Database, coding_id: str) -> CodingInfo:
    with db.session() as session:
        row = session.execute(_codings_query().where(Coding.id == coding_id)).first()
        if row is None:
            raise NotFoundError(f"no coding with id {coding_id}")
        return _info(row)


def add_coding(
    db: Database,
    actor: Actor,
    answer_id: str,
    theme: str,
    stance: str,
    start: int | None = None,
    end: int | None = None,
    *,
    target: str = "value",
    memo: str = "",
) -> CodingInfo:
    """Code the passage ``text[start:end]`` of an answer's value or note (the whole text
    when no offsets are given). Offsets count characters (code points)."""
    _check_stance(stance)
    if target not in CODING_TARGETS:
        raise NeutralitasError(f"unknown coding target '{target}' (choose value or note)")
    with db.session() as session:
        answer = session.get(Answer, answer_id)
        if answer is None:
            raise NotFoundError(f"no answer with id {answer_id}")
        text = (answer.note if target == "note" else answer.value) or ""
        if not text:
            raise NeutralitasError(f"answer '{answer.key}' has no {target} text to code")
        start = 0 if start is None else start
        end = len(text) if end is None else end
        if not 0 <= start < end <= len(text):
            raise NeutralitasError(
                f"passage {start}–{end} lies outside the {target} of '{answer.key}' "
                f"({len(text)} characters)"
            )
        row = Coding(
            answer_id=answer_id,
            theme_id=live_theme(session, theme).id,
            stance=stance,
            target=target,
            start=start,
            end=end,
            excerpt=text[start:end],
            memo=memo.strip(),
            coder_id=actor.researcher_id,
            device_id=actor.device_id,
        )
        session.add(row)
        session.flush()
        audit.record(
            session, actor, "coding.added", "coding", row.id,
            theme=theme, stance=stance, excerpt=row.excerpt[:200],
        )  # fmt: skip
        coding_id = row.id
    return get_coding(db, coding_id)


def update_coding(
    db: Database,
    actor: Actor,
    coding_id: str,
    *,
    theme: str | None = None,
    stance: str | None = None,
    memo: str | None = None,
) -> CodingInfo:
    with db.session() as session:
        row = session.get(Coding, coding_id)
        if row is None or row.deleted:
            raise NotFoundError(f"no coding with id {coding_id}")
        if theme is not None:
            row.theme_id = live_theme(session, theme).id
        if stance is not None:
            _check_stance(stance)
            row.stance = stance
        if memo is not None:
            row.memo = memo.strip()
        row.device_id = actor.device_id
        row.updated_at = utcnow()
        if theme is not None or stance is not None:
            audit.record(
                session, actor, "coding.recoded", "coding", coding_id, theme=theme, stance=stance
            )
    return get_coding(db, coding_id)


def delete_coding(db: Database, actor: Actor, coding_id: str) -> None:
    """Delete a coding (a tombstone that wins over the live row when packages merge)."""
    with db.session() as session:
        row = session.get(Coding, coding_id)
        if row is None:
            raise NotFoundError(f"no coding with id {coding_id}")
        if row.deleted:
            return
        row.deleted = True
        row.device_id = actor.device_id
        row.updated_at = utcnow()
        audit.record(
            session, actor, "coding.deleted", "coding", coding_id, excerpt=row.excerpt[:200]
        )
