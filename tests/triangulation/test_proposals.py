"""What an answer proposes when it is linked: the kind of evidence, and a new incident's
fields from the same document or witnessed incident (Qt-free, as the dialog's state)."""

from __future__ import annotations

import datetime as dt

from tri_fieldwork import Fieldwork

from neutralitas_desktop.triangulation.proposals import propose, proposed_kind, proposes_incident
from neutralitas_desktop.triangulation.workbench import TriangulationWorkbench
from neutralitas_desktop.ui.triangulation.link_state import LinkState, LinkTarget

DOC = {
    "a0_document[1]/a1_kind": "socmed_post",
    "a0_document[1]/a2_date": "2024-10-12",
    "a0_document[1]/p1_platform": "instagram",
    "a0_document[1]/p6_link": "https://instagram.com/p/xyz",
    "a0_document[1]/p5_candidate": "Paslon 01",
    "a0_document[2]/a2_date": "2024-11-02",
    "a0_document[2]/p6_link": "https://facebook.com/other",
}


def test_kinds_proposed_by_the_shipped_questions() -> None:
    assert proposed_kind("i2d_what", "interview") == "witness"
    assert proposed_kind("d11_colleagues", "interview") == "hearsay"
    assert proposed_kind("d10_describe_own", "interview") == "self_report"
    assert proposed_kind("c7_liked", "observation") == "observed"
    assert proposed_kind("anything", "documentation") == "document"
    assert proposes_incident("i2d_what") and not proposes_incident("d11_colleagues")


def test_a_documentation_log_entry_proposes_its_incident() -> None:
    first = propose(DOC, "a0_document[1]/p7_supports")
    assert first == {
        "date": "2024-10-12", "platform": "instagram", "link": "https://instagram.com/p/xyz",
        "favours": "Paslon 01",
    }  # fmt: skip
    assert propose(DOC, "a0_document[2]/a1_kind") == {
        "date": "2024-11-02", "link": "https://facebook.com/other",
    }  # fmt: skip
    state = LinkState(
        LinkTarget("s1", "documentation", "site-1", dt.date(2024, 12, 1), answer_key="x",
                   question="p7_supports", theme_code="socmed_conduct", proposal=first)
    )  # fmt: skip
    assert (state.kind, state.date, state.link, state.favours) == (
        "document", dt.date(2024, 10, 12), "https://instagram.com/p/xyz", "Paslon 01",
    )  # fmt: skip
    assert state.creating and state.problems() == ["summary"]
    state.summary = "Akun kelurahan menyukai unggahan Paslon 01"
    assert state.problems() == []


def test_the_state_links_a_saved_answer_by_its_key(fieldwork: Fieldwork) -> None:
    fw = fieldwork
    sid = fw.run("interview", {"liked": "yes"})
    wb = TriangulationWorkbench(fw.db, fw.actor)
    tags = wb.session_tags(sid)
    state = LinkState(
        LinkTarget(sid, tags.source_type, tags.site_id, tags.started_at.date(),
                   answer_key="liked", question="liked", theme_code="socmed_engagement"),
        wb.incidents(),
    )  # fmt: skip
    state.summary, state.kind = "Staf mengaku menyukai unggahan", "self_report"
    line = state.apply(wb)
    assert (line.question, line.kind, line.target) == ("liked", "self_report", "answer")
    [incident] = wb.incidents()
    assert incident.id == state.incident_id and incident.corroboration == "single_line"
    again = LinkState(
        LinkTarget(sid, tags.source_type, tags.site_id, tags.started_at.date(), answer_key="liked"),
        wb.incidents(), incident_id=incident.id,
    )  # fmt: skip
    assert not again.creating and again.problems() == []
