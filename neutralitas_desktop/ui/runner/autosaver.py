"""Autosave for the runner: choices go to the writer thread at once, typing at most
THROTTLE_MS after the keystroke; the writer's outcomes come back as Qt signals. Leaving a
field, the section or the session seals the field's open revision (fieldwork.journal)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from shiboken6 import isValid

from neutralitas_desktop.ui.runner.session_state import SaveRequest

if TYPE_CHECKING:
    from neutralitas_desktop.fieldwork.autosave import AnswerWriter, SaveFailure, SaveOutcome
    from neutralitas_desktop.fieldwork.workspace import Workspace

# A keystroke reaches the writer at most this long after it was typed (the issue allows
# 300 ms of loss on a crash; the write itself takes about a millisecond).
THROTTLE_MS = 250


class AutoSaver(QObject):
    """Queues the runner's saves; one per session, closed with the runner."""

    saved = Signal(object)  # datetime of the save (local time)
    failed = Signal(str, int)  # failure code, saves waiting
    recovered = Signal()

    def __init__(self, workspace: Workspace, session_id: str, parent: QObject | None = None):
        super().__init__(parent)
        self.session_id = session_id
        self._typed: dict[str, SaveRequest] = {}
        self._open: set[str] = set()  # fields typed into since they were last sealed
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(THROTTLE_MS)
        self._timer.timeout.connect(self.flush_typing)
        self._writer: AnswerWriter = workspace.writer(
            on_saved=self._from_writer_saved,
            on_failed=self._from_writer_failed,
            on_recovered=self._from_writer_recovered,
        )

    # ---- writer thread -> signals (queued to the GUI thread) -------------------------
    # A save may finish after the screen that asked for it is gone: nothing to tell then.
    def _from_writer_saved(self, outcome: SaveOutcome) -> None:
        if isValid(self):
            self.saved.emit(outcome.saved_at)

    def _from_writer_failed(self, failure: SaveFailure) -> None:
        if isValid(self):
            self.failed.emit(failure.code, failure.pending)

    def _from_writer_recovered(self) -> None:
        if isValid(self):
            self.recovered.emit()

    # ---- submitting ----------------------------------------------------------------
    def submit(self, request: SaveRequest) -> None:
        if request.immediate:
            typed = self._typed.pop(request.key, None)
            if typed is not None and request.note is None and typed.note is not None:
                request = SaveRequest(
                    request.key, request.value, typed.note, request.relevant, True
                )
            self._write(request, typing=False)
            return
        previous = self._typed.get(request.key)
        if previous is not None and request.note is None and previous.note is not None:
            request = SaveRequest(
                request.key, request.value, previous.note, request.relevant, False
            )
        self._typed[request.key] = request
        if not self._timer.isActive():  # throttle, not debounce: steady typing still saves
            self._timer.start()

    def submit_relevance(self, flags: dict[str, bool]) -> None:
        if flags:
            self._writer.submit_relevance(self.session_id, flags)

    def submit_position(self, position: str) -> None:
        self._writer.submit_position(self.session_id, position)

    def flush_typing(self) -> None:
        self._timer.stop()
        typed, self._typed = self._typed, {}
        for request in typed.values():
            self._write(request, typing=True)
            self._open.add(request.key)

    def seal(self, key: str = "") -> None:
        """The field ``key`` (or every field: the section or session changes) is left:
        its open revision becomes final, after what was typed into it is saved."""
        self.flush_typing()
        if (key and key not in self._open) or not self._open:
            return  # nothing typed there: no open revision, no write
        self._open.difference_update({key} if key else set(self._open))
        self._writer.submit_seal(self.session_id, key)

    def _write(self, request: SaveRequest, *, typing: bool) -> None:
        # Typing replaces the field's open revision: one revision per edit, not per pause.
        self._writer.submit(
            self.session_id,
            request.key,
            request.value,
            request.note,
            relevant=request.relevant,
            typing=typing,
        )

    # ---- state ---------------------------------------------------------------------
    @property
    def failing(self) -> bool:
        return self._writer.failing

    def pending(self) -> int:
        return len(self._typed) + self._writer.pending()

    def retry_now(self) -> None:
        self._writer.retry_now()

    def wait(self, timeout: float = 2.0) -> bool:
        """Send what is typed and wait for the writer; True when everything is stored."""
        self.flush_typing()
        return self._writer.flush(timeout)

    def close(self, timeout: float = 3.0) -> bool:
        self.seal()
        return self._writer.close(timeout)
