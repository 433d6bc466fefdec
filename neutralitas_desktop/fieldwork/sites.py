"""Sites studied: kantor kecamatan, kelurahan, desa."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from neutralitas_desktop.errors import NeutralitasError
from neutralitas_desktop.fieldwork.actor import Actor
from neutralitas_desktop.operations import Changes
from neutralitas_desktop.store.database import Database
from neutralitas_desktop.store.models import Site
from neutralitas_desktop.vocabulary import Message


@dataclass(frozen=True)
class SiteInfo:
    id: str
    name: str
    kind: str
    region: str

    @property
    def changes(self) -> Changes:
        return Changes.of(sites=self.id)


def _info(site: Site) -> SiteInfo:
    return SiteInfo(site.id, site.name, site.kind, site.region)


def find_or_create_site(
    session: Session, actor: Actor, name: str, kind: str = "", region: str = ""
) -> str:
    name = name.strip()
    if not name:
        raise NeutralitasError(message_id=Message.SITE_NEEDS_NAME)
    existing = session.scalar(select(Site.id).where(Site.name == name))
    if existing:
        return existing
    site = Site(name=name, kind=kind, region=region, device_id=actor.device_id)
    session.add(site)
    session.flush()
    return site.id


def add_site(db: Database, actor: Actor, name: str, kind: str = "", region: str = "") -> SiteInfo:
    with db.session() as session:
        site_id = find_or_create_site(session, actor, name, kind, region)
        return _info(session.get_one(Site, site_id))


def list_sites(db: Database) -> list[SiteInfo]:
    with db.session() as session:
        return [_info(s) for s in session.scalars(select(Site).order_by(Site.name))]
