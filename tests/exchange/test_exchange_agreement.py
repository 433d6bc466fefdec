"""Double coding across laptops: the supervisor's assignments reach the coders, each
coder's codings and "done" come back, and blindness holds on the other coder's laptop."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import select

from neutralitas_desktop.exchange.merge import merge_files
from neutralitas_desktop.exchange.package import write_package
from neutralitas_desktop.fieldwork.demo import generate_demo
from neutralitas_desktop.store.models import Answer, FieldSession
from neutralitas_desktop.triangulation import agreement
from neutralitas_desktop.triangulation.coding import add_coding, codable_texts, list_codings


def test_assignments_codings_and_done_travel_in_packages(
    study: Any, laptops: Any, tmp_path: Path
) -> None:
    ani, budi = laptops(1, "Ani Lestari"), laptops(2, "Budi Santoso")
    generate_demo(ani.db, ani.actor, 12, seed=3, device_name="Laptop Ani")

    def study_merge(path: Path) -> None:
        merge_files(study.db, study.actor, [path])

    study_merge(ani.package(tmp_path).path)
    budi.merge(budi.package(tmp_path).path)  # Budi's name reaches the master
    study_merge(budi.packages[-1])
    with study.db.session() as s:
        sessions = sorted(s.scalars(select(FieldSession.id).where(
            FieldSession.source_type == "interview")))  # fmt: skip
    sessions = [sid for sid in sessions if codable_texts(study.db, sid)][:2]
    assert len(sessions) == 2, sessions
    agreement.assign(study.db, study.actor, sessions, ["Ani Lestari", "Budi Santoso"])
    handout = tmp_path / "double-coding.ndpkg"
    write_package(study.db, study.actor, handout)
    ani.merge(handout)
    budi.merge(handout)

    text = next(
        t
        for sid in sessions
        for t in codable_texts(ani.db, sid)
        if not list_codings(ani.db, answer_id=t.answer_id)  # none from the demo's coder
    )
    add_coding(ani.db, ani.actor, text.answer_id, "socmed_engagement", "violation",
               target=text.target)  # fmt: skip
    back = ani.package(tmp_path, since_last=True).path
    budi.merge(back)
    study_merge(back)
    mine = list_codings(budi.db, answer_id=text.answer_id, viewer_id=budi.actor.researcher_id)
    assert mine == []  # blind: Ani's coding is hidden from Budi until he is done
    agreement.mark_done(budi.db, budi.actor, text_session(budi, text.answer_id))
    seen = list_codings(budi.db, answer_id=text.answer_id, viewer_id=budi.actor.researcher_id)
    assert [c.coder_name for c in seen] == ["Ani Lestari"]

    agreement.mark_done(ani.db, ani.actor, text_session(ani, text.answer_id))
    study_merge(ani.package(tmp_path, since_last=True).path)
    report = agreement.agreement_report(study.db)
    assert [(c.name, c.sessions, c.done) for c in report.coders] == [
        ("Ani Lestari", 2, 1),
        ("Budi Santoso", 2, 0),
    ]
    [theme] = report.themes
    applied = {u.unit.answer_id: u.applied for u in theme.units}
    assert applied[text.answer_id] == {"Ani Lestari": True, "Budi Santoso": False}


def text_session(laptop: Any, answer_id: str) -> str:
    with laptop.db.session() as s:
        return str(s.scalar(select(Answer.session_id).where(Answer.id == answer_id)))
