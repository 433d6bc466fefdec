"""Run something once a widget has first been painted: the start shows the main window
before it loads the store and opens the study, so a person sees at once that the app is
starting and which study it opens."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class _FirstPaint(QObject):
    def __init__(self, widget: QWidget, then: Callable[[], None]) -> None:
        super().__init__(widget)
        self.widget = widget
        self.then = then

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.widget.removeEventFilter(self)
            QTimer.singleShot(0, self.then)  # after this paint reached the screen
        return False


def when_painted(widget: QWidget, then: Callable[[], None]) -> None:
    """Call ``then`` (from the event loop) after ``widget``'s first paint."""
    widget.installEventFilter(_FirstPaint(widget, then))
