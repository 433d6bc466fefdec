"""The incident view: who did what, when, where; its corroboration with the rule's reason;
its lines of evidence with where each comes from, and which lines decided it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QFont, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from neutralitas_desktop.errors import NeutralitasError
from neutralitas_desktop.triangulation.incident_types import IncidentInfo, LineInfo
from neutralitas_desktop.ui.dialogs import show_error
from neutralitas_desktop.ui.operation_runner import Operation, OperationRunner, failure_text
from neutralitas_desktop.ui.triangulation.labels import (
    CONCLUSION_COLOURS,
    actor_type_name,
    corroboration_name,
    evidence_kind_name,
    local,
    source_name,
)
from neutralitas_desktop.vocabulary import LineTarget

if TYPE_CHECKING:
    from neutralitas_desktop.reports.casefile import CaseFileResult
    from neutralitas_desktop.reports.service import ReportService
    from neutralitas_desktop.triangulation.workbench import TriangulationWorkbench


class IncidentView(QWidget):
    """One incident, read from the workbench; ``changed`` after a line is unlinked;
    ``case_file_written`` when its case file (PDF and evidence archive) was saved."""

    changed = Signal(object)  # the Changes an unlink made
    case_file_written = Signal(object)  # CaseFileResult

    def __init__(
        self,
        workbench: TriangulationWorkbench,
        incident_id: str,
        language: str,
        parent: QWidget | None = None,
        reports: ReportService | None = None,
    ) -> None:
        super().__init__(parent)
        self.workbench = workbench
        self.reports = reports
        self.case_runner = OperationRunner(self)
        self.job: Operation | None = None
        self.incident_id = incident_id
        self.language = language
        self.incident: IncidentInfo | None = None
        layout = QVBoxLayout(self)
        self.summary = QLabel(self)
        self.summary.setObjectName("screenTitle")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        form = QFormLayout()
        self.fields: dict[str, QLabel] = {}
        for key, label in (
            ("site", self.tr("Site")),
            ("theme", self.tr("Theme")),
            ("actor", self.tr("Actor")),
            ("date", self.tr("Date and election stage")),
            ("online", self.tr("Platform and link")),
            ("favours", self.tr("Candidate pair favoured")),
            ("recorded", self.tr("Recorded by")),
        ):
            self.fields[key] = QLabel(self)
            self.fields[key].setWordWrap(True)
            self.fields[key].setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(label, self.fields[key])
        layout.addLayout(form)
        self.corroboration = QLabel(self)
        self.corroboration.setWordWrap(True)
        self.corroboration.setObjectName("banner")
        layout.addWidget(self.corroboration)
        self.lines_model = QStandardItemModel(self)
        self.lines = QTableView(self)
        self.lines.setModel(self.lines_model)
        self.lines.verticalHeader().hide()
        self.lines.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.lines.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.lines.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        layout.addWidget(self.lines, 1)
        buttons = QHBoxLayout()
        self.legal_button = QPushButton(self.tr("Legal analysis…"), self)
        self.legal_button.clicked.connect(self.open_legal_analysis)
        buttons.addWidget(self.legal_button)
        self.case_status = QLabel(self)
        self.case_status.setObjectName("muted")
        self.case_status.setWordWrap(True)
        buttons.addWidget(self.case_status, 1)
        self.case_button = QPushButton(self.tr("Case file…"), self)
        self.case_button.setToolTip(
            self.tr(
                "A PDF to hand to Panwascam / Bawaslu, BKN or the regent, with the evidence "
                "files and their SHA-256 hashes in a ZIP beside it"
            )
        )
        self.case_button.clicked.connect(self._on_case_file)
        self.case_button.setVisible(reports is not None)
        buttons.addWidget(self.case_button)
        self.unlink_button = QPushButton(self.tr("Unlink line…"), self)
        self.unlink_button.clicked.connect(self._on_unlink)
        buttons.addWidget(self.unlink_button)
        layout.addLayout(buttons)
        self.reload()

    def reload(self) -> None:
        self.incident = i = self.workbench.incident(self.incident_id)
        self.summary.setText(i.summary)
        self.fields["site"].setText(i.site_name)
        self.fields["theme"].setText(f"{local(i.theme_label, self.language, i.theme_code)}")
        self.fields["actor"].setText(
            " — ".join(filter(None, (actor_type_name(i.actor_type), i.actor_code)))
        )
        until = f" – {i.date_end}" if i.date_end else ""
        stage = local(i.stage_label, self.language, i.stage)
        self.fields["date"].setText(f"{i.date_start}{until} ({stage})")
        self.fields["online"].setText(" ".join(filter(None, (i.platform, i.link))) or "—")
        self.fields["favours"].setText(i.favours or "—")
        self.fields["recorded"].setText(i.recorded_by or "—")
        self.corroboration.setText(self.explanation(i))
        colour = CONCLUSION_COLOURS[i.corroboration].name()
        self.corroboration.setStyleSheet(f"background: {colour}; padding: 6px;")
        self._fill_lines(i.lines)

    def explanation(self, i: IncidentInfo) -> str:
        """The corroboration and why, in the rule's words."""
        denials = len([x for x in i.lines if x.kind == "denial" and x.counts])
        hearsay = len([x for x in i.lines if x.kind == "hearsay" and x.counts])
        return (
            self.tr(
                "%1: %2 independent supporting line(s) of evidence (corroborated from %3); "
                "%4 denial(s) listed beside, %5 hearsay account(s) (never corroborate). Bold "
                "lines decided it."
            )
            .replace("%1", corroboration_name(i.corroboration))
            .replace("%2", str(i.independent))
            .replace("%3", str(i.threshold))
            .replace("%4", str(denials))
            .replace("%5", str(hearsay))
        )

    def _fill_lines(self, lines: tuple[LineInfo, ...]) -> None:
        self.lines_model.clear()
        self.lines_model.setHorizontalHeaderLabels([
            self.tr("Kind"), self.tr("Decided"), self.tr("Technique"), self.tr("Informant"),
            self.tr("Role"), self.tr("Date"), self.tr("Excerpt, answer or document"),
        ])  # fmt: skip
        for x in lines:
            decided = self.tr("yes") if x.deciding else ("" if x.counts else self.tr("left out"))
            text = local(x.text_label, self.language, x.text)
            question = local(x.question_label, self.language, x.question)
            if question:
                text = f"{text} — {question}" if text else question
            elif not text and x.target == LineTarget.SESSION:
                text = self.tr("(the whole session)")
            if x.attachment_sha256:
                text += f"  SHA-256 {x.attachment_sha256[:16]}…"
            items = [
                QStandardItem(evidence_kind_name(x.kind)),
                QStandardItem(decided),
                QStandardItem(source_name(x.technique)),
                QStandardItem(x.informant_code or "—"),
                QStandardItem(local(x.role_label, self.language, x.informant_role)),
                QStandardItem(x.session_date.strftime("%Y-%m-%d")),
                QStandardItem(text),
            ]
            items[-1].setToolTip(text)
            items[0].setData(x.id, Qt.ItemDataRole.UserRole)
            for item in items:
                if x.deciding:
                    font = QFont()
                    font.setBold(True)
                    item.setFont(font)
                if not x.counts:
                    item.setForeground(QBrush(Qt.GlobalColor.gray))
            self.lines_model.appendRow(items)
        header = self.lines.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(6, QHeaderView.ResizeMode.Stretch)

    def selected_line(self) -> str | None:
        rows = self.lines.selectionModel().selectedRows()
        if not rows:
            return None
        value = self.lines_model.item(rows[0].row(), 0).data(Qt.ItemDataRole.UserRole)
        return str(value) if value else None

    def unlink(self, line_id: str, reason: str) -> None:
        try:
            incident = self.workbench.unlink(line_id, reason)
        except NeutralitasError as exc:
            show_error(self, exc)
            return
        self.reload()
        self.changed.emit(incident.changes)

    def open_legal_analysis(self) -> QDialog | None:
        """The incident's element tests against the articles that apply to it."""
        from neutralitas_desktop.ui.triangulation.legal_analysis_dialog import (
            LegalAnalysisDialog,
        )

        if self.incident is None:
            return None
        dialog = LegalAnalysisDialog(self.workbench, self.incident, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dialog.changed.connect(self.changed)
        dialog.open()
        return dialog

    # ---- the case file ---------------------------------------------------------------
    def _on_case_file(self) -> None:
        default = str(Path.home() / f"berkas-{self.incident_id[:8]}.pdf")
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the case file"), default, self.tr("PDF document (*.pdf)")
        )
        if path:
            self.write_case_file(Path(path))

    def write_case_file(self, pdf: Path) -> None:
        """Write the case file to ``pdf`` and its evidence archive beside it
        (``<name>-bukti.zip``), off the GUI thread."""
        if self.reports is None or self.job is not None:
            return
        if pdf.suffix.lower() != ".pdf":
            pdf = pdf.with_name(pdf.name + ".pdf")
        archive = pdf.with_name(f"{pdf.stem}-bukti.zip")
        reports, incident, language = self.reports, self.incident_id, self.language
        self.case_button.setEnabled(False)
        self.case_status.setText(self.tr("Writing the case file…"))
        self.job = self.case_runner.run(
            lambda progress, cancel: reports.case_file(
                incident, pdf, archive, language, progress, cancel
            ),
            self._on_case_file_written,
            self._on_case_file_failed,
        )
        self.job.done.connect(self._on_case_job_done)

    def _on_case_file_written(self, result: CaseFileResult) -> None:
        self.case_status.setText(
            self.tr("Saved %1 and %2 (report by %3).")
            .replace("%1", result.pdf.name)
            .replace("%2", result.archive.name if result.archive else "")
            .replace("%3", result.deadline)
        )
        self.case_file_written.emit(result)

    def _on_case_file_failed(self, error: BaseException) -> None:
        self.case_status.setText(
            self.tr("The case file was not written: %1").replace("%1", failure_text(error))
        )

    def _on_case_job_done(self) -> None:
        self.job = None
        self.case_button.setEnabled(True)

    def _on_unlink(self) -> None:
        line = self.selected_line()
        if line is None:
            return
        reason, ok = QInputDialog.getText(
            self, self.tr("Unlink line"), self.tr("Why is this line unlinked?")
        )
        if ok:
            self.unlink(line, reason)


class IncidentDialog(QDialog):
    changed = Signal(object)  # the Changes an unlink made

    def __init__(
        self,
        workbench: TriangulationWorkbench,
        incident_id: str,
        language: str,
        parent: QWidget | None = None,
        reports: ReportService | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Incident"))
        self.resize(860, 560)
        layout = QVBoxLayout(self)
        self.view = IncidentView(workbench, incident_id, language, self, reports)
        self.view.changed.connect(self.changed)
        layout.addWidget(self.view, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
