"""Running a service call off the GUI thread and getting its result back on it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Relay(QObject):
    finished = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.fn = fn
        self.relay = relay

    def run(self) -> None:
        try:
            result = self.fn()
        except Exception as exc:  # handed to the GUI thread, which shows it
            self.relay.failed.emit(exc)
        else:
            self.relay.finished.emit(result)


class Worker(QObject):
    """Runs one call at a time for a screen; a newer call supersedes an older one, whose
    result is dropped when it arrives (the user changed a filter meanwhile)."""

    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._generation = 0
        self._running = 0
        self._relays: set[_Relay] = set()

    @property
    def busy(self) -> bool:
        return self._running > 0

    def run(
        self,
        fn: Callable[[], Any],
        done: Callable[[Any], None],
        failed: Callable[[BaseException], None],
    ) -> None:
        self._generation += 1
        generation = self._generation
        relay = _Relay()
        self._relays.add(relay)

        def finish(handler: Callable[[Any], None], value: Any) -> None:
            self._relays.discard(relay)
            self._running -= 1
            if not self._running:
                self.busy_changed.emit(False)
            if generation == self._generation:
                handler(value)

        relay.finished.connect(lambda value: finish(done, value))
        relay.failed.connect(lambda exc: finish(failed, exc))
        self._running += 1
        if self._running == 1:
            self.busy_changed.emit(True)
        QThreadPool.globalInstance().start(_Job(fn, relay))

    def wait(self, msecs: int = 30000) -> bool:
        """Block until the pool is idle (tests and closing windows)."""
        return QThreadPool.globalInstance().waitForDone(msecs)
