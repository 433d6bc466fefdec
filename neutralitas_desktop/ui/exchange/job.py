"""Running an exchange operation off the GUI thread: progress (done, total, what), the
outcome or the user's error reported back as signals, and a stop request that the merge
honours between packages (each package is merged whole or not at all)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

from neutralitas_desktop.errors import NeutralitasError
from neutralitas_desktop.ui.translations import error_text

# The work: called with (progress, stop_requested) callbacks, returns the outcome.
Work = Callable[[Callable[[int, int, str], None], Callable[[], bool]], Any]


class _Worker(QObject):
    progressed = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, work: Work) -> None:
        super().__init__()
        self._work = work
        self.stop = threading.Event()

    @Slot()
    def run(self) -> None:
        try:
            outcome = self._work(self.progressed.emit, self.stop.is_set)
        except NeutralitasError as exc:
            self.failed.emit(error_text(exc))
        except Exception as exc:  # an unexpected failure still reaches the user
            self.failed.emit(f"{type(exc).__name__}: {exc}")
        else:
            self.finished.emit(outcome)


class ExchangeJob(QObject):
    """One operation on its own thread; ``done`` is emitted once, whatever the ending."""

    progressed = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(str)
    done = Signal()

    def __init__(self, work: Work, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread = QThread(self)
        self.worker = _Worker(work)
        self.worker.moveToThread(self._thread)
        self._thread.started.connect(self.worker.run)
        self.worker.progressed.connect(self.progressed)
        self.worker.finished.connect(self.finished)
        self.worker.failed.connect(self.failed)
        self.worker.finished.connect(self._thread.quit)
        self.worker.failed.connect(self._thread.quit)
        self._thread.finished.connect(self.done)

    def start(self) -> None:
        self._thread.start()

    def request_stop(self) -> None:
        self.worker.stop.set()

    def wait(self, msecs: int = 60000) -> bool:
        return self._thread.wait(msecs)

    @property
    def running(self) -> bool:
        return self._thread.isRunning()
