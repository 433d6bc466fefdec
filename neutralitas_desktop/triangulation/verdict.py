"""The verdict rule of the triangulation matrix, in one place, pure and documented.

A cell (one theme, one column of the chosen grouping) *supports* a stance when

* it holds at least ``min_evidence_per_cell`` pieces of evidence of that stance, and
* that stance outweighs the opposite one in the cell (violation vs. neutrality;
  "unclear" evidence is shown but never decides).

A cell with as much violation as neutrality evidence supports neither. Over the row:

* **diverging** — some columns support *violation* and others *neutrality*; decided
  by every supporting column;
* **converging** — at least ``min_source_types`` columns support the same stance and
  none supports the other; decided by those columns;
* **single source** — fewer than ``min_source_types`` columns support a stance, all
  the same one; decided by them;
* **no evidence** — no column supports a stance (the row is empty, or holds only
  unclear or evenly split evidence).

The rule is the same whichever grouping is shown: columns are source types
(triangulasi teknik), informant roles (triangulasi sumber) or fieldwork periods
(triangulasi waktu). The thresholds are study settings (``settings["triangulation"]``).
"""

from __future__ import annotations

from collections.abc import Sequence

from neutralitas_desktop.triangulation.types import Cell, Column, Thresholds, Verdict

OPPOSITE = {"violation": "neutrality", "neutrality": "violation"}


def cell_stance(cell: Cell, thresholds: Thresholds) -> str:
    """The stance a cell supports, or "" when it supports none."""
    for stance, other in OPPOSITE.items():
        n = cell.count(stance)
        if n >= thresholds.min_evidence_per_cell and n > cell.count(other):
            return stance
    return ""


def decide(columns: Sequence[Column], cells: Sequence[Cell], thresholds: Thresholds) -> Verdict:
    supporting = {
        column.key: stance
        for column, cell in zip(columns, cells, strict=True)
        if (stance := cell_stance(cell, thresholds))
    }
    stances = set(supporting.values())
    keys = tuple(supporting)
    if not supporting:
        return Verdict("no_evidence", "", (), {})
    if len(stances) > 1:
        return Verdict("diverging", "", keys, supporting)
    (stance,) = stances
    kind = "converging" if len(supporting) >= thresholds.min_source_types else "single_source"
    return Verdict(kind, stance, keys, supporting)
