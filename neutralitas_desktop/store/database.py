"""Opening a study database: SQLite file (default) or PostgreSQL URL.

Opening is careful: a file that is not ours, or that a newer app wrote, is refused
and left byte-for-byte as it was; an older one is copied to a timestamped backup
beside it, then upgraded. SQLite runs in WAL mode with ``synchronous=FULL`` so that a
saved answer survives a laptop whose battery dies mid-interview.
"""

from __future__ import annotations

import contextlib
import glob
import hmac
import os
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import ExceptionContext
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from neutralitas_desktop.errors import (
    DatabaseError,
    PassphraseRequiredError,
    WrongPassphraseError,
    unwritable,
)
from neutralitas_desktop.private_tmp import (
    left_by_dead_process,
    private_file,
    private_folder,
    scratch_name,
)
from neutralitas_desktop.store import cipher, migrations
from neutralitas_desktop.store.models import utcnow
from neutralitas_desktop.vocabulary import Message

APPLICATION = "neutralitas-desktop"
# How long a write waits for another program's write to end before saying the study is in use.
BUSY_TIMEOUT_MS = 10_000
# SQLite header field identifying our files ('NDSK').
APPLICATION_ID = 0x4E44534B
CONVERTING = ".converting"  # the suffix of a conversion's new file
SQLITE_MAGIC = cipher.SQLITE_MAGIC
# The passphrase of an encrypted study: given as is, or asked for with (path, creating);
# when creating, None makes a plain study.
PassphraseSource = str | Callable[[Path, bool], str | None] | None


@dataclass
class Database:
    """An open study database. Pass it to services; it holds no study state itself."""

    url: str
    engine: Engine
    path: Path | None  # the SQLite file, None for a server database
    schema_version: str
    backup: Path | None = None  # set when opening upgraded an older file
    passphrase: str | None = field(default=None, repr=False)  # set for an encrypted file

    def __post_init__(self) -> None:
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @property
    def is_sqlite(self) -> bool:
        return self.path is not None

    @property
    def encrypted(self) -> bool:
        return self.passphrase is not None

    def is_passphrase(self, typed: str) -> bool:
        """Whether ``typed`` is this study's passphrase (to unlock the GUI)."""
        return self.passphrase is not None and hmac.compare_digest(
            typed.encode("utf-8"), self.passphrase.encode("utf-8")
        )

    @contextlib.contextmanager
    def user_failures(self) -> Iterator[None]:
        """Around statements run on the driver's own cursor (the answer save path): a
        failure the user can cause (disk full, read-only, locked) is the one
        DatabaseError, as for every statement run through SQLAlchemy."""
        try:
            yield
        except (sqlite3.Error, cipher.Error) as exc:
            failure = sqlite_failure(self.path, exc) if self.path is not None else None
            if failure is not None:
                raise failure from None
            raise

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


def open_database(
    target: str | Path, *, create: bool = False, passphrase: PassphraseSource = None
) -> Database:
    """Open (and, with ``create``, make) the study database at a path or URL.

    An encrypted file is opened with ``passphrase``; a new file is encrypted with it
    (``None``: a plain file). A new database is empty but for the schema;
    fieldwork.study.create_study fills it.
    """
    if is_url(target):
        return _open_url(str(target), create=create)
    path = Path(target).expanduser()
    if not path.exists():
        if not create:
            raise DatabaseError(message_id=Message.DATABASE_MISSING, path=path)
        try:
            private_folder(path.parent)
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
        secret = passphrase(path, True) if callable(passphrase) else passphrase
        if secret is not None:
            cipher.check_strength(secret)
        return _create_sqlite(path, secret)
    _check_writable(path)
    remove_stale_conversions(path)
    secret = None
    if _encrypted(path):
        secret = passphrase(path, False) if callable(passphrase) else passphrase
        if secret is None:
            raise PassphraseRequiredError(f"{path} is encrypted: a passphrase is needed")
        version = _inspect_encrypted(path, secret)
    else:
        version = _inspect_sqlite_file(path)
    head = migrations.head()
    backup = None
    if version != head:
        if not migrations.is_known(version):
            raise DatabaseError(
                message_id=Message.DATABASE_NEWER, path=path, version=version, head=head
            )
        backup = _backup(path, version, secret)
    engine = _sqlite_engine(path, secret)
    if backup is not None:
        migrations.upgrade(engine)
    return Database(f"sqlite:///{path}", engine, path, head, backup, secret)


def inspect_file(path: Path, secret: str | None) -> str:
    """The schema revision of our study file at ``path`` (opened with ``secret`` when it
    is encrypted), without changing it; raises for a foreign, newer or locked file."""
    version = _inspect_encrypted(path, secret) if secret else _inspect_sqlite_file(path)
    if not migrations.is_known(version):
        raise DatabaseError(
            message_id=Message.DATABASE_NEWER, path=path, version=version, head=migrations.head()
        )
    return version


def _encrypted(path: Path) -> bool:
    try:
        return cipher.may_be_encrypted(path)
    except OSError as exc:
        raise DatabaseError(f"cannot read {path}: {exc.strerror}") from None


def _inspect_encrypted(path: Path, secret: str) -> str:
    """The schema revision of our encrypted database; raises for a wrong passphrase."""
    if not cipher.is_key_of(path, secret):
        raise WrongPassphraseError(f"wrong passphrase for {path}")
    con = cipher.connect(path, secret, readonly=True)
    try:
        return _schema_version(con, path)
    finally:
        con.close()


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
    try:  # the driver every study file is opened with (one SQLite library per file, see cipher)
        con = cipher.connect(path, None, readonly=True)
    except cipher.Error:
        raise foreign from None
    try:
        return _schema_version(con, path)
    finally:
        con.close()


def _schema_version(con: sqlite3.Connection | cipher.Connection, path: Path) -> str:
    foreign = DatabaseError(message_id=Message.DATABASE_FOREIGN, path=path)
    try:
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "meta" not in tables or "alembic_version" not in tables:
            raise foreign
        row = con.execute("SELECT value FROM meta WHERE key='application'").fetchone()
        if not row or row[0] != APPLICATION:
            raise foreign
        version = con.execute("SELECT version_num FROM alembic_version").fetchone()
    except (sqlite3.DatabaseError, cipher.Error):
        raise foreign from None
    if not version:
        raise foreign
    return str(version[0])


def _backup(path: Path, version: str, secret: str | None) -> Path:
    stamp = utcnow().strftime("%Y%m%d-%H%M%S")
    backup = path.with_name(f"{path.stem}.schema-{version}.{stamp}.bak{path.suffix}")
    copy_database(path, secret, backup, secret)
    return backup


def conversion_file(path: Path) -> Path:
    """Where an encryption, decryption or re-keying of ``path`` writes the new file:
    beside it (one rename replaces the study), hidden, named for its process."""
    return path.with_name(f".{path.name}.{scratch_name('convert')}{CONVERTING}")


def remove_stale_conversions(path: Path) -> int:
    """Remove what conversions of ``path`` killed before their rename left beside it (a
    decryption's is the whole study in clear); returns how many."""
    removed = 0
    for stale in path.parent.glob(f".{glob.escape(path.name)}.*{CONVERTING}"):
        if left_by_dead_process(stale.name.removesuffix(CONVERTING)):
            stale.unlink(missing_ok=True)
            removed += 1
    return removed


def upgrade_backups(path: Path) -> list[Path]:
    """The copies of the study at ``path`` that upgrades left beside it (see ``_backup``):
    they hold what the study held, so they are encrypted and re-keyed with it."""
    return sorted(path.parent.glob(f"{glob.escape(path.stem)}.schema-*.bak{path.suffix}"))


def copy_database(path: Path, secret: str | None, dest: Path, dest_secret: str | None) -> None:
    """A consistent snapshot of the database at ``path`` (WAL content included) written
    to ``dest`` (owner-only), encrypted with ``dest_secret`` when given."""
    same = secret == dest_secret
    src = cipher.connect(path, secret, readonly=same)
    try:
        if same:  # the backup API copies pages as they are
            dst = cipher.connect(dest, dest_secret)
            try:
                src.backup(dst)
            finally:
                dst.close()
        else:
            cipher.attach(src, dest, "copy", dest_secret)
            src.execute("SELECT sqlcipher_export('copy')")
            src.execute("DETACH DATABASE copy")
    finally:
        src.close()
    private_file(dest)


def _sqlite_engine(path: Path, secret: str | None = None) -> Engine:
    engine = cipher.engine(path, secret)

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection, _record) -> None:
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
        if failure is not None and isinstance(
            context.original_exception, sqlite3.Error | cipher.Error
        ):
            raise failure from None

    return engine


def _create_sqlite(path: Path, secret: str | None) -> Database:
    tmp = path.with_name(path.name + ".creating")
    tmp.unlink(missing_ok=True)
    engine = cipher.engine(tmp, secret)
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
    private_file(tmp)
    shutil.move(tmp, path)  # only a complete database ever has the real name
    engine = _sqlite_engine(path, secret)
    return Database(f"sqlite:///{path}", engine, path, migrations.head(), passphrase=secret)


def _write_meta(con) -> None:
    con.execute(
        text("INSERT INTO meta (key, value) VALUES ('application', :app)"), {"app": APPLICATION}
    )


def _open_url(url: str, *, create: bool) -> Database:
    try:
        engine = create_engine(url, pool_pre_ping=True, hide_parameters=cipher.HIDE_PARAMETERS)
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
