"""Protection commands: encrypt, decrypt and rekey a study file in place."""

from __future__ import annotations

import argparse
from pathlib import Path

from neutralitas_desktop.cli.context import CliContext
from neutralitas_desktop.cli.study_passphrase import (
    NEW_PASSPHRASE_ENV,
    new_passphrase,
    study_passphrase,
)
from neutralitas_desktop.errors import DatabaseError
from neutralitas_desktop.store.conversion import (
    Conversion,
    decrypt_study,
    encrypt_study,
    rekey_study,
)
from neutralitas_desktop.store.database import is_url

_KEEP = "keep the old file beside the study as a backup (it is deleted otherwise)"


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("encrypt", help="encrypt a plain study file in place (SQLCipher)")
    p.add_argument("--keep-backup", action="store_true", help=_KEEP)
    p.set_defaults(handler=cmd_encrypt)

    p = sub.add_parser("decrypt", help="turn an encrypted study into a plain SQLite file")
    p.add_argument("--keep-backup", action="store_true", help=_KEEP)
    p.set_defaults(handler=cmd_decrypt)

    p = sub.add_parser(
        "rekey", help=f"change the study's passphrase (the new one from {NEW_PASSPHRASE_ENV})"
    )
    p.add_argument("--keep-backup", action="store_true", help=_KEEP)
    p.set_defaults(handler=cmd_rekey)


def _path(ctx: CliContext) -> Path:
    if is_url(ctx.db_target):
        raise DatabaseError(
            f"{ctx.db_target}: a server database relies on the server's own encryption"
        )
    return Path(ctx.db_target).expanduser()


def _report(done: Conversion, verb: str) -> int:
    state = "encrypted" if done.encrypted else "not encrypted"
    print(f"{verb} {done.path} ({state}; {done.rows} rows checked)")
    if done.backup is not None:
        print(f"the old file is kept as {done.backup}")
    for backup in done.upgrade_backups:
        print(f"{verb} with it: {backup}")
    return 0


def cmd_encrypt(args: argparse.Namespace, ctx: CliContext) -> int:
    path = _path(ctx)
    if not path.exists():
        raise DatabaseError(f"no study database at {path}")
    done = encrypt_study(path, new_passphrase(path), keep_backup=args.keep_backup)
    return _report(done, "encrypted")


def cmd_decrypt(args: argparse.Namespace, ctx: CliContext) -> int:
    path = _path(ctx)
    done = decrypt_study(path, study_passphrase(path, False), keep_backup=args.keep_backup)
    return _report(done, "decrypted")


def cmd_rekey(args: argparse.Namespace, ctx: CliContext) -> int:
    path = _path(ctx)
    old = study_passphrase(path, False)
    new = new_passphrase(path, NEW_PASSPHRASE_ENV)
    done = rekey_study(path, old, new, keep_backup=args.keep_backup)
    return _report(done, "re-keyed")
