"""Analysis › Find in answers…: full-text search over every answer and field note of the
study, and everything coded with a theme across sessions; a result opens its session's
coding window, so a passage found can be coded at once."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from neutralitas_desktop.ui.dialogs import show_error
from neutralitas_desktop.ui.operation_runner import OperationRunner
from neutralitas_desktop.ui.triangulation.labels import local, stance_name

if TYPE_CHECKING:
    from neutralitas_desktop.triangulation.search import CodedPassage, SearchHit
    from neutralitas_desktop.triangulation.workbench import TriangulationWorkbench

SESSION_ROLE = Qt.ItemDataRole.UserRole + 1
COLUMN_MAX = 280  # pixels; longer questions are elided, their tooltip holds them whole


class SearchPanel(QWidget):
    coding_requested = Signal(str)  # session id: open its coding window
    results_shown = Signal(int)  # number of rows

    def __init__(
        self, workbench: TriangulationWorkbench, language: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("page")
        self.setWindowTitle(self.tr("Find in answers"))
        self.workbench = workbench
        self.language = language
        self.worker = OperationRunner(self, latest_only=True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        title = QLabel(self.tr("Find in answers"), self)
        title.setObjectName("screenTitle")
        layout.addWidget(title)
        row = QHBoxLayout()
        self.query = QLineEdit(self)
        self.query.setPlaceholderText(self.tr("Words to find in answers and field notes…"))
        self.query.returnPressed.connect(self.search)
        find = QPushButton(self.tr("Find"), self)
        find.clicked.connect(self.search)
        row.addWidget(self.query, 1)
        row.addWidget(find)
        layout.addLayout(row)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Everything coded with"), self))
        self.theme = QComboBox(self)
        for theme in workbench.themes():
            if not theme.retired:
                indent = "    " if theme.parent_code else ""
                self.theme.addItem(indent + local(theme.label, language, theme.code), theme.code)
        self.theme.activated.connect(lambda _i: self.show_coded())
        row.addWidget(self.theme, 1)
        show = QPushButton(self.tr("Show"), self)
        show.clicked.connect(self.show_coded)
        row.addWidget(show)
        layout.addLayout(row)
        self.model = QStandardItemModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.doubleClicked.connect(self._on_open)
        self.table.activated.connect(self._on_open)
        layout.addWidget(self.table, 1)
        bottom = QHBoxLayout()
        self.status = QLabel(self)
        self.status.setObjectName("muted")
        bottom.addWidget(self.status, 1)
        self.code_button = QPushButton(self.tr("Code in its session…"), self)
        self.code_button.clicked.connect(lambda: self._on_open(self.table.currentIndex()))
        bottom.addWidget(self.code_button)
        layout.addLayout(bottom)

    # ---- searching -------------------------------------------------------------------
    def search(self) -> None:
        text = self.query.text()
        self.status.setText(self.tr("Searching…"))
        self.worker.run(lambda _p, _c: self.workbench.search(text), self._on_hits, self._on_error)

    def show_coded(self) -> None:
        code = self.theme.currentData()
        if code:
            self.worker.run(
                lambda _p, _c: self.workbench.coded_with(code),
                self._on_coded,
                self._on_error,
            )

    def _on_error(self, error: BaseException) -> None:
        self.status.setText("")
        show_error(self, error)

    def _fill(self, headers: list[str], rows: list[tuple[str, list[str]]]) -> None:
        self.model.clear()
        self.model.setHorizontalHeaderLabels(headers)
        for session_id, cells in rows:
            items = [QStandardItem(c) for c in cells]
            for item in items:
                item.setData(session_id, SESSION_ROLE)
                item.setToolTip(item.text())
            self.model.appendRow(items)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.resizeColumnsToContents()
        for column in range(len(headers) - 1):  # the found text gets the room left
            header.resizeSection(column, min(header.sectionSize(column), COLUMN_MAX))
        header.setSectionResizeMode(len(headers) - 1, QHeaderView.ResizeMode.Stretch)
        self.code_button.setEnabled(bool(rows))
        self.status.setText(self.tr("%1 found").replace("%1", str(len(rows))))
        self.results_shown.emit(len(rows))

    def _on_hits(self, hits: list[SearchHit]) -> None:
        note = self.tr("field note")
        self._fill(
            [
                self.tr("Informant"),
                self.tr("Site"),
                self.tr("Date"),
                self.tr("Question"),
                self.tr("Found text"),
            ],
            [
                (
                    h.session_id,
                    [
                        h.informant_code or "—",
                        h.site_name,
                        f"{h.started_at:%Y-%m-%d}",
                        local(h.question_label, self.language, "")
                        + (f" ({note})" if h.target == "note" else ""),
                        h.snippet.replace("[", "«").replace("]", "»"),
                    ],
                )
                for h in hits
            ],
        )

    def _on_coded(self, passages: list[CodedPassage]) -> None:
        self._fill(
            [
                self.tr("Informant"),
                self.tr("Site"),
                self.tr("Date"),
                self.tr("Stance"),
                self.tr("Coded passage"),
            ],
            [
                (
                    p.session_id,
                    [
                        p.informant_code or "—",
                        p.site_name,
                        f"{p.started_at:%Y-%m-%d}",
                        stance_name(p.stance),
                        p.excerpt + (f" — {p.memo}" if p.memo else ""),
                    ],
                )
                for p in passages
            ],
        )

    def _on_open(self, index: QModelIndex) -> None:
        session = index.data(SESSION_ROLE)
        if session:
            self.coding_requested.emit(str(session))
