"""Hostile package input: decompression and scrypt bombs, and payloads whose schema or
attachments are not what the app writes. Each is refused with one line naming the file,
before anything is allocated or attached, and the master stays byte-for-byte the same."""

from __future__ import annotations

import hashlib
import tracemalloc
import zlib
from pathlib import Path
from typing import Any

import pytest
from exchange_helpers import digest
from hostile_helpers import forge, repack, unpack, zeros
from sqlcipher3 import dbapi2 as sqlite3  # the driver the app opens study files with

from neutralitas_desktop.cli.main import main
from neutralitas_desktop.exchange import limits
from neutralitas_desktop.exchange.errors import PackageLimitError, TamperedPackageError
from neutralitas_desktop.exchange.manifest import Manifest
from neutralitas_desktop.exchange.package import PackageOptions, write_package
from neutralitas_desktop.exchange.payload_schema import check_payload, expected_schema, read_schema
from neutralitas_desktop.exchange.read import open_package
from neutralitas_desktop.fieldwork.demo import generate_demo
from neutralitas_desktop.store import cipher, migrations

SECRET = "kata sandi lapangan 2024"


@pytest.fixture
def field_package(laptops: Any, tmp_path: Path) -> Path:
    ani = laptops(1, "Ani Lestari")
    generate_demo(ani.db, ani.actor, 6, seed=3)
    return ani.package(tmp_path).path


def refused_by_cli(
    master: Path, package: Path, capsys: pytest.CaptureFixture[str], *extra: str
) -> str:
    before = digest(master)
    code = main(["--db", str(master), "merge", str(package), *extra])
    err = capsys.readouterr().err
    assert code == 1
    assert err.count("\n") == 1 and "Traceback" not in err
    assert str(package) in err
    assert digest(master) == before
    return err


def test_a_declared_bomb_is_refused_before_unpacking(
    study: Any, field_package: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    header, _ = unpack(field_package)
    payload = zeros(64 << 20)  # 64 MB of zeros in about 64 kB
    bomb = tmp_path / "bomb.ndpkg"
    manifest = {**header["manifest"], "content_size": 64 << 20}
    repack(bomb, {**header, "manifest": manifest}, payload)
    err = refused_by_cli(study.path, bomb, capsys)
    assert "refused: its content would unpack to 64.0 MB, more than the 16.0 MB" in err


def test_an_undeclared_bomb_stops_at_the_declared_size(
    study: Any, field_package: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    header, _ = unpack(field_package)
    bomb = tmp_path / "bomb.ndpkg"
    repack(bomb, header, zeros(64 << 20))  # the manifest still declares the real size
    declared = header["manifest"]["content_size"]
    tracemalloc.start()
    try:
        with pytest.raises(PackageLimitError, match=r"unpacks to more than the .* declares"):
            open_package(bomb, study_id=None)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < declared + 8 * (1 << 20)  # never the 64 MB it would inflate to
    err = refused_by_cli(study.path, bomb, capsys)
    assert "its content unpacks to more than the" in err


def test_the_limit_grows_with_the_package_up_to_a_hard_cap() -> None:
    assert limits.content_limit(10_000) == limits.MIN_LIMIT
    assert limits.content_limit(1 << 20) == 64 << 20
    assert limits.content_limit(1 << 30) == limits.HARD_CAP


@pytest.mark.parametrize(
    ("cost", "shown"),
    [
        ({"n": 2**22}, "n=4194304, r=8, p=1"),
        ({"r": 64}, "n=32768, r=64, p=1"),
        ({"p": 16}, "n=32768, r=8, p=16"),
        ({"n": 2**14}, "n=16384, r=8, p=1"),
    ],
)
def test_a_scrypt_cost_the_app_never_writes_is_refused_before_scrypt(
    study: Any,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    cost: dict[str, int],
    shown: str,
) -> None:
    sealed = tmp_path / "sealed.ndpkg"
    write_package(study.db, study.actor, sealed, PackageOptions(passphrase=SECRET))
    header, payload = unpack(sealed)
    header["payload"]["encryption"].update(cost)
    repack(sealed, header, payload)

    def never(_m: Manifest) -> str:
        raise AssertionError("the passphrase was asked for")

    with pytest.raises(PackageLimitError, match="scrypt cost"):
        open_package(sealed, study_id=None, passphrase=never)
    monkeypatch.setenv("NEUTRALITAS_PASSPHRASE", SECRET)
    err = refused_by_cli(study.path, sealed, capsys)
    assert f"refused: its encryption asks for a scrypt cost ({shown})" in err


@pytest.mark.parametrize(
    ("sql", "said"),
    [
        (
            "CREATE TABLE pwned (x); CREATE TRIGGER t_answer AFTER INSERT ON answer "
            "BEGIN INSERT INTO pwned VALUES (1); END;",
            "a trigger 't_answer'",
        ),
        ("CREATE VIEW v_answers AS SELECT * FROM answer;", "a view 'v_answers'"),
        ("CREATE TABLE extra_rows (x);", "an extra table 'extra_rows'"),
        ("CREATE INDEX ix_extra ON answer (id);", "an extra index 'ix_extra' on 'answer'"),
        ("ALTER TABLE informant DROP COLUMN notes;", "no column 'informant.notes'"),
        ("ALTER TABLE informant ADD COLUMN phone TEXT;", "an extra column 'informant.phone'"),
        ("DROP TABLE review_comment;", "no table 'review_comment'"),
    ],
)
def test_a_payload_not_of_its_schema_is_refused(
    study: Any,
    field_package: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    sql: str,
    said: str,
) -> None:
    forged = forge(field_package, tmp_path / "forged.ndpkg", sql)
    err = refused_by_cli(study.path, forged, capsys)
    assert f"tampered with: its data has {said}, not the schema of version" in err
    with study.db.engine.connect() as con:
        tables = {r[0] for r in con.exec_driver_sql("SELECT name FROM sqlite_master")}
    assert "pwned" not in tables
    # the genuine package from the same laptop still merges afterwards
    assert main(["--db", str(study.path), "merge", str(field_package)]) == 0
    with study.db.engine.connect() as con:
        sessions = con.exec_driver_sql("SELECT count(*) FROM field_session").scalar()
    assert sessions == 6


def test_a_trigger_in_a_payload_never_fires(
    study: Any, field_package: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A trigger on a table the merge writes to in the package is refused, not run."""
    forged = forge(
        field_package,
        tmp_path / "forged.ndpkg",
        "CREATE TRIGGER t_fire BEFORE UPDATE ON field_session "
        "BEGIN SELECT RAISE(ABORT, 'the trigger fired'); END;",
    )
    err = refused_by_cli(study.path, forged, capsys)
    assert "its data has a trigger 't_fire'" in err and "fired" not in err


def test_attachment_bytes_that_do_not_match_their_sha256_are_refused(
    study: Any, field_package: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _header, payload = unpack(field_package)
    db = tmp_path / "check.sqlite"
    db.write_bytes(zlib.decompress(payload))
    con = sqlite3.connect(db)
    (attachments,) = con.execute("SELECT count(*) FROM attachment").fetchone()
    con.close()
    assert attachments > 0
    forged = forge(
        field_package,
        tmp_path / "forged.ndpkg",
        "UPDATE attachment SET data = x'89504e470d0a1a0a00' "
        "WHERE sha256 = (SELECT min(sha256) FROM attachment);",
    )
    err = refused_by_cli(study.path, forged, capsys)
    assert "its data has an attachment whose bytes do not match its SHA-256" in err


def test_names_from_a_package_reach_the_terminal_escaped(
    study: Any, laptops: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A researcher named with terminal escapes (retitle the window, hide the text) and a
    bidi override: printed as visible escapes, never as raw control characters."""
    name = "Ani\x1b]0;owned\x07\x1b[8m Lestari\u202e"
    ani = laptops(1, name)
    generate_demo(ani.db, ani.actor, 2, seed=3)
    package = ani.package(tmp_path).path
    assert main(["--db", str(study.path), "merge", str(package)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
    assert "Ani\\x1b]0;owned\\x07\\x1b[8m Lestari\\u202e" in out


def test_a_payload_written_at_an_older_schema_is_checked_against_that_schema(
    tmp_path: Path,
) -> None:
    """What an older app wrote keeps opening; the same data claimed as newer does not."""
    old = Path(__file__).resolve().parents[1] / "data" / "study-schema-0001.sqlite"
    copy = tmp_path / "old.sqlite"
    copy.write_bytes(old.read_bytes())
    check_payload(tmp_path / "old.ndpkg", copy, "0001")
    with pytest.raises(TamperedPackageError, match="has no table 'id_alias'"):
        check_payload(tmp_path / "old.ndpkg", copy, "0002")


def test_the_packages_this_app_writes_have_the_schema_the_migrations_build(
    study: Any, tmp_path: Path
) -> None:
    """Payloads are made from the models, the expected schema by the migrations: a model
    and its migration that disagree (a column, an index) would refuse every package."""
    out = tmp_path / "study.ndpkg"
    write_package(study.db, study.actor, out)
    with open_package(out, study_id=None) as opened:
        con = cipher.connect(opened.database, opened.key)  # staged encrypted with a random key
        found = read_schema(con)
        con.close()
    expected = expected_schema(migrations.HEAD)
    assert found.objects == expected.objects
    assert found.columns == expected.columns


def test_a_file_larger_than_any_package_is_refused_before_it_is_read(
    study: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    huge = tmp_path / "huge.ndpkg"
    with huge.open("wb") as fh:  # sparse: takes no disk space
        fh.truncate(limits.HARD_CAP + limits.MAX_HEADER_AND_TRAILER + 1)
    err = refused_by_cli(study.path, huge, capsys)
    assert "it is larger than any field package" in err


def test_a_payload_with_damaged_pages_is_refused(
    study: Any, field_package: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    header, payload = unpack(field_package)
    content = bytearray(zlib.decompress(payload))
    middle = len(content) // 2
    content[middle : middle + 65536] = b"\xff" * 65536  # table pages, not the schema
    manifest = {
        **header["manifest"],
        "content_sha256": hashlib.sha256(content).hexdigest(),
        "content_size": len(content),
    }
    damaged = tmp_path / "damaged.ndpkg"
    repack(damaged, {**header, "manifest": manifest}, zlib.compress(bytes(content)))
    err = refused_by_cli(study.path, damaged, capsys)
    assert "tampered with: its data is a damaged database" in err


@pytest.mark.parametrize(
    ("sql", "said"),
    [
        ("UPDATE field_session SET updated_at = 'garbage';", "'field_session.updated_at'"),
        ("UPDATE answer_revision SET created_at = x'00ff';", "'answer_revision.created_at'"),
        ("UPDATE study SET settings = '{not json';", "'study.settings'"),
        ("UPDATE attachment SET size = 'big';", "'attachment.size'"),
    ],
)
def test_a_value_the_app_cannot_read_is_refused(
    study: Any,
    field_package: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    sql: str,
    said: str,
) -> None:
    forged = forge(field_package, tmp_path / "forged.ndpkg", sql)
    err = refused_by_cli(study.path, forged, capsys)
    assert f"value(s) of the wrong kind in {said}" in err


INCIDENT = (
    "INSERT INTO incident (id, site_id, theme_id, actor_type, actor_code, date_start, "
    "date_end, platform, link, favours, summary, recorded_by, created_at, updated_at, "
    "device_id, device_seq) SELECT 'ffffffff-0000-4000-8000-00000000f0f0', min(s.id), "
    "min(t.id), '{value}', 'ASN-1', '2024-10-01', NULL, '', '', '', '', NULL, "
    "'2024-10-01 10:00:00.000000', '2024-10-01 10:00:00.000000', min(s.device_id), 1 "
    "FROM site s, theme t;"
)


ELEMENT_TEST = (
    "INSERT INTO element_test (id, incident_id, provision, element, verdict, reasoning, "
    "evidence, recorded_by, deleted, created_at, updated_at, device_id, device_seq) "
    "SELECT 'eeeeeeee-0000-4000-8000-00000000f0f0', id, 'Pasal 71 ayat (1)', 'act', "
    "'{value}', '', '[]', NULL, 0, created_at, updated_at, device_id, 1 FROM incident;"
)


@pytest.mark.parametrize(
    ("table", "column", "value"),
    [
        ("field_session", "status", "12345"),
        ("field_session", "source_type", "rumour"),
        ("field_session", "source_role", "dukun"),
        ("informant", "consent_status", "maybe"),
        ("informant", "role", "dukun"),
        ("coding", "stance", "guilty"),
        ("incident", "actor_type", "alien\x1b[2J"),
        ("element_test", "verdict", "guilty"),
    ],
)
def test_a_value_outside_the_study_s_words_is_refused(
    study: Any,
    field_package: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    table: str,
    column: str,
    value: str,
) -> None:
    """A session status '12345', a consent state, source type, informant role, stance or
    actor type the app never writes: refused with the table, row, column and value."""
    key = "id"
    if table == "incident":
        sql = INCIDENT.format(value=value)
        row = "ffffffff-0000-4000-8000-00000000f0f0"
    elif table == "element_test":
        sql = INCIDENT.format(value="asn_staff") + ELEMENT_TEST.format(value=value)
        row = "eeeeeeee-0000-4000-8000-00000000f0f0"
    else:
        _header, payload = unpack(field_package)
        db = tmp_path / "check.sqlite"
        db.write_bytes(zlib.decompress(payload))
        con = sqlite3.connect(db)
        (row,) = con.execute(f"SELECT min({key}) FROM {table}").fetchone()
        con.close()
        assert row is not None
        sql = f"UPDATE {table} SET {column} = '{value}' WHERE {key} = '{row}';"
    forged = forge(field_package, tmp_path / "forged.ndpkg", sql)
    err = refused_by_cli(study.path, forged, capsys)
    assert f"tampered with: its data has {table} {row} with {column} {value!r}, not one of" in err
    assert "\x1b" not in err
    # the genuine package from the same laptop still merges afterwards
    assert main(["--db", str(study.path), "merge", str(field_package)]) == 0
