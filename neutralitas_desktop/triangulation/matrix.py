"""The triangulation matrix: themes × sources, incidents counted by corroboration.

The unit is the incident (incidents.py, with the rule in corroboration.py); a row's
outcome is its *simpulan triangulasi* (incident_cells.py). What structured answers and
codings say about a theme (evidence.py, counted in a few aggregate SQL queries) is shown
beside the row as context, never as evidence for or against a violation.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from sqlalchemy import Select, distinct, func, select
from sqlalchemy.orm import aliased

from neutralitas_desktop.errors import NeutralitasError, NotFoundError
from neutralitas_desktop.fieldwork import audit
from neutralitas_desktop.fieldwork.actor import Actor
from neutralitas_desktop.instruments.model import pick
from neutralitas_desktop.store.database import Database
from neutralitas_desktop.store.models import (
    Answer,
    Coding,
    FieldSession,
    Informant,
    InformantRole,
    Researcher,
    Site,
    Study,
    Theme,
)
from neutralitas_desktop.triangulation import evidence as ev
from neutralitas_desktop.triangulation import incident_cells, matrix_study
from neutralitas_desktop.triangulation.answer_labels import AnswerLabels
from neutralitas_desktop.triangulation.codebook import (
    ThemeNode,
    ancestors,
    closure_rows,
    tree_order,
)
from neutralitas_desktop.triangulation.incident_types import IncidentInfo, LineInfo
from neutralitas_desktop.triangulation.incidents import list_incidents
from neutralitas_desktop.triangulation.matrix_study import study_frame
from neutralitas_desktop.triangulation.tags import period_in
from neutralitas_desktop.triangulation.types import (
    STANCES,
    Cell,
    Column,
    Evidence,
    Matrix,
    MatrixQuery,
    StanceCount,
    ThemeRow,
    Thresholds,
)

NO_STANCES = StanceCount()  # a cell no answer speaks to (most of them)


Grid = dict[str, dict[str, dict[str, int]]]  # row (theme id) -> column -> stance -> count


def _count(
    session: Any, scope: ev.Scope, themes: Sequence[ThemeNode], multi: list[str], rollup: bool
) -> Grid:
    """Distinct answers per (row, column, stance), in three aggregate queries.

    Automatic evidence is counted per theme and rolled up to the ancestors' rows here:
    an answer evidences only its question's theme, so the sums are exact. Hand codings
    are counted per row directly (one answer may be coded with several sub-themes of a
    row), leaving out codings that repeat the answer's automatic evidence.
    """
    live = {t.id: t for t in themes if t.merged_into_id is None}
    rows_of_code = {  # the rows a theme's automatic evidence counts in
        t.code: ancestors(live, r) if rollup else [r] * (r in live)
        for t in themes
        for r in [t.merged_into_id or t.id]
    }
    *aggregates, pieces = _statements(scope, multi)
    connection = session.connection()  # Core statements: no ORM layer to go through
    counted = [
        (row, col, stance, n)
        for q in aggregates
        for code, col, stance, n in connection.execute(q).all()
        for row in rows_of_code.get(code, ())
    ]
    hand = _hand(connection, pieces, closure_rows(themes, rollup))
    counted += [(row, col, stance, len(answers)) for (row, col, stance), answers in hand.items()]
    grid: Grid = {}
    for row, col, stance, n in counted:
        if stance in STANCES:
            by_stance = grid.setdefault(row, {}).setdefault(col, {})
            by_stance[stance] = by_stance.get(stance, 0) + int(n)
    return grid


# Built statements by what they depend on (the scope but its labels, the multiple-choice
# questions): building one costs more than running it on a small study. Pure: no rows.
_STATEMENTS: dict[tuple[Any, ...], tuple[Select[Any], ...]] = {}


def _statements(scope: ev.Scope, multi: list[str]) -> tuple[Select[Any], ...]:
    """The aggregates of automatic evidence (single values, then multiple choices) and
    the query of hand codings, for ``scope``."""
    key = (ev.scope_key(scope), tuple(multi))
    if key not in _STATEMENTS:
        single, *multiple = ev.automatic(scope, multi)
        e = single.subquery("single")
        queries = [select(e.c.row_id, e.c.col, e.c.stance, func.count())]
        for branch in multiple:
            m = branch.subquery("multiple")
            count = func.count(distinct(m.c.answer_id))
            queries.append(select(m.c.row_id, m.c.col, m.c.stance, count))
        if len(_STATEMENTS) >= 64:  # a session's filters are few; never grow without end
            _STATEMENTS.clear()
        grouped = [q.group_by(*q.selected_columns[:3]) for q in queries]
        _STATEMENTS[key] = (*grouped, ev.hand_pieces(scope))
    return _STATEMENTS[key]


def _hand(
    connection: Any, pieces: Select[Any], triples: list[tuple[str, str, str]]
) -> dict[tuple[str, str, str], set[str]]:
    """The answers coded by hand per (row, column, stance), each coding in the rows of its
    theme, except where the answer's own value already evidences that row and stance.

    Codings are few: they come back from one cached query and are mapped to rows here,
    rather than joined with a table of the codebook's rows built anew at every call."""
    rows_of_theme: dict[str, list[str]] = defaultdict(list)
    rows_of_code: dict[str, set[str]] = defaultdict(set)
    for theme_id, code, row in triples:
        rows_of_theme[theme_id].append(row)
        rows_of_code[code].add(row)
    repeats: dict[tuple[str, str, str, str], set[str]] = defaultdict(set)
    # fetched at once (``ev.hand_pieces``): thousands of rows
    for answer_id, theme_id, stance, col, auto_code in connection.execute(pieces).all():
        repeated = repeats[(answer_id, theme_id, stance, col)]
        if auto_code is not None:
            repeated |= rows_of_code.get(auto_code, set())
    counted: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for (answer_id, theme_id, stance, col), repeated in repeats.items():
        for row in rows_of_theme.get(theme_id, ()):
            if row not in repeated:
                counted[(row, col, stance)].add(answer_id)
    return counted


def _keep_line(scope: ev.Scope) -> Any:
    """The filters applied to a line of evidence (by its session)."""

    def keep(line: LineInfo) -> bool:
        if not line.counts:
            return False
        if scope.statuses and line.session_status not in scope.statuses:
            return False
        if scope.researcher_id and line.researcher_id != scope.researcher_id:
            return False
        p = scope.period
        return p is None or p.start <= line.session_date < p.end

    return keep


def _period_of(scope: ev.Scope) -> Any:
    return lambda line: period_in(scope.periods, line.session_date)


def triangulation_matrix(db: Database, query: MatrixQuery | None = None) -> Matrix:
    """The matrix for a grouping and filters: incidents by corroboration, lines of
    evidence per column, a simpulan per theme and the answers' stances as context."""
    query = query or MatrixQuery()
    with db.session() as session:
        frame = study_frame(session)
        scope = ev.resolve(session, query, frame.settings)
        thresholds = Thresholds.from_settings(frame.settings)
        incidents, themes = frame.incidents, frame.themes
        context = _count(session, scope, themes, list(frame.multi), query.rollup)
        live = {t.id: t for t in themes if t.merged_into_id is None}
        by_code = {t.code: t.merged_into_id or t.id for t in themes}
        keep = _keep_line(scope)
        wanted = [i for i in incidents if _in_scope(i, scope, keep)]
        period_of = _period_of(scope)
        if scope.by == "site":
            keys = {i.site_id for i in wanted}
        else:  # a site is a column only when grouping by site
            keys = {
                incident_cells.line_column(scope.by, x, period_of)
                for i in wanted
                for x in i.lines
                if keep(x)
            }
        keys |= {col for by_col in context.values() for col in by_col}
        columns = matrix_study.columns(frame, scope, keys)

        def rows_of(incident: IncidentInfo) -> list[str]:
            theme_id = by_code.get(incident.theme_code, "")
            return ancestors(live, theme_id) if query.rollup else [theme_id]

        grid = incident_cells.arrange(scope.by, wanted, columns, rows_of, keep, period_of)
        codes = {t.id: t.code for t in themes}
        rows = []
        empty_cells = tuple(Cell() for _ in columns)
        for theme, depth in tree_order(themes):
            cells, total, conclusion = grid.get(theme.id, (empty_cells, *incident_cells.EMPTY))
            context_cells, stances = _context(context.get(theme.id, {}), columns)
            if theme.retired and total.total == 0 and stances.total == 0:
                continue
            rows.append(
                ThemeRow(
                    theme_id=theme.id,
                    code=theme.code,
                    label=dict(theme.label or {}),
                    parent_code=codes.get(theme.parent_id or "", ""),
                    depth=depth,
                    retired=theme.retired,
                    cells=cells,
                    total=total,
                    conclusion=conclusion,
                    context=stances,
                    context_cells=context_cells,
                )
            )
    listed = {i.id: (i.corroboration, i.summary) for i in wanted}
    return Matrix(query, columns, tuple(rows), thresholds, listed)


def _context(
    by_col: dict[str, dict[str, int]], columns: Sequence[Column]
) -> tuple[tuple[StanceCount, ...], StanceCount]:
    """A row's context per column and in all its columns."""
    cells = []
    totals = dict.fromkeys(STANCES, 0)
    for column in columns:
        counts = by_col.get(column.key)
        if counts:
            cells.append(StanceCount(**counts))
            for stance, n in counts.items():
                totals[stance] += n
        else:
            cells.append(NO_STANCES)
    return tuple(cells), StanceCount(**totals)


def _in_scope(incident: IncidentInfo, scope: ev.Scope, keep: Any) -> bool:
    if scope.site_ids and incident.site_id not in scope.site_ids:
        return False
    filtered = scope.statuses or scope.researcher_id or scope.period
    return not filtered or any(keep(x) for x in incident.lines)


def cell_incidents(db: Database, query: MatrixQuery, theme: str, column: str | None = None
                   ) -> list[IncidentInfo]:  # fmt: skip
    """The incidents behind one cell (or a whole row when ``column`` is None)."""
    matrix = triangulation_matrix(db, query)
    row = matrix.row(_row_code(db, theme))
    cell = row.total if column is None else row.cells[matrix.column_index(column)]
    wanted = set(cell.incidents)
    return [i for i in list_incidents(db) if i.id in wanted]


def _row_code(db: Database, theme: str) -> str:
    with db.session() as session:
        row = session.scalar(select(Theme).where(Theme.code == theme))
        if row is None:
            raise NotFoundError(f"no theme '{theme}' in the codebook")
        if row.merged_into_id:
            return str(session.get_one(Theme, row.merged_into_id).code)
        return row.code


def cell_evidence(
    db: Database,
    query: MatrixQuery,
    theme: str,
    column: str | None = None,
    stance: str | None = None,
    language: str | None = None,
) -> list[Evidence]:
    """The evidence behind one cell (or a whole row when ``column`` is None), oldest first;
    informants appear by their pseudonymous code only."""
    with db.session() as session:
        frame = study_frame(session)
        lang = language or session.scalar(select(Study.default_language)) or "id"
        scope = replace(ev.resolve(session, query, frame.settings), column=column)
        themes = frame.themes
        row = next((t for t in themes if t.code == theme), None)
        if row is None:
            raise NotFoundError(f"no theme '{theme}' in the codebook")
        if row.merged_into_id:
            row = next(t for t in themes if t.id == row.merged_into_id)
        closure = ev.closure(closure_rows(themes, query.rollup, row.id))
        e = ev.all_evidence(scope, closure, list(frame.multi))
        coder = aliased(Researcher)
        stmt = (
            select(
                e.c.answer_id,
                e.c.stance,
                e.c.col,
                e.c.coding_id,
                e.c.session_id,
                Answer.question,
                Answer.value,
                Coding.excerpt,
                Coding.memo,
                coder.name.label("coder"),
                FieldSession.started_at,
                FieldSession.status,
                FieldSession.source_type,
                FieldSession.source_role,
                FieldSession.instrument_id,
                Informant.code.label("informant"),
                InformantRole.label.label("role_label"),
                Site.name.label("site"),
                Researcher.name.label("researcher"),
            )
            .select_from(e)
            .join(Answer, Answer.id == e.c.answer_id)
            .join(FieldSession, FieldSession.id == e.c.session_id)
            .join(Site, Site.id == FieldSession.site_id)
            .join(Researcher, Researcher.id == FieldSession.researcher_id)
            .outerjoin(Informant, Informant.id == FieldSession.informant_id)
            .outerjoin(InformantRole, InformantRole.code == FieldSession.source_role)
            .outerjoin(Coding, Coding.id == e.c.coding_id)
            .outerjoin(coder, coder.id == Coding.coder_id)
            .order_by(FieldSession.started_at, Answer.key, Coding.start, Coding.end)
        )
        if stance is not None:
            stmt = stmt.where(e.c.stance == stance)
        records = session.execute(stmt).all()
        labels = AnswerLabels.load(session, {r.instrument_id for r in records}, lang)
    return _group(records, labels, row.code)


def _group(records: Sequence[Any], labels: AnswerLabels, theme: str) -> list[Evidence]:
    """One Evidence per (answer, stance), gathering its codings."""
    grouped: dict[tuple[str, str], list[Any]] = {}
    for r in records:
        grouped.setdefault((r.answer_id, r.stance), []).append(r)
    result = []
    for (answer_id, stance), rs in grouped.items():
        first = rs[0]
        question_label = labels.question(first.instrument_id, first.question)
        hand = [r for r in rs if r.coding_id is not None]
        excerpts = list(dict.fromkeys(r.excerpt for r in hand if r.excerpt))
        if excerpts:
            label = " … ".join(excerpts)
        else:
            qtext = pick(question_label, labels.lang) if question_label else first.question
            value = labels.value(first.instrument_id, first.question, first.value or "")
            label = f"{qtext}: {value}"
        result.append(
            Evidence(
                answer_id=answer_id,
                theme_code=theme,
                stance=stance,
                column=first.col,
                label=label,
                question=first.question,
                question_label=question_label,
                automatic=len(hand) < len(rs),
                coding_ids=tuple(r.coding_id for r in hand),
                coders=tuple(dict.fromkeys(r.coder or "" for r in hand)),
                memos=tuple(r.memo for r in hand if r.memo),
                informant_code=first.informant or "",
                role=first.source_role or "",
                role_label=dict(first.role_label or {}),
                source_type=first.source_type,
                site_name=first.site,
                session_id=first.session_id,
                started_at=first.started_at,
                researcher_name=first.researcher,
                status=first.status,
            )
        )
    return result


def set_corroboration_threshold(db: Database, actor: Actor, threshold: int) -> Thresholds:
    """Change how many independent supporting lines corroborate an incident (a study
    setting, audited)."""
    if threshold < 1:
        raise NeutralitasError("the corroboration threshold must be at least 1")
    with db.session() as session:
        study = session.scalars(select(Study)).first()
        if study is None:
            raise NeutralitasError("the database holds no study")
        settings = dict(study.settings or {})
        previous = dict(settings.get("triangulation") or {})
        settings["triangulation"] = {**previous, "corroboration_threshold": threshold}
        study.settings = settings
        study.device_id = actor.device_id
        audit.record(
            session,
            actor,
            "study.thresholds",
            "study",
            study.id,
            previous=previous,
            current=settings["triangulation"],
        )
        return Thresholds.from_settings(settings)
