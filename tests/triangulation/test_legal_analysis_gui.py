"""A researcher tests an incident element by element from the incident view, and keeps the
study's legal materials, as a user would: what the screens show is what the study holds,
and what is typed and ticked reaches the database."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select
from tri_fieldwork import P3, Fieldwork

from neutralitas_desktop.store.legal_models import ElementTestRow, LegalMaterialRow
from neutralitas_desktop.store.models import Study
from neutralitas_desktop.triangulation.incidents import add_incident, get_incident, link
from neutralitas_desktop.triangulation.legal_analysis import add_element_test
from neutralitas_desktop.triangulation.workbench import TriangulationWorkbench
from neutralitas_desktop.ui.triangulation.analysis_menu import AnalysisActions
from neutralitas_desktop.ui.triangulation.element_test_state import ElementTestState
from neutralitas_desktop.ui.triangulation.incident_view import IncidentDialog
from neutralitas_desktop.ui.triangulation.legal_analysis_dialog import LegalAnalysisDialog
from neutralitas_desktop.ui.triangulation.legal_materials_panel import LegalMaterialsPanel

VILLAGE_LAW = "UU No. 6 Tahun 2014 tentang Desa, Pasal 29 huruf g dan j"


def _incident(fw: Fieldwork) -> tuple[str, list[str]]:
    inc = add_incident(
        fw.db, fw.actor, site="Desa Sukamaju", theme="village_mobilisation",
        actor_type="village_head", date_start=dt.date(2024, 11, 12),
        summary="Kepala desa mengarahkan perangkat memasang atribut paslon",
    ).id  # fmt: skip
    lines = []
    for role in ("community_figure", "village_official"):
        sid = fw.run("interview", {"story": "Pak kades menyuruh kami."}, role=role, when=P3)
        lines.append(link(fw.db, fw.actor, inc, "witness", session_id=sid, question="story").id)
    return inc, lines


def test_the_state_needs_an_article_and_reasoning(fieldwork: Fieldwork) -> None:
    fw = fieldwork
    inc, lines = _incident(fw)
    info = get_incident(fw.db, inc)
    state = ElementTestState(inc, (VILLAGE_LAW,), info.lines)
    assert state.provision == VILLAGE_LAW and state.problems() == ["reasoning"]
    assert ElementTestState(inc, (), info.lines).problems() == ["provision", "reasoning"]
    state.reasoning, state.evidence, state.verdict = "Kepala desa.", {lines[1]}, "met"
    test = state.apply(TriangulationWorkbench(fw.db, fw.actor))
    assert (test.provision, test.verdict, test.evidence) == (VILLAGE_LAW, "met", (lines[1],))


def test_an_element_test_recorded_from_the_incident_view(
    qtbot: QtBot, fieldwork: Fieldwork
) -> None:
    fw = fieldwork
    inc, lines = _incident(fw)
    add_element_test(fw.db, fw.actor, inc, provision="Pasal 29", element="subject",
                     verdict="met", reasoning="Pelaku kepala desa.")  # fmt: skip
    workbench = TriangulationWorkbench(fw.db, fw.actor)
    incident = IncidentDialog(workbench, inc, "en")
    qtbot.addWidget(incident)
    assert incident.view.legal_button.text() == "Legal analysis…"
    qtbot.mouseClick(incident.view.legal_button, Qt.MouseButton.LeftButton)
    dialog = incident.view.findChild(LegalAnalysisDialog)
    assert dialog is not None and dialog.isVisible()
    assert (
        VILLAGE_LAW in dialog.applicable.text() and "Pasal 71 ayat (1)" in dialog.applicable.text()
    )
    assert "UU No. 7 Tahun 2017" not in dialog.applicable.text()
    shown = [[dialog.model.item(0, c).text() for c in range(5)]]
    assert shown == [[VILLAGE_LAW, "Subject", "Met", "Pelaku kepala desa.", "0"]]

    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    editor = dialog.editor
    assert editor is not None and editor.isVisible()
    assert [editor.provision.itemData(i) for i in range(editor.provision.count())] == list(
        dialog.provisions
    )
    editor.provision.setCurrentIndex(editor.provision.findData(VILLAGE_LAW))
    editor.element.setCurrentIndex(editor.element.findData("act"))
    editor.verdict.setCurrentIndex(editor.verdict.findData("not_met"))
    save = editor.buttons.button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert editor.isVisible()  # no reasoning yet: nothing is written
    qtbot.keyClicks(editor.reasoning, "Hanya ajakan lisan, tanpa atribut.")
    assert editor.evidence.count() == 2
    editor.evidence.item(1).setCheckState(Qt.CheckState.Checked)
    with qtbot.waitSignal(dialog.changed) as blocker:
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert not editor.isVisible()
    assert blocker.args[0].touches({"legal", "incidents"})  # routed to the incident's panels
    with fw.db.session() as s:
        row = s.scalars(select(ElementTestRow).where(ElementTestRow.element == "act")).one()
        assert (row.provision, row.verdict, row.reasoning, row.evidence) == (
            VILLAGE_LAW, "not_met", "Hanya ajakan lisan, tanpa atribut.", [lines[1]],
        )  # fmt: skip
    assert dialog.model.rowCount() == 2
    assert [dialog.model.item(1, c).text() for c in (1, 2, 4)] == ["Act", "Not met", "1"]

    dialog.table.selectRow(1)  # edit it: the dialog opens with what is recorded
    editor = dialog._on_edit()
    assert editor is not None
    assert editor.verdict.currentData() == "not_met"
    assert editor.evidence.item(1).checkState() == Qt.CheckState.Checked
    editor.verdict.setCurrentIndex(editor.verdict.findData("unclear"))
    editor.save()
    assert dialog.model.item(1, 2).text() == "Unclear"
    dialog.remove(dialog.tests[0].id, "diuji ulang")
    assert dialog.model.rowCount() == 1
    with fw.db.session() as s:
        states = sorted(s.execute(select(ElementTestRow.verdict, ElementTestRow.deleted)).all())
    assert states == [("met", True), ("unclear", False)]
    incident.close()


def test_legal_materials_are_kept_from_the_analysis_menu(
    qtbot: QtBot, fieldwork: Fieldwork
) -> None:
    fw = fieldwork
    workbench = TriangulationWorkbench(fw.db, fw.actor)
    actions = AnalysisActions(lambda: workbench, lambda: "en", lambda: None)
    assert actions.actions["materials"].text() == "Legal materials"
    panel = actions.open("materials")
    assert isinstance(panel, LegalMaterialsPanel)
    qtbot.addWidget(panel)
    assert panel.model.rowCount() == 0
    panel.kind.setCurrentIndex(panel.kind.findData("secondary"))
    qtbot.keyClicks(panel.citation, "Marzuki, Penelitian Hukum (2005)")
    qtbot.keyClicks(panel.note, "pendekatan konseptual")
    with qtbot.waitSignal(panel.changed):
        qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    assert [panel.model.item(0, c).text() for c in range(3)] == [
        "Secondary legal material", "Marzuki, Penelitian Hukum (2005)", "pendekatan konseptual",
    ]  # fmt: skip
    assert panel.citation.text() == ""
    panel.table.selectRow(0)
    qtbot.mouseClick(panel.edit_button, Qt.MouseButton.LeftButton)
    assert panel.citation.text() == "Marzuki, Penelitian Hukum (2005)"
    assert panel.save_button.text() == "Save"
    panel.kind.setCurrentIndex(panel.kind.findData("primary"))
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    with fw.db.session() as s:
        row = s.scalars(select(LegalMaterialRow)).one()
        assert (row.kind, row.citation, row.note) == (
            "primary", "Marzuki, Penelitian Hukum (2005)", "pendekatan konseptual",
        )  # fmt: skip
    panel.remove(row.id, "salah jenis")
    assert panel.model.rowCount() == 0
    panel.close()


def test_an_edit_keeps_an_article_the_study_s_election_no_longer_offers(
    fieldwork: Fieldwork,
) -> None:
    fw = fieldwork
    inc, _ = _incident(fw)
    test = add_element_test(fw.db, fw.actor, inc, provision="Pasal 71 ayat (1)",
                            element="act", verdict="unclear", reasoning="Belum jelas.")  # fmt: skip
    with fw.db.session() as s:
        study = s.scalars(select(Study)).one()
        study.settings = {**study.settings, "election": "pemilu"}
    workbench = TriangulationWorkbench(fw.db, fw.actor)
    offered = tuple(p.citation for p in workbench.applicable_provisions(inc))
    assert test.provision not in offered
    state = ElementTestState.editing(test, offered, get_incident(fw.db, inc).lines)
    assert state.provisions[0] == test.provision  # still shown, so the list can hold it
    state.verdict, state.reasoning = "met", "Dikonfirmasi saksi kedua."
    assert state.apply(workbench).verdict == "met"
    state.provision = offered[0]  # another article: checked as any new one
    assert state.apply(workbench).provision == offered[0]
