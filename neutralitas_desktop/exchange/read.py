"""Opening a field package to merge it: every check a package must pass, in order, each
refusal with its own message. The study data is checked (and upgraded) in memory and
staged in the app's private temporary folder as a SQLCipher file with a random key, so
decrypted package contents never reach the disk in clear."""

from __future__ import annotations

import os
import secrets
import shutil
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import StaticPool, create_engine

from neutralitas_desktop.exchange import tables
from neutralitas_desktop.exchange.container import open_payload, read_envelope
from neutralitas_desktop.exchange.errors import (
    NewerPackageError,
    TamperedPackageError,
)
from neutralitas_desktop.exchange.manifest import PRIVATE_KEY, Manifest, with_private
from neutralitas_desktop.exchange.origin import foreign_study
from neutralitas_desktop.exchange.payload_schema import check_payload
from neutralitas_desktop.exchange.signing import check_signature
from neutralitas_desktop.private_tmp import FOLDER_MODE, root
from neutralitas_desktop.store import cipher, migrations
from neutralitas_desktop.store.database import APPLICATION

PassphraseSource = Callable[[Manifest], str | None]


@dataclass
class OpenedPackage:
    """A verified package: its manifest and its study data in a temporary database file
    encrypted with ``key``."""

    path: Path
    manifest: Manifest
    database: Path
    _folder: Path = field(repr=False)
    key: str = field(default="", repr=False)
    # The devices whose rows it carries, its own included (see exchange.order).
    authors: frozenset[str] = frozenset()

    def close(self) -> None:
        shutil.rmtree(self._folder, ignore_errors=True)

    def __enter__(self) -> OpenedPackage:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def read_manifest(path: Path) -> Manifest:
    """The manifest of a package whose bytes are sound (no passphrase needed)."""
    return read_envelope(Path(path)).manifest


def check_manifest(path: Path, manifest: Manifest, study_id: str | None, study_title: str) -> None:
    """Refuse a package of a newer schema, or of another study than ``study_id``."""
    if not migrations.is_known(manifest.schema_version):
        raise NewerPackageError(
            f"{path}: written by a newer version of the app (schema {manifest.schema_version}, "
            f"this app knows up to {migrations.HEAD}); update neutralitas-desktop to merge it"
        )
    if study_id is not None and manifest.study_id != study_id:
        raise foreign_study(path, manifest, study_id, study_title)


def open_package(
    path: Path,
    *,
    study_id: str | None,
    study_title: str = "",
    passphrase: PassphraseSource | str | None = None,
) -> OpenedPackage:
    """Verify a package and unpack its study data; ``study_id`` None accepts any study
    (joining a study from its package)."""
    path = Path(path)
    envelope = read_envelope(path)
    manifest = envelope.manifest
    check_manifest(path, manifest, study_id, study_title)
    check_signature(path, manifest, envelope.signature)
    source = passphrase if callable(passphrase) else (lambda _m, p=passphrase: p)
    content = open_payload(envelope, source)
    # Removed by close(); left by a crash, by the next start (private_tmp.clean_leftovers).
    folder = root() / f"package-{os.getpid()}-{secrets.token_hex(4)}"
    folder.mkdir(mode=FOLDER_MODE)
    database, key = folder / "package.sqlite", cipher.random_key()
    memory = cipher.in_memory()
    try:
        try:
            memory.deserialize(content)
        except sqlite3.Error:
            raise _tampered(path) from None
        del content
        check_payload(path, memory, manifest.schema_version)
        meta = _check_content(path, memory, manifest)
        if manifest.encrypted:  # who made it and what it holds came inside
            try:
                manifest = with_private(manifest, meta.get(PRIVATE_KEY))
            except (ValueError, TypeError, RecursionError):
                raise TamperedPackageError(
                    f"{path}: tampered with: its manifest is damaged"
                ) from None
        if manifest.schema_version != migrations.HEAD:  # an older app wrote it: bring it up
            engine = create_engine("sqlite://", creator=lambda: memory, poolclass=StaticPool)
            migrations.upgrade(engine)
        authors = _authors(memory)
        cipher.write_copy(memory, database, key)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    finally:
        memory.close()
    return OpenedPackage(path, manifest, database, folder, key, authors)


# Tables whose rows name the device that wrote them (the key list names devices it lists).
_WRITTEN = tuple(
    name
    for name in tables.PACKAGED
    if "device_id" in tables.table(name).columns and name != "device_key"
)


def _authors(con: sqlite3.Connection) -> frozenset[str]:
    """The devices whose rows the (checked, upgraded) study data carries, read while it is
    in memory rather than from the encrypted copy."""
    sql = " UNION ".join(f"SELECT DISTINCT device_id FROM {n}" for n in _WRITTEN)
    return frozenset(str(d) for (d,) in con.execute(sql) if d is not None)


def _tampered(path: Path) -> TamperedPackageError:
    return TamperedPackageError(
        f"{path}: tampered with: its content is not the study data its manifest describes"
    )


def _check_content(path: Path, con: sqlite3.Connection, manifest: Manifest) -> dict[str, str]:
    wrong = _tampered(path)
    try:
        meta = dict(con.execute("SELECT key, value FROM meta").fetchall())
        version = con.execute("SELECT version_num FROM alembic_version").fetchone()
        studies = [r[0] for r in con.execute("SELECT id FROM study")]
    except sqlite3.DatabaseError:
        raise wrong from None
    if (
        meta.get("application") != APPLICATION
        or meta.get("study_id") != manifest.study_id
        or studies != [manifest.study_id]
        or not version
        or version[0] != manifest.schema_version
    ):
        raise wrong
    return meta
