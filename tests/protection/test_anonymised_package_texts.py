"""Every free text a package carries goes through the redaction service when the package
is anonymised, also the reason the coders gave when they resolved a disagreement (typed
by the supervisor, so it may quote who said what), and no name reaches it through the
audit log."""

from __future__ import annotations

import hashlib
import wave
import zlib
from pathlib import Path
from typing import Any

from planted import NAME, PHONE, TEST_PROFILE, leaks, plant

from neutralitas_desktop.exchange import container
from neutralitas_desktop.exchange.package import PackageOptions, write_package
from neutralitas_desktop.fieldwork.answers import answer_id, save_answer
from neutralitas_desktop.fieldwork.recordings import attach_recording
from neutralitas_desktop.fieldwork.transcripts import import_transcript
from neutralitas_desktop.store.analysis_models import AgreementResolution
from neutralitas_desktop.store.integrity import check_database
from neutralitas_desktop.store.models import AuditEvent, Theme


def _payload(package: Path) -> bytes:
    data = package.read_bytes()
    start = len(container.MAGIC) + 4
    size = int.from_bytes(data[len(container.MAGIC) : start], "big")
    return zlib.decompress(data[start + size : -32])


def test_a_resolved_disagreement_s_reason_is_redacted(encrypted_study: Any, tmp_path: Path) -> None:
    db, actor = encrypted_study.db, encrypted_study.actor
    sid = plant(db, actor, TEST_PROFILE)
    with db.session() as s:
        theme = s.query(Theme).filter_by(code="socmed_engagement").one()
        s.add(
            AgreementResolution(
                id="00000000-0000-4000-8000-0000000000a1",
                answer_id=answer_id(sid, "b1_position"),
                theme_id=theme.id,
                applied=True,
                reason=f"Disepakati: {NAME} sendiri mengaku menyukai unggahan ({PHONE}).",
                resolver_id=actor.researcher_id,
                device_id=actor.device_id,
            )
        )
    package = tmp_path / "anon.ndpkg"
    write_package(db, actor, package, PackageOptions(anonymize=True))
    payload = _payload(package)
    assert leaks(payload) == []
    assert b"Disepakati: [INF-RP01] sendiri mengaku menyukai unggahan [telepon]" in payload


def test_files_named_after_the_informant_leave_no_name_in_the_audit_log(
    encrypted_study: Any, tmp_path: Path
) -> None:
    """A recording or a transcript file is often named after the person interviewed; the
    audit events of attaching and importing them keep the file's SHA-256, not its name
    (an event's details are part of its hash, so an anonymised package could not redact
    a name there)."""
    db, actor = encrypted_study.db, encrypted_study.actor
    sid = plant(db, actor, TEST_PROFILE, typed=False)
    save_answer(db, actor, sid, "a2_recording", "yes")
    stem = NAME.replace(" ", "_")
    recording = tmp_path / f"rekaman_{stem}.wav"
    with wave.open(str(recording), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(8000)
        w.writeframes(b"\x00\x01" * 800)
    attach_recording(db, actor, sid, recording)
    transcript = tmp_path / f"wawancara {NAME}.txt"
    transcript.write_text("P: Apa jabatan Ibu?\nI: Staf umum.\n", encoding="utf-8")
    import_transcript(db, actor, sid, transcript)

    package = tmp_path / "anon.ndpkg"
    write_package(db, actor, package, PackageOptions(anonymize=True))
    assert leaks(_payload(package)) == []
    with db.session() as s:
        details = {
            e.action: e.detail
            for e in s.query(AuditEvent).filter(
                AuditEvent.action.in_(["recording.attached", "transcript.imported"])
            )
        }
    assert details["transcript.imported"] == {
        "sha256": hashlib.sha256(transcript.read_bytes()).hexdigest(),
        "segments": 2,
    }
    assert details["recording.attached"] == {
        "sha256": hashlib.sha256(recording.read_bytes()).hexdigest()
    }
    assert check_database(db) == []


def test_packages_and_backups_named_after_someone_leave_no_name_in_the_audit_log(
    encrypted_study: Any, tmp_path: Path
) -> None:
    """A package or a backup named after someone, or in a folder that is: the events that
    record them keep no file name or path (the package's id and the counts are there)."""
    from neutralitas_desktop.fieldwork.backup import backup_study

    db, actor = encrypted_study.db, encrypted_study.actor
    plant(db, actor, TEST_PROFILE)
    written = write_package(db, actor, tmp_path / f"paket_{NAME.replace(' ', '_')}.ndpkg")
    folder = tmp_path / f"cadangan {NAME}"
    folder.mkdir()
    backup_study(db, actor, folder)
    with db.session() as s:
        events = {
            e.action: (e.entity_id, sorted(e.detail))
            for e in s.query(AuditEvent).filter(
                AuditEvent.action.in_(["package.created", "study.backup"])
            )
        }
    assert events == {
        "package.created": (written.manifest.package_id, ["counts", "since_seq"]),
        "study.backup": ("", ["counts"]),
    }
    package = tmp_path / "anon.ndpkg"
    write_package(db, actor, package, PackageOptions(anonymize=True))
    assert leaks(_payload(package)) == []
    assert check_database(db) == []
