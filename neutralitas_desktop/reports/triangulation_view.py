"""The triangulation matrix as the reports show it, from the triangulation service: one
query with the report's sites and statuses, so the reports show exactly the service's
matrix (incidents by corroboration, a simpulan per theme, answers as context)."""

from __future__ import annotations

from neutralitas_desktop.reports.queries import Scope
from neutralitas_desktop.store.database import Database
from neutralitas_desktop.triangulation.matrix import cell_evidence, triangulation_matrix
from neutralitas_desktop.triangulation.types import Evidence, Matrix, MatrixQuery

__all__ = ["Evidence", "Matrix", "matrix_for", "query_for", "theme_evidence"]


def query_for(scope: Scope, by: str = "technique", rollup: bool = True) -> MatrixQuery:
    return MatrixQuery(by=by, sites=scope.site_ids, statuses=scope.statuses, rollup=rollup)


def matrix_for(db: Database, scope: Scope, by: str = "technique") -> Matrix:
    return triangulation_matrix(db, query_for(scope, by))


def theme_evidence(
    db: Database, scope: Scope, theme: str, stance: str | None, language: str
) -> list[Evidence]:
    """The answers coded to the theme itself (not its sub-themes), all columns, for the
    report's key excerpts."""
    return cell_evidence(db, query_for(scope, rollup=False), theme, None, stance, language)
