"""Hand coding of passages, source tags and their correction, and findings."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from tri_fieldwork import P1, P3, SITE_A, SITE_B, Fieldwork

from neutralitas_desktop.errors import NeutralitasError, NotFoundError
from neutralitas_desktop.fieldwork.actor import Actor
from neutralitas_desktop.fieldwork.answers import save_answer
from neutralitas_desktop.store.models import AuditEvent, Coding
from neutralitas_desktop.triangulation.codebook import retire_theme
from neutralitas_desktop.triangulation.coding import (
    add_coding,
    codable_texts,
    delete_coding,
    list_codings,
    update_coding,
)
from neutralitas_desktop.triangulation.findings import add_finding, list_findings, update_finding
from neutralitas_desktop.triangulation.matrix import triangulation_matrix
from neutralitas_desktop.triangulation.tags import (
    answer_tags,
    correct_session_tags,
    session_tags,
)
from neutralitas_desktop.triangulation.types import Matrix, MatrixQuery, StanceCount

ENG = "socmed_engagement"
STORY = "Staf kelurahan menyukai unggahan petahana 😊 lalu membagikannya ke grup warga."


def test_codable_texts_are_free_text_answers_and_notes(fieldwork: Fieldwork) -> None:
    fw = fieldwork
    sid = fw.run("interview", {"liked": "yes", "story": STORY, "unit": "Seksi Pemerintahan"})
    save_answer(fw.db, fw.actor, sid, "liked", "yes", "Menjawab sambil tertawa.")
    texts = codable_texts(fw.db, sid)
    assert [(t.key, t.target) for t in texts] == [
        ("liked", "note"), ("story", "value"), ("unit", "value"),
    ]  # fmt: skip
    story = texts[1]
    assert (story.text, story.theme_code, story.question_label["en"]) == (
        STORY, ENG, "Question story",
    )  # fmt: skip


def test_coding_keeps_offsets_text_coder_and_flags_stale(fieldwork: Fieldwork) -> None:
    fw = fieldwork
    sid = fw.run("interview", {"story": STORY})
    aid = fw.answer(sid, "story")
    start = STORY.index("menyukai")
    end = STORY.index(" lalu")
    coding = add_coding(fw.db, fw.actor, aid, ENG, "violation", start, end, memo=" kutipan kunci ")
    assert coding.excerpt == "menyukai unggahan petahana 😊"
    assert (coding.start, coding.end, coding.memo, coding.coder_name) == (
        start, end, "kutipan kunci", "Rina Peneliti",
    )  # fmt: skip
    assert not coding.stale
    assert codable_texts(fw.db, sid)[0].codings == 1
    # a second researcher codes the same passage differently: both stay
    other = Actor(fw.actor.device_id, None, "")
    second = add_coding(fw.db, other, aid, ENG, "unclear", start, end)
    assert {c.id for c in list_codings(fw.db, session_id=sid)} == {coding.id, second.id}
    # the answer is edited: the coding keeps its text and says it no longer matches
    save_answer(fw.db, fw.actor, sid, "story", "Tidak ada yang menyukai unggahan.")
    [stale] = list_codings(fw.db, answer_id=aid, coder_id=fw.actor.researcher_id)
    assert stale.stale and stale.excerpt == "menyukai unggahan petahana 😊"
    updated = update_coding(fw.db, fw.actor, coding.id, stance="neutrality", memo="")
    assert (updated.stance, updated.memo) == ("neutrality", "")


def test_deleting_leaves_a_tombstone(fieldwork: Fieldwork) -> None:
    fw = fieldwork
    sid = fw.run("interview", {"story": STORY})
    coding = add_coding(fw.db, fw.actor, fw.answer(sid, "story"), ENG, "violation")
    assert coding.excerpt == STORY  # no offsets: the whole text
    delete_coding(fw.db, fw.actor, coding.id)
    assert list_codings(fw.db, session_id=sid) == []
    [tomb] = list_codings(fw.db, session_id=sid, include_deleted=True)
    assert tomb.deleted
    with fw.db.session() as s:
        assert s.scalar(select(Coding.deleted).where(Coding.id == coding.id)) is True
        actions = s.scalars(
            select(AuditEvent.action).where(AuditEvent.entity_id == coding.id)
        ).all()
        assert sorted(actions) == ["coding.added", "coding.deleted"]
    with pytest.raises(NotFoundError):
        update_coding(fw.db, fw.actor, coding.id, memo="x")


def test_coding_refuses_what_cannot_be_coded(fieldwork: Fieldwork) -> None:
    fw = fieldwork
    sid = fw.run("interview", {"story": "Pendek."})
    aid = fw.answer(sid, "story")
    with pytest.raises(NeutralitasError, match=r"passage 3–40 lies outside the value of 'story'"):
        add_coding(fw.db, fw.actor, aid, ENG, "violation", 3, 40)
    with pytest.raises(NeutralitasError, match="has no note text"):
        add_coding(fw.db, fw.actor, aid, ENG, "violation", target="note")
    with pytest.raises(NeutralitasError, match="unknown stance 'guilty'"):
        add_coding(fw.db, fw.actor, aid, ENG, "guilty")
    retire_theme(fw.db, fw.actor, ENG)
    with pytest.raises(NeutralitasError, match="is retired"):
        add_coding(fw.db, fw.actor, aid, ENG, "violation")
    with pytest.raises(NotFoundError, match="no answer"):
        add_coding(fw.db, fw.actor, "missing", "socmed_conduct", "violation")


def test_tags_are_derived_from_the_session(fieldwork: Fieldwork) -> None:
    fw = fieldwork
    sid = fw.run("interview", {"liked": "yes", "story": STORY}, role="lurah", when=P3)
    tags = session_tags(fw.db, sid)
    assert (tags.source_type, tags.informant_role, tags.site_name, tags.period) == (
        "interview", "lurah", SITE_A, "p3",
    )  # fmt: skip
    assert tags.researcher_name == "Rina Peneliti" and tags.informant_code.startswith("INF-")
    rows = answer_tags(fw.db, sid)
    assert [r.key for r in rows] == ["liked", "story"]
    assert all(r.tags == tags for r in rows)
    obs = fw.run("observation", {"engaged": "yes"}, when=P1)
    assert session_tags(fw.db, obs).informant_role == ""


def ctx(m: Matrix, column: str) -> StanceCount:
    """The answers about socmed_engagement in one column (the matrix's context)."""
    return m.row(ENG).context_cells[m.column_index(column)]


def test_correcting_tags_moves_the_evidence_and_is_audited(fieldwork: Fieldwork) -> None:
    fw = fieldwork
    sid = fw.run("interview", {"liked": "yes"}, role="lurah", site=SITE_A, when=P1)
    by_source = triangulation_matrix(fw.db, MatrixQuery(by="source"))
    assert ctx(by_source, "lurah").violation == 1
    tags = correct_session_tags(
        fw.db, fw.actor, sid, informant_role="camat", site=SITE_B, started_at=P3,
        reason="salah pilih peran dan lokasi",
    )  # fmt: skip
    assert (tags.informant_role, tags.site_name, tags.period) == ("camat", SITE_B, "p3")
    by_source = triangulation_matrix(fw.db, MatrixQuery(by="source", site=SITE_B))
    assert ctx(by_source, "camat").violation == 1
    assert ctx(triangulation_matrix(fw.db, MatrixQuery(by="time")), "p3").violation == 1
    with fw.db.session() as s:
        event = s.scalars(
            select(AuditEvent).where(AuditEvent.action == "session.tags_corrected")
        ).one()
        assert event.entity_id == sid and event.detail["reason"] == "salah pilih peran dan lokasi"
        assert event.detail["changes"]["source_role"] == ["lurah", "camat"]
    # an observation has no informant role
    obs = correct_session_tags(fw.db, fw.actor, sid, source_type="observation")
    assert (obs.source_type, obs.informant_role) == ("observation", "")
    with pytest.raises(NeutralitasError, match="unknown informant role 'king'"):
        correct_session_tags(fw.db, fw.actor, sid, informant_role="king")
    with pytest.raises(NeutralitasError, match="unknown source type 'rumour'"):
        correct_session_tags(fw.db, fw.actor, sid, source_type="rumour")


def test_findings_record_conclusion_status_and_evidence(fieldwork: Fieldwork) -> None:
    fw = fieldwork
    sid = fw.run("interview", {"liked": "yes", "story": STORY}, site=SITE_B)
    coding = add_coding(fw.db, fw.actor, fw.answer(sid, "story"), ENG, "violation")
    finding = add_finding(
        fw.db, fw.actor, ENG, "  ASN kelurahan menyukai unggahan petahana. ", site=SITE_B,
        evidence=[fw.answer(sid, "liked"), coding.id],
    )  # fmt: skip
    assert (finding.status, finding.site_name, finding.conclusion) == (
        "tentative", SITE_B, "ASN kelurahan menyukai unggahan petahana.",
    )  # fmt: skip
    assert finding.evidence == (fw.answer(sid, "liked"), coding.id)
    why = "Dikonfirmasi oleh dua informan yang berbeda peran dan satu tangkapan layar akun"
    verified = update_finding(fw.db, fw.actor, finding.id, status="verified", reason=why)
    assert verified.status == "verified" and verified.author_name == "Rina Peneliti"
    assert [f.id for f in list_findings(fw.db, theme=ENG, status="verified")] == [finding.id]
    assert list_findings(fw.db, site=SITE_A) == []
    with pytest.raises(NotFoundError, match="no answer or coding with id nope"):
        update_finding(fw.db, fw.actor, finding.id, evidence=["nope"])
    with pytest.raises(NeutralitasError, match="unknown finding status 'proven'"):
        update_finding(fw.db, fw.actor, finding.id, status="proven")
    with pytest.raises(NeutralitasError, match="needs a conclusion"):
        add_finding(fw.db, fw.actor, ENG, "  ")
    with fw.db.session() as s:
        actions = sorted(s.scalars(select(AuditEvent.action).where(AuditEvent.entity == "finding")))
    assert actions == ["finding.added", "finding.verified"]
