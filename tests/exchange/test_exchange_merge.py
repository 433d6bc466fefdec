"""Merge semantics: union of histories, idempotence, any order gives the same study,
conflicts for concurrent edits (answers, session status, codings) and their resolution,
sites and informant codes made offline on two laptops, partial packages."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from exchange_helpers import (
    TEST_SUPERVISOR,
    checkpoint,
    count,
    digest,
    dump,
    observation,
)

from neutralitas_desktop.errors import NeutralitasError
from neutralitas_desktop.exchange.conflicts import list_conflicts, resolve_conflict
from neutralitas_desktop.exchange.merge import merge_files
from neutralitas_desktop.exchange.package import find_researcher
from neutralitas_desktop.fieldwork.answers import answer_history, save_answer, session_answers
from neutralitas_desktop.fieldwork.demo import generate_demo
from neutralitas_desktop.fieldwork.informants import create_informant
from neutralitas_desktop.fieldwork.sessions import get_session, set_status
from neutralitas_desktop.fieldwork.study import open_study
from neutralitas_desktop.store.models import utcnow


def master_copy(study: Any, tmp_path: Path, name: str) -> Any:
    checkpoint(study.db)
    path = tmp_path / f"{name}.sqlite"
    shutil.copy(study.path, path)
    db, actor = open_study(path, TEST_SUPERVISOR)
    return db, actor, path


@pytest.fixture
def two_laptops(laptops: Any) -> tuple[Any, Any]:
    ani, budi = laptops(1, "Ani Lestari"), laptops(2, "Budi Santoso")
    generate_demo(ani.db, ani.actor, 10, seed=11, device_name="Laptop Ani")
    generate_demo(budi.db, budi.actor, 10, seed=12, device_name="Laptop Budi")
    return ani, budi


def test_merge_is_a_union_idempotent_and_order_independent(
    study: Any, two_laptops: tuple[Any, Any], tmp_path: Path
) -> None:
    ani, budi = two_laptops
    a, b = ani.package(tmp_path).path, budi.package(tmp_path).path
    m1, actor1, _ = master_copy(study, tmp_path, "m1")
    m2, actor2, _ = master_copy(study, tmp_path, "m2")
    first = merge_files(m1, actor1, [a, b])
    assert [s.totals.new_sessions for s in first] == [10, 10]
    assert [list(s.by_researcher) for s in first] == [["Laptop Ani"], ["Laptop Budi"]]
    merge_files(m2, actor2, [b, a])
    assert dump(m1) == dump(m2)
    again = merge_files(m1, actor1, [a, b])
    assert [s.already_merged for s in again] == [True, True]
    # The same rows in a new package (new package id) change nothing either, but for the
    # audit event that says Ani wrote her first package.
    before = dump(m1, skip={"audit_event"})
    events = count(m1, "SELECT count(*) FROM audit_event")
    summary = merge_files(m1, actor1, [ani.package(tmp_path).path])[0]
    assert not summary.already_merged and summary.totals.empty
    assert dump(m1, skip={"audit_event"}) == before
    assert count(m1, "SELECT count(*) FROM audit_event") == events + 1
    assert count(m1, "SELECT count(*) FROM field_session") == 20
    assert count(m1, "SELECT count(*) FROM answer_revision") == count(
        ani.db, "SELECT count(*) FROM answer_revision"
    ) + count(budi.db, "SELECT count(*) FROM answer_revision")
    assert count(m1, "SELECT count(*) FROM merge_log") == 3
    m1.close()
    m2.close()


def test_dry_run_changes_nothing_and_says_what_merge_would_do(
    study: Any, two_laptops: tuple[Any, Any], tmp_path: Path
) -> None:
    ani, budi = two_laptops
    paths = [ani.package(tmp_path).path, budi.package(tmp_path).path]
    checkpoint(study.db)
    before = digest(study.path)
    preview = merge_files(study.db, study.actor, paths, dry_run=True)
    assert digest(study.path) == before
    assert count(study.db, "SELECT count(*) FROM field_session") == 0
    real = merge_files(study.db, study.actor, paths)
    assert [s.by_researcher for s in preview] == [s.by_researcher for s in real]


def test_sequential_edits_are_not_conflicts(
    study: Any, two_laptops: tuple[Any, Any], tmp_path: Path
) -> None:
    ani, _ = two_laptops
    merge_files(study.db, study.actor, [ani.package(tmp_path).path])
    session = next(s for s in session_ids(ani.db) if session_answers(ani.db, s))
    key = sorted(session_answers(ani.db, session))[0]
    save_answer(ani.db, ani.actor, session, key, "dikoreksi di lapangan")
    result = ani.package(tmp_path, since_last=True)
    assert result.manifest.sessions == 1 and result.manifest.counts["answer_revision"] == 1
    summary = merge_files(study.db, study.actor, [result.path])[0]
    assert summary.totals.updated_answers == 1 and summary.totals.conflicts == 0
    state = session_answers(study.db, session)[key]
    assert (state.value, state.revision_count, state.has_conflict) == (
        "dikoreksi di lapangan", 2, False,
    )  # fmt: skip
    assert list_conflicts(study.db) == []


def session_ids(db: Any) -> list[str]:
    with db.engine.connect() as con:
        return sorted(r[0] for r in con.exec_driver_sql("SELECT id FROM field_session"))


def test_concurrent_answer_edits_conflict_and_are_resolved(
    study: Any, two_laptops: tuple[Any, Any], tmp_path: Path
) -> None:
    ani, budi = two_laptops
    budi.merge(ani.package(tmp_path).path)  # Budi now holds Ani's sessions too
    session = next(s for s in session_ids(ani.db) if session_answers(ani.db, s))
    key = sorted(session_answers(ani.db, session))[0]
    save_answer(ani.db, ani.actor, session, key, "versi Ani")
    save_answer(budi.db, budi.actor, session, key, "versi Budi", "catatan Budi")
    summaries = merge_files(
        study.db, study.actor, [ani.package(tmp_path).path, budi.package(tmp_path).path]
    )
    assert summaries[1].by_researcher["Laptop Ani"].conflicts == 1
    [conflict] = list_conflicts(study.db)
    assert (conflict.kind, conflict.ref[:8], conflict.question) == (
        "answer",
        conflict.short_ref,
        key,
    )
    assert conflict.site and conflict.form
    sides = {(s.value, s.researcher, s.device_name) for s in conflict.sides}
    assert sides == {
        ("versi Ani", "Ani Lestari", "laptop-ani"),
        ("versi Budi", "Budi Santoso", "laptop-budi"),
    }
    assert sum(s.shown for s in conflict.sides) == 1
    assert session_answers(study.db, session)[key].has_conflict
    chosen = next(n for n, s in enumerate(conflict.sides, 1) if s.value == "versi Budi")
    resolve_conflict(study.db, study.actor, conflict.short_ref, choose=chosen)
    state = session_answers(study.db, session)[key]
    assert (state.value, state.note, state.has_conflict) == ("versi Budi", "catatan Budi", False)
    assert list_conflicts(study.db) == []
    history = answer_history(study.db, session, key)
    assert {r.value for r in history} >= {"versi Ani", "versi Budi"}  # nothing discarded
    # The resolution travels back: Ani's laptop ends with one head as well.
    back = tmp_path / "back.ndpkg"
    from neutralitas_desktop.exchange.package import write_package

    write_package(study.db, study.actor, back)
    ani.merge(back)
    state = session_answers(ani.db, session)[key]
    assert (state.value, state.has_conflict) == ("versi Budi", False)


def test_status_conflict_between_supervisor_and_researcher(
    study: Any, two_laptops: tuple[Any, Any], tmp_path: Path
) -> None:
    ani, _ = two_laptops
    merge_files(study.db, study.actor, [ani.package(tmp_path).path])
    session = next(s for s in session_ids(ani.db) if get_session(ani.db, s).status == "completed")
    set_status(study.db, study.actor, session, "approved")
    set_status(ani.db, ani.actor, session, "draft")
    summary = merge_files(study.db, study.actor, [ani.package(tmp_path, since_last=True).path])[0]
    assert summary.totals.conflicts == 1
    [conflict] = list_conflicts(study.db)
    assert conflict.kind == "session" and conflict.question == "status"
    assert {s.value for s in conflict.sides} == {"approved", "draft"}
    resolve_conflict(study.db, study.actor, conflict.ref, value="returned")
    assert get_session(study.db, session).status == "returned"
    assert list_conflicts(study.db) == []


def test_a_status_conflict_resolves_only_through_the_lifecycle(
    study: Any, two_laptops: tuple[Any, Any], tmp_path: Path
) -> None:
    ani, _ = two_laptops
    merge_files(study.db, study.actor, [ani.package(tmp_path).path])
    session = next(s for s in session_ids(ani.db) if get_session(ani.db, s).status == "completed")
    ended = get_session(study.db, session).ended_at
    # The supervisor approves it while the researcher reopens and completes it again (review
    # decisions are the supervisor's alone: a laptop cannot approve or return).
    set_status(study.db, study.actor, session, "approved")
    set_status(ani.db, ani.actor, session, "draft")
    set_status(ani.db, ani.actor, session, "completed")
    merge_files(study.db, study.actor, [ani.package(tmp_path, since_last=True).path])
    [conflict] = list_conflicts(study.db)
    # Neither an approved nor a completed session may become a refusal.
    with pytest.raises(NeutralitasError) as refused:
        resolve_conflict(study.db, study.actor, conflict.ref, value="refused")
    assert "cannot become refused" in str(refused.value)
    assert "tidak dapat menjadi Menolak diwawancarai" in refused.value.localized("id")
    assert len(list_conflicts(study.db)) == 1
    # Completed, as the laptop's side holds it: its later end time comes with it.
    resolve_conflict(study.db, study.actor, conflict.ref, value="completed")
    row = get_session(study.db, session)
    assert row.status == "completed" and row.ended_at is not None and row.ended_at > ended
    assert list_conflicts(study.db) == []


def test_coding_edited_on_two_laptops_is_a_conflict(
    study: Any, two_laptops: tuple[Any, Any], tmp_path: Path
) -> None:
    ani, budi = two_laptops
    budi.merge(ani.package(tmp_path).path)
    with ani.db.engine.connect() as con:
        coding = con.exec_driver_sql("SELECT id FROM coding ORDER BY id LIMIT 1").scalar()
    for laptop, memo in ((ani, "memo Ani"), (budi, "memo Budi")):
        with laptop.db.engine.begin() as con:
            con.exec_driver_sql(
                "UPDATE coding SET memo = ?, updated_at = ?, device_id = ? WHERE id = ?",
                (memo, utcnow(), laptop.actor.device_id, coding),
            )
    merge_files(study.db, study.actor, [ani.package(tmp_path).path, budi.package(tmp_path).path])
    [conflict] = list_conflicts(study.db)
    assert conflict.kind == "coding" and {s.note for s in conflict.sides} == {
        "memo Ani", "memo Budi",
    }  # fmt: skip
    side = next(n for n, s in enumerate(conflict.sides, 1) if s.note == "memo Ani")
    resolve_conflict(study.db, study.actor, conflict.ref, choose=side)
    assert count(study.db, "SELECT count(*) FROM coding WHERE memo = 'memo Ani'") == 1
    assert list_conflicts(study.db) == []


def test_same_site_made_on_two_laptops_is_one_site_in_any_order(
    study: Any, laptops: Any, tmp_path: Path
) -> None:
    ani, budi = laptops(1, "Ani Lestari"), laptops(2, "Budi Santoso")
    sessions = [observation(ani.db, ani.actor, "Kelurahan Sukamaju")]
    sessions.append(observation(budi.db, budi.actor, "Kelurahan Sukamaju"))
    a, b = ani.package(tmp_path).path, budi.package(tmp_path).path
    dumps = []
    for name, order in (("m1", [a, b]), ("m2", [b, a])):
        db, actor, _ = master_copy(study, tmp_path, name)
        summaries = merge_files(db, actor, order)
        assert any("site 'Kelurahan Sukamaju'" in line for line in summaries[1].mapped)
        assert count(db, "SELECT count(*) FROM site WHERE name = 'Kelurahan Sukamaju'") == 1
        site_ids = {get_session(db, s).site_id for s in sessions}
        assert len(site_ids) == 1 and count(db, "SELECT count(*) FROM id_alias") == 1
        dumps.append(dump(db))
        db.close()
    for table in dumps[0]:
        assert dumps[0][table] == dumps[1][table], table


def test_informant_codes_made_offline_stay_distinct(
    study: Any, laptops: Any, tmp_path: Path
) -> None:
    ani, budi = laptops(1, "Ani Lestari"), laptops(2, "Budi Santoso")
    for laptop in (ani, budi):
        site = observation(laptop.db, laptop.actor, "Kantor Kecamatan Ciamis")
        site_id = get_session(laptop.db, site).site_id
        with laptop.db.session() as s:
            create_informant(
                s, laptop.actor, role=first_role(laptop.db), site_id=site_id, code="INF-01"
            )
    a, b = ani.package(tmp_path).path, budi.package(tmp_path).path
    dumps = []
    for name, order in (("m1", [a, b]), ("m2", [b, a])):
        db, actor, _ = master_copy(study, tmp_path, name)
        summaries = merge_files(db, actor, order)
        assert any("informant INF-01" in line for s in summaries for line in s.renamed)
        with db.engine.connect() as con:
            codes = sorted(r[0] for r in con.exec_driver_sql("SELECT code FROM informant"))
        assert len(codes) == 2 and codes[0] == "INF-01" and codes[1].startswith("INF-01-")
        dumps.append(dump(db))
        db.close()
    assert dumps[0] == dumps[1]


def first_role(db: Any) -> str:
    with db.engine.connect() as con:
        return str(con.exec_driver_sql("SELECT code FROM informant_role ORDER BY sort").scalar())


def test_return_package_for_one_researcher(
    study: Any, two_laptops: tuple[Any, Any], tmp_path: Path
) -> None:
    ani, budi = two_laptops
    merge_files(study.db, study.actor, [ani.package(tmp_path).path, budi.package(tmp_path).path])
    budi_id = find_researcher(study.db, "Laptop Budi")
    assert find_researcher(study.db, "lb") == budi_id
    from neutralitas_desktop.exchange.package import PackageOptions, write_package

    out = tmp_path / "for-budi.ndpkg"
    result = write_package(study.db, study.actor, out, PackageOptions(researcher_id=budi_id))
    assert result.manifest.sessions == 10 and result.manifest.for_researcher == budi_id
    assert result.manifest.counts["answer"] == count(budi.db, "SELECT count(*) FROM answer")


def test_answer_edited_in_the_form_while_in_conflict_stays_listed(
    study: Any, two_laptops: tuple[Any, Any], tmp_path: Path
) -> None:
    ani, budi = two_laptops
    budi.merge(ani.package(tmp_path).path)
    session = next(s for s in session_ids(ani.db) if session_answers(ani.db, s))
    key = sorted(session_answers(ani.db, session))[0]
    save_answer(ani.db, ani.actor, session, key, "versi Ani")
    save_answer(budi.db, budi.actor, session, key, "versi Budi")
    merge_files(study.db, study.actor, [ani.package(tmp_path).path, budi.package(tmp_path).path])
    shown = session_answers(study.db, session)[key].value
    save_answer(study.db, study.actor, session, key, "versi supervisor")  # not a resolution
    [conflict] = list_conflicts(study.db)
    other = ({"versi Ani", "versi Budi"} - {shown}).pop()
    assert {s.value for s in conflict.sides} == {other, "versi supervisor"}
    resolve_conflict(study.db, study.actor, conflict.ref, choose=2)
    assert list_conflicts(study.db) == []
    assert not session_answers(study.db, session)[key].has_conflict


def test_a_merge_leaves_the_study_connection_as_it_found_it(
    study: Any, two_laptops: tuple[Any, Any], tmp_path: Path
) -> None:
    """The merge widens the page cache and spaces out checkpoints for its own run only: the
    connection the app goes on using has its settings back."""
    ani, budi = two_laptops
    db, actor, _ = master_copy(study, tmp_path, "m")
    with db.engine.connect() as con:
        before = [
            con.exec_driver_sql(f"PRAGMA {p}").scalar()
            for p in ("cache_size", "wal_autocheckpoint")
        ]
    summaries = merge_files(db, actor, [ani.package(tmp_path).path, budi.package(tmp_path).path])
    assert [s.totals.new_sessions for s in summaries] == [10, 10]
    with db.engine.connect() as con:
        after = [
            con.exec_driver_sql(f"PRAGMA {p}").scalar()
            for p in ("cache_size", "wal_autocheckpoint")
        ]
    assert after == before
    db.close()


def test_a_refused_package_among_several_leaves_no_staged_copy_behind(
    study: Any, two_laptops: tuple[Any, Any], tmp_path: Path
) -> None:
    """Every package is checked before any is merged; a refusal removes the copies of the
    packages staged before it, and the study is as it was."""
    from neutralitas_desktop.exchange.errors import PackageError
    from neutralitas_desktop.private_tmp import root

    ani, budi = two_laptops
    good = [ani.package(tmp_path).path, budi.package(tmp_path).path]
    broken = tmp_path / "broken.ndpkg"
    data = good[0].read_bytes()
    broken.write_bytes(data[: len(data) // 2])  # cut short in the copying
    sessions = count(study.db, "SELECT count(*) FROM field_session")
    for order in ([*good, broken], [good[0], broken, good[1]]):
        with pytest.raises(PackageError) as refused:
            merge_files(study.db, study.actor, order)
        assert "broken.ndpkg" in str(refused.value)
        assert sorted(p.name for p in root().glob("package-*")) == []
    assert count(study.db, "SELECT count(*) FROM field_session") == sessions
    merge_files(study.db, study.actor, good)  # the genuine ones still merge
    assert count(study.db, "SELECT count(*) FROM field_session") == sessions + 20
    assert sorted(p.name for p in root().glob("package-*")) == []
