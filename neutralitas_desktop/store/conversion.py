"""Encrypting, decrypting and re-keying a study file in place, atomically.

The new file is written beside the study through SQLCipher's ``sqlcipher_export``, checked
(it opens with the new key, passes ``quick_check`` and every table has as many rows as
before), synced, and only then renamed over the study. The old file is kept as a backup
only when asked. The backups upgrades left beside the study hold what it held: encrypting
or re-keying the study converts them the same way, so no copy stays in clear or under a
passphrase that was replaced. Nothing else may have the study open meanwhile (the GUI
closes it).
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from neutralitas_desktop.errors import DatabaseError
from neutralitas_desktop.private_tmp import private_file
from neutralitas_desktop.store import cipher
from neutralitas_desktop.store.database import (
    APPLICATION_ID,
    conversion_file,
    inspect_file,
    remove_stale_conversions,
    upgrade_backups,
)
from neutralitas_desktop.store.models import utcnow


@dataclass(frozen=True)
class Conversion:
    path: Path
    encrypted: bool  # the study as it is now
    rows: int  # rows checked in the new file
    backup: Path | None
    upgrade_backups: tuple[Path, ...] = ()  # converted with the study


def encrypt_study(path: Path, passphrase: str, *, keep_backup: bool = False) -> Conversion:
    """A plain study becomes encrypted with ``passphrase``."""
    cipher.check_strength(passphrase)
    return _convert(Path(path), None, passphrase, "encrypt", keep_backup)


def decrypt_study(path: Path, passphrase: str, *, keep_backup: bool = False) -> Conversion:
    """An encrypted study becomes a plain SQLite file."""
    return _convert(Path(path), passphrase, None, "decrypt", keep_backup)


def rekey_study(
    path: Path, passphrase: str, new_passphrase: str, *, keep_backup: bool = False
) -> Conversion:
    """An encrypted study gets a new passphrase."""
    cipher.check_strength(new_passphrase)
    return _convert(Path(path), passphrase, new_passphrase, "rekey", keep_backup)


def _convert(
    path: Path, old: str | None, new: str | None, verb: str, keep_backup: bool
) -> Conversion:
    path = path.expanduser()
    if not path.exists():
        raise DatabaseError(f"no study database at {path}")
    done = _convert_file(path, old, new, verb, keep_backup)
    converted: list[Path] = []
    if new is not None:  # encrypt, rekey (a decrypted study's backups stay encrypted)
        for backup in upgrade_backups(path):
            if cipher.is_plain(backup):
                key = None
            elif old is not None and cipher.is_key_of(backup, old):
                key = old
            else:  # under a passphrase of its own: not this conversion's to change
                continue
            _convert_file(backup, key, new, verb, False)
            converted.append(backup)
    return Conversion(done.path, done.encrypted, done.rows, done.backup, tuple(converted))


def _convert_file(
    path: Path, old: str | None, new: str | None, verb: str, keep_backup: bool
) -> Conversion:
    encrypted = cipher.may_be_encrypted(path)
    if old is None and encrypted:
        raise DatabaseError(f"{path} is already encrypted")
    if old is not None and not encrypted:
        raise DatabaseError(f"{path} is not encrypted (use `neutralitas encrypt`)")
    inspect_file(path, old)  # refuses a foreign or newer file, or a wrong passphrase
    remove_stale_conversions(path)
    tmp = conversion_file(path)
    try:
        src = cipher.connect(path, old)
        try:
            src.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            counts = _counts(src, "main")
            cipher.attach(src, tmp, "conv", new)
            src.execute("SELECT sqlcipher_export('conv')")
            src.execute(f"PRAGMA conv.application_id = {APPLICATION_ID}")
            src.execute("DETACH DATABASE conv")
        finally:
            src.close()
        _verify(tmp, new, counts)
        private_file(tmp)
        backup = None
        if keep_backup:
            stamp = utcnow().strftime("%Y%m%d-%H%M%S")
            backup = path.with_name(f"{path.stem}.before-{verb}.{stamp}.bak{path.suffix}")
            shutil.copy2(path, backup)
            private_file(backup)
        for side in ("-wal", "-shm"):  # the old file's, empty after the checkpoint
            path.with_name(path.name + side).unlink(missing_ok=True)
        os.replace(tmp, path)
    except cipher.Error as exc:
        raise DatabaseError(f"cannot {verb} {path}: {exc}") from None
    except OSError as exc:
        raise DatabaseError(f"cannot {verb} {path}: {exc.strerror or exc}") from None
    finally:
        tmp.unlink(missing_ok=True)
    return Conversion(path, new is not None, sum(counts.values()), backup)


def _counts(con: cipher.Connection, schema: str) -> dict[str, int]:
    names = [
        r[0]
        for r in con.execute(
            f"SELECT name FROM {schema}.sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {n: con.execute(f'SELECT count(*) FROM {schema}."{n}"').fetchone()[0] for n in names}


def _verify(tmp: Path, secret: str | None, expected: dict[str, int]) -> None:
    if (secret is None) != cipher.is_plain(tmp):
        raise DatabaseError(f"{tmp}: the converted file is not what was asked for")
    con = cipher.connect(tmp, secret)
    try:
        ok = con.execute("PRAGMA quick_check").fetchone()
        counts = _counts(con, "main")
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
    finally:
        con.close()
    if not ok or ok[0] != "ok" or counts != expected:
        raise DatabaseError(f"{tmp}: the converted file does not hold every row; study unchanged")
