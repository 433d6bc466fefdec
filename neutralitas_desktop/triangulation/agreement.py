"""Coder agreement (triangulasi peneliti): sessions given to two or more coders, each coding
them blind; agreement per theme and overall; disagreements resolved with a reason.

A *unit* is one free-text answer or field note of an assigned session. For each theme, each
coder assigned to the unit's session either applied the theme to it (any passage) or did
not; coders not assigned to that session have no value (missing, which Krippendorff's alpha
allows). Overall figures pool every (unit, theme) pair. Resolving a disagreement stores the
agreed value; the figures "after" count that unit as agreed, the figures "before" stay as
the coders left them, and both are reported and written to the audit trail.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from neutralitas_desktop.errors import NeutralitasError, NotFoundError
from neutralitas_desktop.fieldwork import audit
from neutralitas_desktop.fieldwork.actor import Actor
from neutralitas_desktop.fieldwork.transcript_text import segments
from neutralitas_desktop.fieldwork.transcripts import TRANSCRIPT_KEY
from neutralitas_desktop.operations import CancelToken, Progress, checkpoint
from neutralitas_desktop.store.database import Database
from neutralitas_desktop.store.models import (
    AgreementAssignment,
    AgreementResolution,
    Answer,
    Coding,
    FieldSession,
    Researcher,
    Theme,
    derived_id,
    utcnow,
)
from neutralitas_desktop.triangulation.agreement_stats import (
    cohen_kappa,
    krippendorff_alpha,
    percent_agreement,
)
from neutralitas_desktop.triangulation.agreement_types import (
    AgreementReport,
    CoderPassage,
    CoderProgress,
    Disagreement,
    Figures,
    ThemeAgreement,
    Unit,
    UnitCoding,
)
from neutralitas_desktop.triangulation.codebook import live_theme
from neutralitas_desktop.triangulation.coding import codable_texts
from neutralitas_desktop.vocabulary import SessionStatus, Stance


def _coder(session: Session, ref: str) -> Researcher:
    ref = ref.strip()
    rows = session.scalars(select(Researcher)).all()
    for match in (
        lambda r: ref in (r.id, r.name, r.initials),
        lambda r: ref.casefold() in (r.name.casefold(), r.initials.casefold()),
    ):
        found = [r for r in rows if match(r)]
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            raise NeutralitasError(f"coder '{ref}' names {len(found)} researchers; give the id")
    raise NotFoundError(f"no researcher '{ref}' in this study (coders are researchers)")


def sample_sessions(db: Database, count: int, seed: int, source_type: str = "") -> list[str]:
    """``count`` sessions chosen at random, reproducibly for a seed (refusals left out)."""
    with db.session() as session:
        query = select(FieldSession.id).where(FieldSession.status != SessionStatus.REFUSED)
        if source_type:
            query = query.where(FieldSession.source_type == source_type)
        ids = sorted(session.scalars(query))
    if count > len(ids):
        raise NeutralitasError(f"cannot sample {count} sessions: the study has {len(ids)}")
    return sorted(random.Random(seed).sample(ids, count))


def assign(db: Database, actor: Actor, session_ids: Sequence[str], coders: Sequence[str]) -> int:
    """Give each session to each coder for blind double coding; returns the new pairs."""
    if len({c.strip().casefold() for c in coders if c.strip()}) < 2:
        raise NeutralitasError("double coding needs at least two coders")
    if not session_ids:
        raise NeutralitasError("no sessions to assign")
    added = 0
    with db.session() as session:
        people = [_coder(session, ref) for ref in coders]
        for sid in session_ids:
            if session.get(FieldSession, sid.strip()) is None:
                raise NotFoundError(f"no session with id {sid.strip()}")
            for person in people:
                key = derived_id("agreement", sid.strip(), person.id)
                if session.get(AgreementAssignment, key) is None:
                    session.add(
                        AgreementAssignment(
                            id=key,
                            session_id=sid.strip(),
                            coder_id=person.id,
                            assigned_by=actor.researcher_id,
                            device_id=actor.device_id,
                        )
                    )
                    added += 1
        audit.record(
            session,
            actor,
            "agreement.assigned",
            "agreement_assignment",
            ",".join(session_ids),
            coders=[p.name for p in people],
        )
    return added


def mark_done(db: Database, actor: Actor, session_id: str, done: bool = True) -> None:
    """The acting researcher finished (or reopens) their blind coding of a session."""
    with db.session() as session:
        row = session.get(
            AgreementAssignment, derived_id("agreement", session_id, actor.researcher_id or "")
        )
        if row is None:
            raise NotFoundError(f"session {session_id} is not assigned to you for double coding")
        row.done, row.done_at = done, utcnow() if done else None
        row.device_id, row.updated_at = actor.device_id, utcnow()


def _material(session: Session) -> tuple[dict[str, set[str]], dict[str, str], list[CoderProgress]]:
    """Assigned coders per session, coder names by id, and each coder's progress."""
    per_session: dict[str, set[str]] = defaultdict(set)
    progress: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    names = dict(session.execute(select(Researcher.id, Researcher.name)).all())
    for row in session.scalars(select(AgreementAssignment)):
        per_session[row.session_id].add(row.coder_id)
        progress[row.coder_id][0] += 1
        progress[row.coder_id][1] += int(row.done)
    coders = [CoderProgress(names.get(c, c[:8]), n, d) for c, (n, d) in progress.items()]
    return per_session, names, sorted(coders, key=lambda c: c.name)


def _units(db: Database, session_ids: Sequence[str]) -> list[Unit]:
    """Answers and notes whole; a transcript by its segments (turns), so two coders who
    code different passages of one interview do not count as agreeing."""
    units = []
    for sid in session_ids:
        for t in codable_texts(db, sid):
            if t.key != TRANSCRIPT_KEY:
                units.append(Unit(t.answer_id, t.target, sid, t.key, t.text))
                continue
            for seg in segments(t.text):
                text = t.text[seg.start : seg.end]
                units.append(Unit(t.answer_id, t.target, sid, t.key, text, seg.start, seg.end))
    return units


def _figures(table: list[list[bool | None]], two_coders: bool) -> Figures:
    kappa = cohen_kappa(table[0], table[1]) if two_coders and len(table) == 2 else None
    return Figures(percent_agreement(table), kappa, krippendorff_alpha(table))


def _table(units: list[UnitCoding], coders: list[str], after: bool) -> list[list[bool | None]]:
    rows: list[list[bool | None]] = []
    for name in coders:
        row = []
        for u in units:
            value = u.applied.get(name)
            if after and u.resolved is not None and value is not None:
                value = u.resolved
            row.append(value)
        rows.append(row)
    return rows


def agreement_report(
    db: Database,
    theme: str | None = None,
    report: Progress | None = None,
    cancel: CancelToken | None = None,
) -> AgreementReport:
    """Agreement per theme (each theme applied in the material, or the one asked for) and
    overall, before and after resolved disagreements; ``report`` counts the themes done and
    ``cancel`` is checked between them (nothing is written)."""
    with db.session() as session:
        per_session, names, progress = _material(session)
        themes = {t.id: t for t in session.scalars(select(Theme))}
        wanted = live_theme(session, theme).id if theme else None
        sessions = sorted(per_session)
        codings = session.execute(
            select(
                Coding.answer_id,
                Coding.target,
                Coding.theme_id,
                Coding.coder_id,
                Answer.session_id,
                Coding.start,
                Coding.end,
            )
            .join(Answer, Answer.id == Coding.answer_id)
            .where(Coding.deleted.is_(False), Answer.session_id.in_(sessions))
        ).all()
        resolutions = {
            (r.answer_id, r.target, r.start, r.theme_id): r.applied
            for r in session.scalars(select(AgreementResolution))
        }
    units = _units(db, sessions)
    coder_ids = sorted({c for s in per_session.values() for c in s}, key=lambda c: names.get(c, c))
    coder_names = [names.get(c, c[:8]) for c in coder_ids]
    spans: dict[tuple[str, str, str, str], list[tuple[int | None, int | None]]] = defaultdict(list)
    for answer_id, target, theme_id, coder_id, sid, start, end in codings:
        if coder_id and coder_id in per_session.get(sid, ()):
            spans[(answer_id, target, theme_id, coder_id)].append((start, end))

    def applied(u: Unit, theme_id: str, coder_id: str) -> bool:
        passages = spans.get((u.answer_id, u.target, theme_id, coder_id), [])
        return any(u.overlaps(start, end) for start, end in passages)

    used = {t for (_, _, t, _) in spans} | {t for (_, _, _, t) in resolutions}
    theme_ids = [wanted] if wanted else sorted(used, key=lambda t: (themes[t].sort, themes[t].code))
    results, pooled = [], []
    for step, tid in enumerate(theme_ids):
        checkpoint(cancel, "agreement")
        if report is not None:
            report(step, len(theme_ids), themes[tid].code)
        rows = [
            UnitCoding(
                u,
                {
                    names.get(c, c[:8]): (
                        applied(u, tid, c) if c in per_session[u.session_id] else None
                    )
                    for c in coder_ids
                },
                resolutions.get((u.answer_id, u.target, u.start, tid)),
            )
            for u in units
        ]
        pooled += rows
        two = len(coder_ids) == 2
        results.append(
            ThemeAgreement(
                themes[tid].code,
                dict(themes[tid].label or {}),
                _figures(_table(rows, coder_names, False), two),
                _figures(_table(rows, coder_names, True), two),
                rows,
            )
        )
    two = len(coder_ids) == 2
    return AgreementReport(
        coders=progress,
        units=len(units),
        themes=results,
        overall_before=_figures(_table(pooled, coder_names, False), two),
        overall_after=_figures(_table(pooled, coder_names, True), two),
        resolved=sum(u.resolved is not None and u.disagrees for u in pooled),
    )


def disagreements(db: Database, theme: str | None = None) -> list[Disagreement]:
    """Each unarbitrated unit and theme on which the coders differ, with each side's
    passages, stances and memos."""
    report = agreement_report(db, theme)
    found = []
    with db.session() as session:
        names = dict(session.execute(select(Researcher.id, Researcher.name)).all())
        for t in report.themes:
            theme_id = live_theme(session, t.theme).id
            for u in t.units:
                if not u.disagrees or u.resolved is not None:
                    continue
                rows = session.scalars(
                    select(Coding)
                    .where(
                        Coding.answer_id == u.unit.answer_id,
                        Coding.target == u.unit.target,
                        Coding.theme_id == theme_id,
                        Coding.deleted.is_(False),
                    )
                    .order_by(Coding.start)
                ).all()
                rows = [r for r in rows if u.unit.overlaps(r.start, r.end)]
                sides = []
                for name, value in u.applied.items():
                    mine = [r for r in rows if names.get(r.coder_id or "") == name]
                    sides.append(
                        CoderPassage(
                            name,
                            value,
                            [r.excerpt for r in mine],
                            [r.stance for r in mine],
                            [r.memo for r in mine if r.memo],
                        )
                    )
                found.append(Disagreement(t.theme, t.label, u.unit, sides))
    return found


def resolve(
    db: Database,
    actor: Actor,
    answer_id: str,
    theme: str,
    applied: bool,
    reason: str,
    *,
    target: str = "value",
    start: int | None = None,
    stance: str = "",
) -> AgreementReport:
    """Record what the coders agreed for a unit and theme, and why; the audit event keeps
    the theme's agreement before and after."""
    if not reason.strip():
        raise NeutralitasError("a resolved disagreement needs the reason the coders agreed on")
    if stance and stance not in set(Stance):
        raise NeutralitasError(f"unknown stance '{stance}'")
    before = agreement_report(db, theme)
    if not any(
        u.unit.answer_id == answer_id and u.unit.target == target and u.unit.start == start
        for t in before.themes
        for u in t.units
    ):
        where = f"{target}" if start is None else f"{target}, segment at {start}"
        raise NotFoundError(f"answer {answer_id} ({where}) is not double-coded material")
    with db.session() as session:
        theme_id = live_theme(session, theme).id
        segment = [] if start is None else [str(start)]
        key = derived_id("agreement", answer_id, target, *segment, theme_id)
        row = session.get(AgreementResolution, key)
        if row is None:
            row = AgreementResolution(
                id=key,
                answer_id=answer_id,
                target=target,
                start=start,
                theme_id=theme_id,
                applied=applied,
                reason="",
                device_id=actor.device_id,
            )
            session.add(row)
        row.applied, row.stance, row.reason = applied, stance, reason.strip()
        row.resolver_id, row.device_id, row.updated_at = (
            actor.researcher_id,
            actor.device_id,
            utcnow(),
        )
    after = agreement_report(db, theme)
    with db.session() as session:
        audit.record(
            session,
            actor,
            "agreement.resolved",
            "answer",
            answer_id,
            theme=theme,
            target=target,
            start=start,
            applied=applied,
            stance=stance,
            reason=reason.strip(),
            before=before.themes[0].before.as_json(),
            after=after.themes[0].after.as_json(),
        )
    return after
