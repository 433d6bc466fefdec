"""Recordings: attached only with the informant's consent to be recorded, stored by
SHA-256, carried by packages and left out of anonymised ones."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from tri_audio import recorded_interview, spoken_wav
from tri_fieldwork import Fieldwork

from neutralitas_desktop.cli.main import main
from neutralitas_desktop.errors import NeutralitasError
from neutralitas_desktop.exchange.package import PackageOptions, write_package
from neutralitas_desktop.exchange.read import open_package
from neutralitas_desktop.fieldwork.attachments import read_attachment
from neutralitas_desktop.fieldwork.recordings import attach_recording, get_recording
from neutralitas_desktop.fieldwork.study import study_info
from neutralitas_desktop.store import cipher


def test_attached_with_consent_and_stored_by_hash(fieldwork: Fieldwork, tmp_path: Path) -> None:
    import hashlib

    wav = spoken_wav(tmp_path)
    sid = recorded_interview(fieldwork)
    info = attach_recording(fieldwork.db, fieldwork.actor, sid, wav)
    assert info.sha256 == hashlib.sha256(wav.read_bytes()).hexdigest()
    assert info.mime == "audio/wav"
    assert get_recording(fieldwork.db, sid) == info
    assert read_attachment(fieldwork.db, info.sha256) == wav.read_bytes()


def test_refused_without_consent_or_when_not_audio(fieldwork: Fieldwork, tmp_path: Path) -> None:
    wav = spoken_wav(tmp_path)
    refused = recorded_interview(fieldwork, agreed="no")
    with pytest.raises(NeutralitasError, match="did not agree to be recorded"):
        attach_recording(fieldwork.db, fieldwork.actor, refused, wav)
    assert get_recording(fieldwork.db, refused) is None
    sid = recorded_interview(fieldwork)
    fake = tmp_path / "bukan-audio.wav"
    fake.write_text("hello")
    with pytest.raises(NeutralitasError, match=r"bukan-audio\.wav: not a \.wav audio file"):
        attach_recording(fieldwork.db, fieldwork.actor, sid, fake)
    with pytest.raises(NeutralitasError, match=r"\.wav, \.mp3, \.m4a, \.ogg"):
        attach_recording(fieldwork.db, fieldwork.actor, sid, tmp_path / "x.flac")
    informant = fieldwork.informant("asn_staff")
    withdrawn = fieldwork.run("interview", {"a2_recording": "yes"}, informant=informant)
    fieldwork.withdraw(informant)
    with pytest.raises(NeutralitasError, match="did not agree"):
        attach_recording(fieldwork.db, fieldwork.actor, withdrawn, wav)


def test_packages_carry_recordings_except_anonymised_ones(
    fieldwork: Fieldwork, tmp_path: Path
) -> None:
    wav = spoken_wav(tmp_path)
    sid = recorded_interview(fieldwork)
    info = attach_recording(fieldwork.db, fieldwork.actor, sid, wav)
    study_id = study_info(fieldwork.db).id
    for anonymize, expected in ((False, 1), (True, 0)):
        path = tmp_path / f"p-{anonymize}.ndpkg"
        write_package(fieldwork.db, fieldwork.actor, path, PackageOptions(anonymize=anonymize))
        with open_package(path, study_id=study_id) as opened:
            con = cipher.connect(opened.database, opened.key)  # staged encrypted
            found = con.execute(
                "SELECT count(*) FROM attachment WHERE sha256 = ?", (info.sha256,)
            ).fetchone()[0]
            con.close()
        assert found == expected


def test_cli_attach(fieldwork: Fieldwork, tmp_path: Path, capsys: Any) -> None:
    wav = spoken_wav(tmp_path)
    sid = recorded_interview(fieldwork)
    refused = recorded_interview(fieldwork, agreed="no")
    db = str(fieldwork.study.path)
    fieldwork.db.close()
    assert main(["--db", db, "recording", "attach", sid, str(wav)]) == 0
    assert "attached wawancara.wav" in capsys.readouterr().out
    assert main(["--db", db, "recording", "attach", refused, str(wav)]) == 1
    assert "did not agree to be recorded" in capsys.readouterr().err
