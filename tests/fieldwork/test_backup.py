"""File › Back up to…: a verified copy in a chosen folder, nothing left behind when it
fails, and the end-of-day reminder counts today's edits not yet in a package or backup."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Connection
from sqlcipher3 import dbapi2 as sqlite3
from test_consent_change import PROFILE, _interview

from neutralitas_desktop.errors import NeutralitasError
from neutralitas_desktop.fieldwork import backup as backup_module
from neutralitas_desktop.fieldwork.backup import backup_study, unsafe_answers
from neutralitas_desktop.fieldwork.workspace import open_workspace
from neutralitas_desktop.store import cipher
from neutralitas_desktop.store.database import open_database


def test_backup_is_a_verified_copy(demo_study, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    flash = tmp_path / "flashdisk"
    flash.mkdir()
    result = backup_study(demo_study.db, demo_study.actor, flash)
    assert result.path.parent == flash and list(flash.iterdir()) == [result.path]
    assert result.counts["answer"] > 100 and result.counts["field_session"] > 10
    con = sqlite3.connect(result.path)
    assert con.execute("select count(*) from answer").fetchone()[0] == result.counts["answer"]
    con.close()
    copy = open_workspace(result.path, PROFILE)  # the copy opens as the study it is
    assert len(copy.sessions()) == result.counts["field_session"]
    copy.db.close()


def test_an_encrypted_study_is_backed_up_encrypted_with_its_passphrase(
    encrypted_study, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    passphrase = encrypted_study.passphrase
    result = backup_study(encrypted_study.db, encrypted_study.actor, tmp_path)
    assert not cipher.is_plain(result.path) and cipher.is_key_of(result.path, passphrase)
    with pytest.raises(sqlite3.DatabaseError):  # no passphrase, no data
        sqlite3.connect(result.path).execute("select count(*) from answer").fetchone()
    copy = open_database(result.path, passphrase=passphrase)
    with copy.session() as s:
        assert s.connection().exec_driver_sql("select count(*) from study").scalar_one() == 1
    copy.close()
    assert result.counts["study"] == 1


def test_backup_refuses_a_missing_folder_and_leaves_nothing_on_failure(
    study, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(NeutralitasError) as info:
        backup_study(study.db, study.actor, tmp_path / "nowhere")
    assert "nowhere" in str(info.value) and "tidak ada" in info.value.localized("id")
    target = tmp_path / "usb"
    target.mkdir()
    real = backup_module._counts
    calls = []

    def short_copy(con: Connection) -> dict[str, int]:
        counts = real(con)
        calls.append(1)
        if len(calls) == 2:  # the copy, read back, misses an answer
            counts["answer"] -= 1
        return counts

    monkeypatch.setattr(backup_module, "_counts", short_copy)
    with pytest.raises(NeutralitasError) as info:
        backup_study(study.db, study.actor, target)
    assert "answer" in str(info.value)
    assert list(target.iterdir()) == []


def test_reminder_counts_todays_edits_until_a_safe_copy(study, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from neutralitas_desktop.fieldwork.workspace import Workspace

    ws = Workspace(study.db, study.actor, PROFILE)
    assert unsafe_answers(ws.db, ws.actor.device_id) == 0
    sid, _ = _interview(ws)
    writer = ws.writer()
    writer.submit(sid, "b1_position", "Staf")
    writer.close()
    assert unsafe_answers(ws.db, ws.actor.device_id) >= 2  # consent and the answer
    backup_study(ws.db, ws.actor, tmp_path)
    assert unsafe_answers(ws.db, ws.actor.device_id) == 0
