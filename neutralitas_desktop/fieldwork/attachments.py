"""Attachments: files stored inside the study database by their SHA-256, so one file is the
whole dataset; an attachment answer's value is that SHA-256."""

from __future__ import annotations

import hashlib
import mimetypes
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Table, select
from sqlalchemy.dialects import sqlite

from neutralitas_desktop.errors import NeutralitasError, NotFoundError
from neutralitas_desktop.fieldwork.actor import Actor
from neutralitas_desktop.store.database import Database
from neutralitas_desktop.store.models import Attachment, utcnow
from neutralitas_desktop.vocabulary import Message

MAX_SIZE = 200 * 1024 * 1024  # a phone video is the largest thing worth keeping here
_table: Table = Attachment.__table__  # type: ignore[assignment]


@dataclass(frozen=True)
class AttachmentInfo:
    sha256: str
    filename: str
    mime: str
    size: int

    @property
    def is_image(self) -> bool:
        return self.mime.startswith("image/")


def store_attachment(db: Database, actor: Actor, path: str | Path) -> AttachmentInfo:
    """Store a file (once, whatever its name) and return what identifies it."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_SIZE:
            raise NeutralitasError(
                f"{path} is {size // (1024 * 1024)} MB; attachments are limited to "
                f"{MAX_SIZE // (1024 * 1024)} MB"
            )
        data = path.read_bytes()
    except OSError as exc:
        raise NeutralitasError(
            message_id=Message.FILE_UNREADABLE, path=str(path), reason=exc.strerror or str(exc)
        ) from None
    mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return store_bytes(db, actor, data, path.name, mime)


def store_bytes(
    db: Database, actor: Actor, data: bytes, filename: str, mime: str
) -> AttachmentInfo:
    sha = hashlib.sha256(data).hexdigest()
    values = {
        "sha256": sha,
        "data": data,
        "size": len(data),
        "mime": mime,
        "filename": filename,
        "created_at": utcnow(),
        "device_id": actor.device_id,
    }
    with db.engine.begin() as con:
        if con.dialect.name == "sqlite":
            con.execute(sqlite.insert(_table).values(**values).on_conflict_do_nothing())
        elif con.scalar(select(_table.c.sha256).where(_table.c.sha256 == sha)) is None:
            con.execute(_table.insert().values(**values))
    info = attachment_info(db, sha)
    assert info is not None
    return info


def attachment_info(db: Database, sha256: str) -> AttachmentInfo | None:
    with db.engine.connect() as con:
        row = con.execute(
            select(_table.c.sha256, _table.c.filename, _table.c.mime, _table.c.size).where(
                _table.c.sha256 == sha256
            )
        ).first()
    return AttachmentInfo(*row) if row else None


def read_attachment(db: Database, sha256: str) -> bytes:
    with db.engine.connect() as con:
        data = con.scalar(select(_table.c.data).where(_table.c.sha256 == sha256))
    if data is None:
        raise NotFoundError(f"no attachment {sha256} in this study")
    return bytes(data)


def save_attachment_as(db: Database, sha256: str, target: str | Path) -> Path:
    """Write an attachment out to a file (complete or not at all)."""
    target = Path(target)
    data = read_attachment(db, sha256)
    tmp = ""
    try:
        fd, tmp = tempfile.mkstemp(prefix=".saving-", dir=target.parent)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, target)
    except OSError as exc:
        if tmp:
            Path(tmp).unlink(missing_ok=True)
        raise NeutralitasError(
            message_id=Message.FILE_UNWRITABLE, path=str(target), reason=exc.strerror or str(exc)
        ) from None
    return target
