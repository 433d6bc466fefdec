"""The legal analysis through its service: legal materials and element tests of an
incident against the articles that apply to it, as stored, refused and audited."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select
from tri_fieldwork import P3, Fieldwork

from neutralitas_desktop.errors import NeutralitasError, NotFoundError
from neutralitas_desktop.store.legal_models import ElementTestRow, LegalMaterialRow
from neutralitas_desktop.store.models import Study
from neutralitas_desktop.triangulation.audit_trail import audit_trail
from neutralitas_desktop.triangulation.incidents import add_incident, link
from neutralitas_desktop.triangulation.legal_analysis import (
    add_element_test,
    add_material,
    analysis_for,
    applicable_provisions,
    edit_element_test,
    edit_material,
    list_element_tests,
    list_materials,
    remove_element_test,
    remove_material,
)

VILLAGE_LAW = "UU No. 6 Tahun 2014 tentang Desa, Pasal 29 huruf g dan j"
PILKADA = "UU No. 1 Tahun 2015 jo. UU No. 10 Tahun 2016"


def _village_head(fw: Fieldwork) -> tuple[str, str]:
    """A kepala desa's incident with one witness line: (incident id, line id)."""
    inc = add_incident(
        fw.db, fw.actor, site="Desa Sukamaju", theme="village_mobilisation",
        actor_type="village_head", date_start=dt.date(2024, 11, 12),
        summary="Kepala desa menyatakan dukungan kepada paslon 01 di forum APDESI",
    )  # fmt: skip
    sid = fw.run("interview", {"story": "Pak kades berpidato mendukung paslon 01."},
                 role="community_figure", when=P3)  # fmt: skip
    line = link(fw.db, fw.actor, inc.id, "witness", session_id=sid, question="story")
    return inc.id, line.id


def test_the_articles_offered_are_those_of_the_election_and_the_actor(
    fieldwork: Fieldwork,
) -> None:
    inc, _ = _village_head(fieldwork)
    citations = [p.citation for p in applicable_provisions(fieldwork.db, inc)]
    assert VILLAGE_LAW in citations
    assert any(c.startswith(PILKADA) and "Pasal 71 ayat (1)" in c for c in citations)
    assert not any("UU No. 7 Tahun 2017" in c for c in citations)  # a Pilkada study
    assert not any("Pasal 51" in c for c in citations)  # binds perangkat desa


def test_an_element_test_is_stored_with_its_verdict_reasoning_and_evidence(
    fieldwork: Fieldwork,
) -> None:
    fw = fieldwork
    inc, line = _village_head(fw)
    test = add_element_test(
        fw.db, fw.actor, inc, provision="Pasal 29", element="subject", verdict="met",
        reasoning="Pelaku adalah kepala desa yang menjabat.", evidence=[line],
    )  # fmt: skip
    assert test.provision == VILLAGE_LAW  # a unique part names the whole citation
    with fw.db.session() as s:
        row = s.scalars(select(ElementTestRow)).one()
        assert (row.incident_id, row.provision, row.element, row.verdict) == (
            inc, VILLAGE_LAW, "subject", "met",
        )  # fmt: skip
        assert row.reasoning == "Pelaku adalah kepala desa yang menjabat."
        assert row.evidence == [line] and row.device_id == fw.actor.device_id
        assert row.recorded_by == fw.actor.researcher_id
    add_element_test(
        fw.db, fw.actor, inc, provision=VILLAGE_LAW, element="act", verdict="unclear",
        reasoning="Isi pidato belum dikonfirmasi dokumen.",
    )  # fmt: skip
    analysis = analysis_for(fw.db, inc)
    assert [(t.element, t.verdict) for t in analysis.tests] == [
        ("subject", "met"), ("act", "unclear"),
    ]  # fmt: skip
    assert analysis.provisions == (VILLAGE_LAW,)
    edited = edit_element_test(fw.db, fw.actor, analysis.tests[1].id, verdict="met",
                               reasoning="Rekaman pidato diperoleh.", evidence=[line])  # fmt: skip
    assert (edited.verdict, edited.evidence) == ("met", (line,))
    remove_element_test(fw.db, fw.actor, test.id, reason="diuji ulang")
    assert [t.element for t in analysis_for(fw.db, inc).tests] == ["act"]
    with fw.db.session() as s:  # a tombstone, so the removal merges
        assert s.get_one(ElementTestRow, test.id).deleted is True
    trail = [(e.action, e.reason) for e in audit_trail(fw.db, entity_id=inc)]
    assert ("legal.element_tested", "Pelaku adalah kepala desa yang menjabat.") in trail
    assert ("legal.element_test_edited", "Rekaman pidato diperoleh.") in trail
    assert ("legal.element_test_removed", "diuji ulang") in trail


def test_an_article_that_does_not_apply_is_refused_naming_the_incident_and_article(
    fieldwork: Fieldwork,
) -> None:
    fw = fieldwork
    inc, _ = _village_head(fw)
    for article in ("Pasal 490", "Pasal 51", "PP No. 94 Tahun 2021"):
        with pytest.raises(NeutralitasError) as raised:
            add_element_test(fw.db, fw.actor, inc, provision=article, element="subject",
                             verdict="met", reasoning="x")  # fmt: skip
        message = str(raised.value)
        assert "\n" not in message and inc[:8] in message and article in message
        assert "does not apply to a village_head in a pilkada study" in message
    with fw.db.session() as s:
        assert s.scalars(select(ElementTestRow)).all() == []


def test_the_same_article_applies_once_the_study_covers_the_general_election(
    fieldwork: Fieldwork,
) -> None:
    fw = fieldwork
    inc, _ = _village_head(fw)
    with fw.db.session() as s:
        study = s.scalars(select(Study)).one()
        study.settings = {**study.settings, "election": "pemilu"}
    test = add_element_test(fw.db, fw.actor, inc, provision="Pasal 490", element="time",
                            verdict="not_met", reasoning="Di luar masa kampanye.")  # fmt: skip
    assert "UU No. 7 Tahun 2017" in test.provision


def test_bad_values_and_foreign_evidence_are_refused(fieldwork: Fieldwork) -> None:
    fw = fieldwork
    inc, line = _village_head(fw)
    other, other_line = _village_head(fw)

    def attempt(**kw: object) -> str:
        args: dict[str, object] = {
            "provision": "Pasal 29", "element": "subject", "verdict": "met", "reasoning": "r",
        }  # fmt: skip
        args.update(kw)
        with pytest.raises(NeutralitasError) as raised:
            add_element_test(fw.db, fw.actor, inc, **args)  # type: ignore[arg-type]
        return str(raised.value)

    assert "unknown element 'motive'" in attempt(element="motive")
    assert "unknown verdict 'proven'" in attempt(verdict="proven")
    assert "reasoning is empty" in attempt(reasoning="  ")
    assert f"{other_line} is not one of its lines of evidence" in attempt(evidence=[other_line])
    add_element_test(fw.db, fw.actor, inc, provision="Pasal 29", element="subject",
                     verdict="met", reasoning="r", evidence=[line])  # fmt: skip
    assert "already tested" in attempt()
    with pytest.raises(NotFoundError):
        add_element_test(fw.db, fw.actor, "no-such-incident", provision="Pasal 29",
                         element="subject", verdict="met", reasoning="r")  # fmt: skip
    assert len(list_element_tests(fw.db)) == 1
    assert list_element_tests(fw.db, other) == ()


def test_legal_materials_are_kept_by_kind_edited_and_removed(fieldwork: Fieldwork) -> None:
    fw = fieldwork
    book = add_material(fw.db, fw.actor, "secondary", "Asshiddiqie, Hukum Tata Negara (2010)")
    law = add_material(fw.db, fw.actor, "primary", "UU No. 6 Tahun 2014 tentang Desa",
                       note="Pasal 29 dan 30")  # fmt: skip
    kbbi = add_material(fw.db, fw.actor, "tertiary", "KBBI daring")
    assert [m.kind for m in list_materials(fw.db)] == ["primary", "secondary", "tertiary"]
    edit_material(fw.db, fw.actor, book.id, citation="Asshiddiqie, Pengantar HTN (2011)")
    remove_material(fw.db, fw.actor, kbbi.id, reason="tidak dirujuk")
    with fw.db.session() as s:
        rows = {r.id: r for r in s.scalars(select(LegalMaterialRow))}
    assert rows[book.id].citation == "Asshiddiqie, Pengantar HTN (2011)"
    assert rows[law.id].note == "Pasal 29 dan 30" and rows[kbbi.id].deleted is True
    assert [m.id for m in list_materials(fw.db)] == [law.id, book.id]
    inc, _ = _village_head(fw)
    assert analysis_for(fw.db, inc).materials[0].citation == law.citation
    with pytest.raises(NeutralitasError, match="unknown kind of legal material 'quaternary'"):
        add_material(fw.db, fw.actor, "quaternary", "x")
    with pytest.raises(NeutralitasError, match="citation is empty"):
        add_material(fw.db, fw.actor, "primary", " ")
    with pytest.raises(NotFoundError):
        edit_material(fw.db, fw.actor, kbbi.id, note="x")
    actions = [e.action for e in audit_trail(fw.db, entity_id=kbbi.id)]
    assert actions == ["legal.material_added", "legal.material_removed"]


def test_a_part_of_a_citation_names_whole_words_only(fieldwork: Fieldwork) -> None:
    """ "Pasal 7" is not a part of "Pasal 71 ayat (1)": it is refused, never taken as 71."""
    fw = fieldwork
    inc, _line = _village_head(fw)
    with pytest.raises(NeutralitasError, match="Pasal 7 does not apply"):
        add_element_test(
            fw.db, fw.actor, inc, provision="Pasal 7", element="subject", verdict="met",
            reasoning="r",
        )  # fmt: skip
    test = add_element_test(
        fw.db, fw.actor, inc, provision="pasal 71 ayat (1)", element="subject", verdict="met",
        reasoning="r",
    )  # fmt: skip
    assert "Pasal 71 ayat (1)" in test.provision


def test_the_demo_tests_only_a_village_head_it_made_itself(fieldwork: Fieldwork) -> None:
    """Two demos run at once in one study: each tests an incident it made, never one the
    other has just made and is about to test (that one would be refused as a twin)."""
    from neutralitas_desktop.triangulation.demo_legal import TESTS, add_demo_legal_analysis

    others, _ = _village_head(fieldwork)
    mine, _ = _village_head(fieldwork)
    sid = fieldwork.run("observation", {"story": "Spanduk paslon 01 di balai desa."}, when=P3)
    link(fieldwork.db, fieldwork.actor, others, "observed", session_id=sid, question="story")
    # the other run's incident now has the most lines, the one a study-wide choice takes
    assert add_demo_legal_analysis(fieldwork.db, fieldwork.actor, {mine}) == len(TESTS)
    tested = {t.incident_id for t in list_element_tests(fieldwork.db)}
    assert tested == {mine}
    assert add_demo_legal_analysis(fieldwork.db, fieldwork.actor, {mine}) == 0
    assert {t.incident_id for t in list_element_tests(fieldwork.db)} == {mine}
    assert others not in tested
