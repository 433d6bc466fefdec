"""GUI test helpers: the test profile, a stand-in for app.py's host, a main window, and
driving modal dialogs with real clicks and keystrokes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from neutralitas_desktop.fieldwork.profile import LocalProfile
from neutralitas_desktop.fieldwork.workspace import Workspace, open_workspace
from neutralitas_desktop.interop.service import InteropService
from neutralitas_desktop.reports.service import ReportService
from neutralitas_desktop.ui.main_window import MainWindow
from neutralitas_desktop.ui.settings import UiSettings

PROFILE = LocalProfile(
    device_id="00000000-0000-4000-8000-000000000001",
    device_name="laptop-uji",
    researcher_name="Rina Peneliti",
    researcher_initials="RP",
    completed_first_run=True,
)


class FakeHost:
    """The AppHost a real app.py provides, minus translations."""

    def __init__(self) -> None:
        self.languages: list[str] = []
        self.opened: list[Workspace] = []

    def open_study(self, path: str, create: bool) -> Workspace:
        workspace = open_workspace(path, PROFILE, create=create)
        self.opened.append(workspace)
        return workspace

    def update_profile(self, **changes: str) -> LocalProfile:
        return PROFILE

    def change_language(self, language: str) -> None:
        self.languages.append(language)

    def interop_service(self, workspace: Workspace) -> InteropService:
        return InteropService(workspace.db, workspace.actor)

    def report_service(self, workspace: Workspace) -> ReportService:
        return ReportService(workspace.db)


def make_window(qtbot: Any, workspace: Workspace, settings: UiSettings) -> MainWindow:
    window = MainWindow(workspace, settings, FakeHost())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitActive(window)  # shortcuts only reach the active window
    return window


def when_modal(
    qtbot: Any, drive: Callable[[QDialog], None], kind: type[QWidget] = QDialog
) -> list[BaseException]:
    """Run ``drive(dialog)`` as soon as a modal dialog of ``kind`` is open (inside its
    exec() loop); if driving fails, the dialog is closed so the test cannot hang."""
    errors: list[BaseException] = []

    def poll(tries: int = 0) -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, kind):
            if tries < 200:
                QTimer.singleShot(20, lambda: poll(tries + 1))
            return
        try:
            drive(dialog)  # type: ignore[arg-type]
        except BaseException as exc:
            errors.append(exc)
            while (modal := QApplication.activeModalWidget()) is not None:
                if isinstance(modal, QDialog):
                    modal.reject()
                else:
                    modal.close()

    QTimer.singleShot(0, poll)
    return errors
