"""One export from the Export menu: its options (bound to ExportOptionsState), then the
work off the GUI thread with a progress bar and Cancel, then "Open file", "Show in
folder" and, for a PDF, a preview."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from neutralitas_desktop.reports import export_options as opts
from neutralitas_desktop.reports.export_options import ExportOptionsState, ExportOutcome
from neutralitas_desktop.ui.operation_runner import Operation, OperationRunner, failure_text
from neutralitas_desktop.ui.reports.pdf_preview import PdfPreviewDialog, preview_available
from neutralitas_desktop.ui.translations import term
from neutralitas_desktop.vocabulary import SessionStatus

if TYPE_CHECKING:
    from neutralitas_desktop.reports.service import ReportService


class ExportDialog(QDialog):
    exported = Signal(object)  # ExportOutcome

    def __init__(
        self,
        service: ReportService,
        kind: str,
        language: str = "id",
        folder: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.state = ExportOptionsState(kind, service.choices(language), folder)
        self.runner = OperationRunner(self)
        self.job: Operation | None = None
        self.outcome: ExportOutcome | None = None
        self.setWindowTitle(self._title())
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        heading = QLabel(self._title(), self)
        heading.setObjectName("screenTitle")
        layout.addWidget(heading)
        self.form = QFormLayout()
        layout.addLayout(self.form)
        self._build_target()
        self._build_filters(layout)
        self._build_identity(layout)
        self.problems = QLabel(self)
        self.problems.setObjectName("error")
        self.problems.setStyleSheet("color: #A93226;")
        self.problems.setWordWrap(True)
        layout.addWidget(self.problems)
        self.progress = QProgressBar(self)
        self.progress.setVisible(False)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addLayout(self._build_buttons())
        self._refresh()

    def _title(self) -> str:
        return {
            "excel": self.tr("Export Excel workbook"),
            "summary": self.tr("Study summary (PDF)"),
            "session": self.tr("Session transcript (PDF)"),
            "blank": self.tr("Blank instrument for paper (PDF)"),
            "docx-findings": self.tr("Findings chapter (Word)"),
            "docx-transcripts": self.tr("Appendix of transcripts (Word)"),
            "docx-codebook": self.tr("Codebook (Word)"),
        }[self.state.kind]

    # ---- widgets -----------------------------------------------------------------
    def _build_target(self) -> None:
        state = self.state
        if state.kind == "session":
            self.session_combo = QComboBox(self)
            for choice in state.choices.sessions:
                self.session_combo.addItem(choice.label, choice.value)
            self.session_combo.currentIndexChanged.connect(self._on_session_changed)
            self.form.addRow(self.tr("Session"), self.session_combo)
        if state.kind == "blank":
            self.form_combo = QComboBox(self)
            for choice in state.choices.forms:
                self.form_combo.addItem(choice.label, choice.value)
            self.form_combo.currentIndexChanged.connect(self._on_form_changed)
            self.form.addRow(self.tr("Instrument"), self.form_combo)
        self.path_edit = QLineEdit(str(state.path), self)
        self.path_edit.textChanged.connect(self._on_path_edited)
        browse = QPushButton(self.tr("Browse…"), self)
        browse.clicked.connect(self._on_browse)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        self.form.addRow(self.tr("Save as"), row)
        self.language_combo = QComboBox(self)
        self.language_combo.addItem("Bahasa Indonesia", "id")
        self.language_combo.addItem("English", "en")
        self.language_combo.setCurrentIndex(max(0, self.language_combo.findData(state.language)))
        self.language_combo.currentIndexChanged.connect(self._on_language_changed)
        self.form.addRow(self.tr("Language"), self.language_combo)

    def _build_filters(self, layout: QVBoxLayout) -> None:
        self.sites_list = QListWidget(self)
        self.status_boxes: dict[str, QCheckBox] = {}
        if not self.state.has_filters:
            self.sites_list.setVisible(False)
            return
        box = QGroupBox(self.tr("Filters (nothing ticked: everything)"), self)
        inner = QVBoxLayout(box)
        inner.addWidget(QLabel(self.tr("Sites"), box))
        for site in self.state.choices.sites:
            item = QListWidgetItem(site, self.sites_list)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        self.sites_list.setMaximumHeight(130)
        self.sites_list.itemChanged.connect(self._on_site_toggled)
        inner.addWidget(self.sites_list)
        inner.addWidget(QLabel(self.tr("Session status"), box))
        row = QHBoxLayout()
        for status in opts.STATUSES:
            check = QCheckBox(term(SessionStatus, status), box)
            check.toggled.connect(lambda on, s=status: self._on_status_toggled(s, on))
            self.status_boxes[status] = check
            row.addWidget(check)
        row.addStretch(1)
        inner.addLayout(row)
        layout.addWidget(box)

    def _build_identity(self, layout: QVBoxLayout) -> None:
        self.anonymize_box = QCheckBox(
            self.tr(
                "Anonymise: no identities; names, phone numbers, e-mail addresses, NIP and NIK "
                "typed into texts are redacted"
            ),
            self,
        )
        self.names_box = QCheckBox(
            self.tr("Include informants' real names and contacts (confidential)"), self
        )
        self.anonymize_box.setVisible(self.state.can_anonymize)
        self.names_box.setVisible(self.state.has_identity_options)
        if self.state.can_anonymize:
            self.anonymize_box.toggled.connect(self._on_anonymize)
            layout.addWidget(self.anonymize_box)
        if self.state.has_identity_options:
            self.names_box.toggled.connect(self._on_names)
            layout.addWidget(self.names_box)

    def _build_buttons(self) -> QHBoxLayout:
        self.export_button = QPushButton(self.tr("Export"), self)
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.start_export)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.clicked.connect(self._on_cancel)
        self.open_button = QPushButton(self.tr("Open file"), self)
        self.open_button.clicked.connect(self._on_open)
        self.folder_button = QPushButton(self.tr("Show in folder"), self)
        self.folder_button.clicked.connect(self._on_show_folder)
        self.preview_button = QPushButton(self.tr("Preview"), self)
        self.preview_button.clicked.connect(self._on_preview)
        row = QHBoxLayout()
        row.addStretch(1)
        for button in (
            self.preview_button,
            self.open_button,
            self.folder_button,
            self.export_button,
            self.cancel_button,
        ):
            row.addWidget(button)
        for button in (self.preview_button, self.open_button, self.folder_button):
            button.setVisible(False)
        return row

    # ---- state -> widgets --------------------------------------------------------
    def _refresh(self) -> None:
        messages = {
            opts.NO_PATH: self.tr("Choose where to save the file."),
            opts.NO_FOLDER: self.tr("That folder does not exist."),
            opts.WRONG_SUFFIX: self.tr("The file name must end in {suffix}.").format(
                suffix=opts.SUFFIX[self.state.kind]
            ),
            opts.NAMES_WITH_ANONYMIZE: self.tr("An anonymised export cannot include names."),
            opts.NO_SESSION: self.tr("There is no session to export."),
            opts.NO_FORM: self.tr("There is no instrument to print."),
        }
        problems = self.state.problems()
        self.problems.setText("\n".join(messages[p] for p in problems))
        running = self.job is not None
        self.export_button.setEnabled(not problems and not running)
        self.anonymize_box.blockSignals(True)
        self.names_box.blockSignals(True)
        self.anonymize_box.setChecked(self.state.anonymize)
        self.names_box.setChecked(self.state.include_names)
        self.anonymize_box.blockSignals(False)
        self.names_box.blockSignals(False)

    def _on_path_edited(self, text: str) -> None:
        self.state.set_path(text)
        self._refresh()

    def _on_browse(self) -> None:
        suffix = opts.SUFFIX[self.state.kind]
        pattern = {
            ".xlsx": self.tr("Excel workbook (*.xlsx)"),
            ".docx": self.tr("Word document (*.docx)"),
        }.get(suffix) or self.tr("PDF document (*.pdf)")
        path, _ = QFileDialog.getSaveFileName(self, self._title(), str(self.state.path), pattern)
        if path:
            if not path.lower().endswith(suffix):
                path += suffix
            self.path_edit.setText(path)

    def _sync_path(self) -> None:
        self.path_edit.blockSignals(True)
        self.path_edit.setText(str(self.state.path))
        self.path_edit.blockSignals(False)

    def _on_session_changed(self, index: int) -> None:
        self.state.select(session_id=self.session_combo.itemData(index))
        self._sync_path()
        self._refresh()

    def _on_form_changed(self, index: int) -> None:
        self.state.select(form_id=self.form_combo.itemData(index))
        self._sync_path()
        self._refresh()

    def _on_language_changed(self, index: int) -> None:
        self.state.language = self.language_combo.itemData(index)

    def _on_site_toggled(self, item: QListWidgetItem) -> None:
        self.state.toggle_site(item.text(), item.checkState() == Qt.CheckState.Checked)

    def _on_status_toggled(self, status: str, on: bool) -> None:
        self.state.toggle_status(status, on)

    def _on_anonymize(self, on: bool) -> None:
        self.state.set_anonymize(on)
        self._refresh()

    def _on_names(self, on: bool) -> None:
        self.state.set_include_names(on)
        self._refresh()

    # ---- running -----------------------------------------------------------------
    def start_export(self) -> None:
        if self.job is not None or not self.state.is_valid:
            return
        request = self.state.request()
        self.outcome = None
        self.progress.setRange(0, 0)  # busy until the first figure arrives
        self.progress.setVisible(True)
        self.status.setText(self.tr("Exporting…"))
        for button in (self.preview_button, self.open_button, self.folder_button):
            button.setVisible(False)
        self.cancel_button.setText(self.tr("Cancel export"))
        service = self.service
        self.job = self.runner.run(
            lambda progress, cancel: service.run(request, progress, cancel),
            self._on_finished,
            self._on_failed,
            cancelled=self._on_cancelled,
        )
        self.job.progressed.connect(self._on_progress)
        self.job.done.connect(self._on_job_done)
        self._refresh()

    def cancel_export(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.status.setText(self.tr("Cancelling…"))

    def _on_cancel(self) -> None:
        if self.job is not None:
            self.cancel_export()
        else:
            self.reject()

    def _on_progress(self, done: int, total: int, _step: str = "") -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _on_finished(self, outcome: ExportOutcome) -> None:
        self.outcome = outcome
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        details = ""
        if outcome.counts:
            details = " " + self.tr("({sessions} sessions, {answers} answers)").format(
                sessions=outcome.counts.get("sessions", 0), answers=outcome.counts.get("answers", 0)
            )
        self.status.setText(
            self.tr("Saved {path} in {seconds:.1f} s.").format(
                path=outcome.path, seconds=outcome.seconds
            )
            + details
        )
        self.open_button.setVisible(True)
        self.folder_button.setVisible(True)
        self.preview_button.setVisible(outcome.is_pdf and preview_available())
        self.exported.emit(outcome)

    def _on_failed(self, error: BaseException) -> None:
        self.progress.setVisible(False)
        message = failure_text(error)
        self.status.setText(self.tr("The export failed: {message}").format(message=message))

    def _on_cancelled(self) -> None:
        self.progress.setVisible(False)
        self.status.setText(self.tr("Export cancelled; no file was written."))

    def _on_job_done(self) -> None:
        self.job = None
        self.cancel_button.setText(self.tr("Close"))
        self._refresh()

    def _on_open(self) -> None:
        if self.outcome is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.outcome.path)))

    def _on_show_folder(self) -> None:
        if self.outcome is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.outcome.path.parent)))

    def _on_preview(self) -> None:
        if self.outcome is not None and preview_available():
            PdfPreviewDialog(self.outcome.path, self).exec()

    def closeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        if self.job is not None:
            self.job.cancel()
            self.job.wait()
        super().closeEvent(event)

    def reject(self) -> None:
        if self.job is not None:
            self.cancel_export()
            return
        super().reject()
