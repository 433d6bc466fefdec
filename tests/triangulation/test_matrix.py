"""What the answers say beside the matrix (its context), on hand-built studies, against counts
worked out by hand: what counts, what is left out, the groupings, filters, roll-up. The
incidents that decide the matrix are tested in test_incident_matrix.py."""

from __future__ import annotations

import pytest
from tri_fieldwork import OUTSIDE, P1, P3, SITE_A, SITE_B, Fieldwork

from neutralitas_desktop.errors import NeutralitasError, NotFoundError
from neutralitas_desktop.fieldwork.answers import save_answer
from neutralitas_desktop.triangulation.coding import add_coding, delete_coding
from neutralitas_desktop.triangulation.matrix import (
    cell_evidence,
    triangulation_matrix,
)
from neutralitas_desktop.triangulation.types import Matrix, MatrixQuery

ENG = "socmed_engagement"


def counts(m: Matrix, code: str) -> dict[str, tuple[int, int, int]]:
    """column -> (violation, neutrality, unclear), only the non-empty cells."""
    row = m.row(code)
    return {
        col.key: (c.violation, c.neutrality, c.unclear)
        for col, c in zip(m.columns, row.context_cells, strict=True)
        if c.total
    }


def test_context_counts_answers_by_stance_per_column(fieldwork: Fieldwork) -> None:
    fw = fieldwork
    fw.run("interview", {"liked": "yes"})
    fw.run("interview", {"liked": "yes"})
    fw.run("observation", {"engaged": "yes"})
    fw.run("observation", {"engaged": "no"})
    fw.run("documentation", {"shows_engagement": "yes"})
    m = triangulation_matrix(fw.db)
    assert [c.key for c in m.columns] == ["interview", "observation", "documentation"]
    assert counts(m, ENG) == {
        "interview": (2, 0, 0),
        "observation": (1, 1, 0),
        "documentation": (1, 0, 0),
    }
    assert m.row(ENG).context.violation == 4
    # answers are context: without incidents the row concludes nothing
    assert m.row(ENG).conclusion.kind == "no_incidents" and m.row(ENG).total.total == 0


def test_unclear_context_and_empty_rows(fieldwork: Fieldwork) -> None:
    fw = fieldwork
    fw.run("interview", {"liked": "yes", "socialised": "no"})
    fw.run("interview", {"liked": "na", "socialised": "no"})
    m = triangulation_matrix(fw.db)
    assert counts(m, ENG) == {"interview": (1, 0, 1)}
    assert counts(m, "rules_socialisation") == {"interview": (0, 0, 2)}
    assert counts(m, "favourable_decisions") == {}


def test_withdrawn_consent_and_refused_sessions_are_left_out(fieldwork: Fieldwork) -> None:
    fw = fieldwork
    keeps = fw.informant("asn_staff")
    leaves = fw.informant("lurah")
    fw.run("interview", {"liked": "yes"}, informant=keeps)
    sid = fw.run("interview", {"liked": "no", "story": "Tidak pernah."}, informant=leaves)
    add_coding(fw.db, fw.actor, fw.answer(sid, "story"), ENG, "neutrality")
    fw.run("interview", {"liked": "no"}, status="refused")
    before = triangulation_matrix(fw.db)
    # two answers of the lurah's interview; the refused session never counts
    assert counts(before, ENG) == {"interview": (1, 2, 0)}
    fw.withdraw(leaves)
    after = triangulation_matrix(fw.db)
    assert counts(after, ENG) == {"interview": (1, 0, 0)}
    codes = {e.informant_code for e in cell_evidence(fw.db, MatrixQuery(), ENG)}
    assert len(codes) == 1


def test_irrelevant_and_unanswered_answers_are_left_out(fieldwork: Fieldwork) -> None:
    fw = fieldwork
    sid = fw.run("interview", {"liked": "yes", "socialised": "yes"})
    save_answer(fw.db, fw.actor, sid, "liked", "yes", relevant=False)
    save_answer(fw.db, fw.actor, sid, "actions", None)
    m = triangulation_matrix(fw.db)
    assert counts(m, ENG) == {}
    assert counts(m, "rules_socialisation") == {"interview": (0, 1, 0)}


def test_automatic_coding_follows_the_current_answer(fieldwork: Fieldwork) -> None:
    fw = fieldwork
    sid = fw.run("interview", {"liked": "yes"})
    assert counts(triangulation_matrix(fw.db), ENG) == {"interview": (1, 0, 0)}
    save_answer(fw.db, fw.actor, sid, "liked", "no")
    assert counts(triangulation_matrix(fw.db), ENG) == {"interview": (0, 1, 0)}


def test_multiple_choice_counts_once_per_stance(fieldwork: Fieldwork) -> None:
    fw = fieldwork
    fw.run("interview", {"actions": "like share"})  # two violation values: one answer
    fw.run("interview", {"actions": "like none"})  # one of each
    fw.run("interview", {"actions": "none"})
    m = triangulation_matrix(fw.db)
    assert counts(m, ENG) == {"interview": (2, 2, 0)}


def test_hand_codings_count_answers_not_codings(fieldwork: Fieldwork) -> None:
    fw = fieldwork
    story = "Saya menyukai unggahan calon. Tapi saya tidak membagikannya."
    sid = fw.run("interview", {"liked": "yes", "story": story})
    aid = fw.answer(sid, "story")
    add_coding(fw.db, fw.actor, aid, ENG, "violation", 0, 29)
    add_coding(fw.db, fw.actor, aid, ENG, "violation", 0, 8, memo="second passage")
    add_coding(fw.db, fw.actor, aid, ENG, "neutrality", 30, len(story))
    gone = add_coding(fw.db, fw.actor, aid, ENG, "unclear")
    delete_coding(fw.db, fw.actor, gone.id)
    # the structured answer "liked = yes" and its note coded the same way: one piece
    liked = fw.answer(sid, "liked")
    save_answer(fw.db, fw.actor, sid, "liked", "yes", "Mengaku sering menyukai.")
    add_coding(fw.db, fw.actor, liked, ENG, "violation", target="note")
    m = triangulation_matrix(fw.db)
    assert counts(m, ENG) == {"interview": (2, 1, 0)}  # liked + story; story's neutral passage
    evidence = cell_evidence(fw.db, MatrixQuery(), ENG, "interview", "violation")
    assert len(evidence) == 2
    by_answer = {e.answer_id: e for e in evidence}
    assert len(by_answer[aid].coding_ids) == 2
    assert by_answer[aid].label == "Saya men … Saya menyukai unggahan calon."
    assert by_answer[aid].memos == ("second passage",)
    assert by_answer[liked].automatic and by_answer[liked].label == "Mengaku sering menyukai."


def test_roll_up_counts_an_answer_once_in_the_parent_row(fieldwork: Fieldwork) -> None:
    fw = fieldwork
    sid = fw.run("interview", {"liked": "yes", "story": "Akun resmi menyukai foto calon."})
    fw.run("observation", {"account_liked": "yes", "engaged": "no"})
    story = fw.answer(sid, "story")
    add_coding(fw.db, fw.actor, story, ENG, "violation")
    add_coding(fw.db, fw.actor, story, "official_account_use", "violation")
    m = triangulation_matrix(fw.db)
    assert counts(m, ENG) == {"interview": (2, 0, 0), "observation": (0, 1, 0)}
    assert counts(m, "official_account_use") == {"interview": (1, 0, 0), "observation": (1, 0, 0)}
    # parent: liked, story (once, though coded with two sub-themes); account_liked, engaged
    assert counts(m, "socmed_conduct") == {"interview": (2, 0, 0), "observation": (1, 1, 0)}
    assert m.row("socmed_conduct").depth == 0 and m.row(ENG).depth == 1
    flat = triangulation_matrix(fw.db, MatrixQuery(rollup=False))
    assert counts(flat, "socmed_conduct") == {}
    assert len(cell_evidence(fw.db, MatrixQuery(), "socmed_conduct", "interview")) == 2


def test_grouping_by_source_gives_roles_then_observation_and_documentation(
    fieldwork: Fieldwork,
) -> None:
    fw = fieldwork
    fw.run("interview", {"liked": "yes"}, role="asn_staff")
    fw.run("interview", {"liked": "yes"}, role="lurah")
    fw.run("interview", {"liked": "no"}, role="camat")
    fw.run("observation", {"engaged": "yes"})
    m = triangulation_matrix(fw.db, MatrixQuery(by="source"))
    assert [c.key for c in m.columns] == [
        "asn_staff", "camat", "lurah", "observation", "documentation",
    ]  # fmt: skip
    assert [c.group for c in m.columns] == ["interview"] * 3 + ["observation", "documentation"]
    assert m.columns[0].label["en"].startswith("Civil servant")
    assert counts(m, ENG) == {
        "asn_staff": (1, 0, 0),
        "camat": (0, 1, 0),
        "lurah": (1, 0, 0),
        "observation": (1, 0, 0),
    }


def test_grouping_by_time_uses_the_fieldwork_periods(fieldwork: Fieldwork) -> None:
    fw = fieldwork
    fw.run("interview", {"liked": "no"}, when=P1)
    fw.run("observation", {"engaged": "yes"}, when=P3)
    fw.run("interview", {"liked": "yes"}, when=P3)
    fw.run("documentation", {"shows_engagement": "yes"}, when=OUTSIDE)
    m = triangulation_matrix(fw.db, MatrixQuery(by="time"))
    assert [c.key for c in m.columns] == ["p1", "p2", "p3", "p4", "outside"]
    assert counts(m, ENG) == {"p1": (0, 1, 0), "p3": (2, 0, 0), "outside": (1, 0, 0)}


def test_filters_site_period_researcher_status(fieldwork: Fieldwork) -> None:
    fw = fieldwork
    fw.run("interview", {"liked": "yes"}, site=SITE_A, when=P1, status="approved")
    fw.run("interview", {"liked": "no"}, site=SITE_B, when=P1, status="approved")
    fw.run("observation", {"engaged": "yes"}, site=SITE_A, when=P3, status="completed")
    fw.run("observation", {"engaged": "yes"}, site=SITE_B, when=P3, status="draft")

    def eng(**kw: str) -> dict[str, tuple[int, int, int]]:
        return counts(triangulation_matrix(fw.db, MatrixQuery(**kw)), ENG)

    assert eng() == {"interview": (1, 1, 0), "observation": (2, 0, 0)}
    assert eng(site=SITE_A) == {"interview": (1, 0, 0), "observation": (1, 0, 0)}
    assert eng(site=SITE_B) == {"interview": (0, 1, 0), "observation": (1, 0, 0)}
    assert eng(status="approved") == {"interview": (1, 1, 0)}
    assert eng(period="p3") == {"observation": (2, 0, 0)}
    assert eng(researcher="Rina Peneliti") == eng()
    assert eng(researcher="RP", site=SITE_A, status="approved") == {"interview": (1, 0, 0)}
    with pytest.raises(NotFoundError, match="no site 'Nowhere'"):
        triangulation_matrix(fw.db, MatrixQuery(site="Nowhere"))
    with pytest.raises(NotFoundError, match=r"no fieldwork period 'p9' \(periods: p1, p2"):
        triangulation_matrix(fw.db, MatrixQuery(period="p9"))
    with pytest.raises(NotFoundError, match="no researcher 'XX'"):
        triangulation_matrix(fw.db, MatrixQuery(researcher="XX"))
    with pytest.raises(NeutralitasError, match="unknown grouping 'weekday'"):
        triangulation_matrix(fw.db, MatrixQuery(by="weekday"))


def test_drill_down_shows_sources_never_names(fieldwork: Fieldwork) -> None:
    fw = fieldwork
    sid = fw.run("interview", {"actions": "like share"}, role="lurah", site=SITE_B, when=P3)
    [e] = cell_evidence(fw.db, MatrixQuery(), ENG, "interview", language="en")
    assert e.label == "Question actions: Liked, Shared"
    assert (e.stance, e.automatic, e.session_id) == ("violation", True, sid)
    assert (e.role, e.site_name) == ("lurah", SITE_B)
    assert e.role_label["en"] == "Urban-village head (lurah)"
    assert e.informant_code.startswith("INF-") and e.started_at == P3
    assert "Nama Asli" not in repr(e)
    [e_id] = cell_evidence(fw.db, MatrixQuery(), ENG, "interview", language="id")
    assert e_id.label == "Pertanyaan actions: Menyukai, Membagikan"
    assert cell_evidence(fw.db, MatrixQuery(), ENG, "observation") == []
    with pytest.raises(NotFoundError, match="no theme 'nope'"):
        cell_evidence(fw.db, MatrixQuery(), "nope")


def test_no_grouping_but_by_site_has_a_column_per_site(demo_study) -> None:  # type: ignore[no-untyped-def]
    """Incidents sit at a site, but only the site grouping makes sites columns: by source,
    technique or time every column is a role, a technique or a period, with its label."""
    from neutralitas_desktop.fieldwork.sites import list_sites

    sites = {s.id for s in list_sites(demo_study.db)}
    for by in ("source", "technique", "time"):
        matrix = triangulation_matrix(demo_study.db, MatrixQuery(by=by))
        keys = {c.key for c in matrix.columns}
        assert not keys & sites, by
        assert all(c.label.get("id") != c.key or c.key in ("outside",) for c in matrix.columns
                   if len(c.key) == 36), by  # fmt: skip
    by_site = triangulation_matrix(demo_study.db, MatrixQuery(by="site"))
    assert {c.key for c in by_site.columns} <= sites and by_site.columns
