"""The single writer behind the runner: answers are saved on a thread of their own, in
order, so typing never waits for the disk; a save that fails (disk full, read-only or
vanished database) stays queued and is retried until it succeeds, never dropped.

Callbacks run on the writer thread; the GUI forwards them as queued Qt signals.
"""

from __future__ import annotations

import datetime as dt
import errno
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from neutralitas_desktop.fieldwork.actor import Actor
from neutralitas_desktop.fieldwork.answers import save_answer, seal_revisions, set_relevance
from neutralitas_desktop.fieldwork.sessions import set_position
from neutralitas_desktop.store.database import Database

FAILURE_CODES = ("disk_full", "read_only", "missing", "locked", "failed")


@dataclass
class _Job:
    kind: str  # answer / relevance / position / seal
    session_id: str
    key: str = ""
    value: str | None = None
    note: str | None = None
    relevant: bool = True
    typing: bool = False

    def merged_into(self, newer: _Job) -> _Job:
        """``newer`` replaces this job; a note only travels with the newer job if it has one."""
        if newer.kind == "answer" and newer.note is None:
            newer.note = self.note
        return newer


@dataclass(frozen=True)
class SaveOutcome:
    session_id: str
    key: str  # "" for a position or relevance update
    saved_at: dt.datetime  # local time, for the status bar
    changed: bool  # False when the value was already stored


@dataclass(frozen=True)
class SaveFailure:
    code: str  # one of FAILURE_CODES
    detail: str
    pending: int  # saves waiting, the failed one included


class AnswerWriter:
    """Queue of pending saves, written one at a time by a daemon thread.

    Saves of the same answer coalesce: only the newest value waits in the queue.
    """

    def __init__(
        self,
        db: Database,
        actor: Actor,
        *,
        on_saved: Callable[[SaveOutcome], None] | None = None,
        on_failed: Callable[[SaveFailure], None] | None = None,
        on_recovered: Callable[[], None] | None = None,
        retry_seconds: float = 2.0,
        save: Callable[..., Any] | None = None,
    ) -> None:
        self.db = db
        self.actor = actor
        self.on_saved = on_saved
        self.on_failed = on_failed
        self.on_recovered = on_recovered
        self.retry_seconds = retry_seconds
        self._save = save
        self._pending: OrderedDict[tuple[str, str, str], _Job] = OrderedDict()
        self._cond = threading.Condition()
        self._busy = False
        self._fenced = 0
        self._failing = False
        self._retry = False  # retry_now: try again at once, but stay failing until it works
        self._closing = False
        self._thread = threading.Thread(target=self._run, name="answer-writer", daemon=True)
        self._thread.start()

    # ---- submitting ----------------------------------------------------------------
    def submit(
        self,
        session_id: str,
        key: str,
        value: str | None,
        note: str | None = None,
        *,
        relevant: bool = True,
        typing: bool = False,
    ) -> None:
        """``typing``: the save replaces the field's open revision (fieldwork.journal)."""
        self._put(_Job("answer", session_id, key, value, note, relevant, typing))

    def submit_seal(self, session_id: str, key: str = "") -> None:
        """Seal the open revision of a field (or of every field of the session), after
        the saves queued before it."""
        self._put(_Job("seal", session_id, key))

    def submit_relevance(self, session_id: str, flags: dict[str, bool]) -> None:
        for key, relevant in flags.items():
            self._put(_Job("relevance", session_id, key, relevant=relevant))

    def submit_position(self, session_id: str, position: str) -> None:
        self._put(_Job("position", session_id, value=position))

    def _put(self, job: _Job) -> None:
        slot = (job.kind, job.session_id, job.key)
        with self._cond:
            if self._closing:
                raise RuntimeError("the answer writer is closed")
            if job.kind == "seal":
                self._fence(job)
            old = self._pending.pop(slot, None)
            self._pending[slot] = old.merged_into(job) if old else job
            self._cond.notify_all()

    def _fence(self, seal: _Job) -> None:
        """Saves queued before a seal keep their place: a later save of the same field
        does not coalesce into them, it is written after the seal (a new revision)."""
        self._fenced += 1
        self._pending = OrderedDict(
            ((f"answer#{self._fenced}", *slot[1:]), job)
            if job.kind == "answer"
            and job.session_id == seal.session_id
            and seal.key in ("", job.key)
            else (slot, job)
            for slot, job in self._pending.items()
        )

    # ---- state ---------------------------------------------------------------------
    @property
    def failing(self) -> bool:
        return self._failing

    def pending(self) -> int:
        with self._cond:
            return len(self._pending) + self._busy

    def pending_keys(self, session_id: str) -> set[str]:
        with self._cond:
            return {j.key for j in self._pending.values() if j.session_id == session_id and j.key}

    def flush(self, timeout: float = 5.0) -> bool:
        """Wait until every queued save is written; False if that did not happen in time."""
        with self._cond:
            return self._cond.wait_for(lambda: not self._pending and not self._busy, timeout)

    def retry_now(self) -> None:
        """Try the waiting saves at once; ``on_recovered`` follows when one succeeds."""
        with self._cond:
            self._retry = True
            self._cond.notify_all()

    def close(self, timeout: float = 5.0) -> bool:
        """Write what is queued (waiting up to ``timeout``) and stop; True if nothing was left."""
        done = self.flush(timeout)
        with self._cond:
            self._closing = True
            self._cond.notify_all()
        self._thread.join(timeout=1.0)
        return done

    # ---- the writer thread ---------------------------------------------------------
    def _run(self) -> None:
        while True:
            with self._cond:
                while not self._pending and not self._closing:
                    self._cond.wait()
                if self._closing:
                    return
                if self._failing:  # wait before retrying, but not past a close or retry_now
                    self._cond.wait_for(
                        lambda: self._closing or not self._failing or self._retry,
                        self.retry_seconds,
                    )
                    self._retry = False
                    if self._closing:
                        return
                    if not self._pending:
                        continue
                slot, job = self._pending.popitem(last=False)
                self._busy = True
            try:
                outcome = self._execute(job)
            except Exception as exc:  # every failure is reported and retried, none is lost
                failure = self._requeue(slot, job, exc)
                if self.on_failed:
                    self.on_failed(failure)
                continue
            recovered = False
            with self._cond:
                self._busy = False
                if self._failing:
                    self._failing, recovered = False, True
                self._cond.notify_all()
            if recovered and self.on_recovered:
                self.on_recovered()
            if self.on_saved:
                self.on_saved(outcome)

    def _requeue(self, slot: tuple[str, str, str], job: _Job, exc: Exception) -> SaveFailure:
        with self._cond:
            newer = self._pending.pop(slot, None)
            self._pending[slot] = job.merged_into(newer) if newer else job
            self._pending.move_to_end(slot, last=False)
            self._busy = False
            self._failing = True
            self._cond.notify_all()
            return SaveFailure(classify(exc), str(exc), len(self._pending))

    def _execute(self, job: _Job) -> SaveOutcome:
        path = self.db.path
        if path is not None and not path.exists():
            # An open SQLite file that was deleted still accepts writes, into nothing.
            raise FileNotFoundError(errno.ENOENT, "the study database file is gone", str(path))
        changed = True
        if job.kind == "answer":
            save = self._save or save_answer  # looked up per call, so tests can patch it
            result = save(
                self.db,
                self.actor,
                job.session_id,
                job.key,
                job.value,
                job.note,
                relevant=job.relevant,
                typing=job.typing,
            )
            changed = getattr(result, "revision_id", "x") is not None
        elif job.kind == "seal":
            seal_revisions(self.db, job.session_id, job.key or None)
            changed = False
        elif job.kind == "relevance":
            set_relevance(self.db, self.actor, job.session_id, {job.key: job.relevant})
        else:
            set_position(self.db, job.session_id, job.value or "")
        return SaveOutcome(job.session_id, job.key, dt.datetime.now(), changed)


def classify(exc: BaseException) -> str:
    """Which of FAILURE_CODES an exception from a save means."""
    text = str(exc).lower()
    number = getattr(exc, "errno", None)
    if number == errno.ENOSPC or "disk is full" in text or "disk full" in text:
        return "disk_full"
    if number in (errno.EROFS, errno.EACCES) or "readonly" in text or "read-only" in text:
        return "read_only"
    if isinstance(exc, FileNotFoundError) or "unable to open" in text or "no such" in text:
        return "missing"
    if "locked" in text or "busy" in text:
        return "locked"
    return "failed"
