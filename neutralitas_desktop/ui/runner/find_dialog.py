"""Ctrl+F in the runner: type part of a question, pick it, jump there."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from neutralitas_desktop.ui.runner.session_state import RunnerState


class FindQuestionDialog(QDialog):
    def __init__(self, state: RunnerState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.chosen = ""
        self.setWindowTitle(self.tr("Find a question"))
        self.resize(620, 420)
        layout = QVBoxLayout(self)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Words from the question, its hint or its name…"))
        self.search.textChanged.connect(self._on_search)
        self.search.installEventFilter(self)
        layout.addWidget(self.search)
        self.results = QListWidget(self)
        self.results.setWordWrap(True)
        self.results.itemActivated.connect(self._on_activated)
        layout.addWidget(self.results, 1)
        hint = QLabel(self.tr("Enter jumps to the question; questions not asked are greyed."), self)
        hint.setObjectName("hint")
        layout.addWidget(hint)
        self._on_search("")

    def _on_search(self, text: str) -> None:
        self.results.clear()
        for hit in self.state.find(text):
            item = QListWidgetItem(f"{hit.label}\n    {hit.section_label}", self.results)
            item.setData(Qt.ItemDataRole.UserRole, hit.key)
            if not self.state.form.is_relevant(hit.key):
                item.setForeground(Qt.GlobalColor.gray)
        if self.results.count():
            self.results.setCurrentRow(0)

    def eventFilter(self, watched: object, event: object) -> bool:
        if watched is self.search and isinstance(event, QKeyEvent):
            if event.type() == QKeyEvent.Type.KeyPress and event.key() in (
                Qt.Key.Key_Down,
                Qt.Key.Key_Up,
            ):
                row = self.results.currentRow() + (1 if event.key() == Qt.Key.Key_Down else -1)
                self.results.setCurrentRow(max(0, min(row, self.results.count() - 1)))
                return True
            if event.type() == QKeyEvent.Type.KeyPress and event.key() in (
                Qt.Key.Key_Return,
                Qt.Key.Key_Enter,
            ):
                item = self.results.currentItem()
                if item is not None:
                    self._on_activated(item)
                return True
        return super().eventFilter(watched, event)  # type: ignore[arg-type]

    def _on_activated(self, item: QListWidgetItem) -> None:
        self.chosen = str(item.data(Qt.ItemDataRole.UserRole))
        self.accept()
