"""The filter bar above the session list: site, source type, status, researcher, dates
and free text; it emits a SessionQuery whenever something changes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLabel, QLineEdit, QWidget

from neutralitas_desktop.ui.session_table import SessionQuery, source_label, status_label
from neutralitas_desktop.vocabulary import SessionStatus, SourceType
from neutralitas_desktop.vocabulary.terms import values

if TYPE_CHECKING:
    from neutralitas_desktop.fieldwork.sessions import SessionRow
    from neutralitas_desktop.fieldwork.sites import SiteInfo

NO_DATE = QDate(2000, 1, 1)
SOURCES = values(SourceType)
STATUSES = values(SessionStatus)


class SessionFilterBar(QWidget):
    changed = Signal(object)  # SessionQuery

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Search informant, site, form…"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(200)
        self.search.textChanged.connect(self._emit)
        layout.addWidget(self.search, 2)
        self.site = self._combo(self.tr("All sites"))
        self.source = self._combo(self.tr("All sources"))
        for code in SOURCES:
            self.source.addItem(source_label(code), code)
        self.status = self._combo(self.tr("Any status"))
        for code in STATUSES:
            self.status.addItem(status_label(code), code)
        self.researcher = self._combo(self.tr("All researchers"))
        for combo in (self.site, self.source, self.status, self.researcher):
            layout.addWidget(combo, 1)
        layout.addWidget(QLabel(self.tr("From"), self))
        self.since = self._date()
        layout.addWidget(self.since)
        layout.addWidget(QLabel(self.tr("to"), self))
        self.until = self._date()
        layout.addWidget(self.until)

    def _combo(self, everything: str) -> QComboBox:
        combo = QComboBox(self)
        combo.addItem(everything, "")
        combo.currentIndexChanged.connect(self._emit)
        return combo

    def _date(self) -> QDateEdit:
        edit = QDateEdit(self)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setMinimumDate(NO_DATE)
        edit.setSpecialValueText(self.tr("any"))
        edit.setDate(NO_DATE)
        edit.dateChanged.connect(self._emit)
        return edit

    def set_choices(self, sites: list[SiteInfo], rows: list[SessionRow]) -> None:
        """Fill the site and researcher lists, keeping what is chosen."""
        self._refill(self.site, [(s.name, s.id) for s in sites])
        names = sorted({r.researcher_name for r in rows})
        self._refill(self.researcher, [(n, n) for n in names])

    def _refill(self, combo: QComboBox, items: list[tuple[str, str]]) -> None:
        chosen = combo.currentData()
        combo.blockSignals(True)
        while combo.count() > 1:
            combo.removeItem(1)
        for label, data in items:
            combo.addItem(label, data)
        index = combo.findData(chosen)
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)

    def query(self) -> SessionQuery:
        def day(edit: QDateEdit):  # type: ignore[no-untyped-def]
            return None if edit.date() == NO_DATE else edit.date().toPython()

        return SessionQuery(
            site_id=str(self.site.currentData() or ""),
            source_type=str(self.source.currentData() or ""),
            status=str(self.status.currentData() or ""),
            researcher=str(self.researcher.currentData() or ""),
            since=day(self.since),
            until=day(self.until),
            text=self.search.text().strip(),
        )

    def _emit(self, *_args: object) -> None:
        self.changed.emit(self.query())
