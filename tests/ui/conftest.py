"""GUI test fixtures: UI settings in a temporary file, a workspace on the test study and a
main window on it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from gui_helpers import PROFILE, make_window
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from neutralitas_desktop.fieldwork.workspace import Workspace
from neutralitas_desktop.ui.main_window import MainWindow
from neutralitas_desktop.ui.settings import UiSettings
from neutralitas_desktop.ui.theme import apply_theme


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


@pytest.fixture
def window(qtbot, themed, workspace, ui_settings) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    win = make_window(qtbot, workspace, ui_settings)
    yield win
    if win.runner is not None:
        win.runner.saver.close(2.0)
