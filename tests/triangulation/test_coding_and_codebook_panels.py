"""The coding panel (select a passage, code it, see it, delete it) and the codebook screen
(add, merge, retire, import, export), driven as a user would; outcomes in the database."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select
from tri_fieldwork import P3, SITE_A, SITE_B, Fieldwork

from neutralitas_desktop.errors import NeutralitasError
from neutralitas_desktop.fieldwork.answers import save_answer
from neutralitas_desktop.store.models import AuditEvent
from neutralitas_desktop.triangulation.codebook import get_theme
from neutralitas_desktop.triangulation.codebook_files import import_qdc
from neutralitas_desktop.triangulation.coding import list_codings
from neutralitas_desktop.triangulation.findings import list_findings
from neutralitas_desktop.triangulation.matrix import triangulation_matrix
from neutralitas_desktop.triangulation.workbench import TriangulationWorkbench
from neutralitas_desktop.ui.triangulation import codebook_panel, findings_panel
from neutralitas_desktop.ui.triangulation.codebook_panel import CodebookPanel
from neutralitas_desktop.ui.triangulation.coding_panel import CodingPanel
from neutralitas_desktop.ui.triangulation.findings_panel import FindingsPanel
from neutralitas_desktop.ui.triangulation.tags_dialog import TagsDialog
from neutralitas_desktop.ui.triangulation.theme_dialog import ThemeDialog

STORY = "Kata informan 😊 staf kelurahan menyukai unggahan petahana setiap hari."
ENG = "socmed_engagement"


def test_coding_a_selected_passage(qtbot: QtBot, fieldwork: Fieldwork) -> None:
    fw = fieldwork
    sid = fw.run("interview", {"liked": "yes", "story": STORY}, role="lurah")
    panel = CodingPanel(TriangulationWorkbench(fw.db, fw.actor), sid, "en")
    qtbot.addWidget(panel)
    assert "Interview · Urban-village head (lurah) · INF-" in panel.source.text()
    assert panel.text_model.rowCount() == 1 and panel.editor.toPlainText() == STORY
    assert panel.theme.currentData() == ENG  # the question's theme is offered first
    assert not panel.apply_button.isEnabled()  # nothing selected yet
    start, end = STORY.index("staf"), STORY.index(" setiap")
    panel.select_passage(start, end)
    assert panel.editor.textCursor().selectedText() == STORY[start:end]
    assert panel.apply_button.isEnabled()
    panel.stance.setCurrentIndex(panel.stance.findData("violation"))
    qtbot.keyClicks(panel.memo, "kutipan utama")
    with qtbot.waitSignal(panel.codings_changed):
        qtbot.mouseClick(panel.apply_button, Qt.MouseButton.LeftButton)
    [coding] = list_codings(fw.db, session_id=sid)
    assert (coding.start, coding.end) == (start, end)  # Python offsets despite the emoji
    assert coding.excerpt == "staf kelurahan menyukai unggahan petahana"
    assert (coding.stance, coding.memo, coding.theme_code) == ("violation", "kutipan utama", ENG)
    # the panel shows it: highlighted in the text, listed below, counted in the list
    assert len(panel.editor.extraSelections()) == 1
    assert panel.coding_model.rowCount() == 1
    assert panel.coding_model.item(0, 2).text() == coding.excerpt
    assert panel.text_model.item(0).text().endswith("[1]")
    m = triangulation_matrix(fw.db)
    assert m.row(ENG).context_cells[m.column_index("interview")].violation == 2
    with qtbot.waitSignal(panel.codings_changed):
        qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    assert list_codings(fw.db, session_id=sid) == []
    assert panel.coding_model.rowCount() == 0


def test_field_notes_can_be_coded_too(qtbot: QtBot, fieldwork: Fieldwork) -> None:
    fw = fieldwork
    sid = fw.run("observation", {"engaged": "yes"})
    save_answer(fw.db, fw.actor, sid, "engaged", "yes", "Tangkapan layar tersimpan.")
    panel = CodingPanel(TriangulationWorkbench(fw.db, fw.actor), sid, "id")
    qtbot.addWidget(panel)
    panel.select_text("engaged", "note")
    assert panel.editor.toPlainText() == "Tangkapan layar tersimpan."
    panel.select_passage(0, 15)
    panel.code_selection()
    [coding] = list_codings(fw.db, session_id=sid)
    assert (coding.target, coding.excerpt) == ("note", "Tangkapan layar")


def test_theme_dialog_needs_a_code_and_a_label(qtbot: QtBot, study: Any) -> None:
    wb = TriangulationWorkbench(study.db, study.actor)
    dialog = ThemeDialog(wb.themes(), "en", parent_code="socmed_conduct")
    qtbot.addWidget(dialog)
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    qtbot.keyClicks(dialog.code, "whatsapp_groups")
    assert not ok.isEnabled()
    qtbot.keyClicks(dialog.label_en, "WhatsApp groups")
    assert ok.isEnabled()
    assert dialog.values() == ("whatsapp_groups", {"en": "WhatsApp groups"}, "socmed_conduct")


def test_codebook_screen_merge_retire_import_export(
    qtbot: QtBot, fieldwork: Fieldwork, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fw = fieldwork
    sid = fw.run("interview", {"story": STORY})
    wb = TriangulationWorkbench(fw.db, fw.actor)
    wb.add_coding(fw.answer(sid, "story"), "socmed_promotion", "violation")
    panel = CodebookPanel(wb, "en")
    qtbot.addWidget(panel)
    panel.select("socmed_promotion")
    assert "Posting about or promoting a candidate" in panel.details.toPlainText()
    assert "Legal basis" in panel.details.toPlainText()
    with qtbot.waitSignal(panel.changed):
        assert panel.merge_into(ENG)
    assert get_theme(fw.db, "socmed_promotion").merged_into == ENG
    assert [c.theme_code for c in list_codings(fw.db, session_id=sid)] == [ENG]
    assert panel.current_code() == ENG
    assert panel.model.match(panel.model.index(0, 0), Qt.ItemDataRole.UserRole + 1,
                             "socmed_promotion", 1, Qt.MatchFlag.MatchRecursive) == []  # fmt: skip

    monkeypatch.setattr(codebook_panel, "confirm", lambda *a, **k: True)
    panel.select("reporting")
    qtbot.mouseClick(panel.retire_button, Qt.MouseButton.LeftButton)
    assert get_theme(fw.db, "reporting").retired
    assert panel.retire_button.text() == "Reinstate"
    qtbot.mouseClick(panel.retire_button, Qt.MouseButton.LeftButton)
    assert not get_theme(fw.db, "reporting").retired

    path = tmp_path / "codebook.csv"
    assert panel.export_file(path) and path.exists()
    text = path.read_text(encoding="utf-8-sig").replace("Reporting suspected violations", "Reports")
    path.write_text(text, encoding="utf-8")
    assert panel.import_file(path)
    assert panel.status.text() == "codebook.csv: 0 added, 1 updated, 23 unchanged"
    assert get_theme(fw.db, "reporting").label["en"] == "Reports"


def test_findings_editor_records_conclusion_status_and_ticked_evidence(
    qtbot: QtBot, fieldwork: Fieldwork, monkeypatch: pytest.MonkeyPatch
) -> None:
    fw = fieldwork
    first = fw.run("interview", {"liked": "yes"})
    obs = fw.run("observation", {"engaged": "yes"})
    wb = TriangulationWorkbench(fw.db, fw.actor)
    incident = wb.add_incident(
        site=SITE_A, theme=ENG, actor_type="asn_staff", date_start=dt.date(2024, 10, 1),
        summary="Staf menyukai unggahan paslon",
    )  # fmt: skip
    wb.link(incident.id, "self_report", answer_id=fw.answer(first, "liked"))
    wb.link(incident.id, "observed", answer_id=fw.answer(obs, "engaged"))
    panel = FindingsPanel(wb, "en")
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.evidence_loaded, timeout=10000):
        panel.theme.setCurrentIndex(panel.theme.findData(ENG))
    assert panel.verdict.text() == "Corroborated incident(s) (Interview, Observation)"
    assert panel.evidence_model.rowCount() == 2
    assert panel.incident_model.rowCount() == 1
    assert panel.incident_model.item(0, 0).text() == "Corroborated"
    panel.incident_model.item(0, 0).setCheckState(Qt.CheckState.Checked)
    panel.set_checked({fw.answer(first, "liked")})
    qtbot.keyClicks(panel.conclusion, "ASN menyukai unggahan kampanye.")
    panel.status.setCurrentIndex(panel.status.findData("verified"))
    errors: list[str] = []
    monkeypatch.setattr(findings_panel, "show_error", lambda _p, e: errors.append(str(e)))
    assert panel.save() is None and "needs a written reason" in errors[0]
    qtbot.keyClicks(panel.reason, "Dilihat peneliti dan diakui pelaku")
    with qtbot.waitSignal(panel.saved):
        qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    [finding] = list_findings(fw.db)
    assert (finding.theme_code, finding.status, finding.conclusion) == (
        ENG, "verified", "ASN menyukai unggahan kampanye.",
    )  # fmt: skip
    assert finding.evidence == (fw.answer(first, "liked"),)
    assert finding.incidents == (incident.id,)
    assert finding.status_reason == "Dilihat peneliti dan diakui pelaku"
    assert panel.model.rowCount() == 1
    assert panel.model.index(0, 2).data() == "Verified by triangulation"
    # edit it again: reject
    panel.status.setCurrentIndex(panel.status.findData("rejected"))
    panel.save()
    assert [f.status for f in list_findings(fw.db)] == ["rejected"]


def test_correcting_a_sessions_tags(qtbot: QtBot, fieldwork: Fieldwork) -> None:

    fw = fieldwork
    sid = fw.run("interview", {"liked": "yes"}, role="lurah")
    wb = TriangulationWorkbench(fw.db, fw.actor)
    dialog = TagsDialog(wb, sid, "en")
    qtbot.addWidget(dialog)
    assert (dialog.source.currentData(), dialog.role.currentData()) == ("interview", "lurah")
    dialog.role.setCurrentIndex(dialog.role.findData("camat"))
    dialog.site.setCurrentIndex(dialog.site.findText(SITE_B))
    dialog.started.setDateTime(QDateTime(P3))
    qtbot.keyClicks(dialog.reason, "peran salah dipilih")
    dialog.apply()
    assert dialog.result() == 1
    tags = wb.session_tags(sid)
    assert (tags.informant_role, tags.site_name, tags.period) == ("camat", SITE_B, "p3")
    with fw.db.session() as s:
        event = s.scalars(
            select(AuditEvent).where(AuditEvent.action == "session.tags_corrected")
        ).one()
    assert event.detail["reason"] == "peran salah dipilih"
    # switching to observation clears the role
    dialog = TagsDialog(wb, sid, "en")
    qtbot.addWidget(dialog)
    dialog.source.setCurrentIndex(dialog.source.findData("observation"))
    assert not dialog.role.isEnabled()
    dialog.apply()
    assert wb.session_tags(sid).informant_role == ""


def test_qdc_colours_are_kept_and_shown_in_the_codebook(
    qtbot: QtBot, fieldwork: Fieldwork, tmp_path: Path
) -> None:
    fw = fieldwork
    wb = TriangulationWorkbench(fw.db, fw.actor)
    path = tmp_path / "maxqda.qdc"
    path.write_text(
        """<?xml version="1.0" encoding="utf-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="MAXQDA 24">
  <Codes>
    <Code guid="5D1B8A52-0C33-4B9A-9E57-3B8C3C7D3F10" name="Apel siaga" isCodable="true"
          color="#e06c00"><Description>Apel pagi dengan atribut calon.</Description></Code>
  </Codes>
</CodeBook>""",
        encoding="utf-8",
    )
    panel = CodebookPanel(wb, "en")
    qtbot.addWidget(panel)
    assert panel.import_file(path)
    assert get_theme(fw.db, "apel_siaga").color == "#E06C00"
    [item] = panel.model.match(panel.model.index(0, 0), Qt.ItemDataRole.UserRole + 1,
                               "apel_siaga", 1, Qt.MatchFlag.MatchRecursive)  # fmt: skip
    swatch = item.data(Qt.ItemDataRole.DecorationRole)
    assert swatch.name() == "#e06c00"
    out = tmp_path / "back.qdc"
    assert panel.export_file(out)
    text = out.read_text(encoding="utf-8")
    assert 'color="#E06C00"' in text
    assert "<Description>Apel pagi dengan atribut calon.</Description>" in text
    path.write_text(text.replace("#E06C00", "orange"), encoding="utf-8")
    with pytest.raises(NeutralitasError, match="color 'orange' is not #RRGGBB"):
        import_qdc(fw.db, fw.actor, path)
