"""Running an export off the GUI thread: progress, cancel, and the outcome or the error
reported back as signals. Cancelling makes the service stop at its next check; it writes
into a temporary file, so nothing half-written is left behind."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

from neutralitas_desktop.errors import NeutralitasError
from neutralitas_desktop.reports.output import ExportCancelled
from neutralitas_desktop.ui.translations import error_text

# The work: called with (progress, cancelled) callbacks, returns the outcome.
Work = Callable[[Callable[[int, int], None], Callable[[], bool]], Any]


class ExportWorker(QObject):
    progressed = Signal(int, int)  # done, total
    finished = Signal(object)  # the service's outcome
    failed = Signal(str)  # a message for the user
    cancelled = Signal()

    def __init__(self, work: Work) -> None:
        super().__init__()
        self._work = work
        self._stop = threading.Event()

    def cancel(self) -> None:
        self._stop.set()

    @property
    def cancelling(self) -> bool:
        return self._stop.is_set()

    @Slot()
    def run(self) -> None:
        try:
            outcome = self._work(self.progressed.emit, self._stop.is_set)
        except ExportCancelled:
            self.cancelled.emit()
        except NeutralitasError as exc:
            self.failed.emit(error_text(exc))
        except Exception as exc:  # an unexpected failure still reaches the user
            self.failed.emit(f"{type(exc).__name__}: {exc}")
        else:
            self.finished.emit(outcome)


class ExportJob(QObject):
    """One export on its own thread; emits ``done`` once, whatever the ending."""

    done = Signal()

    def __init__(self, work: Work, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.worker_thread = QThread(self)
        self.worker = ExportWorker(work)
        self.worker.moveToThread(self.worker_thread)
        self.worker_thread.started.connect(self.worker.run)
        for signal in (self.worker.finished, self.worker.failed, self.worker.cancelled):
            signal.connect(self.worker_thread.quit)
        self.worker_thread.finished.connect(self.done)

    def start(self) -> None:
        self.worker_thread.start()

    def cancel(self) -> None:
        self.worker.cancel()

    def wait(self, msecs: int = 30000) -> bool:
        return self.worker_thread.wait(msecs)

    @property
    def running(self) -> bool:
        return self.worker_thread.isRunning()
