"""The revisions of one answer: every value it had, when, by whom and on which laptop; an
earlier value can be restored (as a new revision: the history itself never changes)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from neutralitas_desktop.ui.formats import study_time
from neutralitas_desktop.vocabulary.time_zones import DEFAULT_TIME_ZONE, StudyTimeZone

if TYPE_CHECKING:
    from neutralitas_desktop.fieldwork.answers import NamedRevision


class RevisionTableModel(QAbstractTableModel):
    def __init__(
        self,
        rows: list[NamedRevision],
        parent: QWidget | None = None,
        zone: StudyTimeZone = DEFAULT_TIME_ZONE,
    ) -> None:
        super().__init__(parent)
        self._rows = rows
        self.zone = zone
        self._headers = [
            self.tr("Saved"),
            self.tr("Answer"),
            self.tr("Field note"),
            self.tr("Researcher"),
            self.tr("Laptop"),
        ]

    def row(self, index: int) -> NamedRevision:
        return self._rows[index]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section]
        return None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        named = self._rows[index.row()]
        row = named.revision
        column = index.column()
        if column == 0:
            return study_time(row.created_at, self.zone, seconds=True)
        if column == 1:
            return row.value if row.value is not None else self.tr("(empty)")
        if column == 2:
            return row.note
        if column == 3:
            return named.researcher or self.tr("(unknown)")
        return named.laptop or self.tr("(unknown)")


class HistoryDialog(QDialog):
    """``chosen``: the revision whose value the user asked to restore (None: closed)."""

    def __init__(
        self,
        label: str,
        rows: list[NamedRevision],
        parent: QWidget | None = None,
        *,
        editable: bool = False,
        zone: StudyTimeZone = DEFAULT_TIME_ZONE,
    ):
        super().__init__(parent)
        self.chosen: NamedRevision | None = None
        self.setWindowTitle(self.tr("Answer history"))
        self.resize(820, 360)
        layout = QVBoxLayout(self)
        title = QLabel(label, self)
        title.setObjectName("questionLabel")
        title.setWordWrap(True)
        layout.addWidget(title)
        self.model = RevisionTableModel(rows, self, zone)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setWordWrap(True)
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.restore_button = QPushButton(self.tr("Restore this value"), self)
        self.restore_button.setEnabled(False)
        self.restore_button.setVisible(editable)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.restore_button.clicked.connect(self._restore)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        current = len(rows) - 1
        self.table.selectionModel().selectionChanged.connect(
            lambda *_: self.restore_button.setEnabled(self._selected() not in (None, current))
        )

    def _selected(self) -> int | None:
        picked = self.table.selectionModel().selectedRows()
        return picked[0].row() if picked else None

    def _restore(self) -> None:
        index = self._selected()
        if index is not None:
            self.chosen = self.model.row(index)
            self.accept()
