"""The main window's Analysis menu: the triangulation matrix, the codebook, findings, and
coding the session open in the runner, each in a window of its own beside the study."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from neutralitas_desktop.ui.triangulation.agreement_panel import AgreementPanel
from neutralitas_desktop.ui.triangulation.codebook_panel import CodebookPanel
from neutralitas_desktop.ui.triangulation.coding_panel import CodingPanel
from neutralitas_desktop.ui.triangulation.findings_panel import FindingsPanel
from neutralitas_desktop.ui.triangulation.link_dialog import LinkDialog
from neutralitas_desktop.ui.triangulation.link_state import LinkTarget
from neutralitas_desktop.ui.triangulation.matrix_panel import TriangulationPanel
from neutralitas_desktop.ui.triangulation.search_panel import SearchPanel
from neutralitas_desktop.ui.triangulation.transcript_window import TranscriptWindow

if TYPE_CHECKING:
    from neutralitas_desktop.reports.service import ReportService
    from neutralitas_desktop.triangulation.workbench import TriangulationWorkbench


class AnalysisActions(QObject):
    def __init__(
        self,
        workbench: Callable[[], TriangulationWorkbench | None],
        language: Callable[[], str],
        current_session: Callable[[], str | None],
        parent: QWidget | None = None,
        reports: Callable[[], ReportService | None] | None = None,
    ) -> None:
        super().__init__(parent)
        self._workbench = workbench
        self._reports = reports  # an incident's case file, from the matrix
        self._language = language
        self._session = current_session
        self._window = parent
        self.windows: dict[str, QWidget] = {}
        self.link_dialog: LinkDialog | None = None  # the last "Link to incident…" opened
        self.actions: dict[str, QAction] = {}
        labels = {
            "matrix": self.tr("Triangulation matrix"),
            "codebook": self.tr("Codebook"),
            "findings": self.tr("Findings"),
            "agreement": self.tr("Coder agreement"),
            "search": self.tr("Find in answers…"),
            "coding": self.tr("Code this session's texts"),
            "transcript": self.tr("This session's transcript and recording"),
        }
        for kind, label in labels.items():
            action = QAction(label, self)
            action.triggered.connect(lambda _=False, k=kind: self.open(k))
            self.actions[kind] = action
        self.actions["matrix"].setShortcut(QKeySequence("Ctrl+Shift+T"))
        self.actions["search"].setShortcut(QKeySequence("Ctrl+Shift+F"))
        study_changed = getattr(parent, "study_changed", None)
        if study_changed is not None:
            study_changed.connect(lambda _workspace: self.close_all())

    def install(self, menu: QMenu) -> None:
        for kind in ("matrix", "codebook", "findings", "agreement", "search"):
            menu.addAction(self.actions[kind])
        menu.addSeparator()
        menu.addAction(self.actions["coding"])
        menu.addAction(self.actions["transcript"])
        menu.aboutToShow.connect(self._update)

    def _update(self) -> None:
        for kind in ("coding", "transcript"):
            self.actions[kind].setEnabled(bool(self._session()))

    def open(self, kind: str, session: str | None = None) -> QWidget | None:
        """Show the window of ``kind`` (raising it when it is already open); the coding
        and transcript windows are for ``session``, else the session open or selected."""
        per_session = kind in ("coding", "transcript")
        if per_session:
            session = session or self._session()
        key = f"{kind}:{session}" if per_session else kind
        if per_session and not session:
            return None
        window = self.windows.get(key)
        if window is None:
            workbench = self._workbench()
            if workbench is None:
                return None
            language = self._language()
            if kind == "matrix":
                reports = self._reports() if self._reports is not None else None
                window = TriangulationPanel(workbench, language, self._window, reports)
            elif kind == "codebook":
                window = CodebookPanel(workbench, language, self._window)
                window.changed.connect(lambda: self._refresh("matrix"))
            elif kind == "findings":
                window = FindingsPanel(workbench, language, self._window)
            elif kind == "agreement":
                window = AgreementPanel(workbench, language, self._window)
            elif kind == "transcript":
                assert session is not None
                window = TranscriptWindow(workbench, session, self._window)
            elif kind == "search":
                window = SearchPanel(workbench, language, self._window)
                window.coding_requested.connect(lambda sid: self.open("coding", sid))
            else:
                assert session is not None
                window = CodingPanel(workbench, session, language, self._window)
                window.codings_changed.connect(lambda: self._refresh("matrix"))
                window.tags_corrected.connect(lambda: self._refresh("matrix"))
                window.incidents_changed.connect(lambda: self._refresh("matrix"))
            window.setWindowFlag(Qt.WindowType.Window, True)
            window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
            window.destroyed.connect(lambda _=None, k=key: self.windows.pop(k, None))
            if per_session:
                window.resize(900, 700)
            else:
                window.resize(1200, 780)
            self.windows[key] = window
        window.show()
        window.raise_()
        window.activateWindow()
        return window

    def link_answer(self, session_id: str, key: str) -> LinkDialog | None:
        """ "Link to incident…" for one answer of the runner (saved answers only)."""
        workbench = self._workbench()
        if workbench is None:
            return None
        tags = workbench.session_tags(session_id)
        target = LinkTarget(
            session_id=session_id, source_type=tags.source_type, site_id=tags.site_id,
            date=tags.started_at.date(), answer_key=key, question=key.rsplit("/", 1)[-1],
            proposal=workbench.proposed_incident(session_id, key),
        )  # fmt: skip
        if self.link_dialog is not None:  # one at a time: the previous one is done
            self.link_dialog.deleteLater()
        dialog = LinkDialog(workbench, target, self._language(), self._window)
        dialog.linked.connect(lambda _line: self._refresh("matrix"))
        dialog.open()
        self.link_dialog = dialog
        return dialog

    def _refresh(self, kind: str) -> None:
        window = self.windows.get(kind)
        if isinstance(window, TriangulationPanel):
            window.reload()

    def close_all(self) -> None:
        """Close every analysis window (another study was opened)."""
        for window in list(self.windows.values()):
            window.close()
        self.windows.clear()
