"""The triangulation matrix as the reports show it, from the triangulation service.

The service takes one site and one status; a report filtered to several of each asks
once per combination and adds the counts up (the session sets are disjoint, so the sums
are exact), then lets the service's own verdict rule decide on the sums.
"""

from __future__ import annotations

from dataclasses import replace

from neutralitas_desktop.reports.queries import Scope
from neutralitas_desktop.store.database import Database
from neutralitas_desktop.triangulation.matrix import cell_evidence, triangulation_matrix
from neutralitas_desktop.triangulation.types import (
    STANCES,
    Cell,
    Column,
    Evidence,
    Matrix,
    MatrixQuery,
    ThemeRow,
)
from neutralitas_desktop.triangulation.verdict import decide

__all__ = ["Evidence", "Matrix", "matrix_for", "theme_evidence"]


def _queries(scope: Scope, by: str, rollup: bool = True) -> list[MatrixQuery]:
    sites: list[str | None] = list(scope.site_ids) or [None]
    statuses: list[str | None] = list(scope.statuses) or [None]
    return [
        MatrixQuery(by=by, site=site, status=status, rollup=rollup)
        for site in sites
        for status in statuses
    ]


def matrix_for(db: Database, scope: Scope, by: str = "technique") -> Matrix:
    matrices = [triangulation_matrix(db, q) for q in _queries(scope, by)]
    if len(matrices) == 1:
        return matrices[0]
    return _combine(matrices)


def _add(a: Cell, b: Cell) -> Cell:
    return Cell(**{s: a.count(s) + b.count(s) for s in STANCES})


def _combine(matrices: list[Matrix]) -> Matrix:
    columns: dict[str, Column] = {}
    for m in matrices:
        for column in m.columns:
            columns.setdefault(column.key, column)
    keys = list(columns)
    rows: dict[str, ThemeRow] = {}
    sums: dict[str, list[Cell]] = {}
    for m in matrices:
        for row in m.rows:
            cells = sums.setdefault(row.code, [Cell() for _ in keys])
            rows.setdefault(row.code, row)
            for column, cell in zip(m.columns, row.cells, strict=True):
                i = keys.index(column.key)
                cells[i] = _add(cells[i], cell)
    first = matrices[0]
    out = []
    for code, row in rows.items():
        summed = tuple(sums[code])
        total = Cell(**{s: sum(c.count(s) for c in summed) for s in STANCES})
        verdict = decide(list(columns.values()), summed, first.thresholds)
        out.append(replace(row, cells=summed, total=total, verdict=verdict))
    return replace(first, columns=tuple(columns.values()), rows=tuple(out))


def theme_evidence(
    db: Database, scope: Scope, theme: str, stance: str | None, language: str
) -> list[Evidence]:
    """The evidence coded to the theme itself (not its sub-themes), all columns, for the
    report's key excerpts."""
    evidence: list[Evidence] = []
    for query in _queries(scope, "technique", rollup=False):
        evidence += cell_evidence(db, query, theme, None, stance, language)
    return evidence
