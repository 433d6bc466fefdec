"""Running a service call off the GUI thread and getting its result back on it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot


class _Relay(QObject):
    done = Signal(int, bool, object)  # generation, succeeded, result or exception


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay, generation: int) -> None:
        super().__init__()
        self.fn = fn
        self.relay = relay
        self.generation = generation

    def run(self) -> None:
        try:
            result = self.fn()
        except Exception as exc:  # handed to the GUI thread, which shows it
            self.relay.done.emit(self.generation, False, exc)
        else:
            self.relay.done.emit(self.generation, True, result)


class Worker(QObject):
    """Runs calls for one screen in the global thread pool. A newer call supersedes an
    older one, whose result is dropped when it arrives (the user changed a filter
    meanwhile); results for a screen that was closed are dropped too."""

    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._generation = 0
        self._running = 0
        self._handlers: dict[int, tuple[Callable[[Any], None], Callable[[Any], None]]] = {}
        self._relay = _Relay()
        self._relay.done.connect(self._on_done)

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
        self._handlers = {self._generation: (done, failed)}
        self._running += 1
        if self._running == 1:
            self.busy_changed.emit(True)
        QThreadPool.globalInstance().start(_Job(fn, self._relay, self._generation))

    @Slot(int, bool, object)
    def _on_done(self, generation: int, ok: bool, value: Any) -> None:
        self._running -= 1
        if not self._running:
            self.busy_changed.emit(False)
        handlers = self._handlers.pop(generation, None)
        if handlers is not None:
            handlers[0 if ok else 1](value)

    @staticmethod
    def wait(msecs: int = 30000) -> bool:
        """Block until the pool is idle (tests and closing windows)."""
        return QThreadPool.globalInstance().waitForDone(msecs)
