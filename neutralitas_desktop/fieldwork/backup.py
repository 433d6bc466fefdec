"""A verified copy of the one study file, e.g. on a flash disk, and the end-of-day question
"is today's work anywhere but on this laptop?".

The copy is made by the store's own copy function (SQLCipher's driver, never the standard
library's sqlite3 on a study file) while the study's write lock is held, so its rows are
those counted; an encrypted study's copy is encrypted with the same passphrase. It is
written under a temporary name, then opened again as the app opens a study and checked
(integrity check, and the number of rows of every table that holds fieldwork equal to
the study's) before it takes its final name: a copy that does not check out is removed,
never left looking like a backup.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, func, select
from sqlalchemy.exc import SQLAlchemyError

from neutralitas_desktop.errors import Cancelled, NeutralitasError
from neutralitas_desktop.fieldwork import audit
from neutralitas_desktop.fieldwork.actor import Actor
from neutralitas_desktop.operations import (
    UNLISTED,
    CancelToken,
    Changes,
    Progress,
    checkpoint,
    no_progress,
)
from neutralitas_desktop.store import cipher
from neutralitas_desktop.store.database import Database, copy_database, open_database
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

    @property
    def changes(self) -> Changes:
        """Only the audit trail (the backup is recorded there); the study is as it was."""
        return Changes.of(audit=UNLISTED)


def _counts(con: Connection) -> dict[str, int]:
    return {t: int(con.exec_driver_sql(f"SELECT count(*) FROM {t}").scalar_one()) for t in COUNTED}


def _check_copy(path: Path, secret: str | None) -> tuple[str, dict[str, int]]:
    """The copy opened through the app's open path (with the study's passphrase): its
    integrity check and its row counts."""
    copy = open_database(path, passphrase=secret)
    try:
        with copy.engine.connect() as con:
            integrity = str(con.exec_driver_sql("PRAGMA integrity_check").scalar_one())
            return integrity, _counts(con)
    finally:
        copy.close()


def backup_study(
    db: Database,
    actor: Actor,
    folder: str | Path,
    *,
    now: dt.datetime | None = None,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
) -> BackupResult:
    """Copy the study into ``folder`` as ``<name>-cadangan-<date-time>.sqlite``, verified.
    The copy is written under a temporary name: a cancel or a failure leaves no file."""
    report = progress or no_progress
    if db.path is None:
        raise NeutralitasError(message_id=Message.BACKUP_NEEDS_FILE, study=db.display_name())
    where = Path(folder)
    if not where.is_dir():
        raise NeutralitasError(message_id=Message.BACKUP_NO_FOLDER, folder=str(where))
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    target = where / f"{db.path.stem}-cadangan-{stamp}{db.path.suffix or '.sqlite'}"
    partial = target.with_name(target.name + ".part")
    try:
        report(0, 3, "copy")
        with db.writing() as session:  # no save lands between the count and the copy
            expected = _counts(session.connection())
            copy_database(db.path, db.passphrase, partial, db.passphrase)
        checkpoint(cancel, "backup")
        report(1, 3, "check")
        integrity, found = _check_copy(partial, db.passphrase)
        if integrity != "ok" or found != expected:
            what = (
                integrity
                if integrity != "ok"
                else ", ".join(
                    f"{t}: {found[t]} ≠ {expected[t]}" for t in COUNTED if found[t] != expected[t]
                )
            )
            raise NeutralitasError(message_id=Message.BACKUP_MISMATCH, folder=str(where), what=what)
        checkpoint(cancel, "backup")
        os.replace(partial, target)
    except Cancelled:
        raise
    except NeutralitasError as exc:
        if exc.message_id == Message.BACKUP_MISMATCH:
            raise
        raise NeutralitasError(
            message_id=Message.BACKUP_FAILED, folder=str(where), reason=str(exc)
        ) from exc
    except (OSError, cipher.Error, SQLAlchemyError) as exc:
        raise NeutralitasError(
            message_id=Message.BACKUP_FAILED, folder=str(where), reason=str(exc)
        ) from exc
    finally:
        for leftover in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
            leftover.unlink(missing_ok=True)
    with db.session() as session:
        # Not the copy's path: a folder's name (a home folder's) may name the researcher,
        # and event details reach anonymised packages as they are.
        audit.record(session, actor, "study.backup", "study", "", counts=expected)
    report(3, 3, "")
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
