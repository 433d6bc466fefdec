"""Qt item models over the triangulation service's plain results: the matrix (themes ×
columns + verdict) and the evidence behind a cell."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QFont

from neutralitas_desktop.triangulation.types import Evidence, Matrix, ThemeRow
from neutralitas_desktop.ui.triangulation.labels import (
    VERDICT_COLOURS,
    cell_colour,
    local,
    source_name,
    stance_name,
    verdict_name,
)

Index = QModelIndex | QPersistentModelIndex
CellRole = Qt.ItemDataRole.UserRole + 1  # (theme code, column key or None)
CountsRole = Qt.ItemDataRole.UserRole + 2  # (violation, neutrality, unclear)


class MatrixTableModel(QAbstractTableModel):
    """Column 0: the theme (indented by depth); then one column per source; last: the
    verdict. Cells read "violation · neutrality · unclear"; cells that decided the verdict
    are bold."""

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
        return 0 if parent.isValid() or self.matrix is None else len(self.matrix.columns) + 2

    def verdict_column(self) -> int:
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
            if section == self.verdict_column():
                return self.tr("Verdict")
            column = self.matrix.columns[section - 1]
            return local(column.label, self.language, column.key)
        if role == Qt.ItemDataRole.ToolTipRole and 0 < section < self.verdict_column():
            column = self.matrix.columns[section - 1]
            return (
                local(column.label, self.language, column.key)
                + "\n"
                + self.tr("Answers indicating a violation · neutrality · unclear")
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
        if col == self.verdict_column():
            return self._verdict_data(row, role)
        cell = row.cells[col - 1]
        key = self.matrix.columns[col - 1].key
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                "" if not cell.total else f"{cell.violation} · {cell.neutrality} · {cell.unclear}"
            )
        if role == CountsRole:
            return (cell.violation, cell.neutrality, cell.unclear)
        if role == CellRole:
            return (row.code, key)
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(cell_colour(cell))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.FontRole and key in row.verdict.decided_by:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            decided = key in row.verdict.decided_by
            return "\n".join(
                [
                    f"{stance_name('violation')}: {cell.violation}",
                    f"{stance_name('neutrality')}: {cell.neutrality}",
                    f"{stance_name('unclear')}: {cell.unclear}",
                ]
                + ([self.tr("This cell decided the verdict.")] if decided else [])
            )
        return None

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

    def _verdict_data(self, row: ThemeRow, role: int) -> Any:
        v = row.verdict
        if role == Qt.ItemDataRole.DisplayRole:
            text = verdict_name(v.kind)
            return f"{text}: {stance_name(v.stance).lower()}" if v.stance else text
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(VERDICT_COLOURS.get(v.kind, VERDICT_COLOURS["no_evidence"]))
        if role == CellRole:
            return (row.code, None)
        if role == Qt.ItemDataRole.ToolTipRole and self.matrix is not None:
            labels = {c.key: local(c.label, self.language, c.key) for c in self.matrix.columns}
            if not v.decided_by:
                return self.tr("No column has enough evidence leaning one way.")
            parts = [f"{labels[k]}: {stance_name(v.supporting[k]).lower()}" for k in v.decided_by]
            return self.tr("Decided by") + "\n" + "\n".join(parts)
        return None


class EvidenceTableModel(QAbstractTableModel):
    """The pieces of evidence of a cell: stance, excerpt or answer, and where it came from
    (pseudonymous informant code, role, site, date, session)."""

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
