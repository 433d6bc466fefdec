"""Arranging incidents into the matrix: which column each line of evidence falls in, the
cells' counts by corroboration, and a row's *simpulan triangulasi*. Pure.

An incident's corroboration is its own (the rule over all its lines, see
``corroboration``); the matrix only places it: it counts in every column that holds at
least one of its lines (triangulasi teknik compares techniques on the same incidents),
and once in the row's total. Grouped by site, the column is the incident's site (Miles
& Huberman's case-ordered meta-matrix). Filters choose which lines are shown (by their
session's status, researcher and period) and which incidents (by their site).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from neutralitas_desktop.triangulation.corroboration import STRENGTH, LineSource, technique
from neutralitas_desktop.triangulation.incident_types import IncidentInfo, LineInfo
from neutralitas_desktop.triangulation.types import Cell, Column, RowConclusion
from neutralitas_desktop.vocabulary import Conclusion, EvidenceKind, SourceType

NO_CELL = Cell()  # a column without the row's incidents (most of them)
SUPPORTING = {
    EvidenceKind.OBSERVED,
    EvidenceKind.DOCUMENT,
    EvidenceKind.SELF_REPORT,
    EvidenceKind.WITNESS,
}


def line_technique(line: LineInfo) -> str:
    """The technique a line counts under (a document is documentation wherever it was
    kept, what the researcher saw is observation), as the rule tells lines apart."""
    return technique(LineSource(line.id, line.kind, line.technique))


def line_column(by: str, line: LineInfo, period_of: Callable[[LineInfo], str]) -> str:
    """The column a line of evidence falls in, for a grouping other than by site."""
    if by == "time":
        return period_of(line)
    kind = line_technique(line)
    if by == "source" and kind == SourceType.INTERVIEW:
        return line.informant_role or SourceType.INTERVIEW
    return kind


@dataclass
class _Tally:
    corroboration: dict[str, str]
    lines: dict[str, dict[str, list[LineInfo]]]  # incident -> column -> its lines there

    def cell(self, incidents: Iterable[str], column: str | None = None) -> Cell:
        """The cell of ``incidents`` in ``column`` (None: the row's total)."""
        ids = sorted(set(incidents))
        counts = {k.value: 0 for k in STRENGTH}
        for i in ids:
            counts[self.corroboration[i]] += 1
        lines = [
            x
            for i in ids
            for col, ls in self.lines.get(i, {}).items()
            if column is None or col == column
            for x in ls
        ]
        return Cell(
            **counts,
            lines=len(lines),
            supporting=sum(x.kind in SUPPORTING for x in lines),
            denials=sum(x.kind == EvidenceKind.DENIAL for x in lines),
            hearsay=sum(x.kind == EvidenceKind.HEARSAY for x in lines),
            incidents=tuple(ids),
        )


def arrange(
    by: str,
    incidents: Sequence[IncidentInfo],
    columns: Sequence[Column],
    rows_of: Callable[[IncidentInfo], Iterable[str]],
    keep_line: Callable[[LineInfo], bool],
    period_of: Callable[[LineInfo], str],
) -> dict[str, tuple[tuple[Cell, ...], Cell, RowConclusion]]:
    """Per row id: the cells (aligned with ``columns``), the row's total and conclusion.

    ``rows_of`` gives the rows an incident counts in (its theme's, and its ancestors'
    when rolled up); ``keep_line`` applies the filters to lines."""
    keys = [c.key for c in columns]
    tally = _Tally({}, {})
    placed: dict[str, dict[str, set[str]]] = {}  # row -> column -> incident ids
    in_row: dict[str, set[str]] = {}
    deciding_cols: dict[str, set[str]] = {}  # incident -> columns of its deciding lines
    for incident in incidents:
        shown = [x for x in incident.lines if keep_line(x)]
        tally.corroboration[incident.id] = incident.corroboration
        cols: dict[str, list[LineInfo]] = {}
        if by == "site":
            cols[incident.site_id] = shown
        else:
            for line in shown:
                cols.setdefault(line_column(by, line, period_of), []).append(line)
        tally.lines[incident.id] = cols
        deciding_cols[incident.id] = {
            col for col, ls in cols.items() if any(x.deciding for x in ls)
        }
        for row in rows_of(incident):
            in_row.setdefault(row, set()).add(incident.id)
            for col in cols:
                placed.setdefault(row, {}).setdefault(col, set()).add(incident.id)
    out = {}
    for row, ids in in_row.items():
        by_col = placed.get(row, {})
        cells = tuple(tally.cell(by_col[k], k) if k in by_col else NO_CELL for k in keys)
        total = tally.cell(ids)
        out[row] = (cells, total, conclude(total, ids, tally.corroboration, deciding_cols, keys))
    return out


def conclude(
    total: Cell,
    ids: Iterable[str],
    corroboration: dict[str, str],
    deciding_cols: dict[str, set[str]],
    keys: Sequence[str],
) -> RowConclusion:
    """The row's simpulan: the corroboration of its best-attested incident(s), and the
    columns holding the lines that decided them."""
    for kind in STRENGTH:
        n = total.count(kind.value)
        if n:
            best = [i for i in ids if corroboration[i] == kind]
            cols = set().union(*(deciding_cols.get(i, set()) for i in best))
            return RowConclusion(kind.value, tuple(k for k in keys if k in cols), n)
    return RowConclusion(Conclusion.NO_INCIDENTS.value, (), 0)


EMPTY = (Cell(), RowConclusion(Conclusion.NO_INCIDENTS.value, (), 0))
