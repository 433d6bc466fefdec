"""The Analysis menu of the main window opens the triangulation screens on the open study."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from neutralitas_desktop.fieldwork.profile import LocalProfile
from neutralitas_desktop.fieldwork.workspace import Workspace
from neutralitas_desktop.triangulation.workbench import TriangulationWorkbench
from neutralitas_desktop.ui.main_window import MainWindow
from neutralitas_desktop.ui.settings import UiSettings
from neutralitas_desktop.ui.triangulation.codebook_panel import CodebookPanel
from neutralitas_desktop.ui.triangulation.matrix_panel import TriangulationPanel

PROFILE = LocalProfile(
    device_id="00000000-0000-4000-8000-000000000001",
    device_name="laptop-uji",
    researcher_name="Rina Peneliti",
    researcher_initials="RP",
    completed_first_run=True,
)


class Host:
    def triangulation(self, workspace: Workspace) -> TriangulationWorkbench:
        return TriangulationWorkbench(workspace.db, workspace.actor)

    def report_service(self, workspace: Workspace) -> None:
        return None


def test_analysis_menu_opens_matrix_and_codebook(
    qtbot: QtBot, demo_study: Any, tmp_path: Path
) -> None:
    settings = UiSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    window = MainWindow(Workspace(demo_study.db, demo_study.actor, PROFILE), settings, Host())  # type: ignore[arg-type]
    qtbot.addWidget(window)
    menu = window.menu("Analysis")
    assert menu.menuAction().isVisible()
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert texts == [
        "Triangulation matrix", "Codebook", "Findings", "Coder agreement", "Legal materials",
        "Find in answers…",
        "Code this session's texts", "This session's transcript and recording",
    ]  # fmt: skip
    window.analysis._update()
    assert not window.analysis.actions["coding"].isEnabled()  # no session open
    window.analysis.actions["matrix"].trigger()
    panel = window.analysis.windows["matrix"]
    assert isinstance(panel, TriangulationPanel) and panel.isVisible()
    qtbot.waitUntil(lambda: panel.matrix is not None, timeout=10000)
    window.analysis.actions["matrix"].trigger()  # raised again, not a second window
    assert list(window.analysis.windows) == ["matrix"]
    window.analysis.actions["codebook"].trigger()
    assert isinstance(window.analysis.windows["codebook"], CodebookPanel)
    window.analysis.close_all()
    assert window.analysis.windows == {}
