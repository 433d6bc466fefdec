"""Writing a report file safely: into a temporary file beside the target, renamed into
place only when complete, so a cancelled or failed export leaves nothing half-written;
plus the progress and cancel hooks every export takes."""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Callable, Iterator
from pathlib import Path

from neutralitas_desktop.errors import NeutralitasError, unwritable

ProgressFn = Callable[[int, int], None]  # (done, total)
CancelFn = Callable[[], bool]  # True when the user asked to stop


class ExportCancelled(NeutralitasError):
    """The user cancelled an export; nothing was written."""


class ReportError(NeutralitasError):
    """A report cannot be made as asked (bad option, unwritable target, excluded data)."""


class Ticker:
    """Reports progress and checks for cancellation, at most every ``every`` steps."""

    def __init__(
        self,
        total: int,
        progress: ProgressFn | None = None,
        cancel: CancelFn | None = None,
        every: int = 1,
    ) -> None:
        self.total = max(total, 1)
        self.done = 0
        self._progress = progress
        self._cancel = cancel
        self._every = max(every, 1)

    def check(self) -> None:
        if self._cancel is not None and self._cancel():
            raise ExportCancelled("export cancelled; no file was written")

    def step(self, n: int = 1) -> None:
        before = self.done // self._every
        self.done += n
        if self.done // self._every != before or self.done >= self.total:
            self.check()
            if self._progress is not None:
                self._progress(min(self.done, self.total), self.total)

    def finish(self) -> None:
        self.done = self.total
        if self._progress is not None:
            self._progress(self.total, self.total)


@contextlib.contextmanager
def atomic_output(target: str | Path) -> Iterator[Path]:
    """A temporary path to write to; renamed to ``target`` when the block succeeds,
    removed when it fails or is cancelled."""
    target = Path(target).expanduser()
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise ReportError(f"cannot write {target}: folder {folder} does not exist")
    tmp = folder / f".{target.name}.{secrets.token_hex(4)}.part"
    try:
        tmp.open("xb").close()  # created with the user's usual permissions (umask)
    except OSError as exc:
        raise ReportError(f"cannot write {target}: {exc.strerror}") from None
    try:
        try:
            yield tmp
        except Exception as exc:
            why = unwritable(exc)
            if why is None:
                raise
            raise ReportError(f"cannot write {target}: {why}; nothing was written") from None
        try:
            os.replace(tmp, target)
        except OSError as exc:
            raise ReportError(f"cannot write {target}: {exc.strerror}") from None
    finally:
        tmp.unlink(missing_ok=True)
