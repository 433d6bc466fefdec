"""Help: the keyboard shortcuts, this laptop's identity (what a supervisor trusts) and
the About box."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from neutralitas_desktop import APP_NAME

if TYPE_CHECKING:
    from neutralitas_desktop.fieldwork.profile import LocalProfile


class HelpActions(QObject):
    def __init__(self, profile: Callable[[], LocalProfile], parent: QWidget) -> None:
        super().__init__(parent)
        self._profile = profile
        self._window = parent
        self.actions: list[QAction] = []
        for text, slot in (
            (self.tr("Keyboard shortcuts"), self.show_shortcuts),
            (self.tr("This laptop…"), self.show_device),
            (self.tr("About %1").replace("%1", APP_NAME), self.show_about),
        ):
            action = QAction(text, self)
            action.triggered.connect(lambda _=False, s=slot: s())
            self.actions.append(action)

    def install(self, menu: QMenu) -> None:
        for action in self.actions:
            menu.addAction(action)
        menu.menuAction().setVisible(True)

    def show_shortcuts(self) -> None:
        new = QKeySequence(QKeySequence.StandardKey.New)
        rows = [
            (new.toString(QKeySequence.SequenceFormat.NativeText), self.tr("New session")),
            ("Ctrl+Enter", self.tr("Next question")),
            ("Ctrl+PgDown / Ctrl+PgUp", self.tr("Next / previous section")),
            ("Ctrl+F", self.tr("Find a question")),
            ("Ctrl++ / Ctrl+-", self.tr("Larger / smaller text")),
            ("Tab / Shift+Tab", self.tr("Next / previous field")),
            ("Ctrl+W", self.tr("Back to study")),
        ]
        text = "".join(f"<tr><td><b>{k}</b>&nbsp;&nbsp;</td><td>{v}</td></tr>" for k, v in rows)
        QMessageBox.information(
            self._window, self.tr("Keyboard shortcuts"), f"<table>{text}</table>"
        )

    def show_device(self) -> None:
        from neutralitas_desktop.ui.device_dialog import DeviceDialog

        DeviceDialog(self._profile(), self._window).exec()

    def show_about(self) -> None:
        from neutralitas_desktop import __version__

        QMessageBox.about(
            self._window,
            self.tr("About %1").replace("%1", APP_NAME),
            self.tr(
                "<b>%1</b> %2<br>Offline field instrument for research on the political "
                "neutrality of civil servants (ASN) before regional elections."
            )
            .replace("%1", APP_NAME)
            .replace("%2", __version__),
        )
