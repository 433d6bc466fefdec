"""The informants a report lists: pseudonymous code, role, consent, how each was chosen;
names and contacts only when asked for."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select

from neutralitas_desktop.reports.queries import Scope, session_clauses
from neutralitas_desktop.store.database import Database
from neutralitas_desktop.store.models import (
    FieldSession,
    Informant,
    InformantIdentity,
    InformantRole,
    Site,
)


@dataclass(frozen=True)
class InformantRecord:
    id: str
    code: str
    role: str
    role_label: dict[str, str]
    site_name: str
    consent_status: str
    consent_method: str
    consent_at: dt.datetime | None
    sessions: int
    real_name: str = ""
    contact: str = ""
    category: str = ""  # key / main / supporting (informan kunci / utama / pendukung)
    selection: str = ""  # purposive / snowball / other
    consent_named: bool = False  # may be named as a source in a report to an authority


def load_informants(
    db: Database, scope: Scope, *, with_identity: bool = False
) -> list[InformantRecord]:
    """Informants of the sites in scope (withdrawn consent left out); real names and
    contacts are read only when ``with_identity`` is asked for."""
    counts = (
        select(FieldSession.informant_id, func.count().label("n"))
        .where(FieldSession.informant_id.is_not(None), *session_clauses(scope))
        .group_by(FieldSession.informant_id)
        .subquery()
    )
    query = (
        select(Informant, InformantRole.label, Site.name, func.coalesce(counts.c.n, 0))
        .join(InformantRole, InformantRole.code == Informant.role)
        .join(Site, Site.id == Informant.site_id)
        .outerjoin(counts, counts.c.informant_id == Informant.id)
        .where(Informant.consent_status != "withdrawn")
        .order_by(Informant.code)
    )
    if scope.site_ids:
        query = query.where(Informant.site_id.in_(scope.site_ids))
    with db.session() as s:
        identities: dict[str, tuple[str, str]] = {}
        if with_identity:
            identities = {
                i.informant_id: (i.real_name, i.contact)
                for i in s.scalars(select(InformantIdentity))
            }
        return [
            InformantRecord(
                i.id,
                i.code,
                i.role,
                dict(label),
                site,
                i.consent_status,
                i.consent_method,
                i.consent_at,
                int(n),
                *identities.get(i.id, ("", "")),
                category=i.category,
                selection=i.selection,
                consent_named=bool(i.consent_named),
            )
            for i, label, site, n in s.execute(query)
        ]
