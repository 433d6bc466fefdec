"""Opening a study database: SQLite file (default) or PostgreSQL URL.

Opening is careful: a file that is not ours, or that a newer app wrote, is refused
and left byte-for-byte as it was; an older one is copied to a timestamped backup
beside it, then upgraded. SQLite runs in WAL mode with ``synchronous=FULL`` so that a
saved answer survives a laptop whose battery dies mid-interview.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import ExceptionContext
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from neutralitas_desktop.errors import DatabaseError, unwritable
from neutralitas_desktop.store import migrations
from neutralitas_desktop.store.models import utcnow
from neutralitas_desktop.vocabulary import Message

APPLICATION = "neutralitas-desktop"
# How long a write waits for another program's write to end before saying the study is in use.
BUSY_TIMEOUT_MS = 10_000
# SQLite header field identifying our files ('NDSK').
APPLICATION_ID = 0x4E44534B
SQLITE_MAGIC = b"SQLite format 3\x00"


@dataclass
class Database:
    """An open study database. Pass it to services; it holds no study state itself."""

    url: str
    engine: Engine
    path: Path | None  # the SQLite file, None for a server database
    schema_version: str
    backup: Path | None = None  # set when opening upgraded an older file

    def __post_init__(self) -> None:
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @property
    def is_sqlite(self) -> bool:
        return self.path is not None

    @contextlib.contextmanager
    def session(self) -> Iterator[Session]:
        """A unit of work: committed when the block ends, rolled back on error."""
        with self._sessions() as session, session.begin():
            yield session

    @contextlib.contextmanager
    def writing(self) -> Iterator[Session]:
        """A unit of work that takes the write lock before it reads (SQLite: BEGIN
        IMMEDIATE), for read-then-write work another program may race: it waits for the
        other writer (busy timeout) instead of failing on a read that went stale."""
        with self._sessions() as session, session.begin():
            if self.is_sqlite:
                session.connection().exec_driver_sql("BEGIN IMMEDIATE")
            yield session

    def display_name(self) -> str:
        return str(self.path) if self.path else self.engine.url.render_as_string(True)

    def close(self) -> None:
        self.engine.dispose()


def is_url(target: str | Path) -> bool:
    return isinstance(target, str) and "://" in target


def open_database(target: str | Path, *, create: bool = False) -> Database:
    """Open (and, with ``create``, make) the study database at a path or URL.

    A new database is empty but for the schema; fieldwork.study.create_study fills it.
    """
    if is_url(target):
        return _open_url(str(target), create=create)
    path = Path(target).expanduser()
    if not path.exists():
        if not create:
            raise DatabaseError(message_id=Message.DATABASE_MISSING, path=path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DatabaseError(
                message_id=Message.DATABASE_CANNOT_CREATE,
                path=path,
                reason=unwritable(exc) or exc.strerror,
            ) from None
        if not os.access(path.parent, os.W_OK):
            raise DatabaseError(
                message_id=Message.DATABASE_CANNOT_CREATE,
                path=path,
                reason=f"its folder {path.parent} is read-only",
            )
        return _create_sqlite(path)
    _check_writable(path)
    version = _inspect_sqlite_file(path)
    head = migrations.head()
    backup = None
    if version != head:
        if not migrations.is_known(version):
            raise DatabaseError(
                message_id=Message.DATABASE_NEWER, path=path, version=version, head=head
            )
        backup = _backup(path, version)
    engine = _sqlite_engine(path)
    if backup is not None:
        migrations.upgrade(engine)
    return Database(f"sqlite:///{path}", engine, path, head, backup)


def _check_writable(path: Path) -> None:
    """A study is written as it is used (WAL files beside it): refuse one that cannot be,
    saying why, before SQLite fails with a message about something else."""
    folder = path.resolve().parent
    if not os.access(path, os.R_OK):
        raise DatabaseError(message_id=Message.DATABASE_UNREADABLE, path=path)
    if not os.access(folder, os.W_OK):
        raise DatabaseError(message_id=Message.DATABASE_FOLDER_READ_ONLY, path=path, folder=folder)
    if not os.access(path, os.W_OK):
        raise DatabaseError(message_id=Message.DATABASE_FILE_READ_ONLY, path=path)


def sqlite_failure(path: Path, error: BaseException) -> DatabaseError | None:
    """The one-line message for a SQLite failure the user can cause (disk full, read-only
    file or folder, a lock held by another program); None for anything else (a bug)."""
    text = str(error).lower()
    if "database or disk is full" in text or "disk i/o error" in text:
        return DatabaseError(message_id=Message.DATABASE_DISK_FULL, path=path)
    if "readonly database" in text or "read-only" in text:
        return DatabaseError(message_id=Message.DATABASE_WRITE_READ_ONLY, path=path)
    if "database is locked" in text or "database is busy" in text:
        return DatabaseError(
            message_id=Message.DATABASE_LOCKED, path=path, seconds=BUSY_TIMEOUT_MS // 1000
        )
    if "unable to open database file" in text:
        return DatabaseError(message_id=Message.DATABASE_CANNOT_OPEN, path=path)
    return None


def _inspect_sqlite_file(path: Path) -> str:
    """The schema revision of our database at ``path``; raises for anything else.

    Reads through a read-only connection so a foreign file is never touched.
    """
    foreign = DatabaseError(message_id=Message.DATABASE_FOREIGN, path=path)
    try:
        with path.open("rb") as fh:
            header = fh.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise DatabaseError(f"cannot read {path}: {exc.strerror}") from None
    if header != SQLITE_MAGIC:
        raise foreign
    try:
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        raise foreign from None
    try:
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "meta" not in tables or "alembic_version" not in tables:
            raise foreign
        row = con.execute("SELECT value FROM meta WHERE key='application'").fetchone()
        if not row or row[0] != APPLICATION:
            raise foreign
        version = con.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError:
        raise foreign from None
    finally:
        con.close()
    if not version:
        raise foreign
    return str(version[0])


def _backup(path: Path, version: str) -> Path:
    stamp = utcnow().strftime("%Y%m%d-%H%M%S")
    backup = path.with_name(f"{path.stem}.schema-{version}.{stamp}.bak{path.suffix}")
    # sqlite3's backup API copies a consistent snapshot, WAL content included.
    src = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    dst = sqlite3.connect(backup)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
    return backup


def _sqlite_engine(path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{path}")

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_MS)}")
        cursor.close()

    @event.listens_for(engine, "handle_error")
    def _user_failures(context: ExceptionContext) -> None:
        # Raised in place of SQLAlchemy's error, so services and the CLI get one project
        # exception for a full disk, a read-only study or a lock, and bugs stay tracebacks.
        failure = sqlite_failure(path, context.original_exception)
        if failure is not None and isinstance(context.original_exception, sqlite3.Error):
            raise failure from None

    return engine


def _create_sqlite(path: Path) -> Database:
    tmp = path.with_name(path.name + ".creating")
    tmp.unlink(missing_ok=True)
    engine = create_engine(f"sqlite:///{tmp}")
    try:
        with engine.begin() as con:
            con.exec_driver_sql(f"PRAGMA application_id={APPLICATION_ID}")
        migrations.upgrade(engine)
        with engine.begin() as con:
            _write_meta(con)
    except (SQLAlchemyError, OSError) as exc:
        engine.dispose()
        with contextlib.suppress(OSError):
            tmp.unlink()
        cause = getattr(exc, "orig", None) or exc
        failure = sqlite_failure(path, cause)
        if failure is not None:
            raise failure from None
        why = unwritable(cause) or str(cause).splitlines()[0]
        raise DatabaseError(
            message_id=Message.DATABASE_CANNOT_CREATE, path=path, reason=why
        ) from None
    engine.dispose()
    shutil.move(tmp, path)  # only a complete database ever has the real name
    engine = _sqlite_engine(path)
    return Database(f"sqlite:///{path}", engine, path, migrations.head())


def _write_meta(con) -> None:  # type: ignore[no-untyped-def]
    con.execute(
        text("INSERT INTO meta (key, value) VALUES ('application', :app)"), {"app": APPLICATION}
    )


def _open_url(url: str, *, create: bool) -> Database:
    try:
        engine = create_engine(url, pool_pre_ping=True)
        with engine.connect() as con:
            tables = set(inspect(con).get_table_names())
            version = None
            if "alembic_version" in tables:
                version = con.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except (OperationalError, SQLAlchemyError, ModuleNotFoundError) as exc:
        raise DatabaseError(f"cannot connect to {url}: {exc}") from None
    head = migrations.head()
    if not tables:
        if not create:
            raise DatabaseError(message_id=Message.DATABASE_EMPTY, path=url)
        migrations.upgrade(engine)
        with engine.begin() as con:
            _write_meta(con)
        return Database(url, engine, None, head)
    if "meta" not in tables or version is None:
        raise DatabaseError(message_id=Message.DATABASE_FOREIGN, path=url)
    with engine.connect() as con:
        app = con.execute(text("SELECT value FROM meta WHERE key='application'")).scalar()
    if app != APPLICATION:
        raise DatabaseError(message_id=Message.DATABASE_FOREIGN, path=url)
    if version != head:
        if not migrations.is_known(version):
            raise DatabaseError(
                message_id=Message.DATABASE_NEWER, path=url, version=version, head=head
            )
        migrations.upgrade(engine)
    return Database(url, engine, None, head)
