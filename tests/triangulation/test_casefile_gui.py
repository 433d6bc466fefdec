"""The case file from the incident view (a save dialog, then the work off the GUI thread)
and the consent to be named, shown and changed on the informants screen."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from neutralitas_desktop.fieldwork.profile import LocalProfile
from neutralitas_desktop.fieldwork.workspace import Workspace
from neutralitas_desktop.reports.service import ReportService
from neutralitas_desktop.triangulation.incidents import list_incidents
from neutralitas_desktop.triangulation.workbench import TriangulationWorkbench
from neutralitas_desktop.ui import informants_panel
from neutralitas_desktop.ui.informants_panel import InformantsPanel
from neutralitas_desktop.ui.triangulation.incident_view import IncidentDialog

PROFILE = LocalProfile(
    device_id="00000000-0000-4000-8000-000000000001",
    device_name="laptop-uji",
    researcher_name="Rina Peneliti",
    researcher_initials="RP",
    completed_first_run=True,
)


def test_the_case_file_button_saves_the_pdf_and_its_evidence(
    qtbot: QtBot, demo_study: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    incident = next(i for i in list_incidents(demo_study.db) if i.actor_type == "village_head")
    workbench = TriangulationWorkbench(demo_study.db, demo_study.actor)
    dialog = IncidentDialog(workbench, incident.id, "id", None, ReportService(demo_study.db))
    qtbot.addWidget(dialog)
    view = dialog.view
    dialog.show()
    assert view.case_button.isVisible()
    target = tmp_path / "berkas"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    with qtbot.waitSignal(view.case_file_written, timeout=30000) as written:
        qtbot.mouseClick(view.case_button, Qt.MouseButton.LeftButton)
    result = written.args[0]
    assert result.pdf == tmp_path / "berkas.pdf" and result.archive == tmp_path / "berkas-bukti.zip"
    assert result.archive.is_file()
    text = " ".join((p.extract_text() or "") for p in PdfReader(result.pdf).pages)
    assert "Berkas Dugaan Pelanggaran" in text and "Kepala desa" in text
    qtbot.waitUntil(lambda: view.case_button.isEnabled(), timeout=10000)
    assert "berkas.pdf" in view.case_status.text()
    # Without the report service (an older caller), the view offers no case file.
    plain = IncidentDialog(workbench, incident.id, "id")
    qtbot.addWidget(plain)
    plain.show()
    assert not plain.view.case_button.isVisible()


def test_consent_to_be_named_on_the_informants_screen(
    qtbot: QtBot, demo_study: Any, monkeypatch: Any
) -> None:
    workspace = Workspace(demo_study.db, demo_study.actor, PROFILE)
    panel = InformantsPanel(workspace, "en")
    qtbot.addWidget(panel)
    panel.reload()
    informant = next(i for i in workspace.informants() if i.consent_status == "given")
    panel.select(informant.id)
    assert panel.detail_named.text() == "No: by role only"
    assert panel.named_button.isEnabled()
    monkeypatch.setattr(informants_panel, "confirm", lambda *a, **k: True)
    qtbot.mouseClick(panel.named_button, Qt.MouseButton.LeftButton)
    assert next(i for i in workspace.informants() if i.id == informant.id).consent_named
    assert panel.detail_named.text() == "Yes, as a source"
    assert panel.named_button.text() == "Take back consent to be named…"
    workspace.withdraw_consent(informant.id)  # a withdrawal takes it back
    panel.reload()
    panel.select(informant.id)
    assert panel.detail_named.text() == "No: by role only"
    assert not panel.named_button.isEnabled()
