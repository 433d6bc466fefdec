"""Informants as a Qt table model: pseudonymous code, role, site and consent; never the
identity (that is revealed one informant at a time, and audited)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor

from neutralitas_desktop.ui import theme
from neutralitas_desktop.ui.translations import term
from neutralitas_desktop.vocabulary import ConsentMethod, ConsentState
from neutralitas_desktop.vocabulary.time_zones import DEFAULT_TIME_ZONE, zoned

if TYPE_CHECKING:
    from neutralitas_desktop.fieldwork.informants import InformantInfo

_Index = QModelIndex | QPersistentModelIndex
RowRole = Qt.ItemDataRole.UserRole + 2


def consent_label(code: str) -> str:
    return term(ConsentState, code)


def method_label(code: str) -> str:
    return term(ConsentMethod, code)


CONSENT_COLOURS = {
    "given": theme.OK,
    "refused": theme.ERROR,
    "withdrawn": theme.ERROR,
    "pending": "#8a5300",
}


class InformantTableModel(QAbstractTableModel):
    def __init__(self, language: str = "id", parent: Any = None) -> None:
        super().__init__(parent)
        self.zone = DEFAULT_TIME_ZONE  # the study's; the panel sets it
        self.language = language
        self._rows: list[InformantInfo] = []
        self._headers = [
            QCoreApplication.translate("InformantTable", "Code"),
            QCoreApplication.translate("InformantTable", "Role"),
            QCoreApplication.translate("InformantTable", "Site"),
            QCoreApplication.translate("InformantTable", "Consent"),
            QCoreApplication.translate("InformantTable", "How"),
            QCoreApplication.translate("InformantTable", "When"),
        ]

    def set_rows(self, rows: list[InformantInfo]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row(self, index: int) -> InformantInfo:
        return self._rows[index]

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
        row = self._rows[index.row()]
        column = index.column()
        if role == RowRole:
            return row
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return row.code
            if column == 1:
                label = row.role_label
                return label.get(self.language) or next(iter(label.values()), row.role)
            if column == 2:
                return row.site_name
            if column == 3:
                return consent_label(row.consent_status)
            if column == 4:
                return method_label(row.consent_method) if row.consent_method else ""
            if column == 5 and row.consent_at is not None:
                return zoned(row.consent_at, self.zone)
            return ""
        if role == Qt.ItemDataRole.ForegroundRole and column == 3:
            return QColor(CONSENT_COLOURS.get(row.consent_status, theme.TEXT))
        return None


class InformantFilterProxy(QSortFilterProxyModel):
    """Text search over the visible columns and an optional site."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.site_id = ""
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterKeyColumn(-1)

    def set_site(self, site_id: str) -> None:
        self.beginFilterChange()
        self.site_id = site_id
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        model = self.sourceModel()
        assert isinstance(model, InformantTableModel)
        if self.site_id and model.row(source_row).site_id != self.site_id:
            return False
        return super().filterAcceptsRow(source_row, source_parent)
