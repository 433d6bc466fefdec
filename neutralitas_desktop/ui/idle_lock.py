"""Locks the app after a while without keyboard or mouse input, and when the system
suspends it (QGuiApplication.applicationStateChanged), by emitting ``locked``; the
composition root hides the windows and asks for the passphrase again."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication

_INPUT = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)
CHECK_MS = 15_000


class IdleLock(QObject):
    locked = Signal()

    def __init__(
        self,
        app: QGuiApplication,
        idle_seconds: Callable[[], float],
        check_ms: int = CHECK_MS,
    ) -> None:
        super().__init__(app)
        self._limit = idle_seconds  # read at every check: a changed setting applies at once
        self._last = time.monotonic()
        self.is_locked = False
        self._timer = QTimer(self)
        self._timer.setInterval(check_ms)
        self._timer.timeout.connect(self._on_tick)
        self._timer.start()
        app.installEventFilter(self)
        app.applicationStateChanged.connect(self._on_state_changed)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT:
            self._last = time.monotonic()
        return False

    def _on_tick(self) -> None:
        limit = self._limit()
        if limit > 0 and time.monotonic() - self._last >= limit:
            self.lock()

    def _on_state_changed(self, state: Qt.ApplicationState) -> None:
        if state == Qt.ApplicationState.ApplicationSuspended and self._limit() > 0:
            self.lock()

    def lock(self) -> None:
        if not self.is_locked:
            self.is_locked = True
            self.locked.emit()

    def unlocked(self) -> None:
        self.is_locked = False
        self._last = time.monotonic()
