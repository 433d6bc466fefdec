"""Qt item models over the triangulation service's plain results: the matrix (themes ×
columns, the simpulan and the answers as context), the incidents behind a cell and the
answers about a theme."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QFont

from neutralitas_desktop.triangulation.incident_types import IncidentInfo
from neutralitas_desktop.triangulation.types import Cell, Evidence, Matrix, ThemeRow
from neutralitas_desktop.ui.triangulation.labels import (
    CONCLUSION_COLOURS,
    actor_type_name,
    cell_colour,
    conclusion_name,
    corroboration_name,
    local,
    source_name,
    stance_name,
)

Index = QModelIndex | QPersistentModelIndex
CellRole = Qt.ItemDataRole.UserRole + 1  # (theme code, column key or None)
# (corroborated, single line, contradicted, unattested, lines of evidence)
CountsRole = Qt.ItemDataRole.UserRole + 2
KINDS = ("corroborated", "single_line", "contradicted", "unattested")


def cell_text(cell: Cell) -> str:
    """Incidents by corroboration, then the lines of evidence in brackets."""
    if not cell.total:
        return ""
    return " · ".join(str(cell.count(k)) for k in KINDS) + f"  ({cell.lines})"


class MatrixTableModel(QAbstractTableModel):
    """Column 0: the theme (indented by depth); then one column per source (or site); then
    the simpulan triangulasi; last, the answers as context. Cells read "corroborated ·
    single line · contradicted · unattested (lines)"; cells holding the lines that decided
    the simpulan are bold."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.matrix: Matrix | None = None
        self.language = "id"

    def set_matrix(self, matrix: Matrix | None, language: str) -> None:
        self.beginResetModel()
        self.matrix = matrix
        self.language = language
        self.endResetModel()

    # ---- shape ----------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self.matrix is None else len(self.matrix.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self.matrix is None else len(self.matrix.columns) + 3

    def conclusion_column(self) -> int:
        return self.columnCount() - 2

    def context_column(self) -> int:
        return self.columnCount() - 1

    def column_key(self, column: int) -> str | None:
        if self.matrix is None or not 1 <= column <= len(self.matrix.columns):
            return None
        return self.matrix.columns[column - 1].key

    def row_at(self, row: int) -> ThemeRow:
        assert self.matrix is not None
        return self.matrix.rows[row]

    def index_of(self, theme: str, column: str) -> QModelIndex:
        assert self.matrix is not None
        row = next(i for i, r in enumerate(self.matrix.rows) if r.code == theme)
        return self.index(row, self.matrix.column_index(column) + 1)

    # ---- headers ----------------------------------------------------------------------
    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal or self.matrix is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if section == 0:
                return self.tr("Theme")
            if section == self.conclusion_column():
                return self.tr("Triangulation conclusion")
            if section == self.context_column():
                return self.tr("Context: answers")
            column = self.matrix.columns[section - 1]
            return local(column.label, self.language, column.key)
        if role == Qt.ItemDataRole.ToolTipRole:
            if 0 < section < self.conclusion_column() and self.matrix is not None:
                column = self.matrix.columns[section - 1]
                return (
                    local(column.label, self.language, column.key)
                    + "\n"
                    + self.tr(
                        "Incidents: corroborated · single line · contradicted · unattested "
                        "(lines of evidence)"
                    )
                )
            if section == self.context_column():
                return self.tr(
                    "What structured answers say (violation · neutrality · unclear): context "
                    "beside the row, never evidence for or against a violation"
                )
        return None

    # ---- cells ------------------------------------------------------------------------
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.matrix is None:
            return None
        row = self.matrix.rows[index.row()]
        col = index.column()
        if col == 0:
            return self._theme_data(row, role)
        if col == self.conclusion_column():
            return self._conclusion_data(row, role)
        if col == self.context_column():
            return self._context_data(row, role)
        cell = row.cells[col - 1]
        key = self.matrix.columns[col - 1].key
        decided = key in row.conclusion.decided_by
        if role == Qt.ItemDataRole.DisplayRole:
            if self.matrix.query.by == "site":  # the site's incidents, best-attested first
                return ", ".join(corroboration_name(k) for k in self._listed(cell))
            return cell_text(cell)
        if role == CountsRole:
            return (*(cell.count(k) for k in KINDS), cell.lines)
        if role == CellRole:
            return (row.code, key)
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(cell_colour(cell))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.FontRole and decided:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [f"{corroboration_name(k)}: {cell.count(k)}" for k in KINDS]
            lines.append(
                self.tr("Lines of evidence: %1 (supporting %2, denials %3, hearsay %4)")
                .replace("%1", str(cell.lines))
                .replace("%2", str(cell.supporting))
                .replace("%3", str(cell.denials))
                .replace("%4", str(cell.hearsay))
            )
            if decided:
                lines.append(self.tr("Lines in this cell decided the conclusion."))
            listed = self.matrix.incidents
            lines += [
                f"• {corroboration_name(listed[i][0])} — {listed[i][1]}"
                for i in cell.incidents
                if i in listed
            ]
            return "\n".join(lines)
        return None

    def _listed(self, cell: Cell) -> list[str]:
        """The corroboration of each incident of a cell, best-attested first."""
        assert self.matrix is not None
        kinds = [self.matrix.incidents[i][0] for i in cell.incidents if i in self.matrix.incidents]
        return sorted(kinds, key=KINDS.index)

    def _theme_data(self, row: ThemeRow, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            label = local(row.label, self.language, row.code)
            return "    " * row.depth + label + (f" ({self.tr('retired')})" if row.retired else "")
        if role == CellRole:
            return (row.code, None)
        if role == Qt.ItemDataRole.ToolTipRole:  # the whole name: the column elides it
            return f"{local(row.label, self.language, row.code)} ({row.code})"
        if role == Qt.ItemDataRole.FontRole and row.depth == 0:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _conclusion_data(self, row: ThemeRow, role: int) -> Any:
        c = row.conclusion
        if role == Qt.ItemDataRole.DisplayRole:
            text = conclusion_name(c.kind)
            return f"{text} ({c.incidents})" if c.incidents else text
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(CONCLUSION_COLOURS.get(c.kind, CONCLUSION_COLOURS["no_incidents"]))
        if role == CellRole:
            return (row.code, None)
        if role == Qt.ItemDataRole.ToolTipRole and self.matrix is not None:
            labels = {k.key: local(k.label, self.language, k.key) for k in self.matrix.columns}
            if not c.decided_by:
                return self.tr("No line of evidence supports an incident of this theme.")
            return (
                self.tr("Decided by lines in") + "\n" + "\n".join(labels[k] for k in c.decided_by)
            )
        return None

    def _context_data(self, row: ThemeRow, role: int) -> Any:
        c = row.context
        if role == Qt.ItemDataRole.DisplayRole:
            return "" if not c.total else f"{c.violation} · {c.neutrality} · {c.unclear}"
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(Qt.GlobalColor.darkGray)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == CellRole:
            return (row.code, None)
        return None


class IncidentTableModel(QAbstractTableModel):
    """The incidents of a cell: corroboration, date, site, actor, summary, lines."""

    COLUMNS = ("corroboration", "date", "site", "actor", "summary", "lines")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.items: list[IncidentInfo] = []

    def set_items(self, items: list[IncidentInfo]) -> None:
        self.beginResetModel()
        self.items = list(items)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return {
                "corroboration": self.tr("Corroboration"), "date": self.tr("Date"),
                "site": self.tr("Site"), "actor": self.tr("Actor"),
                "summary": self.tr("Incident"), "lines": self.tr("Lines of evidence"),
            }[self.COLUMNS[section]]  # fmt: skip
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        i = self.items[index.row()]
        name = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.UserRole:
            return i
        if role == Qt.ItemDataRole.BackgroundRole and name == "corroboration":
            return QBrush(CONCLUSION_COLOURS[i.corroboration])
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if name == "corroboration":
            return corroboration_name(i.corroboration)
        if name == "date":
            return str(i.date_start) + (f" – {i.date_end}" if i.date_end else "")
        if name == "site":
            return i.site_name
        if name == "actor":
            return " — ".join(filter(None, (actor_type_name(i.actor_type), i.actor_code)))
        if name == "summary":
            return i.summary
        return str(len(i.lines))


class EvidenceTableModel(QAbstractTableModel):
    """The answers about a theme (context): stance, excerpt or answer, and where it came
    from (pseudonymous informant code, role, site, date, session)."""

    COLUMNS = ("stance", "evidence", "informant", "role", "site", "date", "coded by")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.items: list[Evidence] = []
        self.language = "id"

    def set_items(self, items: list[Evidence], language: str) -> None:
        self.beginResetModel()
        self.items = list(items)
        self.language = language
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return {
                "stance": self.tr("Stance"), "evidence": self.tr("Excerpt or answer"),
                "informant": self.tr("Informant"), "role": self.tr("Role / source"),
                "site": self.tr("Site"), "date": self.tr("Date"), "coded by": self.tr("Coded by"),
            }[self.COLUMNS[section]]  # fmt: skip
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        e = self.items[index.row()]
        name = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.UserRole:
            return e
        if role == Qt.ItemDataRole.ToolTipRole and name == "evidence":
            return "\n".join([e.label, *e.memos])
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if name == "stance":
            return stance_name(e.stance)
        if name == "evidence":
            return e.label
        if name == "informant":
            return e.informant_code or "—"
        if name == "role":
            return (
                local(e.role_label, self.language, e.role) if e.role else source_name(e.source_type)
            )
        if name == "site":
            return e.site_name
        if name == "date":
            return e.started_at.strftime("%Y-%m-%d")
        return ", ".join(c for c in e.coders if c) or (self.tr("automatic") if e.automatic else "")
