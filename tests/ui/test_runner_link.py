"""From the runner, "Link to incident…" on a question's card links that saved answer to a
new incident (created in the dialog), and the line comes from that session."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from neutralitas_desktop.fieldwork.workspace import Workspace
from neutralitas_desktop.triangulation.incidents import list_incidents
from neutralitas_desktop.triangulation.workbench import TriangulationWorkbench
from neutralitas_desktop.ui.runner.runner_view import RunnerView
from neutralitas_desktop.ui.triangulation.analysis_menu import AnalysisActions


def test_link_an_answer_from_the_runner(qtbot: Any, themed: Any, demo_workspace: Workspace,
                                         ui_settings: Any) -> None:  # fmt: skip
    done = next(
        r for r in demo_workspace.sessions()
        if r.status in ("approved", "completed") and r.form_id == "asn-staff-interview"
    )  # fmt: skip
    before = len(list_incidents(demo_workspace.db))
    workbench = TriangulationWorkbench(demo_workspace.db, demo_workspace.actor)
    runner = RunnerView(demo_workspace, done.id, ui_settings)
    qtbot.addWidget(runner)
    actions = AnalysisActions(lambda: workbench, lambda: "en", lambda: done.id, runner)
    runner.link_requested.connect(actions.link_answer)  # as the main window wires it
    runner.resize(1200, 800)
    runner.show()
    qtbot.waitExposed(runner)
    runner.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is runner)
    runner.restore_focus()
    page = runner.current_page()
    key, card = next((k, c) for k, c in page.cards.items() if c.question.type != "note")
    assert card.link_button.text() == "Link to incident…"
    qtbot.mouseClick(card.link_button, Qt.MouseButton.LeftButton)
    dialog = actions.link_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.kind.currentData() == "witness"
    dialog.new_choice.setChecked(True)
    qtbot.keyClicks(dialog.summary, "Lurah mengarahkan staf hadir di kampanye")
    with qtbot.waitSignal(dialog.linked) as linked:
        qtbot.mouseClick(
            dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
        )
    line = linked.args[0]
    assert (line.session_id, line.question, line.technique) == (done.id, key, "interview")
    assert len(list_incidents(demo_workspace.db)) == before + 1
    assert not dialog.isVisible()
    runner.saver.close(2.0)
    dialog.deleteLater()  # gone before the next test restyles every widget
    QApplication.processEvents()
