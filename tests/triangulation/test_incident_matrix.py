"""The matrix counts incidents by corroboration, hand-worked: fifty "no" answers do not
outvote an incident the researcher saw and kept a screenshot of; columns, roll-up, the
site × theme display and filters."""

from __future__ import annotations

import datetime as dt

from tri_fieldwork import P1, P3, SITE_A, SITE_B, Fieldwork

from neutralitas_desktop.triangulation.incidents import add_incident, link
from neutralitas_desktop.triangulation.matrix import cell_incidents, triangulation_matrix
from neutralitas_desktop.triangulation.types import Matrix, MatrixQuery

ENG = "socmed_engagement"
PARENT = "socmed_conduct"  # the parent theme of socmed_engagement in the shipped codebook


def incident(fw: Fieldwork, site: str = SITE_A, theme: str = ENG, summary: str = "x") -> str:
    return add_incident(
        fw.db, fw.actor, site=site, theme=theme, actor_type="asn_staff",
        date_start=dt.date(2024, 10, 2), summary=summary,
    ).id  # fmt: skip


def cells(m: Matrix, code: str) -> dict[str, tuple[int, int, int, int, int]]:
    """column -> (corroborated, single_line, contradicted, unattested, lines), non-empty."""
    return {
        col.key: (c.corroborated, c.single_line, c.contradicted, c.unattested, c.lines)
        for col, c in zip(m.columns, m.row(code).cells, strict=True)
        if c.total
    }


def test_one_attested_incident_outweighs_fifty_denials(fieldwork: Fieldwork) -> None:
    fw = fieldwork
    inc = incident(fw, summary="Akun resmi kelurahan menyukai unggahan petahana")
    for _ in range(50):
        sid = fw.run("interview", {"liked": "no"})
        link(fw.db, fw.actor, inc, "denial", session_id=sid, question="liked")
    obs = fw.run("observation", {"engaged": "yes"})
    link(fw.db, fw.actor, inc, "observed", session_id=obs, question="engaged")
    doc = fw.run("documentation", {"shows_engagement": "yes"})
    link(fw.db, fw.actor, inc, "document", session_id=doc)
    m = triangulation_matrix(fw.db)
    row = m.row(ENG)
    assert row.conclusion.kind == "corroborated"
    assert row.conclusion.decided_by == ("observation", "documentation")
    assert cells(m, ENG) == {
        "interview": (1, 0, 0, 0, 50),
        "observation": (1, 0, 0, 0, 1),
        "documentation": (1, 0, 0, 0, 1),
    }
    assert row.total.total == 1 and row.total.denials == 50 and row.total.supporting == 2
    # the fifty answers are context beside the row, not evidence
    assert row.context.neutrality == 50 and row.context.violation == 2


def test_each_corroboration_state_and_the_best_decides_the_row(fieldwork: Fieldwork) -> None:
    fw = fieldwork
    hearsay = incident(fw, summary="Kabar burung")
    for _ in range(3):
        sid = fw.run("interview", {"story": "Katanya..."})
        link(fw.db, fw.actor, hearsay, "hearsay", session_id=sid, question="story")
    m = triangulation_matrix(fw.db)
    assert m.row(ENG).conclusion.kind == "unattested"
    assert cells(m, ENG) == {"interview": (0, 0, 0, 1, 3)}
    contradicted = incident(fw, summary="Disangkal pelaku")
    w = fw.run("interview", {"story": "Saya lihat"}, role="community_figure")
    d = fw.run("interview", {"liked": "no"}, role="lurah")
    link(fw.db, fw.actor, contradicted, "witness", session_id=w, question="story")
    link(fw.db, fw.actor, contradicted, "denial", session_id=d, question="liked")
    assert triangulation_matrix(fw.db).row(ENG).conclusion.kind == "contradicted"
    single = incident(fw, summary="Satu jalur")
    link(fw.db, fw.actor, single, "observed", session_id=fw.run("observation", {}))
    m = triangulation_matrix(fw.db)
    assert m.row(ENG).conclusion.kind == "single_line"
    assert m.row(ENG).conclusion.decided_by == ("observation",)
    t = m.row(ENG).total
    assert (t.corroborated, t.single_line, t.contradicted, t.unattested) == (0, 1, 1, 1)


def test_grouping_by_source_and_time_and_roll_up(fieldwork: Fieldwork) -> None:
    fw = fieldwork
    inc = incident(fw)
    a = fw.run("interview", {"story": "Saya lihat"}, role="camat", when=P1)
    b = fw.run("interview", {"story": "Saya juga lihat"}, role="asn_staff", when=P3)
    link(fw.db, fw.actor, inc, "witness", session_id=a, question="story")
    link(fw.db, fw.actor, inc, "witness", session_id=b, question="story")
    by_source = triangulation_matrix(fw.db, MatrixQuery(by="source"))
    assert cells(by_source, ENG) == {"asn_staff": (1, 0, 0, 0, 1), "camat": (1, 0, 0, 0, 1)}
    by_time = triangulation_matrix(fw.db, MatrixQuery(by="time"))
    assert cells(by_time, ENG) == {"p1": (1, 0, 0, 0, 1), "p3": (1, 0, 0, 0, 1)}
    assert by_time.row(PARENT).total.corroborated == 1  # rolled up into the parent
    flat = triangulation_matrix(fw.db, MatrixQuery(rollup=False))
    assert flat.row(PARENT).total.total == 0


def test_site_by_theme_display_lists_each_sites_incidents(fieldwork: Fieldwork) -> None:
    fw = fieldwork
    a = incident(fw, SITE_A)
    incident(fw, SITE_B)
    incident(fw, SITE_B, theme="incumbent_programme")
    for kind, source in (("observed", "observation"), ("document", "documentation")):
        link(fw.db, fw.actor, a, kind, session_id=fw.run(source, {}))
    m = triangulation_matrix(fw.db, MatrixQuery(by="site"))
    ids = {c.label["id"]: c.key for c in m.columns}
    assert list(ids) == [SITE_A, SITE_B]
    assert cells(m, ENG) == {ids[SITE_A]: (1, 0, 0, 0, 2), ids[SITE_B]: (0, 0, 0, 1, 0)}
    assert m.row("incumbent_programme").cells[1].unattested == 1
    only_b = triangulation_matrix(fw.db, MatrixQuery(by="site", site=SITE_B))
    assert [c.key for c in only_b.columns] == [ids[SITE_B]]
    assert [i.id for i in cell_incidents(fw.db, MatrixQuery(by="site"), ENG, ids[SITE_A])] == [a]


def test_filters_choose_lines_not_corroboration(fieldwork: Fieldwork) -> None:
    fw = fieldwork
    inc = incident(fw)
    obs = fw.run("observation", {}, status="approved", when=P1)
    doc = fw.run("documentation", {}, status="completed", when=P3)
    link(fw.db, fw.actor, inc, "observed", session_id=obs)
    link(fw.db, fw.actor, inc, "document", session_id=doc)
    approved = triangulation_matrix(fw.db, MatrixQuery(status="approved"))
    assert cells(approved, ENG) == {"observation": (1, 0, 0, 0, 1)}  # still corroborated
    assert triangulation_matrix(fw.db, MatrixQuery(period="p2")).row(ENG).total.total == 0
