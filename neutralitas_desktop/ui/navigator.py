"""The study navigator: the study's title and its field sessions, informants and sites
in tabs; the main window's central screen. Each tab is refreshed only when a change
touches what it shows (``install`` registers them with the window's ChangeRouter); a tab
not on screen is read when it is shown."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from neutralitas_desktop.operations import Changes, Kind
from neutralitas_desktop.ui.informants_panel import InformantsPanel
from neutralitas_desktop.ui.sessions_panel import SessionsPanel
from neutralitas_desktop.ui.sites_panel import SitesPanel

if TYPE_CHECKING:
    from neutralitas_desktop.fieldwork.sessions import SessionRow
    from neutralitas_desktop.fieldwork.workspace import Workspace
    from neutralitas_desktop.ui.change_router import ChangeRouter

# What each tab shows (its rows, their columns and filters).
SHOWS: dict[str, frozenset[Kind]] = {
    "sessions": frozenset(
        {Kind.SESSIONS, Kind.ANSWERS, Kind.INFORMANTS, Kind.SITES, Kind.INSTRUMENTS, Kind.SETTINGS}
    ),
    "informants": frozenset({Kind.INFORMANTS, Kind.SITES, Kind.SETTINGS}),
    "sites": frozenset({Kind.SITES, Kind.SESSIONS, Kind.INFORMANTS}),
}


class StudyNavigator(QWidget):
    open_requested = Signal(str)  # session id
    new_session_requested = Signal()
    changes_made = Signal(object)  # Changes an informant or a site edit made

    def __init__(self, workspace: Workspace, language: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("page")
        self.workspace = workspace
        self.language = language
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 12)
        layout.setSpacing(4)
        self.title = QLabel(workspace.title(language), self)
        self.title.setObjectName("screenTitle")
        layout.addWidget(self.title)
        self.location = QLabel(workspace.display_name(), self)
        self.location.setObjectName("muted")
        layout.addWidget(self.location)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.sessions = SessionsPanel(language, self)
        self.sessions.open_requested.connect(self.open_requested)
        self.sessions.new_requested.connect(self.new_session_requested)
        self.informants = InformantsPanel(workspace, language, self)
        self.informants.changed.connect(self.changes_made)
        self.sites = SitesPanel(workspace, self)
        self.sites.changed.connect(self.changes_made)
        self.tabs.addTab(self.sessions, self.tr("Field sessions"))
        self.tabs.addTab(self.informants, self.tr("Informants"))
        self.tabs.addTab(self.sites, self.tr("Sites"))
        layout.addSpacing(6)
        layout.addWidget(self.tabs, 1)
        self._stale: set[str] = set()
        self._rows: list[SessionRow] = []
        self.tabs.currentChanged.connect(lambda _i: self._refresh_shown())

    def install(self, router: ChangeRouter) -> None:
        """Register the tabs with the window's router, each for the kinds it shows."""
        router.register("sessions", SHOWS["sessions"], self.reload_sessions, owner=self)
        router.register("informants", SHOWS["informants"], self._informants_stale, owner=self)
        router.register("sites", SHOWS["sites"], self._sites_stale, owner=self)

    def reload(self) -> None:
        """Read the whole study again (it was opened, or changed in bulk)."""
        self.reload_sessions(Changes.everything())
        self._stale = {"informants", "sites"}
        self._refresh_shown()

    def reload_sessions(self, _changes: Changes | None = None) -> None:
        self._rows = self.workspace.sessions()
        self.sessions.model.zone = self.workspace.time_zone()
        self.sessions.set_rows(self._rows, self.workspace.sites())

    def _informants_stale(self, _changes: Changes) -> None:
        self._stale.add("informants")
        self._refresh_shown()

    def _sites_stale(self, _changes: Changes) -> None:
        self._stale.add("sites")
        self._refresh_shown()

    def _refresh_shown(self) -> None:
        shown = self.tabs.currentWidget()
        if shown is self.informants and "informants" in self._stale:
            self._stale.discard("informants")
            self.informants.reload()
        elif shown is self.sites and "sites" in self._stale:
            self._stale.discard("sites")
            informants = Counter(i.site_id for i in self.workspace.informants())
            self.sites.reload(Counter(r.site_id for r in self._rows), dict(informants))

    def show_tab(self, name: str) -> None:
        tabs = {"sessions": self.sessions, "informants": self.informants, "sites": self.sites}
        self.tabs.setCurrentWidget(tabs[name])
