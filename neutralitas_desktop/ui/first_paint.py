"""Run something once a widget has first been painted: the start shows the main window
before it loads the store and opens the study, so a person sees at once that the app is
starting and which study it opens."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

# A window that is never painted (started minimised, on another desktop) still goes on.
LATEST_MS = 1000


class _FirstPaint(QObject):
    def __init__(self, widget: QWidget, then: Callable[[], None], latest_ms: int) -> None:
        super().__init__(widget)
        self.widget = widget
        self.then: Callable[[], None] | None = then
        QTimer.singleShot(latest_ms, self, self._go)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, self, self._go)  # after this paint reached the screen
        return False

    def _go(self) -> None:
        then, self.then = self.then, None
        if then is not None:
            self.widget.removeEventFilter(self)
            then()


def when_painted(widget: QWidget, then: Callable[[], None], latest_ms: int = LATEST_MS) -> None:
    """Call ``then`` once (from the event loop) after ``widget``'s first paint, or after
    ``latest_ms`` if it is not painted by then."""
    widget.installEventFilter(_FirstPaint(widget, then, latest_ms))
