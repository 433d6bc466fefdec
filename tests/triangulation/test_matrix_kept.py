"""The matrix keeps what it reads of the study besides its counts (settings, codebook,
incidents) with the connection while no row changes (store.change_mark): the same matrix
whether kept or read anew, for every grouping and filter, and the same as before it kept
anything; every kind of edit, from this program or another, is in the next matrix; a
rolled-back write leaves nothing behind."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import asdict
from typing import Any

import pytest
from sqlalchemy import select, update
from tri_fieldwork import SITE_A, Fieldwork

from neutralitas_desktop.fieldwork.sessions import set_status
from neutralitas_desktop.store.change_mark import change_mark
from neutralitas_desktop.store.database import Database, open_database
from neutralitas_desktop.store.models import Incident, Study
from neutralitas_desktop.triangulation.incidents import add_incident, link, list_incidents
from neutralitas_desktop.triangulation.matrix import (
    set_corroboration_threshold,
    triangulation_matrix,
)
from neutralitas_desktop.triangulation.matrix_study import study_frame
from neutralitas_desktop.triangulation.types import Matrix, MatrixQuery

ENG = "socmed_engagement"


def queries(db: Database) -> list[MatrixQuery]:
    site = triangulation_matrix(db, MatrixQuery(by="site")).columns[0].label["id"]
    out = []
    for by in ("technique", "source", "time", "site"):
        for rollup in (True, False):
            for only in ({}, {"status": "approved"}, {"statuses": ("approved", "completed")},
                         {"site": site}):  # fmt: skip
                out.append(MatrixQuery(by=by, rollup=rollup, **only))  # type: ignore[arg-type]
    return out


def test_kept_and_read_anew_are_the_same_matrix(demo_study: Any) -> None:
    db = demo_study.db
    for query in queries(db):
        kept = triangulation_matrix(db, query)
        assert triangulation_matrix(db, query) == kept  # the second read is the kept one
        anew = open_database(demo_study.path)  # another pool: nothing kept there
        try:
            assert triangulation_matrix(anew, query) == kept, query
        finally:
            anew.close()
    assert any(row.total.total for row in kept.rows)  # the demo has incidents to count


# The demo study (60 sessions, seed 7) matrices' digests, taken before the matrix kept
# anything or read its rows without ORM objects: each grouping and filter must give the
# very same cells. Taken again (print(digests(...))) only when the demo itself changes.
DEMO_INPUTS = "bc0d09ee7fa8"
DEMO_DIGESTS = {
    "technique 1": "3a68375eba614275",
    "technique 1 approved": "d8985f2fc09b1a67",
    "technique 1  approved,completed": "3ccb1283d13bf5ef",
    "technique 1   one site": "d97a605235ad7583",
    "technique 0": "953f27e94cbd405b",
    "technique 0 approved": "972c9540dbcc3520",
    "technique 0  approved,completed": "20c0fe8cf39f1cf8",
    "technique 0   one site": "c5fbc56de8be5a2a",
    "source 1": "e4c465835122c734",
    "source 1 approved": "7549550878b6b0d0",
    "source 1  approved,completed": "ae538abcea1b8be7",
    "source 1   one site": "f197de65fcbfa32a",
    "source 0": "a6c0405d192c146f",
    "source 0 approved": "dc70f566fe6789ad",
    "source 0  approved,completed": "24904fcd635e6e30",
    "source 0   one site": "1cc0001efcbd2e4c",
    "time 1": "85e29f4bd47d1e52",
    "time 1 approved": "a060c3a9bfa44f6f",
    "time 1  approved,completed": "2acc9d6aaf1513bc",
    "time 1   one site": "d931e5d3137b7458",
    "time 0": "10918fe27c4d06b6",
    "time 0 approved": "b7e3c690e0f4ccda",
    "time 0  approved,completed": "aa8aea5953173e2c",
    "time 0   one site": "d743e4b5e39c30a3",
    "site 1": "b37c1aadb97188dd",
    "site 1 approved": "477daf9086bf2c37",
    "site 1  approved,completed": "65b833750c26fe6b",
    "site 1   one site": "47ea45b318bc05d1",
    "site 0": "57821ed8a2d45470",
    "site 0 approved": "fa8f028d1a62f3dc",
    "site 0  approved,completed": "362a6d688aa1f3a2",
    "site 0   one site": "f95efc6f22852aec",
}


def _inputs(db: Database) -> str:
    """What the demo study holds, by counts (the digests are of this demo)."""
    with db.engine.connect() as con:
        counts = [
            con.exec_driver_sql(f"SELECT count(*) FROM {t}").scalar()
            for t in ("field_session", "answer", "coding", "incident", "evidence_line")
        ]
        counts.append(con.exec_driver_sql("SELECT sum(length(value)) FROM answer").scalar())
    return hashlib.sha256(json.dumps(counts).encode()).hexdigest()[:12]


def _plain(m: Matrix, sites: dict[str, str]) -> dict[str, Any]:
    """The matrix without the study's random ids (sites by name, incidents counted)."""

    def name(key: str) -> str:
        return sites.get(key, key)

    def cell(c: Any) -> dict[str, Any]:
        return {k: v for k, v in asdict(c).items() if k != "incidents"} | {
            "incidents": len(c.incidents)
        }

    def row(r: Any) -> list[Any]:
        decided = [name(k) for k in r.conclusion.decided_by]
        conclusion = [r.conclusion.kind, decided, r.conclusion.incidents]
        context = [asdict(r.context), [asdict(c) for c in r.context_cells]]
        cells = [[cell(c) for c in r.cells], cell(r.total)]
        return [r.code, r.parent_code, r.depth, r.retired, *cells, *conclusion, *context]

    return {
        "columns": [name(c.key) for c in m.columns],
        "threshold": m.thresholds.corroboration,
        "incidents": sorted(map(list, m.incidents.values())),
        "rows": [row(r) for r in m.rows],
    }


def digests(db: Database) -> dict[str, str]:
    columns = triangulation_matrix(db, MatrixQuery(by="site")).columns
    sites = {c.key: c.label["id"] for c in columns}
    out = {}
    for query in queries(db):
        plain = json.dumps(_plain(triangulation_matrix(db, query), sites), sort_keys=True)
        only = [query.status or "", ",".join(query.statuses), "one site" if query.site else ""]
        name = " ".join([query.by, str(int(query.rollup)), *only]).strip()
        out[name] = hashlib.sha256(plain.encode()).hexdigest()[:16]
    return out


def test_demo_matrices_are_those_of_before(demo_study: Any) -> None:
    if _inputs(demo_study.db) != DEMO_INPUTS:
        pytest.skip("the demo study changed: its matrices' digests must be taken again")
    found = digests(demo_study.db)
    assert [q for q in found if found[q] != DEMO_DIGESTS.get(q)] == []


def test_every_edit_is_in_the_next_matrix(fieldwork: Fieldwork) -> None:
    fw = fieldwork
    inc = add_incident(
        fw.db, fw.actor, site=SITE_A, theme=ENG, actor_type="asn_staff",
        date_start=dt.date(2024, 10, 2), summary="Akun resmi menyukai unggahan",
    ).id  # fmt: skip
    seen = fw.run("observation", {"engaged": "yes"})
    told = fw.run("interview", {"liked": "yes"})
    link(fw.db, fw.actor, inc, "observed", session_id=seen, question="engaged")
    first = triangulation_matrix(fw.db)
    assert first.cell(ENG, "observation").single_line == 1
    assert triangulation_matrix(fw.db) == first  # kept: nothing changed
    link(fw.db, fw.actor, inc, "witness", session_id=told, question="liked")  # a new line
    second = triangulation_matrix(fw.db)
    assert second.cell(ENG, "observation").corroborated == 1
    assert second.cell(ENG, "interview").corroborated == 1
    set_corroboration_threshold(fw.db, fw.actor, 3)  # a study setting
    third = triangulation_matrix(fw.db)
    assert third.thresholds.corroboration == 3
    assert third.cell(ENG, "observation").single_line == 1
    set_status(fw.db, fw.actor, seen, "approved")  # a session's status, and a filter on it
    approved = triangulation_matrix(fw.db, MatrixQuery(status="approved"))
    assert approved.cell(ENG, "observation").lines == 1
    assert approved.cell(ENG, "interview").lines == 0
    fw.withdraw(fw.informant("asn_staff"))  # someone else's consent: nothing to see
    fw.withdraw(_informant_of(fw, told))  # the witness withdraws consent
    assert triangulation_matrix(fw.db).cell(ENG, "interview").lines == 0


def _informant_of(fw: Fieldwork, session_id: str) -> str:
    from neutralitas_desktop.store.models import FieldSession

    with fw.db.session() as s:
        informant = s.get_one(FieldSession, session_id).informant_id
    assert informant is not None
    return informant


def test_an_edit_from_another_program_is_in_the_next_matrix(fieldwork: Fieldwork) -> None:
    fw = fieldwork
    add_incident(
        fw.db, fw.actor, site=SITE_A, theme=ENG, actor_type="asn_staff",
        date_start=dt.date(2024, 10, 2), summary="sebelum",
    )  # fmt: skip
    assert list(triangulation_matrix(fw.db).incidents.values()) == [("unattested", "sebelum")]
    other = open_database(fw.study.path)  # another program on the same study file
    try:
        with other.session() as s:
            s.execute(update(Incident).values(summary="sesudah"))
            s.execute(
                update(Study).values(settings={"triangulation": {"corroboration_threshold": 4}})
            )
    finally:
        other.close()
    after = triangulation_matrix(fw.db)
    assert list(after.incidents.values()) == [("unattested", "sesudah")]
    assert after.thresholds.corroboration == 4
    assert [i.summary for i in list_incidents(fw.db)] == ["sesudah"]


def test_a_rolled_back_write_leaves_nothing_kept(fieldwork: Fieldwork) -> None:
    fw = fieldwork
    add_incident(
        fw.db, fw.actor, site=SITE_A, theme=ENG, actor_type="asn_staff",
        date_start=dt.date(2024, 10, 2), summary="tetap",
    )  # fmt: skip
    with pytest.raises(RuntimeError), fw.db.session() as s:
        s.execute(update(Incident).values(summary="dibatalkan"))
        assert change_mark(s.connection()) is None  # uncommitted writes: nothing is kept
        assert [i.summary for i in study_frame(s).incidents] == ["dibatalkan"]
        raise RuntimeError("the user cancelled")
    assert list(triangulation_matrix(fw.db).incidents.values()) == [("unattested", "tetap")]


def test_the_change_mark_moves_with_every_write(fieldwork: Fieldwork) -> None:
    db = fieldwork.db
    with db.engine.connect() as con:
        before = change_mark(con)
        assert before is not None and change_mark(con) == before
        con.execute(update(Study).values(description="baru"))
        con.commit()
        own = change_mark(con)
        assert own is not None and own != before  # its own write
        other = open_database(fieldwork.study.path)
        try:
            with other.session() as s:
                s.execute(update(Study).values(description="lain"))
        finally:
            other.close()
        assert change_mark(con) not in (before, own)  # another connection's write
        assert con.execute(select(Study.description)).scalar() == "lain"
