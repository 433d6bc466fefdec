"""A researcher links a coded excerpt to a new incident from the coding panel, as a user
would, and the open matrix's cell changes; a second source's note linked to the same
incident makes it corroborated."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot
from tri_fieldwork import Fieldwork

from neutralitas_desktop.triangulation.incidents import list_incidents
from neutralitas_desktop.triangulation.workbench import TriangulationWorkbench
from neutralitas_desktop.ui.triangulation.analysis_menu import AnalysisActions
from neutralitas_desktop.ui.triangulation.coding_panel import CodingPanel
from neutralitas_desktop.ui.triangulation.matrix_panel import TriangulationPanel

ENG = "socmed_engagement"
STORY = "Saya melihat sendiri Kasi Trantib menyukai unggahan paslon 02 di Instagram."


def test_linking_an_excerpt_to_a_new_incident_changes_the_matrix(
    qtbot: QtBot, fieldwork: Fieldwork
) -> None:
    fw = fieldwork
    interview = fw.run("interview", {"liked": "no", "story": STORY}, role="community_figure")
    observation = fw.run("observation", {"engaged": "yes", "remarks": "Akun resmi menyukai."})
    workbench = TriangulationWorkbench(fw.db, fw.actor)
    session = {"id": interview}
    actions = AnalysisActions(lambda: workbench, lambda: "en", lambda: session["id"])
    matrix = actions.open("matrix")
    assert isinstance(matrix, TriangulationPanel)
    qtbot.addWidget(matrix)
    qtbot.waitUntil(lambda: matrix.matrix is not None, timeout=10000)
    cell = matrix.matrix_model.index_of(ENG, "interview")
    assert cell.data() == ""  # answers alone are context: no incident yet

    panel = actions.open("coding")
    assert isinstance(panel, CodingPanel)
    qtbot.addWidget(panel)
    panel.select_text("story")
    start = STORY.index("Kasi")
    panel.select_passage(start, len(STORY) - 1)
    panel.theme.setCurrentIndex(panel.theme.findData(ENG))
    panel.stance.setCurrentIndex(panel.stance.findData("violation"))
    with qtbot.waitSignal(panel.codings_changed):
        qtbot.mouseClick(panel.apply_button, Qt.MouseButton.LeftButton)
    panel.coding_table.selectRow(0)
    assert panel.link_excerpt_button.text() == "Link excerpt to incident…"
    qtbot.mouseClick(panel.link_excerpt_button, Qt.MouseButton.LeftButton)
    dialog = panel.link_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.new_choice.isChecked() and not dialog.existing_choice.isEnabled()
    assert dialog.theme.currentData() == ENG  # proposed from the excerpt's theme
    assert dialog.kind.currentData() == "witness"  # an interview proposes a witness
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()  # no summary yet: nothing is written
    assert list_incidents(fw.db) == []
    qtbot.keyClicks(dialog.actor_code, "Kasi Trantib")
    qtbot.keyClicks(dialog.summary, "Kasi Trantib menyukai unggahan paslon 02")
    with qtbot.waitSignal(matrix.matrix_loaded, timeout=10000):
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    [incident] = list_incidents(fw.db)
    assert (incident.corroboration, incident.actor_code) == ("single_line", "Kasi Trantib")
    [line] = incident.lines
    assert (line.kind, line.target, line.text) == ("witness", "coding", STORY[start:-1])
    assert matrix.matrix_model.index_of(ENG, "interview").data() == "0 · 1 · 0 · 0  (1)"

    session["id"] = observation  # the observer's note, linked to the same incident
    notes = actions.open("coding")
    assert isinstance(notes, CodingPanel) and notes is not panel
    qtbot.addWidget(notes)
    notes.select_text("remarks")
    notes.link_current_text()
    second = notes.link_dialog
    assert second is not None and second.existing_choice.isChecked()
    assert second.incident.currentData() == incident.id
    assert second.kind.currentData() == "observed"
    with qtbot.waitSignal(matrix.matrix_loaded, timeout=10000):
        qtbot.mouseClick(
            second.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
        )
    assert matrix.matrix_model.index_of(ENG, "interview").data() == "1 · 0 · 0 · 0  (1)"
    assert matrix.matrix_model.index_of(ENG, "observation").data() == "1 · 0 · 0 · 0  (1)"
    row = next(r for r in range(matrix.matrix_model.rowCount())
               if matrix.matrix_model.row_at(r).code == ENG)  # fmt: skip
    conclusion = matrix.matrix_model.index(row, matrix.matrix_model.conclusion_column())
    assert conclusion.data() == "Corroborated incident(s) (1)"
    actions.close_all()
