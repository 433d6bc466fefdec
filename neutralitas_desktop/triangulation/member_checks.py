"""Member checking: what was given back to an informant (a summary, a transcript, the
findings), when, and how they responded (agreed, corrected, disputed), linkable to the
findings it bears on. Each check is an analytic decision and is audited."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlalchemy import or_, select
from sqlalchemy.orm import aliased

from neutralitas_desktop.errors import NeutralitasError, NotFoundError
from neutralitas_desktop.fieldwork import audit
from neutralitas_desktop.fieldwork.actor import Actor
from neutralitas_desktop.store.database import Database
from neutralitas_desktop.store.models import Finding, Informant, MemberCheck, Researcher
from neutralitas_desktop.triangulation.incident_types import MemberCheckInfo
from neutralitas_desktop.vocabulary import MemberCheckMaterial, MemberCheckResponse
from neutralitas_desktop.vocabulary.terms import values

MATERIALS: tuple[str, ...] = values(MemberCheckMaterial)
RESPONSES: tuple[str, ...] = values(MemberCheckResponse)


def add_member_check(
    db: Database,
    actor: Actor,
    informant: str,
    *,
    material: str,
    given: str,
    given_on: dt.date,
    response: str = MemberCheckResponse.PENDING,
    response_note: str = "",
    findings: Iterable[str] = (),
) -> MemberCheckInfo:
    """Record a member check of an informant (by code or id)."""
    if material not in MATERIALS:
        raise NeutralitasError(f"unknown material '{material}' (choose {', '.join(MATERIALS)})")
    if response not in RESPONSES:
        raise NeutralitasError(f"unknown response '{response}' (choose {', '.join(RESPONSES)})")
    if not given.strip():
        raise NeutralitasError("say what was given back to the informant")
    with db.session() as session:
        person = session.scalar(
            select(Informant).where(or_(Informant.id == informant, Informant.code == informant))
        )
        if person is None:
            raise NotFoundError(f"no informant '{informant}' in this study")
        ids = list(dict.fromkeys(findings))
        known = set(session.scalars(select(Finding.id).where(Finding.id.in_(ids))))
        missing = [i for i in ids if i not in known]
        if missing:
            raise NotFoundError(f"no finding with id {missing[0]}")
        row = MemberCheck(
            informant_id=person.id,
            material=material,
            given=given.strip(),
            given_on=given_on,
            response=response,
            response_note=response_note.strip(),
            findings=ids,
            recorded_by=actor.researcher_id,
            device_id=actor.device_id,
        )
        session.add(row)
        session.flush()
        audit.record(
            session, actor, "member_check.added", "member_check", row.id,
            informant=person.code, response=response, reason=response_note.strip(),
        )  # fmt: skip
        check_id = row.id
    return next(c for c in list_member_checks(db) if c.id == check_id)


def list_member_checks(db: Database, *, informant: str | None = None) -> list[MemberCheckInfo]:
    recorder = aliased(Researcher)
    query = (
        select(MemberCheck, Informant.code, Informant.role, recorder.name)
        .join(Informant, Informant.id == MemberCheck.informant_id)
        .outerjoin(recorder, recorder.id == MemberCheck.recorded_by)
        .order_by(MemberCheck.given_on, Informant.code, MemberCheck.created_at)
    )
    if informant:
        query = query.where(or_(Informant.id == informant, Informant.code == informant))
    with db.session() as session:
        return [
            MemberCheckInfo(
                id=m.id,
                informant_id=m.informant_id,
                informant_code=code,
                informant_role=role,
                material=m.material,
                given=m.given,
                given_on=m.given_on,
                response=m.response,
                response_note=m.response_note,
                findings=tuple(m.findings or ()),
                recorded_by=name or "",
            )
            for m, code, role, name in session.execute(query)
        ]
