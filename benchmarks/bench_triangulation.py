"""How long the full triangulation matrix takes (goal at size L, ~240,000 answers: <= 0.5 s),
for each grouping and with a filter, and how long one large cell's drill-down takes."""

from __future__ import annotations

import time

from benchmarks.common import BenchContext, Figure, timed

GOAL_S = 0.5


def run(ctx: BenchContext) -> list[Figure]:
    from neutralitas_desktop.fieldwork.answers import answer_count
    from neutralitas_desktop.store.database import open_database
    from neutralitas_desktop.triangulation.matrix import cell_evidence, triangulation_matrix
    from neutralitas_desktop.triangulation.types import MatrixQuery

    db = open_database(ctx.demo_study())
    answers = answer_count(db)
    goal = f"<= {GOAL_S} s" if ctx.size == "L" else ""

    def check(seconds: float) -> bool | None:
        return seconds <= GOAL_S if ctx.size == "L" else None

    figures = [
        Figure(f"study: answers ({ctx.sessions} sessions)", answers, "rows"),
    ]
    started = time.perf_counter()
    matrix = triangulation_matrix(db)
    first = time.perf_counter() - started
    figures.append(Figure("matrix by technique, first call", first, "s"))
    for by in ("technique", "source", "time", "site"):
        query = MatrixQuery(by=by)
        best = timed(lambda q=query: triangulation_matrix(db, q), repeat=3)  # type: ignore[misc]
        figures.append(Figure(f"matrix by {by} (best of 3)", best, "s", goal, check(best)))
    best = timed(lambda: triangulation_matrix(db, MatrixQuery(status="approved")), repeat=3)
    figures.append(
        Figure("matrix, approved sessions only (best of 3)", best, "s", goal, check(best))
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
