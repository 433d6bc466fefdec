"""The main window: a shell with menus, a toolbar and a status bar hosting the study
navigator and the runner.

The window is shown before the study is opened (``attach``): its first screen needs only
Qt, so a start paints it at once and loads the store while it says which study it opens.

Other screens hook in with ``add_action(menu_name, action)``, where ``menu_name`` is one of
MENU_NAMES ("File", "Forms", "Sessions", "Analysis", "Export", "Review", "Settings",
"Help"); a menu without actions is hidden. ``study_changed`` is emitted with the new
Workspace whenever another study is opened, so panels can rebind.

What an action changed (a ``Changes``) goes to ``apply_changes``, which the ChangeRouter
passes to the panels that show those kinds; nothing reads the whole study again but
opening it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from neutralitas_desktop import APP_NAME
from neutralitas_desktop.errors import NeutralitasError, PassphraseError
from neutralitas_desktop.operations import Changes
from neutralitas_desktop.ui.change_router import ChangeRouter
from neutralitas_desktop.ui.dialogs import show_error
from neutralitas_desktop.ui.exchange.exchange_menu import ExchangeActions
from neutralitas_desktop.ui.help_menu import HelpActions
from neutralitas_desktop.ui.reports.export_menu import ExportActions
from neutralitas_desktop.ui.safety_actions import SafetyActions
from neutralitas_desktop.ui.settings import UiSettings
from neutralitas_desktop.ui.triangulation.analysis_menu import AnalysisActions
from neutralitas_desktop.ui.xlsform_actions import XlsformActions

if TYPE_CHECKING:
    from neutralitas_desktop.fieldwork.workspace import Workspace
    from neutralitas_desktop.ui.host import AppHost
    from neutralitas_desktop.ui.navigator import StudyNavigator
    from neutralitas_desktop.ui.runner.runner_view import RunnerView

MENU_NAMES = ("File", "Forms", "Sessions", "Analysis", "Export", "Review", "Settings", "Help")
STUDY_FILTER = "Study (*.sqlite *.db);;All files (*)"


class MainWindow(QMainWindow):
    study_changed = Signal(object)  # the new Workspace

    workspace: Workspace  # set by attach: no action runs before (the menus are disabled)
    navigator: StudyNavigator

    def __init__(
        self,
        workspace: Workspace | None,
        settings: UiSettings,
        host: AppHost,
        parent: QWidget | None = None,
        opening: str = "",
    ) -> None:
        """The window; with ``workspace`` None it shows that ``opening`` is being opened
        until ``attach`` gives it the study."""
        super().__init__(parent)
        self.settings = settings
        self.host = host
        self.language = settings.language
        self.runner: RunnerView | None = None
        self._quitting = False
        self.menus: dict[str, QMenu] = {}
        self.setWindowTitle(APP_NAME)
        self.stack = QStackedWidget(self)
        self.setCentralWidget(self.stack)
        self.router = ChangeRouter(self)
        self.opening = QLabel(self.tr("Opening %1…").replace("%1", opening), self.stack)
        self.opening.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack.addWidget(self.opening)
        self._build_menus()
        self.exports = ExportActions(
            lambda: self.host.report_service(self.workspace), lambda: self.language, self
        )
        self.exports.install(self.menus["Export"])
        self.menus["Export"].menuAction().setVisible(True)
        self.analysis = AnalysisActions(
            lambda: self.host.triangulation(self.workspace),
            lambda: self.language,
            self._coding_session,
            self,
            router=self.router,
            reports=lambda: self.host.report_service(self.workspace),
        )
        self.analysis.changed.connect(lambda c, k: self.apply_changes(c, f"analysis:{k}"))
        self.analysis.install(self.menus["Analysis"])
        self.menus["Analysis"].menuAction().setVisible(True)
        self.exchange = ExchangeActions(
            lambda: self.host.exchange_service(self.workspace),
            lambda: self.navigator.sessions.selected(),
            lambda: self.workspace.profile.device_name,
            self,
        )
        self.exchange.install(self.menus["File"], self.menus["Review"], before=self.act_quit)
        self.exchange.changed.connect(self.apply_changes)
        self.safety = SafetyActions(
            lambda: self.workspace, lambda: self.exchange.export_package(), self
        )
        self.safety.install(self.menus["File"], before=self.act_quit)
        self.xlsform = XlsformActions(
            lambda: self.host.interop_service(self.workspace), lambda: self.language, self
        )
        self.xlsform.install(self.menus["Forms"])
        self.xlsform.imported.connect(lambda summary: self.apply_changes(summary.changes))
        self._build_toolbar()
        self.study_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.study_label)
        self.resize(1280, 820)
        geometry = settings.geometry("main")
        if geometry is not None:
            self.restoreGeometry(geometry)
        self.menuBar().setEnabled(False)
        self.toolbar.setEnabled(False)
        if workspace is not None:
            self.attach(workspace)

    @property
    def attached(self) -> bool:
        return hasattr(self, "workspace")

    def attach(self, workspace: Workspace) -> None:
        """Show ``workspace``: its navigator replaces the one shown (or the notice that a
        study is being opened); the caller closes the study it replaces."""
        self.workspace = workspace
        old = getattr(self, "navigator", None)
        self.navigator = self._make_navigator()
        if old is not None:
            self.stack.removeWidget(old)
            old.deleteLater()
        else:
            self.stack.removeWidget(self.opening)
            self.opening.deleteLater()
        self.navigator.reload()
        self._update_title()
        self.menuBar().setEnabled(True)
        self.toolbar.setEnabled(True)

    def _coding_session(self) -> str | None:
        """The session to hand-code: the one open in the runner, else the one selected in
        the session list (a supervisor codes without opening a session)."""
        if self.runner is not None:
            return self.runner.state.session_id
        row = self.navigator.sessions.selected()
        return row.id if row is not None else None

    # ---- hooks for other screens ---------------------------------------------------
    def apply_changes(self, changes: Changes, source: str = "") -> None:
        """Refresh the panels that show what ``changes`` touched (not ``source``, the
        panel that made them)."""
        self.router.route(changes, skip=source)

    def add_action(self, menu_name: str, action: QAction) -> QAction:
        """Add ``action`` to the menu called ``menu_name`` (one of MENU_NAMES)."""
        menu = self.menus[menu_name]
        menu.addAction(action)
        menu.menuAction().setVisible(True)
        return action

    def menu(self, menu_name: str) -> QMenu:
        return self.menus[menu_name]

    # ---- building ------------------------------------------------------------------
    def _make_navigator(self) -> StudyNavigator:
        from neutralitas_desktop.ui.navigator import StudyNavigator  # the store: after painting

        navigator = StudyNavigator(self.workspace, self.language, self)
        navigator.open_requested.connect(self.open_session)
        navigator.new_session_requested.connect(self.new_session)
        navigator.changes_made.connect(self.apply_changes)
        navigator.install(self.router)
        self.stack.addWidget(navigator)
        self.stack.setCurrentWidget(navigator)
        return navigator

    def _action(self, text: str, slot: object, keys: QKeySequence | None = None) -> QAction:
        action = QAction(text, self)
        if keys is not None:
            action.setShortcut(keys)
        action.triggered.connect(slot)  # type: ignore[arg-type]
        return action

    def _build_menus(self) -> None:
        titles = {
            "File": self.tr("&File"),
            "Forms": self.tr("F&orms"),
            "Sessions": self.tr("&Sessions"),
            "Analysis": self.tr("&Analysis"),
            "Export": self.tr("&Export"),
            "Review": self.tr("&Review"),
            "Settings": self.tr("Se&ttings"),
            "Help": self.tr("&Help"),
        }
        bar = self.menuBar()
        for name in MENU_NAMES:
            menu = bar.addMenu(titles[name])
            menu.setObjectName(f"menu{name}")
            self.menus[name] = menu
            menu.menuAction().setVisible(False)
        std = QKeySequence.StandardKey
        self.act_new_study = self._action(self.tr("New study…"), self.new_study)
        self.act_open_study = self._action(
            self.tr("Open study…"), self.open_study, QKeySequence(std.Open)
        )
        self.recent_menu = QMenu(self.tr("Recent studies"), self)
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self.act_quit = self._action(self.tr("Quit"), self.quit, QKeySequence(std.Quit))
        self.act_quit.setMenuRole(QAction.MenuRole.QuitRole)
        self.act_join_study = self._action(self.tr("Join study…"), self.join_study)
        for action in (self.act_new_study, self.act_open_study, self.act_join_study):
            self.add_action("File", action)
        self.menus["File"].addMenu(self.recent_menu)
        self.menus["File"].addSeparator()
        self.add_action("File", self.act_quit)
        self.add_action("Forms", self._action(self.tr("Forms in this study…"), self.show_forms))
        self.act_new_session = self._action(
            self.tr("New session…"), self.new_session, QKeySequence(std.New)
        )
        self.act_resume = self._action(
            self.tr("Resume an unfinished session…"), lambda: self.offer_resume(True)
        )
        self.act_informants = self._action(
            self.tr("Informants"), lambda: self.show_tab("informants")
        )
        self.act_back = self._action(
            self.tr("Back to study"), self.close_runner, QKeySequence(std.Close)
        )
        self.act_back.setEnabled(False)
        for action in (self.act_new_session, self.act_resume, self.act_informants):
            self.add_action("Sessions", action)
        self.menus["Sessions"].addSeparator()
        self.add_action("Sessions", self.act_back)
        self._runner_separator = self.menus["Sessions"].addSeparator()
        self.act_settings = self._action(
            self.tr("Settings…"), self.edit_settings, QKeySequence(std.Preferences)
        )
        self.add_action("Settings", self.act_settings)
        self.help = HelpActions(lambda: self.workspace.profile, self)
        self.help.install(self.menus["Help"])

    def _build_toolbar(self) -> None:
        toolbar = QToolBar(self.tr("Main"), self)
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in (self.act_new_session, self.act_resume, self.act_informants, self.act_back):
            toolbar.addAction(action)
        self.act_back.setVisible(False)  # shown while the runner is open
        self.addToolBar(toolbar)
        self.toolbar = toolbar

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for path in self.settings.recent_studies:
            action = self.recent_menu.addAction(path)
            action.triggered.connect(lambda _=False, p=path: self.switch_study(p, create=False))
        if not self.recent_menu.actions():
            self.recent_menu.addAction(self.tr("(none yet)")).setEnabled(False)

    def _update_title(self) -> None:
        self.setWindowTitle(f"{self.workspace.title(self.language)} — {APP_NAME}")
        self.study_label.setText(
            f"{self.workspace.profile.researcher_label} · {self.workspace.display_name()}"
        )

    # ---- sessions ------------------------------------------------------------------
    def new_session(self) -> None:
        if self.runner is not None and not self.close_runner():
            return
        from neutralitas_desktop.ui.new_session_wizard import NewSessionWizard

        wizard = NewSessionWizard(self.workspace, self.language, self)
        accepted = wizard.exec()
        wizard.deleteLater()
        self.activateWindow()
        if not accepted or wizard.started is None:
            return
        self.apply_changes(wizard.started.changes)
        if wizard.started.refused:
            self.statusBar().showMessage(
                self.tr("Refusal recorded; nothing else was collected."), 8000
            )
            return
        self.open_session(wizard.started.session_id)

    def open_session(self, session_id: str) -> None:
        if self.runner is not None and not self.close_runner():
            return
        from neutralitas_desktop.ui.runner.runner_view import RunnerView  # loaded when first used

        try:
            runner = RunnerView(self.workspace, session_id, self.settings, self)
        except NeutralitasError as exc:
            show_error(self, exc)
            return
        self.runner = runner
        runner.closed.connect(self._on_runner_closed)
        runner.session_changed.connect(self._on_session_changed)
        runner.status_message.connect(self.statusBar().showMessage)  # stays: "Tersimpan 10:42:07"
        runner.link_requested.connect(self.analysis.link_answer)
        self.stack.addWidget(runner)
        self.stack.setCurrentWidget(runner)
        runner.restore_focus()
        for action in runner.runner_actions():
            self.menus["Sessions"].addAction(action)
        self.act_back.setEnabled(True)
        self.act_back.setVisible(True)

    def _on_session_changed(self, session_id: str) -> None:
        """The runner completed, reopened or ended a session (its answers too)."""
        self.apply_changes(Changes.of(sessions=session_id, answers=session_id))

    def close_runner(self) -> bool:
        """Back to the study; False if the runner refused (answers not saved)."""
        if self.runner is None:
            return True
        return self.runner.request_close()

    def _on_runner_closed(self) -> None:
        runner = self.runner
        self.runner = None
        typed_in = runner.state.session_id if runner is not None else None
        if runner is not None:
            for action in runner.runner_actions():
                self.menus["Sessions"].removeAction(action)
            self.stack.removeWidget(runner)
            runner.deleteLater()
        self.act_back.setEnabled(False)
        self.act_back.setVisible(False)
        self.stack.setCurrentWidget(self.navigator)
        self.apply_changes(Changes.of(sessions=typed_in, answers=typed_in))

    def offer_resume(self, always: bool = False) -> None:
        """At start (and from the menu): drafts to resume where they stopped."""
        drafts = self.workspace.drafts()
        if not drafts:
            if always:
                QMessageBox.information(
                    self, self.tr("Unfinished sessions"), self.tr("No unfinished sessions.")
                )
            return
        from neutralitas_desktop.ui.resume_dialog import ResumeDialog

        dialog = ResumeDialog(drafts, self.language, self, self.workspace.time_zone())
        if dialog.exec() and dialog.chosen:
            self.open_session(dialog.chosen)

    def show_tab(self, name: str) -> None:
        if self.runner is not None and not self.close_runner():
            return
        self.navigator.show_tab(name)

    # ---- studies -------------------------------------------------------------------
    def new_study(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("New study"), "", STUDY_FILTER)
        if path:
            if Path(path).exists():
                show_error(
                    self,
                    NeutralitasError(
                        self.tr("%1 already exists; choose a new file name.").replace("%1", path)
                    ),
                )
                return
            self.switch_study(path, create=True)

    def join_study(self) -> None:
        """Join a study from its supervisor's hand-out package, then open it."""
        from neutralitas_desktop.ui.join_dialog import JoinDialog

        dialog = JoinDialog(self)
        if not dialog.exec():
            return
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the study as"), "", STUDY_FILTER)
        if not path:
            return
        if Path(path).exists():
            message = self.tr("%1 already exists; choose a new file name.").replace("%1", path)
            show_error(self, NeutralitasError(message))
            return
        try:
            self.host.join_study(path, dialog.state)
        except NeutralitasError as exc:
            show_error(self, exc)
            return
        self.switch_study(path, create=False)

    def open_study(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open study"), "", STUDY_FILTER)
        if path:
            self.switch_study(path, create=False)

    def switch_study(self, path: str, create: bool) -> None:
        if self.runner is not None and not self.close_runner():
            return
        try:
            workspace = self.host.open_study(path, create)
        except NeutralitasError as exc:
            show_error(self, exc)
            if not isinstance(exc, PassphraseError):  # a study left locked stays in the list
                self.settings.remove_recent_study(path)
            return
        old = self.workspace
        self.attach(workspace)
        old.close()
        self.study_changed.emit(workspace)

    # ---- settings and help ---------------------------------------------------------
    def edit_settings(self) -> None:
        from neutralitas_desktop.ui.profile_state import ProfileState
        from neutralitas_desktop.ui.settings_dialog import SettingsDialog

        profile = self.workspace.profile
        state = ProfileState(
            self.language,
            profile.researcher_name,
            profile.researcher_initials,
            profile.device_name,
            initials_edited=True,
        )
        zone = self.workspace.time_zone()
        dialog = SettingsDialog(
            state,
            self.settings.font_size,
            self,
            lock_minutes=self.settings.lock_minutes,
            time_zone=zone.value,
            time_zone_editable=self.workspace.may_set_time_zone(),
        )
        if not dialog.exec():
            return
        self.settings.font_size = dialog.chosen_font_size()
        self.settings.lock_minutes = dialog.chosen_lock_minutes()
        if dialog.chosen_time_zone() != zone:
            self.apply_changes(self.workspace.set_time_zone(dialog.chosen_time_zone()))
        self.host.update_profile(
            researcher_name=state.researcher_name.strip(),
            researcher_initials=state.researcher_initials,
            device_name=state.device_name.strip(),
        )
        self._update_title()
        if state.language != self.language:
            self.host.change_language(state.language)

    def show_forms(self) -> None:
        from neutralitas_desktop.ui.forms_dialog import FormsDialog

        FormsDialog(self.workspace.instruments(), self.language, self).exec()

    # ---- closing -------------------------------------------------------------------
    def quit(self) -> bool:
        """File › Quit: close as the user would, with the end-of-day reminder."""
        self._quitting = True
        try:
            return self.close()
        finally:
            self._quitting = False

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.attached:  # closed while its study was being opened: nothing to keep
            event.accept()
            return
        if self.runner is not None and not self.close_runner():
            event.ignore()
            return
        # The reminder is for a person closing the app (window button or Quit), not for
        # a window closed by the program.
        asked = event.spontaneous() or self._quitting
        if asked and not self.safety.may_close():
            event.ignore()
            return
        self.settings.set_geometry("main", self.saveGeometry())
        self.settings.sync()
        event.accept()
