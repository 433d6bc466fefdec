"""Opening a study database: SQLite file (default) or PostgreSQL URL.

Opening is careful: a file that is not ours, or that a newer app wrote, is refused
and left byte-for-byte as it was; an older one is copied to a timestamped backup
beside it, then upgraded. SQLite runs in WAL mode with ``synchronous=FULL`` so that a
saved answer survives a laptop whose battery dies mid-interview.
"""

from __future__ import annotations

import contextlib
import hmac
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from neutralitas_desktop.errors import (
    DatabaseError,
    PassphraseRequiredError,
    WrongPassphraseError,
)
from neutralitas_desktop.private_tmp import private_file, private_folder
from neutralitas_desktop.store import cipher, migrations
from neutralitas_desktop.store.models import utcnow

APPLICATION = "neutralitas-desktop"
# SQLite header field identifying our files ('NDSK').
APPLICATION_ID = 0x4E44534B
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
    def session(self) -> Iterator[Session]:
        """A unit of work: committed when the block ends, rolled back on error."""
        with self._sessions() as session, session.begin():
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
            raise DatabaseError(f"no study database at {path}")
        private_folder(path.parent)
        secret = passphrase(path, True) if callable(passphrase) else passphrase
        if secret is not None:
            cipher.check_strength(secret)
        return _create_sqlite(path, secret)
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
                f"{path} was created by a newer version (schema {version}), "
                f"this app knows up to {head}"
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
            f"{path} was created by a newer version (schema {version}), "
            f"this app knows up to {migrations.head()}"
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


def _inspect_sqlite_file(path: Path) -> str:
    """The schema revision of our database at ``path``; raises for anything else.

    Reads through a read-only connection so a foreign file is never touched.
    """
    foreign = DatabaseError(f"not a neutralitas-desktop database: {path}")
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
        return _schema_version(con, path)
    finally:
        con.close()


def _schema_version(con: sqlite3.Connection | cipher.Connection, path: Path) -> str:
    foreign = DatabaseError(f"not a neutralitas-desktop database: {path}")
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
    def _pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.close()

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
        tmp.unlink(missing_ok=True)
        raise DatabaseError(f"cannot create {path}: {exc}") from None
    engine.dispose()
    private_file(tmp)
    shutil.move(tmp, path)  # only a complete database ever has the real name
    engine = _sqlite_engine(path, secret)
    return Database(f"sqlite:///{path}", engine, path, migrations.head(), passphrase=secret)


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
            raise DatabaseError(f"no study database at {url} (empty database)")
        migrations.upgrade(engine)
        with engine.begin() as con:
            _write_meta(con)
        return Database(url, engine, None, head)
    if "meta" not in tables or version is None:
        raise DatabaseError(f"not a neutralitas-desktop database: {url}")
    with engine.connect() as con:
        app = con.execute(text("SELECT value FROM meta WHERE key='application'")).scalar()
    if app != APPLICATION:
        raise DatabaseError(f"not a neutralitas-desktop database: {url}")
    if version != head:
        if not migrations.is_known(version):
            raise DatabaseError(
                f"{url} was created by a newer version (schema {version}), "
                f"this app knows up to {head}"
            )
        migrations.upgrade(engine)
    return Database(url, engine, None, head)
