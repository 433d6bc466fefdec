"""GUI test fixtures: UI settings in a temporary file, a workspace on the test study and a
main window on it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from neutralitas_desktop.fieldwork.profile import LocalProfile
from neutralitas_desktop.fieldwork.workspace import Workspace, open_workspace
from neutralitas_desktop.ui.main_window import MainWindow
from neutralitas_desktop.ui.settings import UiSettings
from neutralitas_desktop.ui.theme import apply_theme

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


@pytest.fixture
def ui_settings(tmp_path: Path) -> UiSettings:
    return UiSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def workspace(study) -> Workspace:  # type: ignore[no-untyped-def]
    return Workspace(study.db, study.actor, PROFILE)


@pytest.fixture
def demo_workspace(demo_study) -> Workspace:  # type: ignore[no-untyped-def]
    return Workspace(demo_study.db, demo_study.actor, PROFILE)


@pytest.fixture
def themed(qapp: QApplication) -> QApplication:
    apply_theme(qapp)
    return qapp


def make_window(qtbot: Any, workspace: Workspace, settings: UiSettings) -> MainWindow:
    window = MainWindow(workspace, settings, FakeHost())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitActive(window)  # shortcuts only reach the active window
    return window


@pytest.fixture
def window(qtbot, themed, workspace, ui_settings) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    win = make_window(qtbot, workspace, ui_settings)
    yield win
    if win.runner is not None:
        win.runner.saver.close(2.0)
