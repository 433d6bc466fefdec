"""Study services: sites, informants and consent, sessions and their filters, demo data."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from neutralitas_desktop.errors import NeutralitasError
from neutralitas_desktop.fieldwork.informants import (
    create_informant,
    list_informants,
    list_roles,
    record_consent,
    reveal_identity,
)
from neutralitas_desktop.fieldwork.instruments import get_instrument
from neutralitas_desktop.fieldwork.sessions import (
    SessionFilter,
    list_sessions,
    set_status,
    start_session,
)
from neutralitas_desktop.fieldwork.sites import add_site, find_or_create_site, list_sites
from neutralitas_desktop.store.models import (
    Answer,
    AuditEvent,
    FieldSession,
    Informant,
    InformantIdentity,
)


def test_sites_are_unique_by_name(study) -> None:  # type: ignore[no-untyped-def]
    first = add_site(study.db, study.actor, "Kelurahan Sukamaju", "kelurahan", "Kota Bandung")
    again = add_site(study.db, study.actor, "  Kelurahan Sukamaju ")
    assert first.id == again.id
    assert [s.name for s in list_sites(study.db)] == ["Kelurahan Sukamaju"]
    with pytest.raises(NeutralitasError, match="a site needs a name"):
        add_site(study.db, study.actor, "   ")


def test_informant_codes_identity_and_consent(study) -> None:  # type: ignore[no-untyped-def]
    roles = {r.code for r in list_roles(study.db)}
    assert {"asn_staff", "camat", "lurah", "panwascam"} <= roles
    with study.db.session() as s:
        site = find_or_create_site(s, study.actor, "Kantor Kecamatan Ciamis")
        a = create_informant(s, study.actor, role="asn_staff", site_id=site)
        b = create_informant(
            s, study.actor, role="lurah", site_id=site, real_name="Dewi Lestari", contact="0812"
        )
        c = create_informant(s, study.actor, role="lurah", site_id=site, code_prefix="RP")
        with pytest.raises(NeutralitasError, match="unknown informant role 'mayor'"):
            create_informant(s, study.actor, role="mayor", site_id=site)
    informants = {i.id: i for i in list_informants(study.db)}
    assert [informants[x].code for x in (a, b, c)] == ["INF-01", "INF-02", "INF-RP01"]
    assert informants[b].site_name == "Kantor Kecamatan Ciamis"
    assert informants[b].consent_status == "pending"
    # The real name lives only in the identity table.
    with study.db.session() as s:
        assert s.get(Informant, b).notes == ""
        assert s.get(InformantIdentity, b).real_name == "Dewi Lestari"
        assert s.get(InformantIdentity, a) is None
    assert reveal_identity(study.db, study.actor, b) == ("Dewi Lestari", "0812")
    record_consent(study.db, study.actor, b, "given", "written")
    record_consent(study.db, study.actor, b, "withdrawn", note="minta dicabut")
    with study.db.session() as s:
        informant = s.get(Informant, b)
        assert informant.consent_status == "withdrawn"
        assert informant.consent_method == "written" and informant.withdrawn_at is not None
        actions = s.scalars(
            select(AuditEvent.action).where(AuditEvent.entity_id == b).order_by(AuditEvent.at)
        ).all()
    assert actions == [
        "informant.created",
        "identity.revealed",
        "consent.given",
        "consent.withdrawn",
    ]


def test_sessions_take_their_source_tags_and_filter(study) -> None:  # type: ignore[no-untyped-def]
    interview_id, _ = get_instrument(study.db, "asn-staff-interview")
    with study.db.session() as s:
        site = find_or_create_site(s, study.actor, "Kelurahan Linggasari")
        other = find_or_create_site(s, study.actor, "Desa Trirenggo")
        inf = create_informant(s, study.actor, role="asn_staff", site_id=site)
        sid = start_session(
            s, study.actor, instrument_id=interview_id, site_id=site, informant_id=inf
        )
        with pytest.raises(NeutralitasError, match="an interview needs an informant"):
            start_session(s, study.actor, instrument_id=interview_id, site_id=other)
    set_status(study.db, study.actor, sid, "completed")
    (row,) = list_sessions(study.db)
    assert (row.source_type, row.source_role, row.site_name) == (
        "interview",
        "asn_staff",
        "Kelurahan Linggasari",
    )
    assert row.status == "completed" and row.ended_at is not None
    assert row.researcher_name == "Rina Peneliti"
    assert list_sessions(study.db, SessionFilter(site_id=other)) == []
    assert len(list_sessions(study.db, SessionFilter(status="completed"))) == 1
    assert list_sessions(study.db, SessionFilter(source_type="observation")) == []
    with pytest.raises(NeutralitasError, match="unknown session status 'done'"):
        set_status(study.db, study.actor, sid, "done")


def test_demo_study_is_realistic(demo_study) -> None:  # type: ignore[no-untyped-def]
    rows = list_sessions(demo_study.db)
    assert len(rows) == 60
    assert {r.source_type for r in rows} == {"interview", "observation", "documentation"}
    assert {r.status for r in rows} >= {"draft", "completed", "approved"}
    interviews = [r for r in rows if r.source_type == "interview"]
    assert all(r.informant_code.startswith("INF-") and r.source_role for r in interviews)
    assert len({r.source_role for r in interviews}) >= 3
    assert len({r.site_name for r in rows}) >= 4
    assert {r.researcher_name for r in rows} == {"Rina Marlina", "Agus Salim", "Dewi Anggraini"}
    with demo_study.db.session() as s:
        refused = s.scalars(select(FieldSession.id).where(FieldSession.status == "refused")).all()
        for sid in refused:  # a refusal collects nothing but the refusal
            assert s.scalar(select(func.count()).where(Answer.session_id == sid)) == 0
        completed = [r.answers for r in rows if r.status == "approved"]
        drafts = [r.answers for r in rows if r.status == "draft"]
    assert min(completed) > 10
    assert drafts and max(drafts) <= 25
