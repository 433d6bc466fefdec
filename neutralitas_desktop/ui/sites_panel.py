"""The sites of the study with how many informants and sessions each has."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from neutralitas_desktop.errors import NeutralitasError
from neutralitas_desktop.ui.dialogs import show_error
from neutralitas_desktop.ui.site_dialog import SiteDialog

if TYPE_CHECKING:
    from neutralitas_desktop.fieldwork.sites import SiteInfo
    from neutralitas_desktop.fieldwork.workspace import Workspace

_Index = QModelIndex | QPersistentModelIndex


class SiteTableModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[SiteInfo, int, int]] = []
        self._headers = [
            self.tr("Site"),
            self.tr("Kind"),
            self.tr("Region"),
            self.tr("Informants"),
            self.tr("Sessions"),
        ]

    def set_rows(self, rows: list[tuple[SiteInfo, int, int]]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        site, informants, sessions = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (site.name, site.kind, site.region, informants, sessions)[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() >= 3:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class SitesPanel(QWidget):
    changed = Signal(object)  # Changes: a site was added

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 10, 0, 0)
        bar = QHBoxLayout()
        bar.addStretch(1)
        self.add_button = QPushButton(self.tr("New site…"), self)
        self.add_button.setObjectName("primary")
        self.add_button.clicked.connect(self.add_site)
        bar.addWidget(self.add_button)
        layout.addLayout(bar)
        self.model = SiteTableModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(30)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setResizeContentsPrecision(40)  # widths from the first rows, not all of them
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)

    def reload(self, sessions_by_site: dict[str, int], informants_by_site: dict[str, int]) -> None:
        self.model.set_rows(
            [
                (site, informants_by_site.get(site.id, 0), sessions_by_site.get(site.id, 0))
                for site in self.workspace.sites()
            ]
        )

    def add_site(self) -> None:
        dialog = SiteDialog(self)
        if not dialog.exec():
            return
        name, kind, region = dialog.values()
        try:
            site = self.workspace.add_site(name, kind, region)
        except NeutralitasError as exc:
            show_error(self, exc)
            return
        self.changed.emit(site.changes)
