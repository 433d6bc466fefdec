"""The same merges with the master on a PostgreSQL server (NEUTRALITAS_TEST_PG_URL): the
master equals the one SQLite builds, previews change nothing, conflicts resolve, and a
package written from the server merges back into a laptop."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from exchange_helpers import TEST_SUPERVISOR, count, dump

from neutralitas_desktop.cli.main import main
from neutralitas_desktop.exchange.conflicts import list_conflicts, resolve_conflict
from neutralitas_desktop.exchange.merge import merge_files, merge_for_profile
from neutralitas_desktop.exchange.package import write_package
from neutralitas_desktop.fieldwork.answers import save_answer, session_answers
from neutralitas_desktop.fieldwork.demo import generate_demo
from neutralitas_desktop.fieldwork.device_key import load_device_key
from neutralitas_desktop.fieldwork.profile import save_profile
from neutralitas_desktop.fieldwork.sessions import get_session, list_sessions
from neutralitas_desktop.fieldwork.study import open_study

pytestmark = pytest.mark.postgres


def test_postgres_master_equals_the_sqlite_one(
    pg_database: str, laptops: Any, handout: Path, tmp_path: Path
) -> None:
    ani, budi = laptops(1, "Ani Lestari"), laptops(2, "Budi Santoso")
    generate_demo(ani.db, ani.actor, 6, seed=21)
    generate_demo(budi.db, budi.actor, 6, seed=22)
    budi.merge(ani.package(tmp_path).path)
    session = next(iter(sorted(session_ids(ani.db))))
    key = sorted(session_answers(ani.db, session))[0]
    save_answer(ani.db, ani.actor, session, key, "versi Ani")
    save_answer(budi.db, budi.actor, session, key, "versi Budi")
    paths = [handout, ani.package(tmp_path).path, budi.package(tmp_path).path]
    trust = [load_device_key(x.actor.device_id).fingerprint for x in (ani, budi)]
    # joins the empty server database
    merge_for_profile(pg_database, TEST_SUPERVISOR, paths, trust=trust)
    lite = tmp_path / "master.sqlite"
    merge_for_profile(lite, TEST_SUPERVISOR, [paths[0], *reversed(paths[1:])], trust=trust)
    pg, pg_actor = open_study(pg_database, TEST_SUPERVISOR)
    sqlite_db, _ = open_study(lite, TEST_SUPERVISOR)
    try:
        assert dump(pg) == dump(sqlite_db)
        assert count(pg, "SELECT count(*) FROM field_session") == 12
        preview = merge_files(pg, pg_actor, [ani.package(tmp_path).path], dry_run=True)
        assert preview[0].totals.empty and count(pg, "SELECT count(*) FROM merge_log") == 3
        [conflict] = list_conflicts(pg)
        assert {s.value for s in conflict.sides} == {"versi Ani", "versi Budi"}
        resolve_conflict(pg, pg_actor, conflict.ref, value="versi supervisor")
        assert session_answers(pg, session)[key].value == "versi supervisor"
        assert list_conflicts(pg) == []
        back = tmp_path / "from-server.ndpkg"
        write_package(pg, pg_actor, back)
        ani.merge(back)
        assert session_answers(ani.db, session)[key].value == "versi supervisor"
    finally:
        pg.close()
        sqlite_db.close()


def test_every_exchange_command_takes_a_postgres_url(
    pg_database: str, laptops: Any, handout: Path, tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    ani = laptops(1, "Ani Lestari")
    generate_demo(ani.db, ani.actor, 4, seed=23)
    save_profile(TEST_SUPERVISOR)
    package = ani.package(tmp_path).path
    ani_key = load_device_key(ani.actor.device_id).fingerprint
    assert (
        main(["--db", pg_database, "merge", str(handout), str(package), "--trust-device", ani_key])
        == 0
    )
    assert "4 new sessions" in capsys.readouterr().out
    assert main(["--db", pg_database, "merge", "--dry-run", str(package)]) == 0
    assert "already merged" in capsys.readouterr().out
    pg, _ = open_study(pg_database, TEST_SUPERVISOR)
    done = next(s.id for s in list_sessions(pg) if s.status == "completed")
    pg.close()
    assert main(["--db", pg_database, "review", "return", done[:8], "--comment", "Cek lagi."]) == 0
    pg, _ = open_study(pg_database, TEST_SUPERVISOR)
    assert get_session(pg, done).status == "returned"
    pg.close()
    assert main(["--db", pg_database, "conflicts", "list"]) == 0
    assert main(["--db", pg_database, "package", str(tmp_path / "out.ndpkg")]) == 0
    assert "4 sessions" in capsys.readouterr().out


def session_ids(db: Any) -> list[str]:
    with db.engine.connect() as con:
        return sorted(r[0] for r in con.exec_driver_sql("SELECT id FROM field_session"))


def test_exports_matrix_and_saves_on_a_postgres_master(
    pg_database: str, laptops: Any, handout: Path, tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    import json

    import openpyxl
    from pypdf import PdfReader

    ani = laptops(1, "Ani Lestari")
    generate_demo(ani.db, ani.actor, 8, seed=24)
    save_profile(TEST_SUPERVISOR)
    ani_key = load_device_key(ani.actor.device_id).fingerprint
    package = str(ani.package(tmp_path).path)
    assert (
        main(["--db", pg_database, "merge", str(handout), package, "--trust-device", ani_key]) == 0
    )
    capsys.readouterr()
    # The same matrix on the server as on the laptop it came from.
    assert main(["--db", pg_database, "triangulate", "--format", "json"]) == 0
    on_server = json.loads(capsys.readouterr().out)
    assert main(["--db", str(ani.path), "triangulate", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == on_server
    # A supervisor's edit is saved on the server as on a laptop: a new revision.
    pg, actor = open_study(pg_database, TEST_SUPERVISOR)
    session = session_ids(pg)[0]
    key = sorted(session_answers(pg, session))[0]
    save_answer(pg, actor, session, key, "dikoreksi pemeriksa", "cek ulang")
    state = session_answers(pg, session)[key]
    pg.close()
    assert (state.value, state.note, state.revision_count) == (
        "dikoreksi pemeriksa",
        "cek ulang",
        2,
    )
    xlsx, pdf = tmp_path / "master.xlsx", tmp_path / "master.pdf"
    assert main(["--db", pg_database, "export", "excel", str(xlsx)]) == 0
    assert main(["--db", pg_database, "export", "pdf", str(pdf), "--report", "summary"]) == 0
    rows = list(openpyxl.load_workbook(xlsx, read_only=True)["Answers (long)"].values)
    assert any(r[0] == session and "dikoreksi pemeriksa" in r for r in rows)
    cover = " ".join(PdfReader(pdf).pages[0].extract_text().split())
    assert "Netralitas ASN menjelang Pilkada" in cover
