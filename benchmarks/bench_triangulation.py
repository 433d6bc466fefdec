"""The triangulation matrix (incidents by corroboration, with the answers' stances as
context), for each grouping and with a filter, next to a raw SQL aggregate over the same
rows (answers mapped to a stance plus hand codings, counted by theme, column and stance)
on the same database in the same run; and one large cell's drill-down."""

from __future__ import annotations

import time
from pathlib import Path

from benchmarks.common import BenchContext, Figure, timed

GOAL = 1.5
REPEAT = 20  # best of: the machine may be shared, and one call takes milliseconds

# What the matrix counts, with nothing of ours: automatic evidence (an answer's value
# mapped to a stance) and hand codings, of relevant answers in sessions not refused,
# counted by theme, source type and stance. No multiple-choice splitting, merged themes,
# consent, periods or verdicts: those are what the matrix adds.
RAW_AGGREGATE = """
SELECT theme, col, stance, count(DISTINCT answer_id) FROM (
    SELECT qs.theme_code AS theme, s.source_type AS col, qs.stance AS stance,
           a.id AS answer_id
    FROM field_session s
    JOIN answer a ON a.session_id = s.id
    JOIN question_stance qs ON qs.instrument_id = s.instrument_id
         AND qs.question = a.question AND qs.value = a.value
    WHERE s.status != 'refused' AND a.relevant
    UNION ALL
    SELECT c.theme_id, s.source_type, c.stance, a.id
    FROM field_session s
    JOIN answer a ON a.session_id = s.id
    JOIN coding c ON c.answer_id = a.id
    WHERE s.status != 'refused' AND a.relevant AND NOT c.deleted
)
GROUP BY theme, col, stance
"""


def _raw(path: Path) -> float:
    from neutralitas_desktop.store import cipher

    con = cipher.connect(path, None)  # the app's SQLite library (see store/cipher.py)
    try:
        return timed(lambda: con.execute(RAW_AGGREGATE).fetchall())
    finally:
        con.close()


def run(ctx: BenchContext) -> list[Figure]:
    from neutralitas_desktop.fieldwork.stats import study_stats
    from neutralitas_desktop.store.database import open_database
    from neutralitas_desktop.triangulation.matrix import cell_evidence, triangulation_matrix
    from neutralitas_desktop.triangulation.types import MatrixQuery

    path = ctx.demo_study()
    db = open_database(path)
    answers = study_stats(db)["answers"]
    figures = [Figure(f"study: answers ({ctx.sessions} sessions)", answers, "rows")]
    _raw(path)  # warm the page cache for both
    started = time.perf_counter()
    matrix = triangulation_matrix(db)
    figures.append(Figure("matrix by technique, first call", time.perf_counter() - started, "s"))
    queries = [
        (f"matrix by {by}", MatrixQuery(by=by)) for by in ("technique", "source", "time", "site")
    ]
    queries.append(("matrix, approved only", MatrixQuery(status="approved")))
    for name, query in queries:
        best, raw = float("inf"), float("inf")
        for _ in range(REPEAT):  # interleaved with the baseline, best of each
            best = min(best, timed(lambda q=query: triangulation_matrix(db, q)))  # type: ignore[misc]
            raw = min(raw, _raw(path))
        figures.append(
            Figure(f"{name} vs raw SQL aggregate, best of {REPEAT}", best, "s", raw, GOAL)
        )
    biggest = max(matrix.rows, key=lambda r: max(c.total for c in r.cells))
    column = max(range(len(matrix.columns)), key=lambda i: biggest.cells[i].total)
    key = matrix.columns[column].key
    started = time.perf_counter()
    items = cell_evidence(db, MatrixQuery(), biggest.code, key)
    figures.append(
        Figure(f"drill-down: {len(items)} pieces ({biggest.code} × {key})",
               time.perf_counter() - started, "s")
    )  # fmt: skip
    db.close()
    return figures
