"""Safety of the one study file: File › Back up to… (a verified copy, e.g. on a flash
disk) and, when the app closes after a day with new answers that are in no field package
and no backup yet, a reminder to make one."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEventLoop, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QWidget

from neutralitas_desktop.ui.dialogs import show_error
from neutralitas_desktop.ui.formats import whole
from neutralitas_desktop.ui.operation_runner import OperationRunner

if TYPE_CHECKING:
    from neutralitas_desktop.fieldwork.backup import BackupResult
    from neutralitas_desktop.fieldwork.workspace import Workspace


class SafetyActions(QObject):
    def __init__(
        self,
        workspace: Callable[[], Workspace],
        make_package: Callable[[], object],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._make_package = make_package
        self._window = parent
        self.folder = str(Path.home())
        self.runner = OperationRunner(parent)
        self.last_message = ""  # what the last backup said (tests read it)
        self.action = QAction(self.tr("Back up to…"), self)
        self.action.triggered.connect(lambda _=False: self.back_up())

    def install(self, file_menu: QMenu, before: QAction | None = None) -> None:
        file_menu.insertAction(before, self.action)  # type: ignore[arg-type]

    def back_up(self, folder: str | None = None) -> bool:
        """Ask for a folder (unless given) and write a verified copy there."""
        if folder is None:
            folder = QFileDialog.getExistingDirectory(
                self._window, self.tr("Back up the study to…"), self.folder
            )
            if not folder:
                return False
        result = self._run_backup(folder)
        if result is None:
            return False
        self.folder = folder
        self.last_message = (
            self.tr("Backup written and checked: %1 (%2 sessions, %3 answers).")
            .replace("%1", str(result.path))
            .replace("%2", whole(result.counts["field_session"]))
            .replace("%3", whole(result.counts["answer"]))
        )
        QMessageBox.information(self._window, self.tr("Backup"), self.last_message)
        return True

    def _run_backup(self, folder: str) -> BackupResult | None:
        """The backup off the GUI thread, with a progress dialog whose Cancel removes the
        partial copy; waits for it (closing the app may depend on it)."""
        workspace = self._workspace()
        outcome: list[BackupResult] = []
        operation = self.runner.run(
            lambda progress, cancel: workspace.backup(folder, progress, cancel),
            outcome.append,
            lambda error: show_error(self._window, error),
            title=self.tr("Backing up the study…"),
        )
        loop = QEventLoop()
        operation.done.connect(loop.quit)
        loop.exec()
        return outcome[0] if outcome else None

    def may_close(self) -> bool:
        """At closing: remind when today's answers are in no package and no backup yet.
        False when the researcher chose to stay."""
        pending = self._workspace().unsafe_answers()
        if not pending:
            return True
        box = QMessageBox(self._window)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Today's work is only on this laptop"))
        box.setText(
            self.tr(
                "%1 answer(s) saved today are in no field package and no backup yet. If this "
                "laptop is lost or broken, they are lost. Make a field package or a backup "
                "now?"
            ).replace("%1", whole(pending))
        )
        package = box.addButton(self.tr("Field package…"), QMessageBox.ButtonRole.ActionRole)
        backup = box.addButton(self.tr("Back up…"), QMessageBox.ButtonRole.ActionRole)
        close = box.addButton(self.tr("Close anyway"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(self.tr("Stay"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        # The idle lock hides every window, which ends this question unanswered: the app
        # then stays open (as with Stay) and the question is not shown again on unlock.
        clicked = box.clickedButton()
        box.hide()
        if clicked is package:
            self._make_package()
            return False
        if clicked is backup:
            return self.back_up()
        return clicked is close
