"""Saving answers: revisions, no-op saves, history, and the current value."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from neutralitas_desktop.fieldwork.answers import (
    RevisionInfo,
    answer_history,
    current_revision,
    save_answer,
    session_answers,
    set_relevance,
)
from neutralitas_desktop.fieldwork.informants import create_informant
from neutralitas_desktop.fieldwork.instruments import get_instrument
from neutralitas_desktop.fieldwork.sessions import get_session, start_session
from neutralitas_desktop.fieldwork.sites import find_or_create_site
from neutralitas_desktop.store.models import AnswerRevision


def _interview(study) -> str:  # type: ignore[no-untyped-def]
    iid, _ = get_instrument(study.db, "asn-staff-interview")
    with study.db.session() as s:
        site = find_or_create_site(s, study.actor, "Kantor Kecamatan Cibeureum", "kecamatan")
        inf = create_informant(s, study.actor, role="asn_staff", site_id=site)
        return start_session(s, study.actor, instrument_id=iid, site_id=site, informant_id=inf)


def test_each_change_appends_a_revision(study) -> None:  # type: ignore[no-untyped-def]
    sid = _interview(study)
    first = save_answer(study.db, study.actor, sid, "a_unit", "Seksi Pemerintahan")
    second = save_answer(study.db, study.actor, sid, "a_unit", "Seksi Trantib")
    note = save_answer(study.db, study.actor, sid, "a_unit", "Seksi Trantib", "ragu-ragu")
    same = save_answer(study.db, study.actor, sid, "a_unit", "Seksi Trantib")
    assert first.answer_id == second.answer_id
    assert same.revision_id is None  # nothing changed, nothing written
    answers = session_answers(study.db, sid)
    assert answers["a_unit"].value == "Seksi Trantib"
    assert answers["a_unit"].note == "ragu-ragu"
    assert answers["a_unit"].revision_count == 3
    history = answer_history(study.db, sid, "a_unit")
    assert [h.value for h in history] == ["Seksi Pemerintahan", "Seksi Trantib", "Seksi Trantib"]
    assert history[0].parent_id is None
    assert history[1].parent_id == first.revision_id
    assert history[2].parent_id == second.revision_id
    assert history[2].id == note.revision_id
    assert {h.device_id for h in history} == {study.actor.device_id}
    assert get_session(study.db, sid).answers == 1


def test_irrelevant_answers_are_kept_but_marked(study) -> None:  # type: ignore[no-untyped-def]
    sid = _interview(study)
    save_answer(study.db, study.actor, sid, "b1", "yes")
    set_relevance(study.db, study.actor, sid, {"b1": False})
    answers = session_answers(study.db, sid)
    assert answers["b1"].value == "yes" and answers["b1"].relevant is False
    with study.db.session() as s:
        assert len(s.scalars(select(AnswerRevision)).all()) == 1


def _rev(rid: str, parent: str | None, minute: int) -> RevisionInfo:
    return RevisionInfo(rid, parent, rid, "", dt.datetime(2024, 10, 1, 9, minute), "d", None)


def test_current_revision_is_deterministic_and_flags_conflicts() -> None:
    root = _rev("r0", None, 0)
    a = _rev("ra", "r0", 5)
    b = _rev("rb", "r0", 7)
    head, conflict = current_revision([root, a, b])
    assert (head.id if head else None, conflict) == ("rb", True)
    assert current_revision([b, root, a]) == current_revision([root, a, b])
    resolved = _rev("rc", "rb", 9)
    merge = _rev("rd", "ra", 10)
    head, conflict = current_revision([root, a, b, resolved, merge])
    assert conflict is True
    head, conflict = current_revision([root, a])
    assert (head.id if head else None, conflict) == ("ra", False)


def test_editing_an_answer_in_conflict_keeps_the_conflict(study) -> None:  # type: ignore[no-untyped-def]
    sid = _interview(study)
    save_answer(study.db, study.actor, sid, "b1", "yes")
    with study.db.engine.begin() as con:  # as a merge leaves it: two laptops' versions
        con.exec_driver_sql("UPDATE answer SET has_conflict = 1")
    save_answer(study.db, study.actor, sid, "b1", "no")
    state = session_answers(study.db, sid)["b1"]
    assert (state.value, state.has_conflict, state.revision_count) == ("no", True, 2)
