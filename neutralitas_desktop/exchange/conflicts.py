"""Conflicts left by merges — an answer, a session's status, a coding or a finding changed on
two devices from the same state — listed side by side with who, where and when, and resolved
by choosing a side or writing a value. A resolution is a new revision (or version) that
replaces every head, so the history has one head again; nothing is discarded."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, or_, select

from neutralitas_desktop.errors import NeutralitasError, NotFoundError
from neutralitas_desktop.exchange import history, versions
from neutralitas_desktop.exchange.results import ConflictInfo, ConflictSide
from neutralitas_desktop.exchange.tables import table_of
from neutralitas_desktop.fieldwork import audit, journal
from neutralitas_desktop.fieldwork.actor import Actor
from neutralitas_desktop.fieldwork.sessions import status_named
from neutralitas_desktop.store import sequence
from neutralitas_desktop.store.database import Database
from neutralitas_desktop.store.models import (
    Answer,
    Coding,
    Device,
    FieldSession,
    Finding,
    Informant,
    InstrumentVersion,
    Researcher,
    RevisionParent,
    RowHead,
    Site,
    Theme,
    derived_id,
    utcnow,
)
from neutralitas_desktop.vocabulary import Message, lifecycle

# The kind of conflict each versioned table's rows make.
KINDS = {"field_session": "session", "coding": "coding", "finding": "finding"}


def _context(con: Connection, session_ids: Iterable[str]) -> dict[str, tuple[str, str, str]]:
    """(site, informant code, form id) per session."""
    rows = con.execute(
        select(FieldSession.id, Site.name, Informant.code, InstrumentVersion.form_id)
        .join(Site, Site.id == FieldSession.site_id)
        .join(InstrumentVersion, InstrumentVersion.id == FieldSession.instrument_id)
        .outerjoin(Informant, Informant.id == FieldSession.informant_id)
        .where(FieldSession.id.in_(list(set(session_ids))))
    )
    return {sid: (site, code or "", form) for sid, site, code, form in rows}


def _who(con: Connection) -> tuple[dict[str, str], dict[str, str]]:
    devices = dict(con.execute(select(Device.id, Device.name)).all())
    researchers = dict(con.execute(select(Researcher.id, Researcher.name)).all())
    return devices, researchers


def _researcher_of_device(researchers: dict[str, str], device_id: str) -> str:
    return researchers.get(derived_id("researcher", device_id), "")


def list_conflicts(db: Database) -> list[ConflictInfo]:
    with db.engine.connect() as con:
        devices, researchers = _who(con)
        found = _answer_conflicts(con, devices, researchers)
        found += _row_conflicts(con, "field_session", devices, researchers)
        found += _row_conflicts(con, "coding", devices, researchers)
        found += _row_conflicts(con, "finding", devices, researchers)
    return sorted(found, key=lambda c: (c.site, c.session_id, c.kind, c.question, c.ref))


def _answer_conflicts(
    con: Connection, devices: dict[str, str], researchers: dict[str, str]
) -> list[ConflictInfo]:
    # Every answer with more than one revision is looked at, not only those the cache marks:
    # an answer edited in the form while in conflict is saved as if it were not.
    answers = con.execute(
        select(Answer.id, Answer.session_id, Answer.key, Answer.current_revision_id).where(
            or_(Answer.has_conflict.is_(True), Answer.revision_count > 1)
        )
    ).all()
    if not answers:
        return []
    histories = history.load_histories(con, [a.id for a in answers])
    heads = {a.id: history.heads_of(*histories.get(a.id, ([], set()))) for a in answers}
    answers = [a for a in answers if len(heads[a.id]) > 1]
    context = _context(con, [a.session_id for a in answers])
    found = []
    for aid, session_id, key, current_id in answers:
        sides = tuple(
            ConflictSide(
                id=r.id,
                value=r.value or "",
                note=r.note,
                device_name=devices.get(r.device_id, r.device_id[:8]),
                researcher=researchers.get(r.researcher_id or "", "")
                or _researcher_of_device(researchers, r.device_id),
                at=r.created_at,
                shown=r.id == current_id,
            )
            for r in heads[aid]
        )
        site, informant, form = context.get(session_id, ("", "", ""))
        found.append(ConflictInfo("answer", aid, session_id, site, informant, form, key, sides))
    return found


def _describe(con: Connection, entity: str, state: dict[str, Any]) -> tuple[str, str]:
    if entity == "field_session":
        return str(state.get("status", "")), str(state.get("review_comment") or "")
    if entity == "finding":
        return f"{state.get('status', '')}: {state.get('conclusion', '')}", _finding_note(state)
    code = con.scalar(select(Theme.code).where(Theme.id == state.get("theme_id"))) or "?"
    deleted = " (deleted)" if state.get("deleted") else ""
    return f"{code}: {state.get('stance', '')}{deleted}", str(state.get("memo") or "")


def _finding_note(state: dict[str, Any]) -> str:
    """A finding side's reason and what it rests on (the parts a conflict may be about)."""
    parts = [str(state.get("status_reason") or "")]
    incidents = [str(i)[:8] for i in state.get("incidents") or ()]
    if incidents:
        parts.append("incidents: " + ", ".join(incidents))
    evidence = [str(i)[:8] for i in state.get("evidence") or ()]
    if evidence:
        parts.append("evidence: " + ", ".join(evidence))
    return "; ".join(p for p in parts if p)


def _finding_context(con: Connection, ids: list[str]) -> dict[str, tuple[str, str]]:
    """(site name, theme code) per finding."""
    rows = con.execute(
        select(Finding.id, Site.name, Theme.code)
        .join(Theme, Theme.id == Finding.theme_id)
        .outerjoin(Site, Site.id == Finding.site_id)
        .where(Finding.id.in_(ids))
    )
    return {fid: (site or "", code) for fid, site, code in rows}


def _row_conflicts(
    con: Connection, entity: str, devices: dict[str, str], researchers: dict[str, str]
) -> list[ConflictInfo]:
    heads = con.execute(
        select(RowHead.row_id, RowHead.version_id).where(
            RowHead.entity == entity, RowHead.conflict.is_(True)
        )
    ).all()
    if not heads:
        return []
    all_versions = versions.load_versions(con, entity, [h.row_id for h in heads])
    if entity == "coding":
        owners = dict(
            con.execute(
                select(Coding.id, Answer.session_id)
                .join(Answer, Answer.id == Coding.answer_id)
                .where(Coding.id.in_([h.row_id for h in heads]))
            ).all()
        )
        keys = dict(
            con.execute(
                select(Coding.id, Answer.key)
                .join(Answer, Answer.id == Coding.answer_id)
                .where(Coding.id.in_([h.row_id for h in heads]))
            ).all()
        )
    elif entity == "finding":
        findings = _finding_context(con, [h.row_id for h in heads])
        owners = {}
        keys = {}
    else:
        owners = {h.row_id: h.row_id for h in heads}
        keys = {}
    context = _context(con, owners.values()) if owners else {}
    found = []
    for row_id, shown_id in heads:
        sides = []
        for v in sorted(versions.heads(all_versions.get(row_id, [])), key=lambda v: (v.seq, v.id)):
            value, note = _describe(con, entity, v.state)
            sides.append(
                ConflictSide(
                    id=v.id,
                    value=value,
                    note=note,
                    device_name=devices.get(v.device_id, v.device_id[:8]),
                    researcher=_researcher_of_device(researchers, v.device_id),
                    at=v.updated_at,
                    shown=v.id == shown_id,
                )
            )
        session_id = owners.get(row_id, "")
        site, informant, form = context.get(session_id, ("", "", ""))
        kind = KINDS[entity]
        question = "status" if kind == "session" else f"coding of {keys.get(row_id, '')}"
        if kind == "finding":
            site, theme = findings.get(row_id, ("", "?"))
            question = f"finding on {theme}"
        found.append(
            ConflictInfo(kind, row_id, session_id, site, informant, form, question, tuple(sides))
        )
    return found


def find_conflict(db: Database, ref: str) -> ConflictInfo:
    ref = ref.strip()
    matches = [
        c for c in list_conflicts(db) if c.ref == ref or (len(ref) >= 4 and c.ref.startswith(ref))
    ]
    if not matches:
        raise NotFoundError(f"no open conflict '{ref}' (see `neutralitas conflicts list`)")
    if len(matches) > 1:
        raise NeutralitasError(f"'{ref}' names {len(matches)} conflicts; give more of the id")
    return matches[0]


def _side(conflict: ConflictInfo, choose: int | str) -> ConflictSide:
    if isinstance(choose, int) or str(choose).isdigit():
        n = int(choose)
        if not 1 <= n <= len(conflict.sides):
            raise NeutralitasError(
                f"conflict {conflict.short_ref} has sides 1 to {len(conflict.sides)}"
            )
        return conflict.sides[n - 1]
    for side in conflict.sides:
        if side.id.startswith(str(choose)):
            return side
    raise NotFoundError(f"conflict {conflict.short_ref} has no side '{choose}'")


def resolve_conflict(
    db: Database,
    actor: Actor,
    ref: str,
    *,
    choose: int | str | None = None,
    value: str | None = None,
    note: str | None = None,
) -> ConflictInfo:
    """Resolve by choosing a side (its number, 1-based, or id) or by writing a value."""
    if (choose is None) == (value is None):
        raise NeutralitasError("resolve a conflict by choosing a side or by writing a value")
    conflict = find_conflict(db, ref)
    side = _side(conflict, choose) if choose is not None else None
    with db.engine.begin() as con:
        if conflict.kind == "answer":
            _resolve_answer(con, actor, conflict, side, value, note)
        else:
            _resolve_row(con, actor, conflict, side, value)
    with db.session() as s:
        audit.record(
            s,
            actor,
            "conflict.resolved",
            conflict.kind,
            conflict.ref,
            chosen=side.id if side else None,
            value=value,
            # A finding's kept side, readable in the analytic audit trail.
            **({"kept": side.value} if side and conflict.kind == "finding" else {}),
        )
    return conflict


def _resolve_answer(
    con: Connection,
    actor: Actor,
    conflict: ConflictInfo,
    side: ConflictSide | None,
    value: str | None,
    note: str | None,
) -> None:
    heads = [s.id for s in conflict.sides]
    first = side.id if side else next((s.id for s in conflict.sides if s.shown), heads[0])
    batch = journal.Batch.of(actor)  # the resolution is a revision like any other
    rid = batch.revision(
        conflict.ref,
        side.value if side else value,
        first,
        utcnow(),
        (side.note if side else "") if note is None else note,
    )
    batch.write(con)
    further = [{"revision_id": rid, "parent_id": h} for h in heads if h != first]
    if further:
        con.execute(table_of(RevisionParent).insert(), further)
    history.derive_answers(con, [conflict.ref])


def _status_resolution(
    session_id: str, heads: list[versions.Version], value: str
) -> dict[str, Any]:
    """The state a session's conflict resolves to when a status is given: the side that
    holds it, else the shown side moved on by the lifecycle (its end time by its rule)."""
    goal = status_named(value)
    sides = [str(v.state.get("status", "")) for v in heads]
    shown = versions.pick(heads)
    current = str(shown.state.get("status", ""))
    if not lifecycle.resolvable(sides, goal):
        raise NeutralitasError(
            message_id=Message.SESSION_TRANSITION,
            session=session_id[:8],
            status=lifecycle.status_of(current) or current,
            target=goal,
        )
    holding = [v for v in heads if v.state.get("status") == goal]
    if holding:
        return dict(versions.pick(holding).state)
    raw = shown.state.get("ended_at")
    before = dt.datetime.fromisoformat(raw) if raw else None
    ended = lifecycle.ended_at_after(goal, before, utcnow())
    return {
        **shown.state,
        "status": goal.value,
        "ended_at": ended.isoformat() if ended else None,
    }


def _resolve_row(
    con: Connection,
    actor: Actor,
    conflict: ConflictInfo,
    side: ConflictSide | None,
    value: str | None,
) -> None:
    entity = next(e for e, k in KINDS.items() if k == conflict.kind)
    versions.snapshot(con)
    known = versions.load_versions(con, entity, [conflict.ref])[conflict.ref]
    heads = versions.heads(known)
    if side is not None:
        state = dict(next(v.state for v in heads if v.id == side.id))
    elif entity == "field_session":
        state = _status_resolution(conflict.ref, heads, value or "")
    else:
        raise NeutralitasError(
            f"a {conflict.kind} conflict is resolved by choosing one of its sides"
        )
    version = versions.make_version(
        entity,
        conflict.ref,
        [v.id for v in heads],
        state,
        utcnow(),
        actor.device_id,
        sequence.take(con),
    )
    versions.insert_versions(con, entity, [version])
    versions.derive(con, entity, [conflict.ref], versions.Aliases.load(con))
