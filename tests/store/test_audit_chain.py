"""The audit log cannot be quietly edited: every device's events form a hash chain that
`neutralitas check` verifies, naming the first broken link; a merge keeps every chain
verifiable."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from sqlcipher3 import dbapi2 as sqlite3  # the driver the app opens study files with

from neutralitas_desktop.cli.main import main
from neutralitas_desktop.exchange.merge import join_study, merge_files
from neutralitas_desktop.exchange.package import PackageOptions, write_package
from neutralitas_desktop.fieldwork.informants import record_consent
from neutralitas_desktop.fieldwork.profile import LocalProfile
from neutralitas_desktop.store.database import open_database
from neutralitas_desktop.store.integrity import check_database

SUPERVISOR = LocalProfile("00000000-0000-4000-8000-00000000000f", "kantor", "Supervisor", "SV")


def _chain(path: Path, device: str) -> list[tuple[str, int, str, str, str]]:
    con = sqlite3.connect(path)
    try:
        return con.execute(
            "SELECT id, seq, prev_hash, content_hash, at FROM audit_event "
            "WHERE device_id = ? AND seq IS NOT NULL ORDER BY seq",
            (device,),
        ).fetchall()
    finally:
        con.close()


def _check(capsys: pytest.CaptureFixture[str], path: Path) -> tuple[int, str]:
    code = main(["--db", str(path), "check"])
    return code, capsys.readouterr().out


def _events(study, n: int = 25) -> None:  # type: ignore[no-untyped-def]
    """Audit events written by the services (a consent recorded again and again)."""
    con = sqlite3.connect(study.path)
    ids = [r[0] for r in con.execute("SELECT id FROM informant ORDER BY code LIMIT ?", (n,))]
    con.close()
    for i in range(n):
        record_consent(study.db, study.actor, ids[i % len(ids)], "given", note=f"catatan {i}")


def test_events_form_one_chain_per_device(demo_study) -> None:  # type: ignore[no-untyped-def]
    _events(demo_study)
    chain = _chain(demo_study.path, demo_study.actor.device_id)
    assert len(chain) > 20
    assert [seq for _, seq, *_ in chain] == list(range(1, len(chain) + 1))
    assert chain[0][2] == ""
    for before, after in itertools.pairwise(chain):
        assert after[2] == before[3]  # each event holds the hash of the one before it
    assert check_database(demo_study.db) == []


def test_check_names_a_deleted_and_an_edited_event(
    demo_study, capsys: pytest.CaptureFixture[str]
) -> None:  # type: ignore[no-untyped-def]
    device = demo_study.actor.device_id
    _events(demo_study)
    chain = _chain(demo_study.path, device)
    demo_study.db.close()
    deleted, after_gap = chain[5], chain[6]
    edited = chain[10]
    con = sqlite3.connect(demo_study.path)
    con.execute("DELETE FROM audit_event WHERE id = ?", (deleted[0],))
    con.execute(
        "UPDATE audit_event SET detail = json_set(detail, '$.note', 'diubah') WHERE id = ?",
        (edited[0],),
    )
    con.commit()
    con.close()

    code, out = _check(capsys, demo_study.path)
    assert code == 1
    lines = out.splitlines()
    gap = [line for line in lines if "missing" in line]
    assert len(gap) == 1
    assert "events #6 of the chain are missing" in gap[0]
    assert f"before event {after_gap[0]} (device {device}, {after_gap[4][:10]}" in gap[0]
    changed = [line for line in lines if "was edited" in line]
    assert changed == [
        f"audit log: event {edited[0]} (device {device}, {edited[4][:10]}T{edited[4][11:19]}) "
        "was edited: its content does not match its hash"
    ]


def test_deleting_the_start_of_a_chain_is_named(
    demo_study, capsys: pytest.CaptureFixture[str]
) -> None:  # type: ignore[no-untyped-def]
    _events(demo_study, 5)
    chain = _chain(demo_study.path, demo_study.actor.device_id)
    demo_study.db.close()
    con = sqlite3.connect(demo_study.path)
    con.executemany("DELETE FROM audit_event WHERE id = ?", [(row[0],) for row in chain[:3]])
    con.commit()
    con.close()
    code, out = _check(capsys, demo_study.path)
    assert code == 1 and "events #1–#3 of the chain are missing" in out
    assert f"before event {chain[3][0]}" in out


def test_merged_events_keep_every_chain_verifiable(demo_study, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _events(demo_study, 5)
    first = tmp_path / "day1.ndpkg"
    write_package(demo_study.db, demo_study.actor, first, PackageOptions(since_last=True))
    master = tmp_path / "master.sqlite"
    join_study(master, SUPERVISOR, [first])
    record_consent(demo_study.db, demo_study.actor, _any_informant(demo_study.path), "given")
    second = tmp_path / "day2.ndpkg"
    write_package(demo_study.db, demo_study.actor, second, PackageOptions(since_last=True))
    db = open_database(master)
    try:
        merge_files(db, _supervisor_actor(db), [second])
        assert check_database(db) == []
    finally:
        db.close()
    device = demo_study.actor.device_id
    laptop = _chain(demo_study.path, device)
    merged = _chain(master, device)
    # The master holds the laptop's chain as written, up to the event saying day 2 was
    # packaged (written after that package, so it travels with the next one).
    assert merged == laptop[: len(merged)] and len(merged) == len(laptop) - 1


def _any_informant(path: Path) -> str:
    con = sqlite3.connect(path)
    try:
        return str(con.execute("SELECT id FROM informant ORDER BY code").fetchone()[0])
    finally:
        con.close()


def _supervisor_actor(db):  # type: ignore[no-untyped-def]
    from neutralitas_desktop.fieldwork.study import register_actor

    return register_actor(db, SUPERVISOR)


def _drop_after_the_audit_chain(con: sqlite3.Connection) -> None:
    """What the migrations after 0004 added (0005, 0009, 0010, 0011, 0012, 0013, 0016, 0017)."""
    for table in ("element_test", "legal_material"):  # 0016
        con.execute(f"DROP TABLE {table}")
    con.execute("ALTER TABLE answer_revision DROP COLUMN sealed")  # 0012
    for table in ("evidence_line", "incident", "member_check"):  # 0011
        con.execute(f"DROP TABLE {table}")
    for column in ("incidents", "status_reason", "status_before_reasons"):  # 0011
        con.execute(f"ALTER TABLE finding DROP COLUMN {column}")
    con.execute("ALTER TABLE theme DROP COLUMN color")
    for column in ("category", "selection", "consent_named"):
        con.execute(f"ALTER TABLE informant DROP COLUMN {column}")
    for table in ("agreement_assignment", "agreement_resolution", "device_key", "device_sequence"):
        con.execute(f"DROP TABLE {table}")
    numbered = [
        name
        for (name,) in con.execute(
            "SELECT m.name FROM sqlite_master m JOIN pragma_table_info(m.name) c "
            "WHERE m.type = 'table' AND c.name = 'device_seq'"
        )
    ]
    for table in numbered:
        con.execute(f"ALTER TABLE {table} DROP COLUMN device_seq")
    for table in ("informant", "field_session", "theme"):
        con.execute(f"ALTER TABLE {table} DROP COLUMN origin_device_id")
    con.execute("ALTER TABLE theme DROP COLUMN status")


def test_events_of_an_older_database_are_sealed_when_it_is_upgraded(
    demo_study, capsys: pytest.CaptureFixture[str]
) -> None:  # type: ignore[no-untyped-def]
    _events(demo_study, 4)
    demo_study.db.close()
    con = sqlite3.connect(demo_study.path)  # as a database of schema 0002 held them
    con.execute("DROP INDEX ix_audit_event_chain")
    for column in ("seq", "prev_hash", "content_hash"):
        con.execute(f"ALTER TABLE audit_event DROP COLUMN {column}")
    _drop_after_the_audit_chain(con)
    con.execute("UPDATE alembic_version SET version_num = '0002'")
    con.commit()
    con.close()
    db, actor = open_database(demo_study.path), demo_study.actor  # upgraded on opening
    try:
        assert check_database(db) == []
        record_consent(db, actor, _any_informant(demo_study.path), "given")
    finally:
        db.close()
    con = sqlite3.connect(demo_study.path)
    rows = con.execute(
        "SELECT id, seq, prev_hash, length(content_hash) FROM audit_event ORDER BY at"
    ).fetchall()
    # The demo's analytic events (incidents, lines, a finding) and the four consents are
    # sealed by their own hashes; the first event after the upgrade starts the chain.
    assert len(rows) > 5
    assert [(seq, prev, size) for _, seq, prev, size in rows] == [(None, "", 64)] * (
        len(rows) - 1
    ) + [(1, "", 64)]
    con.execute("UPDATE audit_event SET entity_id = 'lain' WHERE id = ?", (rows[1][0],))
    con.commit()
    con.close()
    code, out = _check(capsys, demo_study.path)
    assert code == 1 and f"event {rows[1][0]}" in out and "was edited" in out
