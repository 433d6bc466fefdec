"""The study encrypted at rest: opaque bytes, the passphrase asked for and checked, plain
studies opening as before, and encrypt / decrypt / rekey keeping every row."""

from __future__ import annotations

import hashlib
import shutil
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from planted import NAME, PHONE, STUDY_PASSPHRASE, TEST_PROFILE, leaks, plant

from neutralitas_desktop.cli.main import main
from neutralitas_desktop.errors import (
    DatabaseError,
    PassphraseRequiredError,
    WeakPassphraseError,
    WrongPassphraseError,
)
from neutralitas_desktop.fieldwork.answers import save_answer, session_answers
from neutralitas_desktop.fieldwork.study import open_study
from neutralitas_desktop.store import cipher
from neutralitas_desktop.store.conversion import decrypt_study, encrypt_study, rekey_study
from neutralitas_desktop.store.database import open_database
from neutralitas_desktop.store.integrity import check_database

DATA = Path(__file__).resolve().parents[1] / "data"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def checkpoint(db: Any) -> None:
    with db.engine.connect() as con:
        con.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


def dump(path: Path, secret: str | None) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, sorted: what a conversion must keep."""
    con = cipher.connect(path, secret, readonly=True)
    try:
        names = [
            r[0]
            for r in con.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {n: sorted(con.execute(f'SELECT * FROM "{n}"').fetchall(), key=repr) for n in names}
    finally:
        con.close()


def test_the_encrypted_study_holds_no_identity_in_clear(encrypted_study: Any, study: Any) -> None:
    assert encrypted_study.passphrase == STUDY_PASSPHRASE
    for s in (encrypted_study, study):
        plant(s.db, s.actor, TEST_PROFILE)
        checkpoint(s.db)
    raw = encrypted_study.path.read_bytes()
    assert leaks(raw) == [] and not raw.startswith(b"SQLite format 3")
    wal = encrypted_study.path.with_name(encrypted_study.path.name + "-wal")
    assert not wal.exists() or leaks(wal.read_bytes()) == []
    assert leaks(study.path.read_bytes()) == [NAME, PHONE]  # the plain file shows them
    con = sqlite3.connect(encrypted_study.path)
    with pytest.raises(sqlite3.DatabaseError, match="not a database"):
        con.execute("SELECT count(*) FROM sqlite_master").fetchone()
    con.close()
    # and the app reads it all back with the passphrase
    encrypted_study.db.close()
    db = open_database(encrypted_study.path, passphrase=STUDY_PASSPHRASE)
    with db.engine.connect() as con:
        names = con.exec_driver_sql("SELECT real_name FROM informant_identity").scalars().all()
    db.close()
    assert names == [NAME]


def test_the_fast_save_path_and_wal_work_on_sqlcipher(encrypted_study: Any) -> None:
    sid = plant(encrypted_study.db, encrypted_study.actor, TEST_PROFILE)
    save_answer(encrypted_study.db, encrypted_study.actor, sid, "b1_position", "Sekretaris")
    assert session_answers(encrypted_study.db, sid)["b1_position"].value == "Sekretaris"
    with encrypted_study.db.engine.connect() as con:
        assert con.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert con.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert con.exec_driver_sql("PRAGMA cipher_version").scalar().startswith("4.")
    assert check_database(encrypted_study.db) == []


def test_a_wrong_or_missing_passphrase_is_refused_and_the_file_untouched(
    encrypted_study: Any, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    encrypted_study.db.close()
    path = encrypted_study.path
    before = digest(path)
    with pytest.raises(WrongPassphraseError) as exc:
        open_database(path, passphrase="bukan kata sandinya sama sekali")
    assert str(exc.value) == f"wrong passphrase for {path}"
    with pytest.raises(PassphraseRequiredError):
        open_database(path)
    monkeypatch.setenv("NEUTRALITAS_STUDY_PASSPHRASE", "bukan kata sandinya sama sekali")
    assert main(["--db", str(path), "stats"]) == 1
    assert capsys.readouterr().err == f"neutralitas: error: wrong passphrase for {path}\n"
    monkeypatch.delenv("NEUTRALITAS_STUDY_PASSPHRASE")
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    assert main(["--db", str(path), "stats"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "set NEUTRALITAS_STUDY_PASSPHRASE" in err
    assert digest(path) == before


def test_a_plain_study_opens_as_before_and_foreign_files_stay_refused(
    study: Any, tmp_path: Path
) -> None:
    study.db.close()
    db = open_database(study.path)  # no passphrase asked for a plain file
    assert not db.encrypted and cipher.is_plain(study.path)
    db.close()
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"\x00\x01" * 2048)  # whole pages, no header: taken for encrypted
    before = digest(junk)
    with pytest.raises(WrongPassphraseError):
        open_database(junk, passphrase=STUDY_PASSPHRASE)
    assert digest(junk) == before
    text = tmp_path / "notes.sqlite"
    text.write_text("Catatan lapangan.\n", encoding="utf-8")
    with pytest.raises(DatabaseError, match="not a neutralitas-desktop database"):
        open_database(text, passphrase=STUDY_PASSPHRASE)


def test_a_new_passphrase_must_be_strong(tmp_path: Path) -> None:
    for weak in ("pendek", "passwordpassword", "aaaaaaaaaaaaaaaaaaaaaaaaa", "Rahasia123"):
        with pytest.raises(WeakPassphraseError, match="too weak"):
            open_database(tmp_path / "s.sqlite", create=True, passphrase=weak)
    assert not (tmp_path / "s.sqlite").exists()
    for strong in ("kopi pagi di Ciamis", "Rahasia-2024!", "satu kalimat yang cukup panjang"):
        cipher.check_strength(strong)


def test_encrypt_rekey_decrypt_keep_every_row(demo_study: Any, tmp_path: Path) -> None:
    plant(demo_study.db, demo_study.actor, TEST_PROFILE)
    checkpoint(demo_study.db)
    demo_study.db.close()
    path = demo_study.path
    rows = dump(path, None)
    assert sum(len(v) for v in rows.values()) > 1000

    done = encrypt_study(path, STUDY_PASSPHRASE)
    assert done.encrypted and done.backup is None and not cipher.is_plain(path)
    assert leaks(path.read_bytes()) == []
    assert dump(path, STUDY_PASSPHRASE) == rows

    new = "teh sore di Garut 2025"
    done = rekey_study(path, STUDY_PASSPHRASE, new, keep_backup=True)
    assert done.backup is not None and cipher.is_key_of(done.backup, STUDY_PASSPHRASE)
    assert not cipher.is_key_of(path, STUDY_PASSPHRASE) and dump(path, new) == rows

    with pytest.raises(WrongPassphraseError):
        decrypt_study(path, STUDY_PASSPHRASE)
    done = decrypt_study(path, new)
    assert not done.encrypted and cipher.is_plain(path) and dump(path, None) == rows
    db, _ = open_study(path, TEST_PROFILE)
    assert check_database(db) == []
    db.close()
    leftovers = {p.name for p in tmp_path.iterdir()} - {path.name, done.backup and ""}
    assert not [n for n in leftovers if n.endswith(".converting") or n.endswith("-wal")]


def test_cli_encrypt_decrypt_rekey(
    study: Any, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    plant(study.db, study.actor, TEST_PROFILE)
    study.db.close()
    db = str(study.path)
    rows = dump(study.path, None)
    monkeypatch.setenv("NEUTRALITAS_STUDY_PASSPHRASE", STUDY_PASSPHRASE)
    assert main(["--db", db, "encrypt"]) == 0
    assert "encrypted" in capsys.readouterr().out and dump(study.path, STUDY_PASSPHRASE) == rows
    assert main(["--db", db, "encrypt"]) == 1
    assert "already encrypted" in capsys.readouterr().err
    monkeypatch.setenv("NEUTRALITAS_STUDY_NEW_PASSPHRASE", "teh sore di Garut 2025")
    assert main(["--db", db, "rekey", "--keep-backup"]) == 0
    out = capsys.readouterr().out
    assert "re-keyed" in out and "kept as" in out
    monkeypatch.setenv("NEUTRALITAS_STUDY_PASSPHRASE", "teh sore di Garut 2025")
    assert main(["--db", db, "decrypt"]) == 0
    assert cipher.is_plain(study.path) and dump(study.path, None) == rows
    monkeypatch.delenv("NEUTRALITAS_STUDY_PASSPHRASE")
    assert main(["--db", db, "stats", "--json"]) == 0


def test_an_older_encrypted_study_is_upgraded_with_an_encrypted_backup(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    shutil.copy(DATA / "study-schema-0001.sqlite", path)
    encrypt_study(path, STUDY_PASSPHRASE)
    assert [p.name for p in tmp_path.iterdir()] == ["old.sqlite"]  # no plain copy left
    db = open_database(path, passphrase=STUDY_PASSPHRASE)
    assert db.backup is not None and db.encrypted
    db.close()
    assert not cipher.is_plain(db.backup) and cipher.is_key_of(db.backup, STUDY_PASSPHRASE)


def test_encrypting_or_rekeying_a_study_converts_its_upgrade_backups_too(
    tmp_path: Path,
) -> None:
    """An old plain study was upgraded (a plain backup of it beside it), then encrypted: the
    backup holds every name and answer as the study did, so it is encrypted with it; a new
    passphrase (after the old one was seen) re-keys it as well."""
    path = tmp_path / "old.sqlite"
    shutil.copy(DATA / "study-schema-0001.sqlite", path)
    db = open_database(path)  # the upgrade leaves a plain backup beside the study
    assert db.backup is not None and cipher.is_plain(db.backup)
    db.close()
    backup = db.backup
    rows = dump(backup, None)

    done = encrypt_study(path, STUDY_PASSPHRASE)
    assert done.upgrade_backups == (backup,)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([path.name, backup.name])
    assert not cipher.is_plain(backup) and dump(backup, STUDY_PASSPHRASE) == rows
    new = "teh sore di Garut 2025"
    rekey_study(path, STUDY_PASSPHRASE, new)
    assert not cipher.is_key_of(backup, STUDY_PASSPHRASE) and dump(backup, new) == rows
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([path.name, backup.name])
    # decrypted, then encrypted anew: the backup under the earlier passphrase stays as it is
    decrypt_study(path, new)
    assert encrypt_study(path, STUDY_PASSPHRASE).upgrade_backups == ()
    assert cipher.is_key_of(backup, new)


def test_a_decrypt_killed_before_the_rename_leaves_no_plain_copy_once_the_study_opens(
    encrypted_study: Any, tmp_path: Path
) -> None:
    """The plain file a decrypt writes beside the study is hidden (a dot name); killed
    before it replaced the study, the study is still encrypted but a plain copy of it lay
    beside it until another conversion. Opening the study removes it."""
    plant(encrypted_study.db, encrypted_study.actor, TEST_PROFILE)
    encrypted_study.db.close()
    path = encrypted_study.path
    script = (
        "import os, signal, sys\n"
        "from pathlib import Path\n"
        "from neutralitas_desktop.store import conversion\n"
        "conversion._verify = lambda *a: os.kill(os.getpid(), signal.SIGKILL)\n"
        "conversion.decrypt_study(Path(sys.argv[1]), sys.argv[2])\n"
    )
    killed = subprocess.run([sys.executable, "-c", script, str(path), STUDY_PASSPHRASE])
    assert killed.returncode == -signal.SIGKILL
    left = [p for p in tmp_path.iterdir() if p.name.startswith(f".{path.name}.")]
    assert left and leaks(left[0].read_bytes()) == [NAME, PHONE]  # what the kill left
    db = open_database(path, passphrase=STUDY_PASSPHRASE)
    db.close()
    assert [p for p in tmp_path.iterdir() if p.name.startswith(f".{path.name}.")] == []
    assert not cipher.is_plain(path)
