"""Creating a study from the shipped template and opening the one this app works on."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from neutralitas_desktop.errors import DatabaseError, NeutralitasError
from neutralitas_desktop.fieldwork import audit
from neutralitas_desktop.fieldwork.actor import Actor
from neutralitas_desktop.fieldwork.device_key import load_device_key
from neutralitas_desktop.fieldwork.instruments import store_instrument
from neutralitas_desktop.fieldwork.profile import LocalProfile
from neutralitas_desktop.paths import forms_dir
from neutralitas_desktop.store.database import Database, PassphraseSource, open_database
from neutralitas_desktop.store.models import (
    Device,
    DeviceKey,
    InformantRole,
    Meta,
    Researcher,
    Study,
    Theme,
    derived_id,
)
from neutralitas_desktop.vocabulary import Message
from neutralitas_desktop.vocabulary.time_zones import (
    DEFAULT_TIME_ZONE,
    StudyTimeZone,
    time_zone_named,
)

if TYPE_CHECKING:  # the template (TOML reading, validation) loads only to create a study
    from neutralitas_desktop.instruments.study_template import StudyTemplate

# How many independent supporting lines corroborate an incident (a study setting).
DEFAULT_TRIANGULATION = {"corroboration_threshold": 2}


@dataclass(frozen=True)
class StudyInfo:
    id: str
    title: dict[str, str]
    description: dict[str, str]
    languages: list[str]
    default_language: str
    settings: dict[str, Any]


def shipped_template() -> StudyTemplate:
    from neutralitas_desktop.instruments.study_template import load_study_template

    return load_study_template(forms_dir())


def create_study(
    db: Database, actor: Actor, template: StudyTemplate | None = None, title: str | None = None
) -> str:
    """Fill an empty database with a study from the template; returns the study id."""
    template = template or shipped_template()
    with db.session() as session:
        if session.scalar(select(Study.id)) is not None:
            raise DatabaseError(f"{db.display_name()} already holds a study")
        study_title = dict(template.title)
        if title:
            study_title = {lang: title for lang in template.languages}
        settings: dict[str, Any] = {
            "periods": [
                {
                    "code": p.code,
                    "label": p.label,
                    "start": p.start.isoformat(),
                    "end": p.end.isoformat(),
                }
                for p in template.periods
            ],
            "election_date": template.election_date.isoformat() if template.election_date else "",
            "election": template.election,
            "election_calendar": [
                {
                    "code": p.code,
                    "label": p.label,
                    "start": p.start.isoformat(),
                    "end": p.end.isoformat(),
                }
                for p in template.calendar
            ],
            "triangulation": dict(DEFAULT_TRIANGULATION),
        }
        study = Study(
            title=study_title,
            description=template.description,
            languages=list(template.languages),
            default_language=template.default_language,
            settings=settings,
            device_id=actor.device_id,
        )
        session.add(study)
        session.flush()
        session.add(Meta(key="study_id", value=study.id))
        for sort, role in enumerate(template.roles):
            session.add(
                InformantRole(
                    code=role.code, label=role.label, sort=sort, device_id=actor.device_id
                )
            )
        ids: dict[str, str] = {}
        for theme in template.themes:
            ids[theme.code] = derived_id("theme", study.id, theme.code)
        for sort, theme in enumerate(template.themes):
            session.add(
                Theme(
                    id=ids[theme.code],
                    code=theme.code,
                    parent_id=ids.get(theme.parent) if theme.parent else None,
                    label=theme.label,
                    description=theme.description,
                    inclusion=theme.inclusion,
                    exclusion=theme.exclusion,
                    legal_basis=[p.as_dict() for p in theme.legal_basis],
                    sort=sort,
                    device_id=actor.device_id,
                )
            )
        session.flush()
        for instrument in template.instruments:
            store_instrument(session, instrument, actor.device_id, origin="shipped template")
        return study.id


def register_actor(db: Database, profile: LocalProfile) -> Actor:
    """Make sure this device and its researcher are in the study; the Actor for writes."""
    researcher_id = derived_id("researcher", profile.device_id)
    name = profile.researcher_label
    public_key = load_device_key(profile.device_id).public_hex
    with db.session() as session:  # usually nothing to write: no write lock taken
        device = session.get(Device, profile.device_id)
        researcher = session.get(Researcher, researcher_id)
        key = session.get(DeviceKey, profile.device_id)
        if (
            device is not None
            and device.name == profile.device_name
            and researcher is not None
            and (researcher.name, researcher.initials) == (name, profile.researcher_initials)
            and key is not None
            and key.public_key == public_key
        ):
            return Actor(profile.device_id, researcher_id, name)
    with db.writing() as session:
        device = session.get(Device, profile.device_id)
        if device is None:
            session.add(
                Device(id=profile.device_id, name=profile.device_name, device_id=profile.device_id)
            )
        elif device.name != profile.device_name:
            device.name = profile.device_name
        researcher = session.get(Researcher, researcher_id)
        if researcher is None:
            session.add(
                Researcher(
                    id=researcher_id,
                    name=name,
                    initials=profile.researcher_initials,
                    device_id=profile.device_id,
                )
            )
        elif (researcher.name, researcher.initials) != (name, profile.researcher_initials):
            researcher.name = name
            researcher.initials = profile.researcher_initials
            researcher.device_id = profile.device_id
        _enrol_key(session, profile.device_id)
    return Actor(profile.device_id, researcher_id, name)


def _enrol_key(session: Any, device_id: str) -> None:
    """Record this device's public key; the first device of a study that has no supervisor's
    key yet (the one that created it, or first opened it after the upgrade) is the supervisor."""
    key = load_device_key(device_id)
    row = session.get(DeviceKey, device_id)
    if row is None:
        supervisor = session.scalar(
            select(DeviceKey.device_id).where(DeviceKey.role == "supervisor")
        )
        session.add(
            DeviceKey(
                device_id=device_id,
                public_key=key.public_hex,
                role="researcher" if supervisor else "supervisor",
                added_by=device_id,
            )
        )
    elif row.public_key != key.public_hex:  # this data folder made a new key
        row.public_key = key.public_hex


def study_info(db: Database) -> StudyInfo:
    with db.session() as session:
        study = session.scalars(select(Study)).first()
        if study is None:
            raise DatabaseError(message_id=Message.STUDY_EMPTY, path=db.display_name())
        return StudyInfo(
            id=study.id,
            title=dict(study.title),
            description=dict(study.description or {}),
            languages=list(study.languages),
            default_language=study.default_language,
            settings=dict(study.settings or {}),
        )


def study_time_zone(db: Database) -> StudyTimeZone:
    """The zone the study's times are shown in (the setting ``time_zone``; WIB by default)."""
    with db.session() as session:
        settings = session.scalar(select(Study.settings)) or {}
    return time_zone_named(settings.get("time_zone"))


def holds_supervisor_key(db: Database, device_id: str) -> bool:
    """Whether ``device_id`` may change study-wide settings: it holds the supervisor's key,
    or the study knows no device keys at all (a server master)."""
    with db.session() as session:
        rows = session.execute(select(DeviceKey.device_id, DeviceKey.role))
        roles = {device: role for device, role in rows}
    return not roles or roles.get(device_id) == "supervisor"


def set_study_time_zone(db: Database, actor: Actor, zone: str) -> StudyTimeZone:
    """Change the study's time zone (a study-wide setting, recorded in the audit log). Only
    the supervisor's laptop may: the master refuses a field package that changes the study."""
    chosen = StudyTimeZone(zone)
    if not holds_supervisor_key(db, actor.device_id):
        raise NeutralitasError(message_id=Message.TIME_ZONE_SUPERVISOR_ONLY)
    with db.session() as session:
        study = session.scalars(select(Study)).first()
        if study is None:
            raise DatabaseError(message_id=Message.STUDY_EMPTY, path=db.display_name())
        previous = (study.settings or {}).get("time_zone", DEFAULT_TIME_ZONE.value)
        study.settings = {**(study.settings or {}), "time_zone": chosen.value}
        study.device_id = actor.device_id
        audit.record(session, actor, "study.time_zone", "study", study.id, previous=previous,
                     time_zone=chosen.value)  # fmt: skip
    return chosen


def open_study(
    target: str | Path,
    profile: LocalProfile,
    *,
    create: bool = False,
    passphrase: PassphraseSource = None,
) -> tuple[Database, Actor]:
    """Open a study database (creating it from the shipped template when asked and absent;
    encrypted when ``passphrase`` gives one)."""
    db = open_database(target, create=create, passphrase=passphrase)
    try:
        with db.session() as session:
            empty = session.scalar(select(Study.id)) is None
        actor = register_actor(db, profile)
        if empty:
            if not create:
                raise DatabaseError(message_id=Message.STUDY_EMPTY, path=db.display_name())
            create_study(db, actor)
    except BaseException:
        db.close()
        raise
    return db, actor
