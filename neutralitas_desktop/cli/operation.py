"""Long commands run the same operation protocol as the GUI: progress lines on stderr
when it is a terminal, and Ctrl-C asks the work to stop at its next safe point (a second
Ctrl-C interrupts at once); the command then exits cleanly with nothing half-written."""

from __future__ import annotations

import contextlib
import signal
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from types import FrameType
from typing import TextIO

from neutralitas_desktop.cli.terminal import safe
from neutralitas_desktop.operations import CancelToken, Progress, no_progress

EXIT_CANCELLED = 130  # what a shell expects of a command stopped by Ctrl-C


@dataclass(frozen=True)
class Running:
    progress: Progress
    cancel: CancelToken


class _Lines:
    """``label: step done/total`` rewritten in place on a terminal."""

    def __init__(self, label: str, stream: TextIO) -> None:
        self.label = label
        self.stream = stream
        self.shown = False

    def __call__(self, done: int, total: int, step: str = "", /) -> None:
        where = f" {safe(step)}" if step else ""
        figure = f" {done}/{total}" if total else ""
        self.stream.write(f"\r\x1b[K{self.label}:{where}{figure}")
        self.stream.flush()
        self.shown = True

    def end(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


@contextlib.contextmanager
def operation(label: str, stream: TextIO | None = None) -> Iterator[Running]:
    """A progress reporter and a cancel token for one command; Ctrl-C cancels."""
    out = stream or sys.stderr
    lines = _Lines(label, out) if out.isatty() else None
    token = CancelToken()
    previous = None
    main_thread = threading.current_thread() is threading.main_thread()

    def on_interrupt(_signum: int, _frame: FrameType | None) -> None:
        if token.cancelled:
            raise KeyboardInterrupt
        token.cancel()
        out.write(f"\n{label}: stopping (Ctrl-C again to interrupt at once)…\n")
        out.flush()

    if main_thread:
        previous = signal.signal(signal.SIGINT, on_interrupt)
    try:
        yield Running(lines or no_progress, token)
    finally:
        if main_thread:
            signal.signal(signal.SIGINT, previous)
        if lines is not None:
            lines.end()
