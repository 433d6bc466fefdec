"""Informants: pseudonymous codes, roles, consent; identities kept apart."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from neutralitas_desktop.errors import NeutralitasError, NotFoundError
from neutralitas_desktop.fieldwork import audit
from neutralitas_desktop.fieldwork.actor import Actor
from neutralitas_desktop.operations import Changes
from neutralitas_desktop.store.database import Database
from neutralitas_desktop.store.models import (
    Informant,
    InformantIdentity,
    InformantRole,
    Site,
    utcnow,
)
from neutralitas_desktop.vocabulary import (
    ConsentMethod,
    ConsentState,
    InformantCategory,
    Message,
    SelectionMethod,
)
from neutralitas_desktop.vocabulary.terms import values

CONSENT_STATES = values(ConsentState)
CONSENT_METHODS = values(ConsentMethod)
CATEGORIES = values(InformantCategory)
SELECTION_METHODS = values(SelectionMethod)


@dataclass(frozen=True)
class InformantInfo:
    id: str
    code: str
    role: str
    role_label: dict[str, str]
    site_id: str
    site_name: str
    consent_status: str
    consent_method: str
    consent_at: dt.datetime | None
    category: str = ""  # key / main / supporting, or "" when not recorded
    selection: str = ""  # purposive / snowball / other, or ""
    # May be named as a source in a report to an authority (a case file): a consent of its
    # own, never implied by consent to take part.
    consent_named: bool = False

    @property
    def changes(self) -> Changes:
        return Changes.of(informants=self.id)


@dataclass(frozen=True)
class RoleInfo:
    code: str
    label: dict[str, str]


def list_roles(db: Database) -> list[RoleInfo]:
    with db.session() as session:
        rows = session.scalars(select(InformantRole).order_by(InformantRole.sort)).all()
        return [RoleInfo(r.code, dict(r.label)) for r in rows]


def next_code(session: Session, prefix: str = "") -> str:
    """The next free pseudonym: INF-01, INF-02, … ; ``prefix`` (the researcher's initials,
    e.g. INF-AR01) keeps codes made offline on different laptops apart."""
    pattern = re.compile(rf"^INF-{re.escape(prefix)}(\d+)$")
    numbers = [
        int(m.group(1))
        for code in session.scalars(select(Informant.code))
        if (m := pattern.match(code))
    ]
    return f"INF-{prefix}{(max(numbers, default=0) + 1):02d}"


def create_informant(
    session: Session,
    actor: Actor,
    *,
    role: str,
    site_id: str,
    code: str | None = None,
    code_prefix: str = "",
    real_name: str = "",
    contact: str = "",
    notes: str = "",
    category: str = "",
    selection: str = "",
) -> str:
    _check_sampling(category, selection)
    if session.get(InformantRole, role) is None:
        raise NeutralitasError(f"unknown informant role '{role}'")
    if session.get(Site, site_id) is None:
        raise NotFoundError(f"no site with id {site_id}")
    code = (code or next_code(session, code_prefix)).strip()
    if session.scalar(select(Informant.id).where(Informant.code == code)):
        raise NeutralitasError(message_id=Message.INFORMANT_CODE_USED, code=code)
    informant = Informant(
        code=code,
        role=role,
        site_id=site_id,
        notes=notes,
        created_by=actor.researcher_id,
        device_id=actor.device_id,
        category=category,
        selection=selection,
    )
    session.add(informant)
    session.flush()
    if real_name or contact:
        session.add(
            InformantIdentity(
                informant_id=informant.id,
                real_name=real_name,
                contact=contact,
                device_id=actor.device_id,
            )
        )
    audit.record(session, actor, "informant.created", "informant", informant.id, code=code)
    return informant.id


def _check_sampling(category: str, selection: str) -> None:
    if category and category not in CATEGORIES:
        raise NeutralitasError(
            f"informant category '{category}' is not one of {', '.join(CATEGORIES)}"
        )
    if selection and selection not in SELECTION_METHODS:
        raise NeutralitasError(
            f"selection method '{selection}' is not one of {', '.join(SELECTION_METHODS)}"
        )


def set_sampling(
    db: Database, actor: Actor, informant_id: str, category: str, selection: str
) -> None:
    """Record the informant's category (informan kunci / utama / pendukung) and how they
    were chosen (purposive, snowball), as the method chapter reports them."""
    _check_sampling(category, selection)
    with db.session() as session:
        informant = session.get(Informant, informant_id)
        if informant is None:
            raise NotFoundError(f"no informant with id {informant_id}")
        previous = {"category": informant.category, "selection": informant.selection}
        informant.category, informant.selection = category, selection
        informant.device_id = actor.device_id
        audit.record(
            session, actor, "informant.sampling", "informant", informant_id,
            previous=previous, category=category, selection=selection,
        )  # fmt: skip


def record_consent(
    db: Database,
    actor: Actor,
    informant_id: str,
    status: str,
    method: str = "oral",
    at: dt.datetime | None = None,
    note: str = "",
    named: bool | None = None,
) -> None:
    """Record given / refused / withdrawn consent; withdrawal excludes the informant's
    answers from exports and reports, and is recorded, never deleted.

    ``named`` records, with it, the separate consent to be named as a source in a report
    to an authority (None: unchanged). Only given consent can carry it: a refusal or a
    withdrawal takes it back."""
    if status not in CONSENT_STATES:
        raise NeutralitasError(f"unknown consent status '{status}'")
    with db.session() as session:
        informant = session.get(Informant, informant_id)
        if informant is None:
            raise NotFoundError(f"no informant with id {informant_id}")
        previous = informant.consent_status
        informant.consent_status = status
        informant.device_id = actor.device_id
        if status == "withdrawn":
            informant.withdrawn_at = at or utcnow()
        else:
            informant.consent_method = method
            informant.consent_at = at or utcnow()
        if note:
            informant.consent_note = note
        audit.record(
            session,
            actor,
            f"consent.{status}",
            "informant",
            informant_id,
            previous=previous,
            method=method,
            note=note,
        )
        if status != ConsentState.GIVEN:
            named = False
        if named is not None:
            _set_named(session, actor, informant, named, note)


def record_named_consent(
    db: Database, actor: Actor, informant_id: str, named: bool, note: str = ""
) -> None:
    """Record whether the informant agrees to be named as a source in a report to an
    authority (Bawaslu, BKN, the regent). Consent to take part must have been given."""
    with db.session() as session:
        informant = session.get(Informant, informant_id)
        if informant is None:
            raise NotFoundError(f"no informant with id {informant_id}")
        if named and informant.consent_status != ConsentState.GIVEN:
            raise NeutralitasError(
                f"informant {informant.code} has not consented to take part "
                f"(consent: {informant.consent_status}): they cannot be named in a report"
            )
        _set_named(session, actor, informant, named, note)


def _set_named(
    session: Session, actor: Actor, informant: Informant, named: bool, note: str
) -> None:
    """The one place the consent to be named changes, with its audit event."""
    if bool(informant.consent_named) == named:
        return
    informant.consent_named = named
    informant.device_id = actor.device_id
    audit.record(
        session, actor, "consent.named" if named else "consent.not_named", "informant",
        informant.id, previous=not named, note=note,
    )  # fmt: skip


def list_informants(db: Database, site_id: str | None = None) -> list[InformantInfo]:
    with db.session() as session:
        query = (
            select(Informant, InformantRole.label, Site.name)
            .join(InformantRole, InformantRole.code == Informant.role)
            .join(Site, Site.id == Informant.site_id)
            .order_by(Informant.code)
        )
        if site_id:
            query = query.where(Informant.site_id == site_id)
        return [
            InformantInfo(
                i.id,
                i.code,
                i.role,
                dict(label),
                i.site_id,
                site_name,
                i.consent_status,
                i.consent_method,
                i.consent_at,
                i.category,
                i.selection,
                bool(i.consent_named),
            )
            for i, label, site_name in session.execute(query)
        ]


def reveal_identity(db: Database, actor: Actor, informant_id: str) -> tuple[str, str]:
    """Real name and contact, for the researcher's eyes only; the reveal is audited."""
    with db.session() as session:
        identity = session.get(InformantIdentity, informant_id)
        audit.record(session, actor, "identity.revealed", "informant", informant_id)
        return (identity.real_name, identity.contact) if identity else ("", "")
