"""A verified copy of the one study file, e.g. on a flash disk, and the end-of-day question
"is today's work anywhere but on this laptop?".

The copy is made with SQLite's online backup API from a consistent snapshot, written under
a temporary name, then opened again and checked (integrity check, and the number of rows
of every table that holds fieldwork equal to the study's) before it takes its final name:
a copy that does not check out is removed, never left looking like a backup.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select

from neutralitas_desktop.errors import NeutralitasError
from neutralitas_desktop.fieldwork import audit
from neutralitas_desktop.fieldwork.actor import Actor
from neutralitas_desktop.store.database import Database
from neutralitas_desktop.store.models import AnswerRevision, AuditEvent
from neutralitas_desktop.vocabulary import Message

# The tables whose rows must all be in the copy (table names are fixed, never user input).
COUNTED = (
    "study", "site", "informant", "instrument", "field_session", "answer", "answer_revision",
    "attachment", "theme", "coding", "finding", "review_comment", "audit_event",
)  # fmt: skip
SAFE_COPY_ACTIONS = ("package.created", "study.backup")


@dataclass(frozen=True)
class BackupResult:
    path: Path
    counts: dict[str, int]
    size: int


def _counts(con: sqlite3.Connection) -> dict[str, int]:
    return {t: int(con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]) for t in COUNTED}


def backup_study(
    db: Database, actor: Actor, folder: str | Path, *, now: dt.datetime | None = None
) -> BackupResult:
    """Copy the study into ``folder`` as ``<name>-cadangan-<date-time>.sqlite``, verified."""
    if db.path is None:
        raise NeutralitasError(message_id=Message.BACKUP_NEEDS_FILE, study=db.display_name())
    where = Path(folder)
    if not where.is_dir():
        raise NeutralitasError(message_id=Message.BACKUP_NO_FOLDER, folder=str(where))
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    target = where / f"{db.path.stem}-cadangan-{stamp}{db.path.suffix or '.sqlite'}"
    partial = target.with_name(target.name + ".part")
    try:
        raw = db.engine.raw_connection()
        try:
            source = raw.driver_connection
            assert isinstance(source, sqlite3.Connection)
            source.commit()  # whatever the pool left open; then one read snapshot for both
            source.execute("BEGIN")
            try:
                expected = _counts(source)
                copy = sqlite3.connect(partial)
                try:
                    source.backup(copy)
                    copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
                finally:
                    copy.close()
            finally:
                source.rollback()
        finally:
            raw.close()
        check = sqlite3.connect(f"{partial.as_uri()}?mode=ro", uri=True)
        try:
            integrity = check.execute("PRAGMA integrity_check").fetchone()[0]
            found = _counts(check)
        finally:
            check.close()
        if integrity != "ok" or found != expected:
            what = (
                integrity
                if integrity != "ok"
                else ", ".join(
                    f"{t}: {found[t]} ≠ {expected[t]}" for t in COUNTED if found[t] != expected[t]
                )
            )
            raise NeutralitasError(message_id=Message.BACKUP_MISMATCH, folder=str(where), what=what)
        os.replace(partial, target)
    except (OSError, sqlite3.Error) as exc:
        raise NeutralitasError(
            message_id=Message.BACKUP_FAILED, folder=str(where), reason=str(exc)
        ) from exc
    finally:
        for leftover in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
            leftover.unlink(missing_ok=True)
    with db.session() as session:
        audit.record(session, actor, "study.backup", "study", "", path=str(target),
                     counts=expected)  # fmt: skip
    return BackupResult(target, expected, target.stat().st_size)


def unsafe_answers(db: Database, device_id: str, today: dt.date | None = None) -> int:
    """Answer edits this laptop made since its last field package or backup, when some of
    them were made today (UTC date): the number to mention when the app closes, else 0."""
    with db.session() as session:
        last = session.scalar(
            select(func.max(AuditEvent.at)).where(
                AuditEvent.device_id == device_id, AuditEvent.action.in_(SAFE_COPY_ACTIONS)
            )
        )
        query = select(func.count(), func.max(AnswerRevision.created_at)).where(
            AnswerRevision.device_id == device_id
        )
        if last is not None:
            query = query.where(AnswerRevision.created_at > last)
        count, newest = session.execute(query).one()
    day = today or dt.datetime.now(dt.UTC).date()
    return int(count) if newest is not None and newest.date() == day else 0
