"""Incidents, lines of evidence, findings with reasons, member checks and the audit trail,
through the services, on hand-built fieldwork."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlcipher3 import dbapi2 as sqlite3  # the driver the app opens study files with
from tri_fieldwork import P3, SITE_A, SITE_B, Fieldwork

from neutralitas_desktop.errors import NeutralitasError, NotFoundError
from neutralitas_desktop.store.database import open_database
from neutralitas_desktop.triangulation.audit_trail import audit_trail
from neutralitas_desktop.triangulation.coding import add_coding
from neutralitas_desktop.triangulation.findings import add_finding, update_finding
from neutralitas_desktop.triangulation.incidents import (
    add_incident,
    get_incident,
    link,
    list_incidents,
    unlink,
)
from neutralitas_desktop.triangulation.matrix import set_corroboration_threshold
from neutralitas_desktop.triangulation.member_checks import add_member_check, list_member_checks

ENG = "socmed_engagement"
DAY = dt.date(2024, 10, 3)


def _incident(fw: Fieldwork, site: str = SITE_A, **kw: object) -> str:
    return add_incident(
        fw.db, fw.actor, site=site, theme=ENG, actor_type="asn_official", date_start=DAY,
        actor_code="akun @kel.contoh", platform="Instagram", summary="Akun resmi menyukai "
        "unggahan paslon 02", **kw,  # type: ignore[arg-type]
    ).id  # fmt: skip


def test_an_incident_with_its_site_stage_and_derived_line_sources(fieldwork: Fieldwork) -> None:
    fw = fieldwork
    inc = add_incident(
        fw.db, fw.actor, site="Desa Baru", theme=ENG, actor_type="village_head",
        date_start=dt.date(2024, 11, 12), summary="Kades membagikan poster paslon",
    )  # fmt: skip
    assert inc.site_name == "Desa Baru"  # the site was created
    assert inc.stage == "p3" and "Akhir masa kampanye" in inc.stage_label["id"]
    assert inc.corroboration == "unattested" and inc.lines == ()
    sid = fw.run("interview", {"liked": "yes", "story": "Saya lihat pak kades membagikan."},
                 role="community_figure", when=P3)  # fmt: skip
    line = link(fw.db, fw.actor, inc.id, "witness", session_id=sid, question="story")
    assert line.technique == "interview"
    assert line.informant_role == "community_figure" and line.informant_code
    assert line.session_date == P3 and line.text == "Saya lihat pak kades membagikan."
    assert get_incident(fw.db, inc.id).corroboration == "single_line"
    # a choice answer reads as its option's label and its question as asked, not as codes
    sid = fw.run("interview", {"liked": "yes"}, role="community_figure", when=P3)
    line = link(fw.db, fw.actor, inc.id, "witness", session_id=sid, question="liked")
    assert line.text == "yes" and line.text_label["id"] not in ("", "yes")
    assert line.question_label == {"id": "Pertanyaan liked", "en": "Question liked"}


def test_linking_and_unlinking_change_corroboration_and_are_audited(fieldwork: Fieldwork) -> None:
    fw = fieldwork
    inc = _incident(fw)
    obs = fw.run("observation", {"engaged": "yes", "remarks": "Akun menyukai unggahan"})
    doc = fw.run("documentation", {"shows_engagement": "yes"})
    denial = fw.run("interview", {"liked": "no"}, role="camat")
    link(fw.db, fw.actor, inc, "observed", session_id=obs, question="engaged", reason="saya lihat")
    assert get_incident(fw.db, inc).corroboration == "single_line"
    link(fw.db, fw.actor, inc, "denial", session_id=denial, question="liked")
    assert get_incident(fw.db, inc).corroboration == "contradicted"
    shot = link(fw.db, fw.actor, inc, "document", session_id=doc)
    info = get_incident(fw.db, inc)
    assert info.corroboration == "corroborated" and info.independent == 2
    deciding = {x.kind for x in info.lines if x.deciding}
    assert deciding == {"observed", "document"}  # the denial is listed, not deciding
    after = unlink(fw.db, fw.actor, shot.id, reason="tangkapan layar salah akun")
    assert after.corroboration == "contradicted"
    with pytest.raises(NotFoundError):
        unlink(fw.db, fw.actor, shot.id)
    trail = [(e.action, e.reason) for e in audit_trail(fw.db, entity_id=inc)]
    assert ("incident.linked", "saya lihat") in trail
    assert ("incident.unlinked", "tangkapan layar salah akun") in trail


def test_two_passages_of_one_interview_are_one_line(fieldwork: Fieldwork) -> None:
    fw = fieldwork
    inc = _incident(fw)
    sid = fw.run("interview", {"story": "Saya menyukai. Teman saya juga melihat saya."})
    a = fw.answer(sid, "story")
    first = add_coding(fw.db, fw.actor, a, ENG, "violation", 0, 14)
    second = add_coding(fw.db, fw.actor, a, ENG, "violation", 15, 44)
    link(fw.db, fw.actor, inc, "self_report", coding_id=first.id)
    line = link(fw.db, fw.actor, inc, "witness", coding_id=second.id)
    assert line.target == "coding" and line.text == "Teman saya juga melihat saya."
    assert get_incident(fw.db, inc).corroboration == "single_line"


def test_lines_of_withdrawn_informants_do_not_count(fieldwork: Fieldwork) -> None:
    fw = fieldwork
    inc = _incident(fw)
    people = [fw.informant("asn_staff"), fw.informant("asn_staff")]
    for person in people:
        sid = fw.run("interview", {"liked": "yes"}, informant=person)
        link(fw.db, fw.actor, inc, "witness", session_id=sid, question="liked")
    assert get_incident(fw.db, inc).corroboration == "corroborated"
    fw.withdraw(people[1])
    info = get_incident(fw.db, inc)
    assert info.corroboration == "single_line"
    assert [x.counts for x in info.lines] == [True, False]


def test_user_errors_name_what_is_wrong(fieldwork: Fieldwork) -> None:
    fw = fieldwork
    with pytest.raises(NeutralitasError, match="actor type 'mayor'"):
        add_incident(fw.db, fw.actor, site=SITE_A, theme=ENG, actor_type="mayor",
                     date_start=DAY, summary="x")  # fmt: skip
    with pytest.raises(NotFoundError, match="no theme 'nope'"):
        add_incident(fw.db, fw.actor, site=SITE_A, theme="nope", actor_type="other",
                     date_start=DAY, summary="x")  # fmt: skip
    inc = _incident(fw)
    sid = fw.run("observation", {"engaged": "yes"})
    with pytest.raises(NeutralitasError, match="kind of evidence 'rumour'"):
        link(fw.db, fw.actor, inc, "rumour", session_id=sid)
    with pytest.raises(NotFoundError, match="has no answer to 'liked'"):
        link(fw.db, fw.actor, inc, "observed", session_id=sid, question="liked")
    assert get_incident(fw.db, inc).lines == ()  # nothing half-written


def test_list_by_site_and_theme_merge_moves_incidents(fieldwork: Fieldwork) -> None:
    from neutralitas_desktop.triangulation.codebook import merge_themes

    fw = fieldwork
    _incident(fw, SITE_A)
    b = add_incident(
        fw.db, fw.actor, site=SITE_B, theme="socmed_promotion", actor_type="asn_staff",
        date_start=DAY, summary="Staf mempromosikan",
    )  # fmt: skip
    assert [i.site_name for i in list_incidents(fw.db, site=SITE_B)] == [SITE_B]
    merge_themes(fw.db, fw.actor, "socmed_promotion", ENG)
    assert get_incident(fw.db, b.id).theme_code == ENG
    assert len(list_incidents(fw.db, theme=ENG)) == 2
    assert any(e.action == "theme.merged" for e in audit_trail(fw.db))


def test_verified_needs_a_reason_and_why_when_nothing_is_corroborated(fieldwork: Fieldwork) -> None:
    fw = fieldwork
    inc = _incident(fw)
    sid = fw.run("observation", {"engaged": "yes"})
    link(fw.db, fw.actor, inc, "observed", session_id=sid, question="engaged")
    f = add_finding(fw.db, fw.actor, ENG, "ASN kelurahan menyukai unggahan.", incidents=[inc])
    assert f.incidents == (inc,) and not f.status_before_reasons
    with pytest.raises(NeutralitasError, match="needs a written reason"):
        update_finding(fw.db, fw.actor, f.id, status="verified")
    with pytest.raises(NeutralitasError, match="none of its incidents is corroborated"):
        update_finding(fw.db, fw.actor, f.id, status="verified", reason="terlihat jelas")
    why = "Satu pengamatan langsung, akun resmi, dan pelaku sendiri mengakui dalam rapat terbuka"
    done = update_finding(fw.db, fw.actor, f.id, status="verified", reason=why)
    assert done.status == "verified" and done.status_reason == why
    doc = fw.run("documentation", {"shows_engagement": "yes"})
    link(fw.db, fw.actor, inc, "document", session_id=doc)
    g = add_finding(fw.db, fw.actor, ENG, "Terkuatkan.", incidents=[inc], status="verified",
                    reason="dua jalur bukti")  # fmt: skip
    assert g.status == "verified"
    trail = [(e.action, e.reason) for e in audit_trail(fw.db, entity_id=f.id)]
    assert ("finding.verified", why) in trail
    with pytest.raises(NeutralitasError, match="needs a written reason"):
        add_finding(fw.db, fw.actor, ENG, "Tanpa alasan.", status="verified")


def test_member_checks(fieldwork: Fieldwork) -> None:
    fw = fieldwork
    person = fw.informant("camat")
    f = add_finding(fw.db, fw.actor, ENG, "Camat mengarahkan staf.")
    assert list_member_checks(fw.db) == []
    with fw.db.session() as s:
        from neutralitas_desktop.store.models import Informant

        informant_code = s.get_one(Informant, person).code
    check = add_member_check(
        fw.db, fw.actor, informant_code, material="summary", given="Ringkasan wawancara 2 hlm",
        given_on=dt.date(2024, 11, 20), response="corrected", response_note="tanggal salah",
        findings=[f.id],
    )  # fmt: skip
    assert check.informant_code == informant_code and check.findings == (f.id,)
    assert [c.response for c in list_member_checks(fw.db, informant=informant_code)] == [
        "corrected"
    ]
    assert any(
        e.action == "member_check.added" and e.reason == "tanggal salah" for e in audit_trail(fw.db)
    )
    with pytest.raises(NotFoundError, match="no informant 'INF-404'"):
        add_member_check(fw.db, fw.actor, "INF-404", material="summary", given="x",
                         given_on=dt.date(2024, 11, 20))  # fmt: skip


def test_the_threshold_is_a_study_setting(fieldwork: Fieldwork) -> None:
    fw = fieldwork
    inc = _incident(fw)
    for source in ("observation", "documentation"):
        sid = fw.run(source, {})
        link(fw.db, fw.actor, inc, "observed" if source == "observation" else "document",
             session_id=sid)  # fmt: skip
    assert get_incident(fw.db, inc).corroboration == "corroborated"
    set_corroboration_threshold(fw.db, fw.actor, 3)
    assert get_incident(fw.db, inc).corroboration == "single_line"
    assert get_incident(fw.db, inc).threshold == 3


def test_findings_of_an_old_study_keep_their_status_marked(tmp_path: Path) -> None:
    old = Path(__file__).resolve().parents[1] / "data" / "study-schema-0001.sqlite"
    path = tmp_path / "lama.sqlite"
    path.write_bytes(old.read_bytes())
    con = sqlite3.connect(path)
    theme = con.execute("SELECT id FROM theme LIMIT 1").fetchone()[0]
    con.execute(
        "INSERT INTO finding (id, theme_id, conclusion, status, evidence, created_at, "
        "updated_at, device_id) VALUES ('f-old', ?, 'Lama', 'verified', '[]', "
        "'2024-11-01 10:00:00', '2024-11-01 10:00:00', 'dev')",
        (theme,),
    )
    con.commit()
    con.close()
    db = open_database(path)
    with db.engine.connect() as c:
        row = c.exec_driver_sql(
            "SELECT status, status_before_reasons, status_reason, incidents FROM finding"
        ).one()
    db.close()
    assert tuple(row) == ("verified", 1, "", "[]")
