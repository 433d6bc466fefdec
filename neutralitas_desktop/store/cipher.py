"""SQLCipher for study files: telling an encrypted file from a plain one, connecting with
a passphrase, and the rule a new passphrase must meet.

Every SQLite file of the app is opened through the ``sqlcipher3`` driver (a plain file
simply gets no key), so a plain study can attach an encrypted staging file and back. The
standard library's ``sqlite3`` is used for in-memory databases only: two SQLite libraries
in one process do not see each other's file locks, so a ``sqlite3`` connection closed on
a study that SQLCipher holds open would drop its locks and could checkpoint and delete
the write-ahead log under it, losing saved answers.
A passphrase is handed to SQLCipher as is (its own key derivation, PBKDF2-HMAC-SHA512);
a random staging key is a raw 256-bit key (``x'…'``), which skips the derivation.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any, TypeAlias
from urllib.parse import quote

from sqlalchemy import Engine, QueuePool, create_engine
from sqlcipher3 import dbapi2

from neutralitas_desktop.errors import WeakPassphraseError
from neutralitas_desktop.passphrase_rule import MIN_LENGTH, MIN_WORDS, is_strong

SQLITE_MAGIC = b"SQLite format 3\x00"
Connection: TypeAlias = Any  # sqlcipher3's, shaped like sqlite3.Connection (no type hints)
Error = dbapi2.Error


def _quiet() -> None:
    """SQLCipher logs a failed key to stderr; the app says it in its own words instead."""
    con = dbapi2.connect(":memory:")
    try:
        con.execute("PRAGMA cipher_log_level = NONE")
    finally:
        con.close()


_quiet()


def check_strength(passphrase: str) -> None:
    """Refuse a passphrase that is easy to guess (the rule: passphrase_rule)."""
    if not is_strong(passphrase):
        raise WeakPassphraseError(
            f"the passphrase is too weak: use at least {MIN_LENGTH} characters with "
            f"{MIN_WORDS} or more words, or mix lower case, upper case, digits and signs"
        )


def header(path: Path) -> bytes:
    with path.open("rb") as fh:
        return fh.read(len(SQLITE_MAGIC))


def is_plain(path: Path) -> bool:
    return header(path) == SQLITE_MAGIC


def may_be_encrypted(path: Path) -> bool:
    """An encrypted SQLCipher file: no SQLite header, whole pages (512 bytes at least)."""
    size = path.stat().st_size
    return size >= 512 and size % 512 == 0 and not is_plain(path)


def raw_key(key: bytes) -> str:
    return f"x'{key.hex()}'"


def random_key() -> str:
    """A fresh 256-bit key for a scratch file nobody needs to open again."""
    return raw_key(os.urandom(32))


def _pragma_key(secret: str) -> str:
    return 'PRAGMA key = "' + secret.replace('"', '""') + '"'


def connect(path: Path, secret: str | None, *, readonly: bool = False) -> Connection:
    """A driver connection to ``path``, keyed when ``secret`` is given."""
    uri = path.resolve().as_uri() + ("?mode=ro" if readonly else "")
    con = dbapi2.connect(uri, uri=True)
    if secret:
        con.execute(_pragma_key(secret))
    return con


def in_memory() -> sqlite3.Connection:
    """A standard-library in-memory database for content that must not reach a file (a
    package's, the search index's): its sorts and temporary indices stay in memory too,
    where SQLite would otherwise spill them to a temporary file, in clear."""
    con = sqlite3.connect(":memory:", check_same_thread=False)
    con.execute("PRAGMA temp_store = MEMORY")
    return con


def is_key_of(path: Path, secret: str) -> bool:
    """Whether ``secret`` opens the encrypted file at ``path`` (the file is not touched)."""
    try:
        con = connect(path, secret, readonly=True)
    except Error:
        return False
    try:
        con.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return True
    except Error:
        return False
    finally:
        con.close()


# A failed statement's message reaches the terminal, the GUI's failure dialog and any log of
# them, outside the encrypted study: it must not quote the names and answers being written.
HIDE_PARAMETERS = True


def engine(path: Path, secret: str | None) -> Engine:
    """A SQLAlchemy engine on ``path``: SQLCipher's dialect URL when keyed. Its errors
    never quote the values a statement was writing (``HIDE_PARAMETERS``)."""
    if secret:
        url = f"sqlite+pysqlcipher://:{quote(secret, safe='')}@/{path}"
        return create_engine(url, poolclass=QueuePool, hide_parameters=HIDE_PARAMETERS)
    return create_engine(f"sqlite:///{path}", module=dbapi2, hide_parameters=HIDE_PARAMETERS)


def attach(con: object, path: Path, alias: str, secret: str | None) -> None:
    """ATTACH ``path`` to a driver or SQLAlchemy connection, with its key (an empty key
    attaches a plain file even to an encrypted database)."""
    sql = f"ATTACH DATABASE ? AS {alias} KEY ?"
    params = (str(path), secret or "")
    run = getattr(con, "exec_driver_sql", None)
    if run is not None:
        run(sql, params)
    else:
        con.execute(sql, params)  # type: ignore[attr-defined]


def write_copy(source: Any, dest: Path, secret: str | None) -> None:
    """Copy the tables and indexes of ``source`` (a connection of any SQLite driver, e.g.
    an in-memory one) into a new scratch file at ``dest``, encrypted with ``secret``."""
    dst = connect(dest, secret)
    try:
        dst.execute("PRAGMA synchronous = OFF")  # a scratch file: no need to survive a crash
        app_id = source.execute("PRAGMA application_id").fetchone()[0]
        dst.execute(f"PRAGMA application_id = {int(app_id)}")
        schema = source.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL "
            "AND name NOT LIKE 'sqlite_%' ORDER BY type = 'index'"
        ).fetchall()
        for kind, name, sql in schema:
            dst.execute(sql)
            if kind == "table":
                rows = source.execute(f'SELECT * FROM "{name}"')
                marks = ", ".join("?" * len(rows.description))
                dst.executemany(f'INSERT INTO "{name}" VALUES ({marks})', rows)
        dst.commit()
    finally:
        dst.close()
