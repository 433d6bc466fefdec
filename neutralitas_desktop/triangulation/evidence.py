"""What the answers say about each theme, as SQL: the context shown beside the matrix.

Incidents and their lines of evidence decide the matrix (incidents.py); this module
counts, for context only, the answers that indicate a stance on a theme:

* automatically, when its current value (or, for a multiple choice, one of its values)
  is mapped to a stance in ``question_stance`` (filled when an instrument is stored);
  so automatic codings follow the answer whenever it changes;
* by hand, when a researcher coded a passage of its text or note (``coding``, not
  deleted).

Several codings of one answer for the same theme and stance (several passages, several
coders, or a hand coding agreeing with the automatic one) are one piece of evidence.
Never counted: answers marked irrelevant, unanswered questions, refused sessions, and
sessions of informants who refused or withdrew consent. Merged themes count under the
theme they were merged into, also for codings that arrive later from another laptop.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    Select,
    String,
    and_,
    case,
    false,
    func,
    literal,
    null,
    or_,
    select,
    true,
    union_all,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.functions import FunctionElement

from neutralitas_desktop.errors import NeutralitasError, NotFoundError
from neutralitas_desktop.store.models import (
    Answer,
    Coding,
    FieldSession,
    Informant,
    QuestionStance,
    Researcher,
    Site,
)
from neutralitas_desktop.triangulation.types import GROUPINGS, OUTSIDE_PERIODS, MatrixQuery

EXCLUDED_CONSENT = ("withdrawn", "refused")
EXCLUDED_STATUS = "refused"


class _position(FunctionElement[int]):
    """1-based position of a substring (0 when absent): instr() / strpos()."""

    type = Integer()
    inherit_cache = True


@compiles(_position)
def _position_default(element: Any, compiler: Any, **kw: Any) -> str:
    return f"instr({compiler.process(element.clauses, **kw)})"


@compiles(_position, "postgresql")
def _position_pg(element: Any, compiler: Any, **kw: Any) -> str:
    return f"strpos({compiler.process(element.clauses, **kw)})"


@dataclass(frozen=True)
class Period:
    code: str
    label: dict[str, str]
    start: dt.datetime  # inclusive
    end: dt.datetime  # exclusive (the day after the last day)


@dataclass(frozen=True)
class Scope:
    """A MatrixQuery resolved against the study: ids instead of names, periods as times."""

    by: str
    site_ids: tuple[str, ...]  # empty: every site
    researcher_id: str | None
    statuses: tuple[str, ...]  # empty: every status
    period: Period | None
    periods: tuple[Period, ...]
    column: str | None = None  # only the sessions that fall in this column


def scope_key(scope: Scope) -> tuple[Any, ...]:
    """What of a scope its SQL depends on (not the periods' labels), hashable."""

    def times(p: Period | None) -> tuple[Any, ...] | None:
        return None if p is None else (p.code, p.start, p.end)

    periods = tuple(times(p) for p in scope.periods)
    return (scope.by, scope.site_ids, scope.researcher_id, scope.statuses,
            times(scope.period), periods, scope.column)  # fmt: skip


def study_periods(settings: dict[str, Any]) -> tuple[Period, ...]:
    periods = []
    for p in settings.get("periods") or []:
        start = dt.datetime.combine(dt.date.fromisoformat(p["start"]), dt.time())
        end = dt.datetime.combine(dt.date.fromisoformat(p["end"]), dt.time())
        periods.append(Period(p["code"], dict(p.get("label") or {}), start, end + dt.timedelta(1)))
    return tuple(periods)


def resolve(session: Session, query: MatrixQuery, settings: dict[str, Any]) -> Scope:
    """Check the query's names against the study; a wrong one is the user's error."""
    if query.by not in GROUPINGS:
        raise NeutralitasError(f"unknown grouping '{query.by}' (choose {', '.join(GROUPINGS)})")
    periods = study_periods(settings)
    site_ids = []
    for name in ([query.site] if query.site else []) + list(query.sites):
        site_id = session.scalar(select(Site.id).where(or_(Site.id == name, Site.name == name)))
        if site_id is None:
            raise NotFoundError(f"no site '{name}' in this study")
        site_ids.append(site_id)
    researcher_id = None
    if query.researcher:
        ids = session.scalars(
            select(Researcher.id).where(
                or_(
                    Researcher.id == query.researcher,
                    Researcher.name == query.researcher,
                    Researcher.initials == query.researcher,
                )
            )
        ).all()
        if not ids:
            raise NotFoundError(f"no researcher '{query.researcher}' in this study")
        if len(ids) > 1:
            raise NeutralitasError(
                f"researcher '{query.researcher}' is ambiguous ({len(ids)} match); use the id"
            )
        researcher_id = ids[0]
    period = None
    if query.period:
        period = next((p for p in periods if p.code == query.period), None)
        if period is None:
            known = ", ".join(p.code for p in periods) or "none"
            raise NotFoundError(f"no fieldwork period '{query.period}' (periods: {known})")
    statuses = tuple(dict.fromkeys(([query.status] if query.status else []) + list(query.statuses)))
    return Scope(query.by, tuple(site_ids), researcher_id, statuses, period, periods)


def column_key(scope: Scope) -> ColumnElement[str]:
    """The matrix column a session's evidence falls in, for the scope's grouping."""
    s = FieldSession.__table__.c
    if scope.by == "site":
        return s.site_id
    if scope.by == "technique":
        return s.source_type
    if scope.by == "source":
        role = func.coalesce(func.nullif(s.source_role, ""), "interview")
        return case((s.source_type == "interview", role), else_=s.source_type)
    if not scope.periods:
        return literal(OUTSIDE_PERIODS, String)
    return case(
        *[
            (and_(s.started_at >= p.start, s.started_at < p.end), literal(p.code, String))
            for p in scope.periods
        ],
        else_=literal(OUTSIDE_PERIODS, String),
    )


def _session_filters(scope: Scope, s: Any) -> list[ColumnElement[bool]]:
    """Which sessions count: not refused, consent not withdrawn, and the query's filters."""
    i = Informant.__table__
    excluded = select(i.c.id).where(i.c.consent_status.in_(EXCLUDED_CONSENT))
    where: list[ColumnElement[bool]] = [
        s.c.status != EXCLUDED_STATUS,
        or_(s.c.informant_id.is_(None), s.c.informant_id.not_in(excluded)),
    ]
    if scope.site_ids:
        where.append(s.c.site_id.in_(scope.site_ids))
    if scope.researcher_id:
        where.append(s.c.researcher_id == scope.researcher_id)
    if scope.statuses:
        where.append(s.c.status.in_(scope.statuses))
    if scope.period:
        where.append(s.c.started_at >= scope.period.start)
        where.append(s.c.started_at < scope.period.end)
    if scope.column is not None:
        where.append(column_key(scope) == scope.column)
    return where


def sessions(scope: Scope) -> Any:
    """The sessions whose evidence counts, with the column each falls in.

    ``OFFSET 0`` keeps the subquery apart (SQLite and PostgreSQL both treat it as a
    fence), so the few sessions drive the join into the many answers by index.
    """
    s = FieldSession.__table__
    return (
        select(s.c.id, s.c.instrument_id, column_key(scope).label("col"))
        .where(*_session_filters(scope, s))
        .offset(0)
        .subquery("sessions")
    )


class _unindexed(FunctionElement[str]):
    """The same key, of no use to an index on its side of a join (SQLite's unary ``+``):
    so SQLite reads the counted sessions' answers by ``answer.session_id`` (one session's
    answers lie together) rather than walking every answer and probing the sessions."""

    type = String()
    inherit_cache = True


@compiles(_unindexed)
def _unindexed_default(element: Any, compiler: Any, **kw: Any) -> str:
    return compiler.process(element.clauses, **kw)


@compiles(_unindexed, "sqlite")
def _unindexed_sqlite(element: Any, compiler: Any, **kw: Any) -> str:
    return f"+{compiler.process(element.clauses, **kw)}"


def _value_matches(a: Any, qs: Any) -> ColumnElement[bool]:
    """The answer holds the choice, alone or among the values of a multiple choice."""
    spaced_value = literal(" ") + a.c.value + literal(" ")
    spaced_choice = literal(" ") + qs.c.value + literal(" ")
    return _position(spaced_value, spaced_choice) > 0


def automatic(scope: Scope, multi: list[str], closure: Any = None) -> list[Select[Any]]:
    """Answers whose value maps to a stance: (answer, row, stance, col, coding=NULL, session).

    ``row`` is the closure's row (when given), else the code of the theme the answer's
    question evidences. Two branches, so that the common case is one index lookup:
    single values match ``question_stance`` by equality; answers of the ``multi``
    questions (multiple choices) that hold several values match each of their values (so
    one answer may yield several rows of the same stance: count distinct answers).
    An answer evidences exactly one theme, the one its question names.
    """
    ss = sessions(scope)
    a = Answer.__table__
    qs = QuestionStance.__table__

    def branch(
        session_key: ColumnElement[str], match: ColumnElement[bool], *where: ColumnElement[bool]
    ) -> Select[Any]:
        row = closure.c.row_id if closure is not None else qs.c.theme_code.label("row_id")
        query = (
            select(
                a.c.id.label("answer_id"),
                row,
                qs.c.stance.label("stance"),
                ss.c.col,
                null().label("coding_id"),
                ss.c.id.label("session_id"),
            )
            .select_from(ss)
            .join(a, a.c.session_id == session_key)
            .join(
                qs,
                and_(
                    qs.c.instrument_id == ss.c.instrument_id, qs.c.question == a.c.question, match
                ),
            )
        )
        if closure is not None:
            query = query.join(closure, closure.c.theme_code == qs.c.theme_code)
        return query.where(a.c.relevant == true(), a.c.value.is_not(None), *where)

    # Every answer of the counted sessions, read session by session; the few answers of
    # the multiple choices, by their questions.
    branches = [branch(_unindexed(ss.c.id), qs.c.value == a.c.value)]
    if multi:
        branches.append(
            branch(
                ss.c.id,
                _value_matches(a, qs),
                a.c.question.in_(multi),
                _position(a.c.value, literal(" ")) > 0,
            )
        )
    return branches


def by_hand(scope: Scope, closure: Any) -> Select[Any]:
    """Hand codings of answers' text: (answer, row, stance, col, coding, session)."""
    # Few codings: they drive, and reach their session by its key.
    s = FieldSession.__table__
    a = Answer.__table__
    c = Coding.__table__
    return (
        select(
            a.c.id.label("answer_id"),
            closure.c.row_id,
            c.c.stance.label("stance"),
            column_key(scope).label("col"),
            c.c.id.label("coding_id"),
            s.c.id.label("session_id"),
        )
        .select_from(closure)
        .join(c, c.c.theme_id == closure.c.theme_id)
        .join(a, a.c.id == c.c.answer_id)
        .join(s, s.c.id == a.c.session_id)
        .where(*_session_filters(scope, s), a.c.relevant == true(), c.c.deleted == false())
    )


def hand_pieces(scope: Scope) -> Select[Any]:
    """Hand codings of answers' text as (answer, coded theme, stance, column, theme the
    answer's value evidences with that stance, or NULL): enough for the caller to map each
    coding to its matrix rows and leave out the ones that only repeat the answer's
    automatic evidence. Several codings of one answer with one theme and stance (several
    passages, several coders) repeat a row: the caller counts answers, not rows.

    The few codings drive, fenced off by ``OFFSET 0`` (as in ``sessions``): left to itself
    SQLite walks every answer to find them."""
    s = FieldSession.__table__
    a = Answer.__table__
    c = Coding.__table__
    live = (
        select(c.c.answer_id, c.c.theme_id, c.c.stance)
        .where(c.c.deleted == false())
        .offset(0)
        .subquery("codings")
    )
    qs = QuestionStance.__table__.alias("qs_auto")
    return (
        select(
            a.c.id.label("answer_id"),
            live.c.theme_id,
            live.c.stance.label("stance"),
            column_key(scope).label("col"),
            qs.c.theme_code.label("auto_code"),
        )
        .select_from(live)
        .join(a, a.c.id == live.c.answer_id)
        .join(s, s.c.id == a.c.session_id)
        .outerjoin(
            qs,
            and_(
                qs.c.instrument_id == s.c.instrument_id,
                qs.c.question == a.c.question,
                qs.c.stance == live.c.stance,
                _value_matches(a, qs),
            ),
        )
        .where(*_session_filters(scope, s), a.c.relevant == true())
    )


def all_evidence(scope: Scope, closure: Any, multi: list[str]) -> Any:
    """Automatic and hand evidence as one subquery, each piece in the rows it counts in."""
    return union_all(*automatic(scope, multi, closure), by_hand(scope, closure)).subquery(
        "evidence"
    )


def closure(rows: list[tuple[str, str, str]], name: str = "closure") -> Any:
    """(theme_id, theme_code, row_id) as a derived table: which matrix row(s) evidence
    coded with a theme counts in. Built from literals (portable: no VALUES aliases)."""

    def one(theme_id: str, code: str, row_id: str) -> Select[str, str, str]:
        return select(
            literal(theme_id, String).label("theme_id"),
            literal(code, String).label("theme_code"),
            literal(row_id, String).label("row_id"),
        )

    if not rows:
        return one("", "", "").where(false()).subquery(name)
    return union_all(*[one(*row) for row in rows]).subquery(name)
