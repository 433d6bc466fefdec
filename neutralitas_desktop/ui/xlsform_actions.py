"""Forms > Import XLSForm… and Forms > Export as XLSForm…: forms authored in Excel for
ODK / KoboToolbox come into the study, and the study's forms go out to phones."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMenu, QMessageBox, QWidget

from neutralitas_desktop.errors import InstrumentError, NeutralitasError
from neutralitas_desktop.ui.translations import error_text

if TYPE_CHECKING:
    from neutralitas_desktop.interop.service import InteropService, XlsformImportSummary

# How the importer marks a problem that a lenient import converts instead of refusing.
_CONVERTIBLE = ("a lenient import",)


class XlsformActions(QObject):
    imported = Signal(object)  # XlsformImportSummary

    def __init__(
        self,
        service: Callable[[], InteropService],
        language: Callable[[], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._language = language
        self._window = parent
        self.act_import = QAction(self.tr("Import XLSForm…"), self)
        self.act_import.triggered.connect(self._on_import)
        self.act_export = QAction(self.tr("Export as XLSForm…"), self)
        self.act_export.triggered.connect(self._on_export)

    def install(self, menu: QMenu) -> None:
        menu.addSeparator()
        menu.addAction(self.act_import)
        menu.addAction(self.act_export)

    # ---- import ---------------------------------------------------------------------
    def _on_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self._window, self.tr("Import XLSForm"), "", self.tr("XLSForm workbooks (*.xlsx)")
        )
        if path:
            self.import_file(path)

    def import_file(self, path: str) -> XlsformImportSummary | None:
        """Import strictly; if the form uses what the app cannot represent, offer to convert."""
        try:
            summary = self._service().import_xlsform(path)
        except InstrumentError as exc:
            convertible = any(w in p for p in exc.problems for w in _CONVERTIBLE)
            if not convertible or not self.ask_lenient(exc.problems):
                self.show_problems(path, exc.problems)
                return None
            try:
                summary = self._service().import_xlsform(path, lenient=True)
            except InstrumentError as again:
                self.show_problems(path, again.problems)
                return None
        except NeutralitasError as exc:
            self.show_problems(path, [error_text(exc)])
            return None
        self.show_summary(summary)
        self.imported.emit(summary)
        return summary

    def ask_lenient(self, problems: list[str]) -> bool:
        box = QMessageBox(self._window)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Import XLSForm"))
        box.setText(
            self.tr("This form uses things the app cannot represent. Convert them and import?")
        )
        box.setDetailedText("\n".join(problems))
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        return box.exec() == QMessageBox.StandardButton.Yes

    def show_problems(self, path: str, problems: list[str]) -> None:
        box = QMessageBox(self._window)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Import XLSForm"))
        box.setText(self.tr("%1 was not imported:").replace("%1", Path(path).name))
        box.setInformativeText("\n".join(problems[:12]))
        if len(problems) > 12:
            box.setDetailedText("\n".join(problems))
        box.exec()

    def show_summary(self, summary: XlsformImportSummary) -> None:
        title = summary.title.get(self._language()) or next(iter(summary.title.values()), "")
        text = (
            self.tr("Imported %1 (%2, version %3): %4 questions.")
            if summary.created
            else self.tr("%1 (%2, version %3) is already in the study: %4 questions.")
        )
        for i, part in enumerate(
            (title, summary.form_id, summary.version, str(summary.questions)), 1
        ):
            text = text.replace(f"%{i}", part)
        notes = list(summary.conversions) + list(summary.warnings)
        box = QMessageBox(self._window)
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(self.tr("Import XLSForm"))
        box.setText(text)
        if notes:
            box.setInformativeText("\n".join(notes[:12]))
        box.exec()

    # ---- export ---------------------------------------------------------------------
    def _on_export(self) -> None:
        service = self._service()
        forms = service.forms()
        lang = self._language()
        names = [f"{(f.title.get(lang) or f.form_id)} — {f.form_id} {f.version}" for f in forms]
        choice, ok = QInputDialog.getItem(
            self._window, self.tr("Export as XLSForm"), self.tr("Form:"), names, 0, False
        )
        if not ok:
            return
        chosen = forms[names.index(choice)]
        path, _ = QFileDialog.getSaveFileName(
            self._window,
            self.tr("Export as XLSForm"),
            f"{chosen.form_id}-{chosen.version}.xlsx",
            self.tr("XLSForm workbooks (*.xlsx)"),
        )
        if path:
            self.export_to(chosen.id, path)

    def export_to(self, instrument_id: str, path: str) -> bool:
        try:
            self._service().export_xlsform(instrument_id, path)
        except (NeutralitasError, OSError) as exc:
            QMessageBox.warning(self._window, self.tr("Export as XLSForm"), error_text(exc))
            return False
        return True
