"""The Export menu's dialogs, driven as a user would: options, export in a worker thread
with progress, cancel leaving no file, open / show in folder / preview."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMenu, QWidget

from neutralitas_desktop.reports.service import ReportService
from neutralitas_desktop.ui.reports.export_dialog import ExportDialog
from neutralitas_desktop.ui.reports.export_menu import ExportActions
from neutralitas_desktop.ui.reports.pdf_preview import PdfPreviewDialog, preview_available


def _dialog(qtbot, study, kind: str, folder: Path) -> ExportDialog:  # type: ignore[no-untyped-def]
    dialog = ExportDialog(ReportService(study.db), kind, "id", folder)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_excel_export_with_filters(qtbot, demo_study, tmp_path: Path, monkeypatch) -> None:
    dialog = _dialog(qtbot, demo_study, "excel", tmp_path)
    target = tmp_path / "hasil.xlsx"
    dialog.path_edit.clear()
    qtbot.keyClicks(dialog.path_edit, str(target))
    item = dialog.sites_list.item(0)
    item.setCheckState(Qt.CheckState.Checked)
    qtbot.mouseClick(dialog.status_boxes["approved"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.anonymize_box, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.names_box, Qt.MouseButton.LeftButton)
    assert not dialog.anonymize_box.isChecked()  # names and anonymising exclude each other
    qtbot.mouseClick(dialog.anonymize_box, Qt.MouseButton.LeftButton)
    assert dialog.anonymize_box.isChecked() and not dialog.names_box.isChecked()
    with qtbot.waitSignal(dialog.exported, timeout=30000):
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.job is None)
    assert target.exists()
    assert dialog.open_button.isVisible() and dialog.folder_button.isVisible()
    assert not dialog.preview_button.isVisible()  # no preview for a workbook
    rows = list(openpyxl.load_workbook(target, read_only=True)["Sessions"].values)
    site, status = rows[0].index("site"), rows[0].index("status")
    assert {r[site] for r in rows[1:]} == {item.text()}
    assert {r[status] for r in rows[1:]} == {"approved"}
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()))
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.folder_button, Qt.MouseButton.LeftButton)
    assert opened == [str(target), str(tmp_path)]


def test_invalid_options_disable_export(qtbot, study, tmp_path: Path) -> None:
    dialog = _dialog(qtbot, study, "summary", tmp_path)
    assert dialog.export_button.isEnabled()
    dialog.path_edit.clear()
    qtbot.keyClicks(dialog.path_edit, str(tmp_path / "ringkasan.xlsx"))
    assert not dialog.export_button.isEnabled()
    assert ".pdf" in dialog.problems.text()


def test_cancel_leaves_no_file(qtbot, demo_study, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    dialog = _dialog(qtbot, demo_study, "excel", folder)
    target = dialog.state.path
    dialog.start_export()
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)  # "Cancel export"
    qtbot.waitUntil(lambda: dialog.job is None, timeout=30000)
    assert not target.exists()
    assert list(folder.iterdir()) == []  # no partial file either
    assert "no file was written" in dialog.status.text()
    assert not dialog.open_button.isVisible()


def test_pdf_export_and_preview(qtbot, demo_study, tmp_path: Path) -> None:
    dialog = _dialog(qtbot, demo_study, "session", tmp_path)
    dialog.session_combo.setCurrentIndex(1)
    assert dialog.state.session_id == dialog.session_combo.itemData(1)
    # A transcript can be anonymised; real names are never offered for one.
    assert dialog.anonymize_box.isVisible() and not dialog.names_box.isVisible()
    qtbot.mouseClick(dialog.anonymize_box, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(dialog.exported, timeout=30000) as blocker:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    outcome = blocker.args[0]
    assert outcome.path.exists() and outcome.path.suffix == ".pdf"
    text = "".join(page.extract_text() or "" for page in PdfReader(outcome.path).pages)
    assert "Disamarkan oleh layanan redaksi" in text
    qtbot.waitUntil(lambda: dialog.job is None)
    assert dialog.preview_button.isVisible() == preview_available()
    if preview_available():
        preview = PdfPreviewDialog(outcome.path)
        qtbot.addWidget(preview)
        assert preview.page_count >= 1


def test_word_export_from_the_dialog(qtbot, demo_study, tmp_path: Path) -> None:
    import docx

    dialog = _dialog(qtbot, demo_study, "docx-findings", tmp_path)
    assert dialog.state.path.suffix == ".docx" and "findings" in dialog.state.path.name
    assert dialog.state.has_filters
    with qtbot.waitSignal(dialog.exported, timeout=30000) as blocker:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    outcome = blocker.args[0]
    qtbot.waitUntil(lambda: dialog.job is None)
    document = docx.Document(str(outcome.path))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == ["BAB IV HASIL PENELITIAN DAN PEMBAHASAN"]
    assert not dialog.preview_button.isVisible()


def test_export_menu_opens_each_dialog(qtbot, study, tmp_path: Path) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    actions = ExportActions(lambda: ReportService(study.db), "en", window)
    menu = QMenu(window)
    actions.install(menu)
    texts = [a.text() for a in menu.actions() if a.text()]
    assert len(texts) == 7 and texts[0].startswith("Excel")
    assert texts[4:] == [
        "Findings chapter (Word)…",
        "Appendix of transcripts (Word)…",
        "Codebook (Word)…",
    ]
    dialog = actions.open("blank")
    assert dialog is not None and dialog.form_combo.count() == 5
    dialog.close()


class _Host:
    """What app.py provides the main window, as far as the Export menu needs it."""

    def open_study(self, path: str, create: bool):  # type: ignore[no-untyped-def]
        raise AssertionError("not used")

    def update_profile(self, **changes: str):  # type: ignore[no-untyped-def]
        raise AssertionError("not used")

    def change_language(self, language: str) -> None:
        raise AssertionError("not used")

    def report_service(self, workspace):  # type: ignore[no-untyped-def]
        return ReportService(workspace.db)


def test_main_window_export_menu(qtbot, workspace, ui_settings) -> None:  # type: ignore[no-untyped-def]
    from neutralitas_desktop.ui.main_window import MainWindow

    window = MainWindow(workspace, ui_settings, _Host())
    qtbot.addWidget(window)
    menu = window.menu("Export")
    assert menu.menuAction().isVisible()
    assert [a for a in menu.actions() if a.text()] == list(window.exports.actions.values())
    dialog = window.exports.open("summary")
    assert dialog is not None and dialog.isVisible()
    assert dialog.state.kind == "summary"
    dialog.close()
