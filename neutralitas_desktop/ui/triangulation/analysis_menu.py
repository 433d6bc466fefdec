"""The main window's Analysis menu: the triangulation matrix, the codebook, findings, the
legal materials, and coding the session open in the runner, each in a window of its own
beside the study.

Each window's edits come out as ``changed`` (the Changes, and the window's key so it is not
refreshed twice); given a ChangeRouter, each window registers the kinds it shows."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from neutralitas_desktop.operations import UNLISTED, Changes
from neutralitas_desktop.ui.change_router import ChangeRouter

if TYPE_CHECKING:  # the windows load when first opened, off the start path
    from neutralitas_desktop.reports.service import ReportService
    from neutralitas_desktop.triangulation.workbench import TriangulationWorkbench
    from neutralitas_desktop.ui.triangulation.link_dialog import LinkDialog


class AnalysisActions(QObject):
    changed = Signal(object, str)  # Changes, the key of the window that made them ("" none)

    def __init__(
        self,
        workbench: Callable[[], TriangulationWorkbench | None],
        language: Callable[[], str],
        current_session: Callable[[], str | None],
        parent: QWidget | None = None,
        router: ChangeRouter | None = None,
        reports: Callable[[], ReportService | None] | None = None,
    ) -> None:
        super().__init__(parent)
        if router is None:  # on its own (tests): its windows still refresh one another
            router = ChangeRouter(self)
            self.changed.connect(lambda c, k: router.route(c, skip=f"analysis:{k}"))
        self._router = router
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
            "materials": self.tr("Legal materials"),
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
        for kind in ("matrix", "codebook", "findings", "agreement", "materials", "search"):
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
            window = self._make(kind, key, workbench, session, language)
            window.setWindowFlag(Qt.WindowType.Window, True)
            window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
            window.destroyed.connect(lambda _=None, k=key: self.windows.pop(k, None))
            self._register(key, window)
            if per_session:
                window.resize(900, 700)
            else:
                window.resize(1200, 780)
            self.windows[key] = window
        window.show()
        window.raise_()
        window.activateWindow()
        return window

    def _make(
        self,
        kind: str,
        key: str,
        workbench: TriangulationWorkbench,
        session: str | None,
        language: str,
    ) -> QWidget:
        """Build one analysis window (its module imported now, when first opened), its
        edits reported as ``changed``."""
        emit: Callable[..., None] = lambda c, k=key: self.changed.emit(c, k)  # noqa: E731
        if kind == "matrix":
            from neutralitas_desktop.ui.triangulation.matrix_panel import TriangulationPanel

            reports = self._reports() if self._reports is not None else None
            matrix = TriangulationPanel(workbench, language, self._window, reports)
            matrix.changes_made.connect(emit)
            return matrix
        if kind == "codebook":
            from neutralitas_desktop.ui.triangulation.codebook_panel import CodebookPanel

            codebook = CodebookPanel(workbench, language, self._window)
            codebook.changed.connect(emit)
            return codebook
        if kind == "findings":
            from neutralitas_desktop.ui.triangulation.findings_panel import FindingsPanel

            findings = FindingsPanel(workbench, language, self._window)
            findings.saved.connect(lambda f, k=key: self.changed.emit(f.changes, k))
            return findings
        if kind == "agreement":
            from neutralitas_desktop.ui.triangulation.agreement_panel import AgreementPanel

            agreement = AgreementPanel(workbench, language, self._window)
            agreement.resolved.connect(
                lambda k=key: self.changed.emit(Changes.of(codings=UNLISTED), k)
            )
            return agreement
        if kind == "materials":
            from neutralitas_desktop.ui.triangulation.legal_materials_panel import (
                LegalMaterialsPanel,
            )

            return LegalMaterialsPanel(workbench, language, self._window)
        if kind == "transcript":
            from neutralitas_desktop.ui.triangulation.transcript_window import TranscriptWindow

            assert session is not None
            return TranscriptWindow(workbench, session, self._window)
        if kind == "search":
            from neutralitas_desktop.ui.triangulation.search_panel import SearchPanel

            search = SearchPanel(workbench, language, self._window)
            search.coding_requested.connect(lambda sid: self.open("coding", sid))
            return search
        from neutralitas_desktop.ui.triangulation.coding_panel import CodingPanel

        assert session is not None
        coding = CodingPanel(workbench, session, language, self._window)
        for signal in (coding.codings_changed, coding.tags_corrected, coding.incidents_changed):
            signal.connect(emit)
        return coding

    def link_answer(self, session_id: str, key: str) -> LinkDialog | None:
        """ "Link to incident…" for one answer of the runner (saved answers only)."""
        from neutralitas_desktop.ui.triangulation.link_dialog import LinkDialog
        from neutralitas_desktop.ui.triangulation.link_state import LinkTarget

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
        dialog.linked.connect(lambda line: self.changed.emit(line.changes, ""))
        dialog.open()
        self.link_dialog = dialog
        return dialog

    def _register(self, key: str, window: QWidget) -> None:
        """The window is refreshed by the router when a change touches what it SHOWS."""
        kinds = getattr(window, "SHOWS", None)
        reload = getattr(window, "reload", None)
        if kinds is None or reload is None:
            return
        self._router.register(f"analysis:{key}", kinds, lambda _c: reload(), owner=window)

    def close_all(self) -> None:
        """Close every analysis window (another study was opened)."""
        for window in list(self.windows.values()):
            window.close()
        self.windows.clear()
