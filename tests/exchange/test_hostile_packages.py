"""Packages made by someone who holds a package file, a team passphrase or even a trusted
laptop's key: each forgery is refused with one line (exit status 1), the master stays
byte-for-byte as it was, and the genuine packages of the same laptops still merge after.

The forger here is the strongest one short of the supervisor: a researcher whose laptop the
study trusts, who rewrites the content of their own package and signs it again with their
own key (so only the rules of what a device may say can stop it).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from pathlib import Path
from typing import Any

import pytest
from exchange_helpers import TEST_SUPERVISOR, checkpoint, count, digest, join
from sqlalchemy import text
from sqlcipher3 import dbapi2 as sqlite3  # the driver the app opens study files with

from neutralitas_desktop.cli.main import main
from neutralitas_desktop.exchange.container import open_payload, read_envelope, write_container
from neutralitas_desktop.exchange.errors import AuthorshipError
from neutralitas_desktop.exchange.merge import merge_files
from neutralitas_desktop.exchange.package import write_package
from neutralitas_desktop.exchange.read import open_package
from neutralitas_desktop.exchange.review import approve_session
from neutralitas_desktop.exchange.signing import sign
from neutralitas_desktop.fieldwork import answers
from neutralitas_desktop.fieldwork.answers import save_answer, session_answers
from neutralitas_desktop.fieldwork.demo import generate_demo
from neutralitas_desktop.fieldwork.device_key import DeviceKey, fingerprint, load_device_key
from neutralitas_desktop.fieldwork.profile import save_profile
from neutralitas_desktop.fieldwork.study import open_study
from neutralitas_desktop.store.models import Informant, Theme, utcnow
from neutralitas_desktop.triangulation.agreement import assign, mark_done

FORGED_ID = "ffffffff-0000-4000-8000-00000000f0f0"
NOW = "2026-01-01 00:00:00.000000"


def forge(
    source: Path,
    out: Path,
    sql: str = "",
    *,
    key: DeviceKey | None,
    signed_then: dict[str, Any] | None = None,
    **manifest_changes: Any,
) -> Path:
    """``source`` with its content edited by ``sql`` ({seq} is the package's device
    sequence), its manifest changed, signed by ``key`` (unsigned without), and then (what a
    tamperer without the key does) its manifest changed again by ``signed_then``."""
    envelope = read_envelope(source)
    manifest = envelope.manifest
    work = out.with_suffix(".sqlite")
    work.write_bytes(open_payload(envelope, lambda _m: None))
    con = sqlite3.connect(work)
    con.executescript(sql.replace("{seq}", str(manifest.device_seq)))
    con.commit()
    con.close()
    content = work.read_bytes()
    work.unlink()
    manifest = dataclasses.replace(
        manifest,
        content_sha256=hashlib.sha256(content).hexdigest(),
        content_size=len(content),
        **manifest_changes,
    )
    signature = sign(key, manifest) if key else None
    if signed_then:
        manifest = dataclasses.replace(manifest, **signed_then)
    write_container(out, manifest, content, None, signature)
    return out


def merge_cli(master: Path, *packages: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    save_profile(TEST_SUPERVISOR)  # the supervisor's own laptop
    code = main(["--db", str(master), "merge", *map(str, packages)])
    out, err = capsys.readouterr()
    return code, err if code else out


@pytest.fixture
def team(study: Any, laptops: Any, handout: Path, tmp_path: Path) -> dict[str, Any]:
    """A master with one day of Ani's and Budi's work merged, one of Budi's sessions
    approved; Ani's genuine second-day package; Citra's laptop, never enrolled."""
    ani, budi = laptops(1, "Ani Lestari"), laptops(2, "Budi Santoso")
    generate_demo(ani.db, ani.actor, 4, seed=11, device_name="Laptop Ani")
    generate_demo(budi.db, budi.actor, 4, seed=12, device_name="Laptop Budi")
    day1 = [ani.package(tmp_path).path, budi.package(tmp_path).path]
    merge_files(study.db, study.actor, day1)
    with study.db.engine.connect() as con:
        approved = con.execute(
            text(
                "SELECT s.id FROM field_session s WHERE s.origin_device_id = :b "
                "AND s.status = 'completed' AND EXISTS (SELECT 1 FROM answer a "
                "WHERE a.session_id = s.id) ORDER BY s.id LIMIT 1"
            ),
            {"b": budi.actor.device_id},
        ).scalar_one()
    approve_session(study.db, study.actor, approved)
    generate_demo(ani.db, ani.actor, 2, seed=13, device_name="Laptop Ani")
    day2 = ani.package(tmp_path, since_last=True).path
    citra = join(tmp_path, handout, 3, "Citra Wulan")
    generate_demo(citra.db, citra.actor, 2, seed=14, device_name="Laptop Citra")
    stranger = citra.package(tmp_path).path
    citra.close()
    return {
        "ani": ani,
        "budi": budi,
        "day1": day1,
        "day2": day2,
        "approved": approved,
        "stranger": stranger,
    }


def attacks(study: Any, team: dict[str, Any], folder: Path) -> dict[str, tuple[Path, str]]:
    ani, budi = team["ani"], team["budi"]
    a, b = ani.actor.device_id, budi.actor.device_id
    key = load_device_key(a)
    day2 = team["day2"]
    master = study.path
    with study.db.engine.connect() as con:
        budi_answer = con.execute(
            text("SELECT id FROM answer WHERE session_id = :s LIMIT 1"), {"s": team["approved"]}
        ).scalar_one()
    attach = f"ATTACH '{master}' AS m;"
    columns = ", ".join(f'"{c.name}"' for c in Informant.__table__.columns)
    cases = {
        "rows of the supervisor's device": (
            f"UPDATE answer_revision SET device_id = '{study.actor.device_id}';",
            "written by another device",
        ),
        "rows of another laptop": (
            f"UPDATE answer_revision SET device_id = '{b}', device_seq = 1;",
            "it never sent itself",
        ),
        "settings change": (
            f'UPDATE study SET settings = \'{{"triangulation": {{"min_source_types": 1}}}}\', '
            f"device_id = '{a}', device_seq = {{seq}};",
            "study settings change only with the supervisor's key",
        ),
        "instrument": (
            "INSERT INTO instrument (id, form_id, version, content_hash, title, source_type, "
            f"definition, origin, created_at, device_id) SELECT '{FORGED_ID}', form_id, 'palsu', "
            "'f' || substr(content_hash, 2), title, source_type, definition, origin, "
            f"created_at, '{a}' FROM instrument LIMIT 1;",
            "instruments change only with the supervisor's key",
        ),
        "review decision": (
            "UPDATE field_session SET status = 'approved';",
            "arrives approved (a review decision)",
        ),
        "identity change": (
            f"{attach} INSERT INTO informant_identity (informant_id, real_name, contact, notes, "
            f"updated_at, device_id, device_seq) SELECT id, 'Nama Asli Palsu', '', '', updated_at, "
            f"'{a}', {{seq}} FROM m.informant WHERE origin_device_id = '{b}' LIMIT 1;",
            "identity of an informant another device made",
        ),
        "renamed researcher": (
            f"UPDATE researcher SET name = 'Peneliti Palsu', device_id = '{a}', "
            "device_seq = {seq} "
            f"WHERE id = '{study.actor.researcher_id}';",
            "renames or changes another device's researcher",
        ),
        "edit in an approved session": (
            "INSERT INTO answer_revision (id, answer_id, parent_id, value, note, created_at, "
            f"device_id, researcher_id, device_seq) VALUES ('{FORGED_ID}', '{budi_answer}', NULL, "
            f"'palsu', '', '2026-01-01 00:00:00.000000', '{a}', NULL, {{seq}});",
            "edits an answer in another researcher's approved session",
        ),
        "back-dated audit entry": (
            "INSERT INTO audit_event (id, at, device_id, researcher_id, action, entity, "
            f"entity_id, detail, device_seq) VALUES ('{FORGED_ID}', '2024-01-01 00:00:00.000000', "
            f"'{a}', NULL, 'consent.withdrawn', 'informant', 'x', '{{}}', 1);",
            "back-dated",
        ),
        "withdrawn by a non-owner": (
            f"{attach} INSERT OR REPLACE INTO informant ({columns}) SELECT {columns} "
            f"FROM m.informant WHERE origin_device_id = '{b}'; UPDATE informant SET "
            f"consent_status = 'withdrawn', device_id = '{a}', device_seq = {{seq}} "
            f"WHERE origin_device_id = '{b}';",
            "edits another device's informant",
        ),
        "edit to a theme it did not create": (
            f"UPDATE theme SET label = '{{\"id\": \"Tema palsu\"}}', device_id = '{a}', "
            "device_seq = {seq} WHERE id = (SELECT min(id) FROM theme);",
            "edits another device's theme",
        ),
        "updated_at 2099": (
            "UPDATE study SET updated_at = '2099-01-01 00:00:00.000000';",
            "altered copy of a row of device",
        ),
        "a double-coding assignment": (
            "INSERT INTO agreement_assignment (id, session_id, coder_id, assigned_by, done, "
            "done_at, created_at, updated_at, device_id, device_seq) VALUES "
            f"('{FORGED_ID}', '{team['approved']}', '{ani.actor.researcher_id}', NULL, 1, "
            f"NULL, '{NOW}', '{NOW}', '{a}', {{seq}});",
            "double-coding assignment only with the supervisor's key",
        ),
        "a resolved disagreement": (
            "INSERT INTO agreement_resolution (id, answer_id, target, start, theme_id, applied, "
            "stance, reason, resolver_id, created_at, updated_at, device_id, device_seq) "
            f"SELECT '{FORGED_ID}', '{budi_answer}', 'value', NULL, min(id), 1, '', 'sepakat', "
            f"NULL, '{NOW}', '{NOW}', '{a}', {{seq}} FROM theme;",
            "resolved coder disagreements change only with the supervisor's key",
        ),
    }
    made = {
        name: (forge(day2, folder / f"{i}.ndpkg", sql, key=key), message)
        for i, (name, (sql, message)) in enumerate(cases.items())
    }
    budi_id = open_package(team["day1"][1], study_id=None).manifest.package_id
    made["reused package id"] = (
        forge(day2, folder / "reused.ndpkg", key=key, package_id=budi_id),
        "is not its signing device's",
    )
    made["unsigned"] = (forge(day2, folder / "unsigned.ndpkg", key=None), "unsigned:")
    made["bad signature"] = (
        forge(day2, folder / "badsig.ndpkg", key=key, signed_then={"researcher": "Palsu"}),
        "its signature does not match",
    )
    made["unknown device"] = (team["stranger"], "which this study does not know")
    return made


def test_each_forgery_is_refused_in_one_line_and_the_master_is_untouched(
    study: Any, team: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "forged"
    folder.mkdir()
    cases = attacks(study, team, folder)
    assert len(cases) == 18
    checkpoint(study.db)
    before = digest(study.path)
    for name, (path, message) in cases.items():
        code, err = merge_cli(study.path, path, capsys=capsys)
        assert code == 1, (name, err)
        assert err.count("\n") == 1 and message in err, (name, err)
        assert digest(study.path) == before, name
    # The genuine packages of the same laptops still merge.
    sessions = count(study.db, "SELECT count(*) FROM field_session")
    code, out = merge_cli(study.path, team["day2"], capsys=capsys)
    assert code == 0, out
    assert count(study.db, "SELECT count(*) FROM field_session") == sessions + 2
    budi = team["budi"]
    generate_demo(budi.db, budi.actor, 1, seed=15, device_name="Laptop Budi")
    code, out = merge_cli(study.path, budi.package(tmp_path, since_last=True).path, capsys=capsys)
    assert code == 0, out
    assert count(study.db, "SELECT count(*) FROM field_session") == sessions + 3
    with study.db.engine.connect() as con:
        title = con.execute(
            text("SELECT name FROM researcher WHERE id = :r"), {"r": study.actor.researcher_id}
        ).scalar()
        withdrawn = con.execute(
            text("SELECT count(*) FROM informant WHERE consent_status = 'withdrawn'")
        ).scalar()
    assert title == TEST_SUPERVISOR.researcher_name and withdrawn == 0


def test_the_unknown_device_merges_once_the_supervisor_trusts_its_fingerprint(
    study: Any, team: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    with open_package(team["stranger"], study_id=None) as opened:
        print_ = fingerprint(opened.manifest.signer_key)
    code, err = merge_cli(study.path, team["stranger"], capsys=capsys)
    assert code == 1 and print_ in err
    code, out = merge_cli(study.path, team["stranger"], "--trust-device", print_.lower(),
                          capsys=capsys)  # fmt: skip
    assert code == 0, out
    assert "2 new sessions" in out


def test_a_laptop_clock_three_hours_behind_loses_no_edit(
    study: Any, laptops: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ani = laptops(1, "Ani Lestari")
    generate_demo(ani.db, ani.actor, 2, seed=21, device_name="Laptop Ani")
    merge_files(study.db, study.actor, [ani.package(tmp_path, since_last=True).path])
    with ani.db.engine.connect() as con:
        ids = list(con.execute(text("SELECT id FROM field_session ORDER BY id")).scalars())
    session = next(s for s in ids if session_answers(ani.db, s))
    key = sorted(session_answers(ani.db, session))[0]
    behind = utcnow() - dt.timedelta(hours=3)
    monkeypatch.setattr(answers, "utcnow", lambda: behind)
    save_answer(ani.db, ani.actor, session, key, "dikoreksi dengan jam mundur")
    merge_files(study.db, study.actor, [ani.package(tmp_path, since_last=True).path])
    assert session_answers(study.db, session)[key].value == "dikoreksi dengan jam mundur"


def test_a_row_stamped_in_2099_does_not_win_over_a_later_edit(
    study: Any, laptops: Any, tmp_path: Path
) -> None:
    """Order comes from device sequence numbers: a laptop's clock cannot make its edit last."""
    ani = laptops(1, "Ani Lestari")
    generate_demo(ani.db, ani.actor, 6, seed=22, device_name="Laptop Ani")
    merge_files(study.db, study.actor, [ani.package(tmp_path).path])
    with ani.db.session() as s:  # Ani edits her informants with a clock set to 2099
        for row in s.query(Informant):
            row.notes, row.updated_at = "catatan Ani", dt.datetime(2099, 1, 1)
    merge_files(study.db, study.actor, [ani.package(tmp_path, since_last=True).path])
    with study.db.session() as s:  # the supervisor edits them after that, in 2026
        for row in s.query(Informant):
            row.notes, row.device_id = "catatan supervisor", study.actor.device_id
    # Ani's next package still carries her 2099 rows: they are older than the supervisor's.
    merge_files(study.db, study.actor, [ani.package(tmp_path).path])
    with study.db.engine.connect() as con:
        notes = set(con.execute(text("SELECT notes FROM informant")).scalars())
    assert notes == {"catatan supervisor"}
    assert count(study.db, "SELECT count(*) FROM informant") > 0


def test_a_researcher_s_new_theme_arrives_proposed_until_the_supervisor_accepts_it(
    study: Any, laptops: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from neutralitas_desktop.triangulation.codebook import add_theme, get_theme

    ani = laptops(1, "Ani Lestari")
    add_theme(ani.db, ani.actor, "kode_terbuka_ani", {"id": "Kode terbuka Ani"})
    assert get_theme(ani.db, "kode_terbuka_ani").proposed  # on her laptop too
    merge_files(study.db, study.actor, [ani.package(tmp_path).path])
    theme = get_theme(study.db, "kode_terbuka_ani")
    assert theme.proposed
    with study.db.engine.connect() as con:
        origin = con.execute(
            text("SELECT origin_device_id FROM theme WHERE id = :t"), {"t": theme.id}
        ).scalar()
    assert origin == ani.actor.device_id
    save_profile(TEST_SUPERVISOR)
    assert main(["--db", str(study.path), "codebook", "list"]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert "(proposed)" in next(line for line in listed if "kode_terbuka_ani" in line)
    assert main(["--db", str(study.path), "codebook", "accept", "kode_terbuka_ani"]) == 0
    assert not get_theme(study.db, "kode_terbuka_ani").proposed
    # Her next package still holds the proposed copy: it does not undo the acceptance, and
    # accepting it herself is refused.
    merge_files(study.db, study.actor, [ani.package(tmp_path).path])
    assert not get_theme(study.db, "kode_terbuka_ani").proposed
    add_theme(ani.db, ani.actor, "kode_kedua_ani", {"id": "Kode kedua Ani"})
    with ani.db.session() as s:
        s.query(Theme).filter(Theme.code == "kode_kedua_ani").one().status = "accepted"
    with pytest.raises(AuthorshipError, match="theme only the supervisor accepts"):
        merge_files(study.db, study.actor, [ani.package(tmp_path).path])


def test_a_coder_marks_only_their_own_double_coding_done(
    study: Any, team: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ani, budi = team["ani"], team["budi"]
    coders = [ani.actor.researcher_id, budi.actor.researcher_id]
    assign(study.db, study.actor, [team["approved"]], coders)
    assigned = tmp_path / "assigned.ndpkg"
    write_package(study.db, study.actor, assigned)
    ani.merge(assigned)
    mark_done(ani.db, ani.actor, team["approved"])
    done = ani.package(tmp_path, since_last=True).path
    forged = forge(
        done,
        tmp_path / "budi-done.ndpkg",
        f"UPDATE agreement_assignment SET done = 1, device_id = '{ani.actor.device_id}', "
        f"device_seq = {{seq}} WHERE coder_id = '{budi.actor.researcher_id}';",
        key=load_device_key(ani.actor.device_id),
    )
    checkpoint(study.db)
    before = digest(study.path)
    code, err = merge_cli(study.path, forged, capsys=capsys)
    assert code == 1 and "marks another device's coder done" in err, err
    assert digest(study.path) == before
    code, out = merge_cli(study.path, done, capsys=capsys)
    assert code == 0, out
    sql = "SELECT coder_id FROM agreement_assignment WHERE done = 1"
    with study.db.engine.connect() as con:
        assert [r for (r,) in con.exec_driver_sql(sql)] == [ani.actor.researcher_id]


def _informant(laptop: Any, code: str) -> str:
    from neutralitas_desktop.fieldwork.informants import create_informant
    from neutralitas_desktop.fieldwork.sites import find_or_create_site

    with laptop.db.session() as s:
        site = find_or_create_site(s, laptop.actor, f"Kantor {laptop.profile.device_name}", "desa")
        role = s.execute(text("SELECT min(code) FROM informant_role")).scalar_one()
        return create_informant(s, laptop.actor, role=role, site_id=site, code=code)


def relaying(laptops: Any, tmp_path: Path) -> tuple[Any, Any, Path, str]:
    """Ani and Budi; Budi merged Ani's first package and edited an answer of hers (so his
    package relays her rows), and made her informant's code unique on his laptop (an
    informant code both used: hers has the larger id, so his laptop suffixed her copy)."""
    ani, budi = laptops(1, "Ani Lestari"), laptops(2, "Budi Santoso")
    generate_demo(ani.db, ani.actor, 3, seed=31, device_name="Laptop Ani")
    generate_demo(budi.db, budi.actor, 3, seed=32, device_name="Laptop Budi")
    tries = 0
    while (hers := _informant(ani, f"INF-SAMA{tries}")) < _informant(budi, f"INF-SAMA{tries}"):
        tries += 1
    budi.merge(ani.package(tmp_path).path)
    code = f"SELECT code FROM informant WHERE id = '{hers}'"
    assert count(budi.db, f"SELECT count(*) FROM ({code}) c WHERE code LIKE 'INF-SAMA%-%'") == 1
    session = next(s for s in session_ids(ani.db) if session_answers(ani.db, s))
    key = sorted(session_answers(ani.db, session))[0]
    save_answer(budi.db, budi.actor, session, key, "versi Budi")
    return ani, budi, ani.package(tmp_path).path, session + "/" + key


def session_ids(db: Any) -> list[str]:
    with db.engine.connect() as con:
        return sorted(con.execute(text("SELECT id FROM field_session")).scalars())


def test_a_package_relaying_another_laptop_s_rows_merges_in_either_order(
    study: Any, laptops: Any, handout: Path, tmp_path: Path
) -> None:
    """One merge takes each laptop's own package before those that relay its rows, so a
    new master is the same whatever order the files are named in."""
    from exchange_helpers import dump

    from neutralitas_desktop.exchange.merge import merge_for_profile

    ani, budi, ani_package, where = relaying(laptops, tmp_path)
    session, key = where.split("/")
    budi_package = budi.package(tmp_path).path
    trust = [load_device_key(x.actor.device_id).fingerprint for x in (ani, budi)]
    masters = []
    for name, order in (("ab", [ani_package, budi_package]), ("ba", [budi_package, ani_package])):
        path = tmp_path / f"master-{name}.sqlite"
        merge_for_profile(path, TEST_SUPERVISOR, [handout, *order], trust=trust)
        masters.append(open_study(path, TEST_SUPERVISOR)[0])
    try:
        assert dump(masters[0]) == dump(masters[1])
        assert count(masters[1], "SELECT count(*) FROM field_session") == 6
        assert session_answers(masters[1], session)[key].value == "versi Budi"
        # Every code both laptops used is kept twice, one of them made unique.
        same = count(masters[1], "SELECT count(*) FROM informant WHERE code LIKE 'INF-SAMA%'")
        unique = count(masters[1], "SELECT count(*) FROM informant WHERE code LIKE 'INF-SAMA%-%'")
        assert same == 2 * unique > 0
    finally:
        for db in masters:
            db.close()


def test_rows_a_laptop_forges_in_the_name_of_a_laptop_it_relays_are_refused(
    study: Any, laptops: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Relayed rows are checked against what their author's own signed package brought,
    even when both packages come in one merge with the relaying one named first."""
    ani, budi, ani_package, where = relaying(laptops, tmp_path)
    session, key = where.split("/")
    a = ani.actor.device_id
    genuine = budi.package(tmp_path).path
    budi_key = load_device_key(budi.actor.device_id)
    with ani.db.engine.connect() as con:
        her_answer = con.execute(
            text("SELECT id FROM answer WHERE session_id = :s AND key = :k"),
            {"s": session, "k": key},
        ).scalar_one()
    forged_revision = (
        "INSERT INTO answer_revision (id, answer_id, parent_id, value, note, created_at, "
        f"device_id, researcher_id, device_seq, sealed) VALUES ('{FORGED_ID}', '{her_answer}', "
        f"NULL, 'palsu', '', '{NOW}', '{a}', NULL, {{ani_seq}}, 1);"
    )
    cases = {
        "her informant withdrawn under her stamp": (
            f"UPDATE informant SET consent_status = 'withdrawn' WHERE origin_device_id = '{a}';",
            f"altered copy of a row of device {a[:8]}",
        ),
        "an answer revision she never wrote": (
            forged_revision.replace("{ani_seq}", "1"),
            f"a row of device {a[:8]} it never sent itself",
        ),
    }
    for n, (name, (sql, message)) in enumerate(cases.items()):
        forged = forge(genuine, tmp_path / f"relay-{n}.ndpkg", sql, key=budi_key)
        code, err = merge_cli(study.path, forged, ani_package, capsys=capsys)
        assert code == 1 and err.count("\n") == 1 and message in err, (name, err)
    # Her own package went first and stays merged; nothing Budi forged reached the master.
    assert count(study.db, "SELECT count(*) FROM informant WHERE consent_status = 'withdrawn' "
                 "AND origin_device_id = :a", a=a) == count(
        ani.db, "SELECT count(*) FROM informant WHERE consent_status = 'withdrawn'"
    )  # fmt: skip
    # A revision numbered past her package is not taken on Budi's word either: it is left
    # for her own package to bring, and never arrives.
    later = forge(
        genuine, tmp_path / "relay-later.ndpkg", forged_revision.replace("{ani_seq}", "999999"),
        key=budi_key,
    )  # fmt: skip
    code, out = merge_cli(study.path, later, capsys=capsys)
    assert code == 0, out
    assert count(study.db, "SELECT count(*) FROM answer_revision WHERE value = 'palsu'") == 0
    assert session_answers(study.db, session)[key].value == "versi Budi"
