"""The exchange actions of the main window: File > Export field package… and Merge
packages…; Review > Approve, Return…, Comments…, Conflicts…. The composition root hands in
how to get the open study's exchange service and which session is selected."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QInputDialog, QMenu, QMessageBox, QWidget

from neutralitas_desktop.errors import NeutralitasError
from neutralitas_desktop.operations import changes_of
from neutralitas_desktop.ui.dialogs import show_error
from neutralitas_desktop.ui.session_table import status_label
from neutralitas_desktop.ui.translations import ui_language
from neutralitas_desktop.vocabulary import Message
from neutralitas_desktop.vocabulary.lifecycle import REVIEWABLE, status_of

if TYPE_CHECKING:
    from neutralitas_desktop.exchange.service import ExchangeService


def session_label(row: Any) -> str:
    """A session as the supervisor knows it: form · site · informant · date (status)."""
    title = row.instrument_title.get(ui_language()) or next(
        iter(row.instrument_title.values()), row.form_id
    )
    parts = [title, row.site_name, row.informant_code, f"{row.started_at:%Y-%m-%d}"]
    return " · ".join(p for p in parts if p) + f" ({status_label(row.status)})"


class ExchangeActions(QObject):
    changed = Signal(object)  # the Changes a merge, a resolution or a review made

    def __init__(
        self,
        service: Callable[[], ExchangeService | None],
        selected_session: Callable[[], Any],  # a SessionRow or None
        device_name: Callable[[], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._selected = selected_session
        self._device_name = device_name
        self._window = parent
        self.folder = Path.home()
        self.dialog: QWidget | None = None  # the last dialog opened (tests look at it)
        self.actions: dict[str, QAction] = {}
        labels = {
            "package": self.tr("Export field package…"),
            "merge": self.tr("Merge packages…"),
            "approve": self.tr("Approve session"),
            "return": self.tr("Return session…"),
            "comments": self.tr("Comments on this session…"),
            "conflicts": self.tr("Conflicts…"),
        }
        slots = {
            "package": self.export_package,
            "merge": self.merge_packages,
            "approve": self.approve,
            "return": self.return_session,
            "comments": self.show_comments,
            "conflicts": self.show_conflicts,
        }
        for name, label in labels.items():
            action = QAction(label, self)
            action.triggered.connect(lambda _=False, slot=slots[name]: slot())
            self.actions[name] = action
        self.actions["package"].setShortcut(QKeySequence("Ctrl+Shift+P"))
        self.actions["merge"].setShortcut(QKeySequence("Ctrl+Shift+M"))

    def install(self, file_menu: QMenu, review_menu: QMenu, before: QAction | None = None) -> None:
        file_menu.insertAction(before, self.actions["package"])  # type: ignore[arg-type]
        file_menu.insertAction(before, self.actions["merge"])  # type: ignore[arg-type]
        file_menu.insertSeparator(before)  # type: ignore[arg-type]
        for name in ("approve", "return", "comments"):
            review_menu.addAction(self.actions[name])
        review_menu.addSeparator()
        review_menu.addAction(self.actions["conflicts"])
        review_menu.menuAction().setVisible(True)
        review_menu.aboutToShow.connect(self.update_actions)

    def update_actions(self) -> None:
        """Approve and Return are offered only for a session the lifecycle lets be reviewed
        (not a draft, not a refusal)."""
        row = self._selected()
        reviewable = row is not None and row.status in REVIEWABLE
        self.actions["approve"].setEnabled(reviewable)
        self.actions["return"].setEnabled(reviewable)

    # ---- packages ------------------------------------------------------------------
    def export_package(self) -> QWidget | None:
        from neutralitas_desktop.ui.exchange.package_dialog import PackageDialog, package_state

        service = self._service()
        if service is None:
            return None
        dialog = PackageDialog(
            service, package_state(service, self.folder, self._device_name()), self._window
        )
        dialog.written.connect(lambda result: setattr(self, "folder", result.path.parent))
        self.dialog = dialog
        dialog.open()
        return dialog

    def merge_packages(self) -> QWidget | None:
        from neutralitas_desktop.ui.exchange.merge_dialog import MergeDialog

        service = self._service()
        if service is None:
            return None
        dialog = MergeDialog(service, self._window)
        dialog.merged.connect(lambda summaries: self.changed.emit(changes_of(summaries)))
        self.dialog = dialog
        dialog.open()
        return dialog

    def show_conflicts(self) -> QWidget | None:
        from neutralitas_desktop.ui.exchange.conflicts_dialog import ConflictsDialog

        service = self._service()
        if service is None:
            return None
        dialog = ConflictsDialog(service, self._window)
        dialog.resolved.connect(self.changed)
        self.dialog = dialog
        dialog.open()
        return dialog

    # ---- review --------------------------------------------------------------------
    def _session(self) -> Any:
        row = self._selected()
        if row is None:
            QMessageBox.information(
                self._window,
                self.tr("Review"),
                self.tr("Select a session in the list first."),
            )
        return row

    def _reviewable(self, row: Any) -> bool:
        """Say at once, before asking for a comment, when the lifecycle does not let the
        session be reviewed (a draft, a refusal)."""
        if row.status in REVIEWABLE:
            return True
        status = status_of(row.status) or row.status
        error = NeutralitasError(
            message_id=Message.SESSION_NOT_REVIEWABLE, session=row.id[:8], status=status
        )
        show_error(self._window, error)
        return False

    def approve(self) -> None:
        service, row = self._service(), self._session()
        if service is None or row is None or not self._reviewable(row):
            return
        comment, ok = QInputDialog.getText(
            self._window,
            self.tr("Approve session"),
            session_label(row) + "\n\n" + self.tr("Comment (optional):"),
        )
        if not ok:
            return
        try:
            changes = service.approve(row.id, comment)
        except NeutralitasError as exc:
            show_error(self._window, exc)
            return
        self.changed.emit(changes)

    def return_session(self) -> QWidget | None:
        from neutralitas_desktop.ui.exchange.review_dialog import ReturnDialog

        service, row = self._service(), self._session()
        if service is None or row is None or not self._reviewable(row):
            return None
        dialog = ReturnDialog(service, row.id, session_label(row), self._window)
        dialog.returned.connect(self.changed)
        self.dialog = dialog
        dialog.open()
        return dialog

    def show_comments(self) -> QWidget | None:
        from neutralitas_desktop.ui.exchange.review_dialog import CommentsDialog

        service, row = self._service(), self._session()
        if service is None or row is None:
            return None
        dialog = CommentsDialog(service, row.id, session_label(row), self._window)
        self.dialog = dialog
        dialog.open()
        return dialog
