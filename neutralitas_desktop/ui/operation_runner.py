"""The one way the GUI runs a service call off its thread: an ``Operation`` runs the work
on a QThread with a ``Progress`` reporter and a ``CancelToken`` (neutralitas_desktop.
operations), and reports back on the GUI thread: progress, the result and the ``Changes``
it made, the one-line message of a failure, or that the user cancelled.

``OperationRunner`` runs the operations of one screen: optionally with a progress dialog
whose Cancel works, and (``latest_only``) dropping the result of a call a newer one
superseded (the user changed a filter meanwhile)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from neutralitas_desktop.errors import Cancelled, NeutralitasError
from neutralitas_desktop.operations import CancelToken, Progress, changes_of
from neutralitas_desktop.ui.translations import error_text

# The work: called on the worker thread with a progress reporter and a cancel token.
Work = Callable[[Progress, CancelToken], Any]

_live: set[Operation] = set()
_live_lock = threading.Lock()


def failure_text(error: BaseException) -> str:
    """The one line a user is shown for a failed operation."""
    if isinstance(error, NeutralitasError):
        return error_text(error)
    return f"{type(error).__name__}: {error}"  # an unexpected failure still reaches the user


class _Worker(QObject):
    progressed = Signal(int, int, str)
    ended = Signal(str, object)  # "ok" / "failed" / "cancelled", the result or the error

    def __init__(self, work: Work, token: CancelToken) -> None:
        super().__init__()
        self._work = work
        self._token = token

    def _progress(self, done: int, total: int, step: str = "", /) -> None:
        self.progressed.emit(done, total, step)

    @Slot()
    def run(self) -> None:
        try:
            result = self._work(self._progress, self._token)
        except Cancelled as exc:
            self.ended.emit("cancelled", exc)
        except Exception as exc:  # handed to the GUI thread, which shows it
            self.ended.emit("failed", exc)
        else:
            self.ended.emit("ok", result)
        finally:
            # The thread ends with its work, not when the GUI thread gets round to it: a
            # wait() from the GUI thread (quitting, closing a study) cannot deadlock.
            thread = QThread.currentThread()
            if thread is not None:
                thread.quit()


class Operation(QObject):
    """One piece of work on its own thread; ``done`` is emitted once, whatever the ending,
    after the thread stopped. It keeps itself alive until then (a screen closed meanwhile
    only stops hearing from it), then deletes itself."""

    progressed = Signal(int, int, str)  # done, total, step
    succeeded = Signal(object)  # the service's result
    changed = Signal(object)  # the Changes the result reports (only when something changed)
    failed = Signal(object)  # the exception; failure_text() says it in one line
    cancelled = Signal()
    done = Signal()
    ended = Signal(object)  # this operation, once its outcome is known (for the runner)
    stopped = Signal(object)  # this operation, once its thread stopped (for the runner)

    def __init__(self, work: Work) -> None:
        super().__init__(None)
        self.token = CancelToken()
        self.outcome = ""  # "ok", "failed" or "cancelled" once ended
        self.result: object = None  # the result, or the exception
        self._thread = QThread(self)
        self._worker = _Worker(work, self.token)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.progressed.connect(self.progressed)
        self._worker.ended.connect(self._on_ended)
        self._thread.finished.connect(self._on_finished)

    def start(self) -> None:
        with _live_lock:
            _live.add(self)
        self._thread.start()

    def cancel(self) -> None:
        """Ask the work to stop at its next safe point."""
        self.token.cancel()

    def wait(self, msecs: int = 60000) -> bool:
        return self._thread.wait(msecs)

    @property
    def running(self) -> bool:
        return self._thread.isRunning()

    @Slot(str, object)
    def _on_ended(self, outcome: str, value: object) -> None:
        self.outcome, self.result = outcome, value
        self._thread.quit()
        self.ended.emit(self)
        if outcome == "ok":
            self.succeeded.emit(value)
            changes = changes_of(value)
            if changes:
                self.changed.emit(changes)
        elif outcome == "cancelled":
            self.cancelled.emit()
        else:
            assert isinstance(value, BaseException)
            self.failed.emit(value)

    @Slot()
    def _on_finished(self) -> None:
        self.done.emit()
        self.stopped.emit(self)
        with _live_lock:
            _live.discard(self)
        self.deleteLater()


def wait_all(msecs: int = 30000) -> bool:
    """Block until every operation's thread stopped (tests, closing a study)."""
    with _live_lock:
        running = list(_live)
    return all(operation.wait(msecs) for operation in running)


def stop_all(msecs: int = 60000) -> bool:
    """Ask every running operation to stop at its next safe point and wait for it: when the
    app quits, no thread is torn down in the middle of a write (a cancelled write rolls
    back, a cancelled export leaves no file)."""
    with _live_lock:
        running = list(_live)
    for operation in running:
        operation.cancel()
    return all(operation.wait(msecs) for operation in running)


_Handlers = tuple[
    Callable[[Any], None] | None,
    Callable[[BaseException], None] | None,
    Callable[[], None] | None,
]


class OperationRunner(QObject):
    """Runs the operations of one screen and forwards the ``Changes`` they made.

    ``run(work, done, failed, title=...)``: with a ``title`` a modal progress dialog shows
    the steps and its Cancel stops the work; without, the screen shows ``busy_changed``
    its own way. Without a ``failed`` callback, ``failed`` says the one-line message.
    ``latest_only``: a newer call supersedes an older one, whose result is dropped (its
    work is asked to stop)."""

    busy_changed = Signal(bool)
    changed = Signal(object)  # Changes
    failed = Signal(str)  # the one-line message, when no ``failed`` callback was given

    def __init__(self, parent: QObject | None = None, *, latest_only: bool = False) -> None:
        super().__init__(parent)
        self._latest_only = latest_only
        self._handlers: dict[Operation, _Handlers] = {}
        self._current: Operation | None = None
        self.dialog: QProgressDialog | None = None

    @property
    def busy(self) -> bool:
        return bool(self._handlers)

    @property
    def current(self) -> Operation | None:
        """The operation whose result will be used (the last one started)."""
        return self._current

    def run(
        self,
        work: Work,
        done: Callable[[Any], None] | None = None,
        failed: Callable[[BaseException], None] | None = None,
        *,
        title: str = "",
        cancelled: Callable[[], None] | None = None,
    ) -> Operation:
        if self._latest_only and self._current is not None:
            self._current.cancel()
        operation = Operation(work)
        self._current = operation
        self._handlers[operation] = (done, failed, cancelled)
        # Bound methods of this QObject: the connections end when the screen is closed.
        operation.ended.connect(self._on_ended)
        operation.changed.connect(self.changed)  # a superseded write still changed the study
        operation.stopped.connect(self._on_stopped)
        if title:
            self._show_dialog(operation, title)
        if len(self._handlers) == 1:
            self.busy_changed.emit(True)
        operation.start()
        return operation

    def cancel(self) -> None:
        for operation in self._handlers:
            operation.cancel()

    def wait(self, msecs: int = 60000) -> bool:
        return all(operation.wait(msecs) for operation in list(self._handlers))

    def _show_dialog(self, operation: Operation, title: str) -> None:
        parent = self.parent()
        dialog = QProgressDialog(
            title, self.tr("Cancel"), 0, 0, parent if isinstance(parent, QWidget) else None
        )
        dialog.setWindowTitle(title)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(operation.cancel)
        dialog.canceled.connect(lambda: dialog.setLabelText(self.tr("Stopping…")))

        def show_progress(done: int, total: int, step: str) -> None:
            dialog.setMaximum(max(total, 0))
            dialog.setValue(min(done, total) if total else 0)
            if step and not operation.token.cancelled:
                dialog.setLabelText(f"{title}\n{step}")

        operation.progressed.connect(show_progress)
        operation.done.connect(dialog.deleteLater)
        self.dialog = dialog

    @Slot(object)
    def _on_ended(self, operation: Operation) -> None:
        handlers = self._handlers.get(operation)
        if handlers is None or operation is not self._current:
            return  # superseded: its result is not wanted any more
        done, failed, cancelled = handlers
        if operation.outcome == "ok":
            if done is not None:
                done(operation.result)
        elif operation.outcome == "cancelled":
            if cancelled is not None:
                cancelled()
        else:
            error = operation.result
            assert isinstance(error, BaseException)
            if failed is not None:
                failed(error)
            else:
                self.failed.emit(failure_text(error))

    @Slot(object)
    def _on_stopped(self, operation: Operation) -> None:
        if self._handlers.pop(operation, None) is None:
            return
        if operation is self._current:
            self._current = None
            self.dialog = None
        if not self._handlers:
            self.busy_changed.emit(False)
