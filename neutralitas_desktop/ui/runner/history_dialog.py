"""The revisions of one answer: every value it had, when, and from which laptop."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from neutralitas_desktop.fieldwork.answers import RevisionInfo


def local_time(utc: dt.datetime) -> str:
    """A stored UTC time as the laptop's local time."""
    return utc.replace(tzinfo=dt.UTC).astimezone().strftime("%Y-%m-%d %H:%M:%S")


class RevisionTableModel(QAbstractTableModel):
    def __init__(self, rows: list[RevisionInfo], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows = rows
        self._headers = [
            self.tr("Saved"),
            self.tr("Answer"),
            self.tr("Field note"),
            self.tr("Device"),
        ]

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
        row = self._rows[index.row()]
        column = index.column()
        if column == 0:
            return local_time(row.created_at)
        if column == 1:
            return row.value if row.value is not None else self.tr("(empty)")
        if column == 2:
            return row.note
        return row.device_id[:8]


class HistoryDialog(QDialog):
    def __init__(self, label: str, rows: list[RevisionInfo], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Answer history"))
        self.resize(720, 360)
        layout = QVBoxLayout(self)
        title = QLabel(label, self)
        title.setObjectName("questionLabel")
        title.setWordWrap(True)
        layout.addWidget(title)
        self.model = RevisionTableModel(rows, self)
        table = QTableView(self)
        table.setModel(self.model)
        table.verticalHeader().setVisible(False)
        table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        table.setWordWrap(True)
        layout.addWidget(table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
