"""Opening a field package to merge it: every check a package must pass, in order, each
refusal with its own message; the study data lands in a temporary SQLite file."""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import create_engine

from neutralitas_desktop.exchange.container import open_payload, read_envelope
from neutralitas_desktop.exchange.errors import (
    ForeignStudyError,
    NewerPackageError,
    TamperedPackageError,
)
from neutralitas_desktop.exchange.manifest import PRIVATE_KEY, Manifest, with_private
from neutralitas_desktop.exchange.signing import check_signature
from neutralitas_desktop.store import migrations
from neutralitas_desktop.store.database import APPLICATION

PassphraseSource = Callable[[Manifest], str | None]


@dataclass
class OpenedPackage:
    """A verified package: its manifest and its study data in a temporary database file."""

    path: Path
    manifest: Manifest
    database: Path
    _folder: Path = field(repr=False)

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
        raise ForeignStudyError(
            f"{path}: belongs to another study ('{manifest.study_title}', {manifest.study_id}); "
            f"this database holds '{study_title}' ({study_id})"
        )


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
    folder = Path(tempfile.mkdtemp(prefix="neutralitas-package-"))
    database = folder / "package.sqlite"
    try:
        database.write_bytes(content)
        meta = _check_content(path, database, manifest)
        if manifest.encrypted:  # who made it and what it holds came inside
            try:
                manifest = with_private(manifest, meta.get(PRIVATE_KEY))
            except (ValueError, TypeError):
                raise TamperedPackageError(
                    f"{path}: tampered with: its manifest is damaged"
                ) from None

        if manifest.schema_version != migrations.HEAD:  # an older app wrote it: bring it up
            engine = create_engine(f"sqlite:///{database}")
            try:
                migrations.upgrade(engine)
            finally:
                engine.dispose()
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return OpenedPackage(path, manifest, database, folder)


def _check_content(path: Path, database: Path, manifest: Manifest) -> dict[str, str]:
    wrong = TamperedPackageError(
        f"{path}: tampered with: its content is not the study data its manifest describes"
    )
    try:
        con = sqlite3.connect(f"{database.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        raise wrong from None
    try:
        meta = dict(con.execute("SELECT key, value FROM meta").fetchall())
        version = con.execute("SELECT version_num FROM alembic_version").fetchone()
        studies = [r[0] for r in con.execute("SELECT id FROM study")]
    except sqlite3.DatabaseError:
        raise wrong from None
    finally:
        con.close()
    if (
        meta.get("application") != APPLICATION
        or meta.get("study_id") != manifest.study_id
        or studies != [manifest.study_id]
        or not version
        or version[0] != manifest.schema_version
    ):
        raise wrong
    return meta
