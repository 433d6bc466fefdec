"""Field sessions as a Qt table model over the service's plain rows, and the proxy that
sorts and filters them (site, source type, status, researcher, dates, text)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
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
from neutralitas_desktop.vocabulary import SessionStatus, SourceType
from neutralitas_desktop.vocabulary.time_zones import (
    DEFAULT_TIME_ZONE,
    StudyTimeZone,
    to_local,
    zoned,
)

if TYPE_CHECKING:
    from neutralitas_desktop.fieldwork.sessions import SessionRow

_Index = QModelIndex | QPersistentModelIndex
SortRole = Qt.ItemDataRole.UserRole + 1
RowRole = Qt.ItemDataRole.UserRole + 2
COLUMNS = (
    "started",
    "instrument",
    "source",
    "informant",
    "site",
    "researcher",
    "status",
    "answers",
)


def source_label(code: str) -> str:
    return term(SourceType, code)


def status_label(code: str) -> str:
    return term(SessionStatus, code)


STATUS_COLOURS = {
    "draft": "#8a5300",
    "completed": theme.OK,
    "approved": theme.ACCENT,
    "returned": theme.ERROR,
    "refused": theme.MUTED,
}


class SessionTableModel(QAbstractTableModel):
    def __init__(self, language: str = "id", parent: Any = None) -> None:
        super().__init__(parent)
        self.language = language
        self.zone = DEFAULT_TIME_ZONE  # the study's; the navigator sets it
        self._rows: list[SessionRow] = []
        self._display: list[tuple[Any, ...]] = []
        self._sort: list[tuple[Any, ...]] = []
        self._headers = [
            QCoreApplication.translate("SessionTable", "Started"),
            QCoreApplication.translate("SessionTable", "Instrument"),
            QCoreApplication.translate("SessionTable", "Source"),
            QCoreApplication.translate("SessionTable", "Informant"),
            QCoreApplication.translate("SessionTable", "Site"),
            QCoreApplication.translate("SessionTable", "Researcher"),
            QCoreApplication.translate("SessionTable", "Status"),
            QCoreApplication.translate("SessionTable", "Answers"),
        ]

    def set_rows(self, rows: list[SessionRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        # Text and sort keys are made once: views ask for them thousands of times.
        self._display = [tuple(self._display_of(r, c) for c in COLUMNS) for r in self._rows]
        self._sort = [
            tuple(self._sort_of(r, c, d) for c, d in zip(COLUMNS, shown, strict=True))
            for r, shown in zip(self._rows, self._display, strict=True)
        ]
        self.endResetModel()

    def rows(self) -> list[SessionRow]:
        return list(self._rows)

    def row(self, index: int) -> SessionRow:
        return self._rows[index]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display[index.row()][index.column()]
        if role == SortRole:
            return self._sort[index.row()][index.column()]
        row = self._rows[index.row()]
        column = COLUMNS[index.column()]
        if role == RowRole:
            return row
        if role == Qt.ItemDataRole.ForegroundRole and column == "status":
            return QColor(STATUS_COLOURS.get(row.status, theme.TEXT))
        if role == Qt.ItemDataRole.TextAlignmentRole and column == "answers":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and row.review_comment:
            return row.review_comment
        return None

    @staticmethod
    def _sort_of(row: SessionRow, column: str, shown: Any) -> Any:
        if column == "started":
            return row.started_at.isoformat()
        if column == "answers":
            return row.answers
        return str(shown).casefold()

    def _display_of(self, row: SessionRow, column: str) -> Any:
        if column == "started":
            return zoned(row.started_at, self.zone)
        if column == "instrument":
            title = row.instrument_title
            return title.get(self.language) or next(iter(title.values()), row.form_id)
        if column == "source":
            return source_label(row.source_type)
        if column == "informant":
            return row.informant_code or "—"
        if column == "site":
            return row.site_name
        if column == "researcher":
            return row.researcher_name
        if column == "status":
            return status_label(row.status)
        return row.answers


@dataclass(frozen=True)
class SessionQuery:
    """What the filter bar asks for; empty fields do not filter."""

    site_id: str = ""
    source_type: str = ""
    status: str = ""
    researcher: str = ""
    since: dt.date | None = None
    until: dt.date | None = None
    text: str = ""

    def matches(self, row: SessionRow, zone: StudyTimeZone = DEFAULT_TIME_ZONE) -> bool:
        """``zone``: the study's; a day is a day there."""
        if self.site_id and row.site_id != self.site_id:
            return False
        if self.source_type and row.source_type != self.source_type:
            return False
        if self.status and row.status != self.status:
            return False
        if self.researcher and row.researcher_name != self.researcher:
            return False
        day = to_local(row.started_at, zone).date()
        if self.since and day < self.since:
            return False
        if self.until and day > self.until:
            return False
        if self.text:
            needle = self.text.casefold()
            haystack = " ".join(
                [
                    row.informant_code,
                    row.site_name,
                    row.form_id,
                    row.researcher_name,
                    *row.instrument_title.values(),
                ]
            ).casefold()
            return needle in haystack
        return True


class SessionFilterProxy(QSortFilterProxyModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.query = SessionQuery()
        self.setSortRole(SortRole)
        self.setDynamicSortFilter(True)

    def set_query(self, query: SessionQuery) -> None:
        self.beginFilterChange()
        self.query = query
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        model = self.sourceModel()
        assert isinstance(model, SessionTableModel)
        return self.query.matches(model.row(source_row), model.zone)

    def visible_rows(self) -> list[SessionRow]:
        return [self.data(self.index(r, 0), RowRole) for r in range(self.rowCount())]
