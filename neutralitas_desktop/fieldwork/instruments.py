"""Instrument versions in a study: storing a definition, finding and loading it back."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from neutralitas_desktop.errors import NotFoundError
from neutralitas_desktop.instruments.model import Instrument
from neutralitas_desktop.store.database import Database
from neutralitas_desktop.store.models import InstrumentVersion, QuestionStance, derived_id


@dataclass(frozen=True)
class InstrumentInfo:
    id: str
    form_id: str
    version: str
    title: dict[str, str]
    source_type: str
    content_hash: str
    questions: int
    origin: str


def instrument_row_id(instrument: Instrument) -> str:
    return derived_id("instrument", instrument.content_hash)


def store_instrument(
    session: Session, instrument: Instrument, device_id: str, origin: str = ""
) -> tuple[str, bool]:
    """Store a version (idempotent: the same content is the same row). Returns (id, created)."""
    row_id = instrument_row_id(instrument)
    if session.get(InstrumentVersion, row_id) is not None:
        return row_id, False
    session.add(
        InstrumentVersion(
            id=row_id,
            form_id=instrument.id,
            version=instrument.version,
            content_hash=instrument.content_hash,
            title=instrument.title,
            source_type=instrument.source_type,
            definition=instrument.to_dict(),
            origin=origin,
            device_id=device_id,
        )
    )
    session.flush()
    for question in instrument.questions():
        for value, stance in question.stance.items():
            session.add(
                QuestionStance(
                    instrument_id=row_id,
                    question=question.name,
                    value=value,
                    theme_code=question.theme,
                    stance=stance,
                )
            )
    return row_id, True


def list_instruments(db: Database) -> list[InstrumentInfo]:
    with db.session() as session:
        rows = session.scalars(
            select(InstrumentVersion).order_by(
                InstrumentVersion.form_id, InstrumentVersion.created_at
            )
        ).all()
        return [_info(row) for row in rows]


def _info(row: InstrumentVersion) -> InstrumentInfo:
    instrument = Instrument.from_dict(row.definition)
    return InstrumentInfo(
        id=row.id,
        form_id=row.form_id,
        version=row.version,
        title=dict(row.title),
        source_type=row.source_type,
        content_hash=row.content_hash,
        questions=len(instrument.questions()),
        origin=row.origin,
    )


def get_instrument(db: Database, ref: str, version: str | None = None) -> tuple[str, Instrument]:
    """By row id, or by form id (the newest stored version unless ``version`` is given)."""
    with db.session() as session:
        row = session.get(InstrumentVersion, ref)
        if row is None:
            query = select(InstrumentVersion).where(InstrumentVersion.form_id == ref)
            if version:
                query = query.where(InstrumentVersion.version == version)
            row = session.scalars(query.order_by(InstrumentVersion.created_at.desc())).first()
        if row is None:
            detail = f" version {version}" if version else ""
            raise NotFoundError(f"no instrument '{ref}'{detail} in this study")
        return row.id, Instrument.from_dict(row.definition)
