"""The legal analysis records of a study: legal materials and element-by-element tests of
an incident against an article (see ``legal_analysis_types``).

An element test may only cite a provision of the incident's theme that applies to the
study's election and to the incident's actor type (``vocabulary.law``'s rule), and rest
only on the incident's own lines of evidence, so the analysis never tests a village head
against an article that binds civil servants, nor a Pilkada incident against the Election
Law. Every change is an analytic decision and is audited; a removal leaves a tombstone so
that it merges between laptops.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from neutralitas_desktop.errors import NeutralitasError, NotFoundError
from neutralitas_desktop.fieldwork import audit
from neutralitas_desktop.fieldwork.actor import Actor
from neutralitas_desktop.operations import UNLISTED, Changes
from neutralitas_desktop.store.database import Database
from neutralitas_desktop.store.legal_models import ElementTestRow, LegalMaterialRow
from neutralitas_desktop.store.models import (
    EvidenceLine,
    Incident,
    Researcher,
    Study,
    Theme,
    utcnow,
)
from neutralitas_desktop.triangulation.legal_analysis_types import (
    Element,
    ElementTest,
    ElementVerdict,
    LegalAnalysis,
    LegalMaterial,
    MaterialKind,
)
from neutralitas_desktop.vocabulary.law import Provision, applies, read_basis, study_election
from neutralitas_desktop.vocabulary.terms import values

MATERIAL_KINDS: tuple[str, ...] = values(MaterialKind)
ELEMENTS: tuple[str, ...] = values(Element)
VERDICTS: tuple[str, ...] = values(ElementVerdict)


def _check(value: str, allowed: tuple[str, ...], what: str) -> str:
    if value not in allowed:
        raise NeutralitasError(f"unknown {what} '{value}' (choose {', '.join(allowed)})")
    return value


def _text(value: str, what: str) -> str:
    value = value.strip()
    if not value:
        raise NeutralitasError(f"{what} is empty")
    return value


# ---- legal materials -----------------------------------------------------------------
def add_material(
    db: Database, actor: Actor, kind: str, citation: str, *, note: str = ""
) -> LegalMaterial:
    """Record a legal material (primary, secondary or tertiary) the analysis rests on."""
    _check(kind, MATERIAL_KINDS, "kind of legal material")
    citation = _text(citation, "the legal material's citation")
    with db.session() as session:
        row = LegalMaterialRow(
            kind=kind,
            citation=citation,
            note=note.strip(),
            recorded_by=actor.researcher_id,
            device_id=actor.device_id,
        )
        session.add(row)
        session.flush()
        audit.record(
            session, actor, "legal.material_added", "legal_material", row.id,
            kind=kind, citation=citation,
        )  # fmt: skip
        material_id = row.id
    return _material(db, material_id)


def _material_row(session: Session, material_id: str) -> LegalMaterialRow:
    row = session.get(LegalMaterialRow, material_id)
    if row is None or row.deleted:
        raise NotFoundError(f"no legal material with id {material_id}")
    return row


def edit_material(
    db: Database,
    actor: Actor,
    material_id: str,
    *,
    kind: str | None = None,
    citation: str | None = None,
    note: str | None = None,
) -> LegalMaterial:
    """Change a legal material's kind, citation or note."""
    with db.session() as session:
        row = _material_row(session, material_id)
        if kind is not None:
            row.kind = _check(kind, MATERIAL_KINDS, "kind of legal material")
        if citation is not None:
            row.citation = _text(citation, "the legal material's citation")
        if note is not None:
            row.note = note.strip()
        row.device_id, row.updated_at = actor.device_id, utcnow()
        audit.record(
            session, actor, "legal.material_edited", "legal_material", row.id,
            kind=row.kind, citation=row.citation,
        )  # fmt: skip
    return _material(db, material_id)


def remove_material(db: Database, actor: Actor, material_id: str, *, reason: str = "") -> Changes:
    """Remove a legal material from the study (kept as a tombstone, with the reason)."""
    with db.session() as session:
        row = _material_row(session, material_id)
        row.deleted = True
        row.device_id, row.updated_at = actor.device_id, utcnow()
        audit.record(
            session, actor, "legal.material_removed", "legal_material", row.id,
            citation=row.citation, reason=reason.strip(),
        )  # fmt: skip
    return Changes.of(legal=material_id, audit=UNLISTED)


def _material_infos(session: Session, only: str | None = None) -> list[LegalMaterial]:
    query = (
        select(LegalMaterialRow, Researcher.name)
        .outerjoin(Researcher, Researcher.id == LegalMaterialRow.recorded_by)
        .where(LegalMaterialRow.deleted.is_(False))
    )
    if only is not None:
        query = query.where(LegalMaterialRow.id == only)
    rows = list(session.execute(query).all())
    order = {k: i for i, k in enumerate(MATERIAL_KINDS)}
    rows.sort(key=lambda r: (order.get(r[0].kind, len(order)), r[0].citation, r[0].id))
    return [
        LegalMaterial(
            id=m.id,
            kind=m.kind,
            citation=m.citation,
            note=m.note,
            recorded_by=name or "",
            updated_at=m.updated_at,
        )
        for m, name in rows
    ]


def list_materials(db: Database) -> tuple[LegalMaterial, ...]:
    """The study's legal materials: primary first, then secondary and tertiary."""
    with db.session() as session:
        return tuple(_material_infos(session))


def _material(db: Database, material_id: str) -> LegalMaterial:
    with db.session() as session:
        return _material_infos(session, material_id)[0]


# ---- element tests -------------------------------------------------------------------
def _incident(session: Session, incident_id: str) -> Incident:
    row = session.get(Incident, incident_id)
    if row is None:
        raise NotFoundError(f"no incident with id {incident_id}")
    return row


def _applicable(session: Session, incident: Incident) -> tuple[Provision, ...]:
    settings = session.scalar(select(Study.settings))
    election = study_election(settings)
    theme = session.get_one(Theme, incident.theme_id)
    basis = read_basis(theme.legal_basis)
    return tuple(p for p in basis if applies(p, election, incident.actor_type))


def applicable_provisions(db: Database, incident_id: str) -> tuple[Provision, ...]:
    """The provisions an element test of this incident may cite: its theme's, for the
    study's election and the incident's actor type."""
    with db.session() as session:
        return _applicable(session, _incident(session, incident_id))


def _provision(session: Session, incident: Incident, ref: str) -> str:
    """The citation of the applicable provision ``ref`` names (its citation, or a unique
    part of it such as "Pasal 29"); a one-line refusal naming the incident otherwise."""
    ref = " ".join(ref.split())
    if not ref:
        raise NeutralitasError(f"incident {incident.id[:8]}: say which article is tested")
    options = _applicable(session, incident)
    exact = [p for p in options if p.citation.casefold() == ref.casefold()]
    # a part matches whole words only: "Pasal 29" never names Pasal 290
    part = re.compile(rf"(?<!\w){re.escape(ref)}(?!\w)", re.IGNORECASE)
    found = exact or [p for p in options if part.search(p.citation)]
    citations = list(dict.fromkeys(p.citation for p in found))
    if len(citations) == 1:
        return citations[0]
    if len(citations) > 1:
        raise NeutralitasError(
            f"incident {incident.id[:8]}: '{ref}' names {len(citations)} provisions "
            f"({'; '.join(citations)}); give the full citation"
        )
    election = study_election(session.scalar(select(Study.settings)))
    raise NeutralitasError(
        f"incident {incident.id[:8]}: {ref} does not apply to a {incident.actor_type} "
        f"in a {election} study (applicable: {'; '.join(p.citation for p in options) or 'none'})"
    )


def _evidence(session: Session, incident: Incident, ids: Iterable[str]) -> list[str]:
    wanted = list(dict.fromkeys(i.strip() for i in ids if i.strip()))
    if not wanted:
        return []
    lines = set(
        session.scalars(
            select(EvidenceLine.id).where(
                EvidenceLine.incident_id == incident.id, EvidenceLine.deleted.is_(False)
            )
        )
    )
    by_prefix = {w: [x for x in lines if x == w or x.startswith(w)] for w in wanted}
    for want, matches in by_prefix.items():
        if len(matches) != 1:
            raise NeutralitasError(
                f"incident {incident.id[:8]}: {want} is not one of its lines of evidence"
            )
    return list(dict.fromkeys(m[0] for m in by_prefix.values()))


def _no_twin(session: Session, incident: Incident, provision: str, element: str, own: str) -> None:
    twin = session.scalar(
        select(ElementTestRow.id).where(
            ElementTestRow.incident_id == incident.id,
            ElementTestRow.provision == provision,
            ElementTestRow.element == element,
            ElementTestRow.deleted.is_(False),
            ElementTestRow.id != own,
        )
    )
    if twin is not None:
        raise NeutralitasError(
            f"incident {incident.id[:8]}: the {element} of {provision} is already tested "
            f"(element test {twin[:8]}); edit that one"
        )


def add_element_test(
    db: Database,
    actor: Actor,
    incident_id: str,
    *,
    provision: str,
    element: str,
    verdict: str,
    reasoning: str,
    evidence: Iterable[str] = (),
) -> ElementTest:
    """Test one element of an applicable article against an incident."""
    _check(element, ELEMENTS, "element")
    _check(verdict, VERDICTS, "verdict")
    reasoning = _text(reasoning, "the element test's reasoning")
    with db.writing() as session:
        incident = _incident(session, incident_id)
        citation = _provision(session, incident, provision)
        _no_twin(session, incident, citation, element, "")
        row = ElementTestRow(
            incident_id=incident.id,
            provision=citation,
            element=element,
            verdict=verdict,
            reasoning=reasoning,
            evidence=_evidence(session, incident, evidence),
            recorded_by=actor.researcher_id,
            device_id=actor.device_id,
        )
        session.add(row)
        session.flush()
        audit.record(
            session, actor, "legal.element_tested", "incident", incident.id,
            test=row.id, provision=citation, element=element, verdict=verdict,
            reason=reasoning,
        )  # fmt: skip
        test_id = row.id
    return _test(db, test_id)


def _test_row(session: Session, test_id: str) -> ElementTestRow:
    row = session.get(ElementTestRow, test_id)
    if row is None or row.deleted:
        raise NotFoundError(f"no element test with id {test_id}")
    return row


def edit_element_test(
    db: Database,
    actor: Actor,
    test_id: str,
    *,
    provision: str | None = None,
    element: str | None = None,
    verdict: str | None = None,
    reasoning: str | None = None,
    evidence: Iterable[str] | None = None,
) -> ElementTest:
    """Change an element test (its article, element, verdict, reasoning or evidence)."""
    with db.writing() as session:
        row = _test_row(session, test_id)
        incident = _incident(session, row.incident_id)
        if provision is not None:
            row.provision = _provision(session, incident, provision)
        if element is not None:
            row.element = _check(element, ELEMENTS, "element")
        if verdict is not None:
            row.verdict = _check(verdict, VERDICTS, "verdict")
        if reasoning is not None:
            row.reasoning = _text(reasoning, "the element test's reasoning")
        if evidence is not None:
            row.evidence = _evidence(session, incident, evidence)
        _no_twin(session, incident, row.provision, row.element, row.id)
        row.device_id, row.updated_at = actor.device_id, utcnow()
        audit.record(
            session, actor, "legal.element_test_edited", "incident", incident.id,
            test=row.id, provision=row.provision, element=row.element, verdict=row.verdict,
            reason=row.reasoning,
        )  # fmt: skip
    return _test(db, test_id)


def remove_element_test(db: Database, actor: Actor, test_id: str, *, reason: str = "") -> Changes:
    """Remove an element test (kept as a tombstone, with the reason)."""
    with db.session() as session:
        row = _test_row(session, test_id)
        row.deleted = True
        row.device_id, row.updated_at = actor.device_id, utcnow()
        audit.record(
            session, actor, "legal.element_test_removed", "incident", row.incident_id,
            test=row.id, provision=row.provision, element=row.element, reason=reason.strip(),
        )  # fmt: skip
        incident_id = row.incident_id
    return Changes.of(legal=test_id, incidents=incident_id, audit=UNLISTED)


def _test_infos(
    session: Session, *, incident_id: str | None = None, only: str | None = None
) -> list[ElementTest]:
    query = (
        select(ElementTestRow, Researcher.name)
        .outerjoin(Researcher, Researcher.id == ElementTestRow.recorded_by)
        .where(ElementTestRow.deleted.is_(False))
    )
    if incident_id is not None:
        query = query.where(ElementTestRow.incident_id == incident_id)
    if only is not None:
        query = query.where(ElementTestRow.id == only)
    rows = list(session.execute(query).all())
    order = {k: i for i, k in enumerate(ELEMENTS)}
    firsts: dict[tuple[str, str], Any] = {}
    for r, _ in sorted(rows, key=lambda x: (x[0].created_at, x[0].id)):
        firsts.setdefault((r.incident_id, r.provision), (r.created_at, r.id))
    rows.sort(
        key=lambda x: (
            x[0].incident_id,
            firsts[(x[0].incident_id, x[0].provision)],
            order.get(x[0].element, len(order)),
            x[0].id,
        )
    )
    return [
        ElementTest(
            id=t.id,
            provision=t.provision,
            element=t.element,
            verdict=t.verdict,
            reasoning=t.reasoning,
            evidence=tuple(t.evidence or ()),
            incident_id=t.incident_id,
            recorded_by=name or "",
            updated_at=t.updated_at,
        )
        for t, name in rows
    ]


def _test(db: Database, test_id: str) -> ElementTest:
    with db.session() as session:
        return _test_infos(session, only=test_id)[0]


def list_element_tests(db: Database, incident_id: str | None = None) -> tuple[ElementTest, ...]:
    """Element tests of one incident, or of every incident (by incident, article, element)."""
    with db.session() as session:
        if incident_id is not None:
            _incident(session, incident_id)
        return tuple(_test_infos(session, incident_id=incident_id))


def analysis_for(db: Database, incident_id: str) -> LegalAnalysis:
    """The study's legal materials and the incident's element tests."""
    with db.session() as session:
        return LegalAnalysis(
            incident_id=incident_id,
            materials=tuple(_material_infos(session)),
            tests=tuple(_test_infos(session, incident_id=incident_id)),
        )
