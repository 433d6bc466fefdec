"""The field sessions of the study: counts per source type, filters, and the sortable list;
double-click (or Enter) opens a session in the runner."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from neutralitas_desktop.ui.session_filters import SOURCES, SessionFilterBar
from neutralitas_desktop.ui.session_table import (
    RowRole,
    SessionFilterProxy,
    SessionQuery,
    SessionTableModel,
    source_label,
)

if TYPE_CHECKING:
    from neutralitas_desktop.fieldwork.sessions import SessionRow
    from neutralitas_desktop.fieldwork.sites import SiteInfo


class CountTile(QFrame):
    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("countTile")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 8, 14, 8)
        layout.setSpacing(0)
        self.value = QLabel("0", self)
        self.value.setObjectName("countValue")
        self.name = QLabel(name, self)
        self.name.setObjectName("countName")
        layout.addWidget(self.value)
        layout.addWidget(self.name)


class SessionsPanel(QWidget):
    open_requested = Signal(str)  # session id
    new_requested = Signal()

    def __init__(self, language: str = "id", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 10, 0, 0)
        layout.setSpacing(10)
        tiles = QHBoxLayout()
        tiles.setSpacing(10)
        self.tiles: dict[str, CountTile] = {}
        for code in SOURCES:
            self.tiles[code] = CountTile(source_label(code), self)
            tiles.addWidget(self.tiles[code])
        self.tiles["draft"] = CountTile(self.tr("Drafts to finish"), self)
        tiles.addWidget(self.tiles["draft"])
        tiles.addStretch(1)
        self.new_button = QPushButton(self.tr("New session…"), self)
        self.new_button.setObjectName("primary")
        self.new_button.clicked.connect(self.new_requested)
        tiles.addWidget(self.new_button, 0, Qt.AlignmentFlag.AlignBottom)
        layout.addLayout(tiles)
        self.filters = SessionFilterBar(self)
        layout.addWidget(self.filters)
        self.model = SessionTableModel(language, self)
        self.proxy = SessionFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(30)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        # Widths from typical contents, not measured row by row: the list opens at once.
        metrics = self.table.fontMetrics()
        samples = (
            "2024-11-30 04:30",
            "",
            "Documentation",
            "INF-RP12",
            "Kantor Kecamatan Medan Baru",
            "Rina Peneliti",
            "Consent refused",
            "Answers",
        )
        for column, sample in enumerate(samples):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, metrics.horizontalAdvance(sample) + 28)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(self._on_activated)
        self.table.activated.connect(self._on_activated)
        layout.addWidget(self.table, 1)
        self.filters.changed.connect(self._on_filter)
        self.summary = QLabel(self)
        self.summary.setObjectName("muted")
        layout.addWidget(self.summary)

    def set_rows(self, rows: list[SessionRow], sites: list[SiteInfo]) -> None:
        self.model.set_rows(rows)
        self.filters.set_choices(sites, rows)
        self._on_filter(self.filters.query())

    def _on_filter(self, query: SessionQuery) -> None:
        self.proxy.set_query(query)
        visible = self.proxy.visible_rows()
        for code in SOURCES:
            self.tiles[code].value.setText(str(sum(r.source_type == code for r in visible)))
        self.tiles["draft"].value.setText(str(sum(r.status == "draft" for r in visible)))
        text = self.tr("%1 of %2 sessions shown").replace("%1", str(len(visible)))
        self.summary.setText(text.replace("%2", str(self.model.rowCount())))

    def selected(self) -> SessionRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.proxy.data(rows[0], RowRole) if rows else None

    def _on_activated(self, index: object) -> None:
        row = self.proxy.data(self.proxy.index(index.row(), 0), RowRole)  # type: ignore[attr-defined]
        if row is not None:
            self.open_requested.emit(row.id)
