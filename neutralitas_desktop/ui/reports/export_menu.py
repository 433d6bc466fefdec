"""The main window's Export menu: one action per export, each opening its dialog for the
study that is open (the composition root hands in how to get its report service)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

if TYPE_CHECKING:  # the dialog (and what it imports) loads when first opened
    from neutralitas_desktop.reports.service import ReportService
    from neutralitas_desktop.ui.reports.export_dialog import ExportDialog


class ExportActions(QObject):
    def __init__(
        self,
        reports: Callable[[], ReportService | None],
        language: Callable[[], str] | str = "id",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._reports = reports
        self._language = language
        self._window = parent
        self.folder: Path | None = None  # where the last export went
        self.actions: dict[str, QAction] = {}
        labels = {
            "excel": self.tr("Excel workbook…"),
            "summary": self.tr("Study summary (PDF)…"),
            "session": self.tr("Session transcript (PDF)…"),
            "blank": self.tr("Blank instrument for paper (PDF)…"),
            "docx-findings": self.tr("Findings chapter (Word)…"),
            "docx-transcripts": self.tr("Appendix of transcripts (Word)…"),
            "docx-codebook": self.tr("Codebook (Word)…"),
        }
        for kind, label in labels.items():
            action = QAction(label, self)
            action.triggered.connect(lambda _=False, k=kind: self.open(k))
            self.actions[kind] = action
        self.actions["excel"].setShortcut(QKeySequence("Ctrl+Shift+E"))

    def install(self, menu: QMenu) -> None:
        menu.addAction(self.actions["excel"])
        menu.addSeparator()
        for kind in ("summary", "session", "blank"):
            menu.addAction(self.actions[kind])
        menu.addSeparator()
        for kind in ("docx-findings", "docx-transcripts", "docx-codebook"):
            menu.addAction(self.actions[kind])

    def open(self, kind: str) -> ExportDialog | None:
        from neutralitas_desktop.ui.reports.export_dialog import ExportDialog

        service = self._reports()
        if service is None:
            return None
        language = self._language() if callable(self._language) else self._language
        dialog = ExportDialog(service, kind, language, self.folder, self._window)
        dialog.exported.connect(lambda outcome: setattr(self, "folder", outcome.path.parent))
        dialog.open()
        return dialog
