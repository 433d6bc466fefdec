"""Forgeries that carry rows the master already has, changed: a merge writes some of those
over in place (an answer's relevance flag, the first maker of an instrument or attachment,
a revision's further parents, a session's state through its versions), so each must be
its signing laptop's to write. Each is refused in one line and the master stays
byte-for-byte as it was; a forged stamp of another laptop changes nothing.

The forger is a researcher whose laptop the study trusts (see test_hostile_packages)."""

# ruff: noqa: F811 (the tests take `team`, the fixture test_hostile_packages shares)

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from exchange_helpers import checkpoint, count, digest
from sqlalchemy import text
from test_hostile_packages import forge, merge_cli, team  # noqa: F401

from neutralitas_desktop.exchange.merge import merge_files
from neutralitas_desktop.exchange.package import write_package
from neutralitas_desktop.fieldwork.attachments import store_bytes
from neutralitas_desktop.fieldwork.device_key import load_device_key
from neutralitas_desktop.fieldwork.sessions import set_status

EARLY = "2000-01-01 00:00:00.000000"


def _copy(table: str, where: str) -> str:
    """SQL that copies the master's rows of ``table`` into the package (``m``: the master)."""
    return f"INSERT OR REPLACE INTO {table} SELECT * FROM m.{table} WHERE {where};"


def _refused(study: Any, path: Path, capsys: pytest.CaptureFixture[str], *messages: str) -> None:
    checkpoint(study.db)
    before = digest(study.path)
    code, err = merge_cli(study.path, path, capsys=capsys)
    assert code == 1 and err.count("\n") == 1, err
    assert all(message in err for message in messages), err
    assert str(path) in err
    assert digest(study.path) == before


def test_rows_the_master_has_cannot_be_rewritten_by_a_laptop_that_did_not_write_them(
    study: Any, team: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ani, budi = team["ani"], team["budi"]
    a, b, supervisor = ani.actor.device_id, budi.actor.device_id, study.actor.device_id
    approved = team["approved"]
    # Budi attaches a screenshot; the master has it from his own package.
    sha = store_bytes(budi.db, budi.actor, b"tangkapan layar", "bukti.png", "image/png").sha256
    merge_files(study.db, study.actor, [budi.package(tmp_path, since_last=True).path])
    with study.db.engine.connect() as con:
        first, second = con.execute(
            text(
                "SELECT r.id FROM answer_revision r JOIN answer a ON a.id = r.answer_id "
                "WHERE a.session_id = :s ORDER BY r.id LIMIT 2"
            ),
            {"s": approved},
        ).scalars()
    master = f"ATTACH '{study.path}' AS m; "
    answers = master + _copy("field_session", f"id = '{approved}'")
    answers += _copy("answer", f"session_id = '{approved}'")
    hide = (
        "UPDATE answer SET relevant = 0, device_id = '{who}', device_seq = {seq} "
        f"WHERE session_id = '{approved}';"
    )
    cases = {
        "answers of another researcher's approved session marked irrelevant": (
            answers + hide.replace("{who}", a),
            "edits an answer in another researcher's approved session",
        ),
        "the same under the supervisor's stamp": (
            answers + hide.replace("{who}", supervisor).replace("{seq}", "999999"),
            f"numbered after anything device {supervisor[:8]} wrote",
        ),
        "the master's instruments made earlier, by this laptop": (
            f"UPDATE instrument SET created_at = '{EARLY}', device_id = '{a}', origin = 'palsu';",
            "instruments change only with the supervisor's key",
        ),
        "another laptop's attachment renamed and made earlier": (
            master + _copy("attachment", f"sha256 = '{sha}'")
            + f"UPDATE attachment SET created_at = '{EARLY}', filename = 'palsu.exe';",
            f"attachment {sha[:8]}: altered copy of a row of device {b[:8]}",
        ),
        "a further parent for another laptop's revision": (
            f"INSERT INTO revision_parent (revision_id, parent_id) VALUES ('{first}', '{second}');",
            f"revision_parent {first[:8]}: rewrites the history of a revision",
        ),
    }  # fmt: skip
    key = load_device_key(a)
    for n, (sql, message) in enumerate(cases.values()):
        forged = forge(team["day2"], tmp_path / f"rewrite-{n}.ndpkg", sql, key=key)
        _refused(study, forged, capsys, message)
    # Under Budi's stamp, numbered past his last package, the same rows are left for his own
    # package to bring: the merge takes Ani's work and none of them.
    relayed = answers + hide.replace("{who}", b).replace("{seq}", "999999")
    forged = forge(team["day2"], tmp_path / "relayed.ndpkg", relayed, key=key)
    code, out = merge_cli(study.path, forged, capsys=capsys)
    assert code == 0, out
    hidden = "SELECT count(*) FROM answer WHERE session_id = :s AND relevant = 0"
    assert count(study.db, hidden, s=approved) == 0
    assert count(study.db, "SELECT count(*) FROM answer WHERE device_seq = 999999") == 0
    assert count(study.db, "SELECT count(*) FROM instrument WHERE origin = 'palsu'") == 0
    assert count(study.db, "SELECT count(*) FROM attachment WHERE filename = 'bukti.png'") == 1
    assert count(study.db, "SELECT count(*) FROM revision_parent") == 0


def test_a_laptop_cannot_reopen_or_refuse_another_researcher_s_session(
    study: Any, team: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Ani's laptop got the whole study from the supervisor, and in her app reopens the
    session the supervisor approved and refuses another of Budi's sessions (a final status)."""
    ani, budi = team["ani"], team["budi"]
    everything = tmp_path / "study-again.ndpkg"
    write_package(study.db, study.actor, everything)
    ani.merge(everything)
    with ani.db.engine.connect() as con:
        other = con.execute(
            text(
                "SELECT id FROM field_session WHERE origin_device_id = :b "
                "AND status = 'completed' ORDER BY id LIMIT 1"
            ),
            {"b": budi.actor.device_id},
        ).scalar_one()
    set_status(ani.db, ani.actor, team["approved"], "draft")
    set_status(ani.db, ani.actor, other, "draft")
    set_status(ani.db, ani.actor, other, "refused")
    package = ani.package(tmp_path, since_last=True).path
    _refused(
        study,
        package,
        capsys,
        "changes another researcher's approved session",
        "refuses another device's session",
    )
    statuses = "SELECT status FROM field_session WHERE id IN (:a, :o) ORDER BY status"
    with study.db.engine.connect() as con:
        found = list(con.execute(text(statuses), {"a": team["approved"], "o": other}).scalars())
    assert found == ["approved", "completed"]
