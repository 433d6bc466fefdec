"""Writing a report file safely: into a private temporary file, moved into
place only when complete, so a cancelled or failed export leaves nothing half-written;
plus the progress and cancel hooks every export takes."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path

from neutralitas_desktop.errors import Cancelled, NeutralitasError, unwritable
from neutralitas_desktop.operations import Progress
from neutralitas_desktop.private_tmp import staged_output

ProgressFn = Progress  # (done, total[, step])
CancelFn = Callable[[], bool]  # True when the user asked to stop (a CancelToken is one)


class ExportCancelled(Cancelled):
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
    """A temporary path in the app's private folder to write to (its folder also takes
    the writer's own scratch files); moved to ``target`` (owner-only) when the block
    succeeds, removed when it fails or is cancelled."""
    target = Path(target).expanduser()
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise ReportError(f"cannot write {target}: folder {folder} does not exist")
    try:
        with staged_output(target, "export") as tmp:
            yield tmp
    except Exception as exc:
        why = unwritable(exc)
        if why is not None:
            raise ReportError(f"cannot write {target}: {why}; nothing was written") from None
        if isinstance(exc, OSError):
            raise ReportError(f"cannot write {target}: {exc.strerror}") from None
        raise
