"""Field packages: what they hold, encryption, identities, and every kind of bad package
refused with its own message while the target database stays byte-for-byte the same."""

from __future__ import annotations

import hashlib
import json
import struct
import zlib
from pathlib import Path
from typing import Any

import pytest
from exchange_helpers import count, digest, files
from sqlcipher3 import dbapi2 as sqlite3  # the driver the app opens study files with

from neutralitas_desktop.cli.main import main
from neutralitas_desktop.exchange import container
from neutralitas_desktop.exchange.errors import (
    CorruptedPackageError,
    ForeignStudyError,
    NewerPackageError,
    NotAPackageError,
    PackageError,
    TamperedPackageError,
    TruncatedPackageError,
    WrongPassphraseError,
)
from neutralitas_desktop.exchange.manifest import Manifest
from neutralitas_desktop.exchange.merge import merge_files
from neutralitas_desktop.exchange.package import PackageOptions, write_package
from neutralitas_desktop.exchange.read import open_package, read_manifest
from neutralitas_desktop.exchange.signing import sign
from neutralitas_desktop.fieldwork.demo import generate_demo
from neutralitas_desktop.fieldwork.device_key import DeviceKey, load_device_key
from neutralitas_desktop.fieldwork.study import open_study, study_info
from neutralitas_desktop.store import cipher, migrations
from neutralitas_desktop.store.integrity import check_database

SECRET = "kata sandi lapangan 2024"


SEQ_TABLES = (
    "study", "device", "researcher", "informant_role", "site", "informant",
    "informant_identity", "field_session", "answer", "theme", "coding", "finding",
    "review_comment", "answer_revision", "attachment", "audit_event", "row_version",
)  # fmt: skip


def unpack(path: Path) -> tuple[dict[str, Any], bytes]:
    data = path.read_bytes()
    start = len(container.MAGIC) + 4
    (size,) = struct.unpack(">I", data[len(container.MAGIC) : start])
    header = json.loads(data[start : start + size])
    return header, data[start + size : -32]


def repack(
    path: Path, header: dict[str, Any], payload: bytes, key: DeviceKey | None = None
) -> None:
    """Write a container whose framing and trailer are sound (what a tamperer would do);
    with ``key``, signed again by that device (what the device itself could do)."""
    header = {**header, "payload": {**header["payload"], "size": len(payload)}}
    if key is not None:
        header["signature"] = sign(key, Manifest.from_dict(header["manifest"]))
    raw = json.dumps(header).encode()
    body = container.MAGIC + struct.pack(">I", len(raw)) + raw + payload
    path.write_bytes(body + hashlib.sha256(body).digest())


def edit_content(path: Path, out: Path, sql: str) -> None:
    header, payload = unpack(path)
    db = out.with_suffix(".sqlite")
    db.write_bytes(zlib.decompress(payload))
    con = sqlite3.connect(db)
    con.executescript(sql)
    con.commit()
    con.close()
    repack(out, header, zlib.compress(db.read_bytes()))


@pytest.fixture
def field_package(laptops: Any, tmp_path: Path) -> Path:
    ani = laptops(1, "Ani Lestari")
    generate_demo(ani.db, ani.actor, 8, seed=3)
    return ani.package(tmp_path).path


def test_package_holds_the_data_and_a_manifest(demo_study: Any, tmp_path: Path) -> None:
    result = write_package(demo_study.db, demo_study.actor, tmp_path / "out.ndpkg")
    m = read_manifest(result.path)
    assert m == result.manifest
    assert (m.study_id, m.device_id, m.researcher) == (
        study_info(demo_study.db).id,
        demo_study.actor.device_id,
        "Rina Peneliti",
    )
    assert m.schema_version == migrations.HEAD and m.app_version and m.created_at
    assert m.counts["field_session"] == 60
    assert m.counts["answer"] == count(demo_study.db, "SELECT count(*) FROM answer")
    assert "informant_identity" not in m.counts
    content = container.open_payload(container.read_envelope(result.path), lambda _m: None)
    assert hashlib.sha256(content).hexdigest() == m.content_sha256
    with open_package(result.path, study_id=m.study_id) as opened:
        # staged for the merge encrypted with a random key, never in clear
        assert not opened.database.read_bytes().startswith(b"SQLite format 3")
        con = cipher.connect(opened.database, opened.key)
        assert con.execute("SELECT count(*) FROM field_session").fetchone() == (60,)
        assert con.execute("SELECT count(*) FROM informant_identity").fetchone() == (0,)
        con.close()
    assert not list(tmp_path.glob(".*writing"))


def test_encrypted_package_hides_its_content(demo_study: Any, tmp_path: Path) -> None:
    out = tmp_path / "secret.ndpkg"
    write_package(demo_study.db, demo_study.actor, out, PackageOptions(passphrase=SECRET))
    header, _ = unpack(out)
    assert header["payload"]["encryption"]["cipher"] == "AES-256-GCM"
    assert header["payload"]["encryption"]["kdf"] == "scrypt"
    assert b"Kantor Kecamatan" not in out.read_bytes()
    with pytest.raises(WrongPassphraseError, match="wrong passphrase"):
        open_package(out, study_id=None, passphrase="another passphrase")
    with pytest.raises(PackageError, match="encrypted: a passphrase is needed"):
        open_package(out, study_id=None)
    with open_package(out, study_id=None, passphrase=SECRET) as opened:
        assert opened.manifest.encrypted


def test_identities_only_travel_encrypted_and_when_asked(
    demo_study: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    identities = count(demo_study.db, "SELECT count(*) FROM informant_identity")
    assert identities > 0
    with pytest.raises(PackageError, match="only leave this laptop in an encrypted package"):
        write_package(
            demo_study.db, demo_study.actor, tmp_path / "x.ndpkg",
            PackageOptions(include_identities=True),
        )  # fmt: skip
    assert not (tmp_path / "x.ndpkg").exists()
    code = main(
        ["--db", str(demo_study.path), "package", str(tmp_path / "y.ndpkg"), "--include-identities"]
    )
    assert code == 1 and "encrypted package" in capsys.readouterr().err
    for options, expected in (
        (PackageOptions(passphrase=SECRET), 0),
        (PackageOptions(passphrase=SECRET, include_identities=True), identities),
    ):
        out = tmp_path / f"ids-{expected}.ndpkg"
        write_package(demo_study.db, demo_study.actor, out, options)
        with open_package(out, study_id=None, passphrase=SECRET) as opened:
            con = cipher.connect(opened.database, opened.key)
            assert con.execute("SELECT count(*) FROM informant_identity").fetchone() == (expected,)
            con.close()


def test_anonymised_package_drops_names(demo_study: Any, tmp_path: Path) -> None:
    out = tmp_path / "anon.ndpkg"
    with demo_study.db.engine.begin() as con:
        con.exec_driver_sql("UPDATE informant SET notes = 'rumah dekat masjid'")
    write_package(demo_study.db, demo_study.actor, out, PackageOptions(anonymize=True))
    with open_package(out, study_id=None) as opened:
        con = cipher.connect(opened.database, opened.key)
        assert "Rina Peneliti" not in {r[0] for r in con.execute("SELECT name FROM researcher")}
        assert {r[0] for r in con.execute("SELECT name FROM device")} == {
            f"device {demo_study.actor.device_id[:8]}"
        }
        assert con.execute("SELECT count(*) FROM informant WHERE notes <> ''").fetchone() == (0,)
        con.close()
        assert opened.manifest.anonymized and opened.manifest.researcher == ""


def bad_packages(
    field_package: Path, tmp_path: Path, other: Path
) -> dict[str, tuple[Path, type, str]]:
    data = field_package.read_bytes()
    cases: dict[str, tuple[Path, type, str]] = {}
    truncated = tmp_path / "truncated.ndpkg"
    truncated.write_bytes(data[: len(data) // 2])
    cases["truncated"] = (truncated, TruncatedPackageError, "truncated:")
    corrupted = tmp_path / "corrupted.ndpkg"
    flipped = bytearray(data)
    flipped[len(data) // 2] ^= 0x40
    corrupted.write_bytes(bytes(flipped))
    cases["corrupted"] = (corrupted, CorruptedPackageError, "corrupted: its bytes were damaged")
    tampered = tmp_path / "tampered.ndpkg"
    edit_content(field_package, tampered, "UPDATE answer SET value = 'diubah'; VACUUM;")
    cases["tampered"] = (
        tampered, TamperedPackageError, "tampered with: its content does not match",
    )  # fmt: skip
    newer = tmp_path / "newer.ndpkg"
    header, payload = unpack(field_package)
    header["manifest"]["schema_version"] = "9999"
    repack(newer, header, payload)
    cases["newer"] = (newer, NewerPackageError, "newer version of the app (schema 9999")
    cases["other study"] = (other, ForeignStudyError, "belongs to another study")
    text_file = tmp_path / "notes.ndpkg"
    text_file.write_text("Catatan lapangan hari ini.\n", encoding="utf-8")
    cases["text"] = (text_file, NotAPackageError, "not a field package")
    return cases


@pytest.fixture
def other_study_package(tmp_path: Path) -> Path:
    from exchange_helpers import profile

    db, actor = open_study(tmp_path / "other.sqlite", profile(9, "Dewi Lain"), create=True)
    out = tmp_path / "other.ndpkg"
    write_package(db, actor, out)
    db.close()
    return out


def test_bad_packages_are_refused_and_the_target_is_untouched(
    study: Any,
    field_package: Path,
    other_study_package: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    target = study.path
    before = digest(target)
    folder = target.parent
    (tmp_path / "bad").mkdir()
    cases = bad_packages(field_package, tmp_path / "bad", other_study_package)
    cases["database"] = (target, NotAPackageError, "not a field package: it is a database file")
    listing = files(folder)
    for name, (path, error, message) in cases.items():
        with pytest.raises(error) as exc:
            merge_files(study.db, study.actor, [field_package, path])
        assert message in str(exc.value), name
        assert str(exc.value).startswith(f"{path}: "), name
        code = main(["--db", str(target), "merge", str(field_package), str(path)])
        err = capsys.readouterr().err
        assert code == 1, name
        assert err.count("\n") == 1 and message in err, (name, err)
        assert digest(target) == before, name
        assert files(folder) == listing, name
    assert count(study.db, "SELECT count(*) FROM field_session") == 0


def test_wrong_passphrase_and_altered_ciphertext(
    study: Any, laptops: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    ani = laptops(1, "Ani Lestari")
    generate_demo(ani.db, ani.actor, 4, seed=5)
    sealed = ani.package(tmp_path, passphrase=SECRET).path
    # In clear: what the merge needs; who made it, the study and the counts are inside.
    clear = unpack(sealed)[0]["manifest"]
    assert clear["researcher"] == clear["study_title"] == clear["device_name"] == ""
    assert clear["researcher_id"] == clear["for_researcher"] == ""
    assert clear["counts"] == {} and clear["package_id"] and clear["schema_version"]
    # Nothing else names a person or says what the package holds: ids, the key, the
    # sequence, the version, the time it was made and the content's size and checksum.
    shown = {k for k, v in clear.items() if v not in ("", {}, None, False)}
    assert shown <= {
        "package_id", "study_id", "device_id", "signer_key", "device_seq", "schema_version",
        "app_version", "created_at", "content_sha256", "content_size", "encrypted",
    }  # fmt: skip
    assert b"Ani Lestari" not in sealed.read_bytes()
    with open_package(sealed, study_id=None, passphrase=SECRET) as opened:
        assert opened.manifest.researcher == "Ani Lestari"
        assert opened.manifest.counts["field_session"] == 4 and opened.manifest.study_title
    before = digest(study.path)
    monkeypatch.setenv("NEUTRALITAS_PASSPHRASE", "bukan kata sandinya")
    assert main(["--db", str(study.path), "merge", str(sealed)]) == 1
    assert "wrong passphrase" in capsys.readouterr().err
    header, payload = unpack(sealed)
    altered = tmp_path / "altered.ndpkg"
    repack(altered, header, payload[:100] + bytes([payload[100] ^ 1]) + payload[101:])
    monkeypatch.setenv("NEUTRALITAS_PASSPHRASE", SECRET)
    assert main(["--db", str(study.path), "merge", str(altered)]) == 1
    assert (
        "tampered with: its encrypted content fails the authentication" in capsys.readouterr().err
    )
    assert digest(study.path) == before
    assert main(["--db", str(study.path), "merge", str(sealed)]) == 0
    assert count(study.db, "SELECT count(*) FROM field_session") == 4


AGREEMENT_TABLES = ("agreement_assignment", "agreement_resolution")  # added by 0009
INCIDENT_TABLES = ("evidence_line", "incident", "member_check")  # added by 0011
LEGAL_TABLES = ("element_test", "legal_material")  # added by 0016
FINDING_REASONS = ("incidents", "status_reason", "status_before_reasons")  # added by 0011


def test_package_from_an_older_schema_is_upgraded_and_merged(
    study: Any, laptops: Any, tmp_path: Path
) -> None:
    ani = laptops(1, "Ani Lestari")
    generate_demo(ani.db, ani.actor, 3, seed=9, device_name="Laptop Ani")
    header, payload = unpack(ani.package(tmp_path).path)
    old = tmp_path / "old.sqlite"
    old.write_bytes(zlib.decompress(payload))
    con = sqlite3.connect(old)
    for table in (
        "revision_parent",
        "row_version",
        "row_head",
        "id_alias",
        *AGREEMENT_TABLES,
        *LEGAL_TABLES,  # added by 0016
        *INCIDENT_TABLES,  # added by 0011
        "device_key",  # added by 0010
        "device_sequence",
    ):
        con.execute(f"DROP TABLE {table}")
    con.execute("DROP INDEX ix_audit_event_chain")  # events before the audit chain
    for column in ("seq", "prev_hash", "content_hash"):
        con.execute(f"ALTER TABLE audit_event DROP COLUMN {column}")
    con.execute("ALTER TABLE theme DROP COLUMN color")  # added by 0005
    for column in FINDING_REASONS:
        con.execute(f"ALTER TABLE finding DROP COLUMN {column}")
    con.execute("ALTER TABLE answer_revision DROP COLUMN sealed")  # added by 0012
    for table, column in [  # added by 0010
        *((t, "device_seq") for t in SEQ_TABLES if t != "row_version"),
        ("informant", "origin_device_id"), ("field_session", "origin_device_id"),
        ("theme", "origin_device_id"), ("theme", "status"),
        ("informant", "category"), ("informant", "selection"),  # added by 0013
        ("informant", "consent_named"),  # added by 0017
    ]:  # fmt: skip
        con.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
    con.execute("UPDATE alembic_version SET version_num = '0001'")
    con.commit()
    con.execute("VACUUM")
    con.close()
    content = old.read_bytes()
    header["manifest"].update(
        schema_version="0001",
        content_sha256=hashlib.sha256(content).hexdigest(),
        content_size=len(content),
    )
    package = tmp_path / "schema-0001.ndpkg"
    repack(package, header, zlib.compress(content), load_device_key(ani.actor.device_id))
    [summary] = merge_files(study.db, study.actor, [package])
    assert summary.totals.new_sessions == 3
    assert count(study.db, "SELECT count(*) FROM field_session") == 3
    # Its events arrive sealed by their own hashes, and the master's log still verifies.
    assert count(study.db, "SELECT count(*) FROM audit_event WHERE content_hash = ''") == 0
    assert check_database(study.db) == []
