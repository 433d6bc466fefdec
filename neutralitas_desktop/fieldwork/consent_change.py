"""Consent changed inside a running interview: the informant declines after all. The
refusal (nothing asked yet) or withdrawal (after answering) is recorded on the informant,
the session becomes ``refused`` through the lifecycle, and every answer given before stays
in the study as history, marked as no longer counting."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from neutralitas_desktop.errors import NeutralitasError, NotFoundError
from neutralitas_desktop.fieldwork.actor import Actor
from neutralitas_desktop.fieldwork.answers import save_answer, session_answers, set_relevance
from neutralitas_desktop.fieldwork.informants import record_consent
from neutralitas_desktop.fieldwork.sessions import set_status
from neutralitas_desktop.instruments.model import Instrument
from neutralitas_desktop.operations import Changes
from neutralitas_desktop.store.database import Database
from neutralitas_desktop.store.models import FieldSession, InstrumentVersion
from neutralitas_desktop.vocabulary import ConsentState, Message, SessionStatus
from neutralitas_desktop.vocabulary.lifecycle import EDITABLE, status_of


@dataclass(frozen=True)
class ConsentChange:
    session_id: str
    informant_id: str
    consent: ConsentState  # refused (nothing answered yet) or withdrawn
    kept_answers: int  # answers given before, kept as history

    @property
    def changes(self) -> Changes:
        return Changes.of(
            sessions=self.session_id, answers=self.session_id, informants=self.informant_id
        )


def decline_in_session(
    db: Database, actor: Actor, session_id: str, question: str, note: str = ""
) -> ConsentChange:
    """The informant declines during the interview (the consent ``question`` set to
    refused): record it on the informant, end the session as refused, keep the answers."""
    with db.session() as s:
        row = s.execute(
            select(FieldSession, InstrumentVersion.definition)
            .join(InstrumentVersion, InstrumentVersion.id == FieldSession.instrument_id)
            .where(FieldSession.id == session_id)
        ).first()
        if row is None:
            raise NotFoundError(message_id=Message.SESSION_NOT_FOUND, session=session_id)
        fs, definition = row
        status, informant_id = status_of(fs.status) or fs.status, fs.informant_id
    instrument = Instrument.from_dict(definition)
    consent_questions = {q.name for q in instrument.questions() if q.type == "consent"}
    if informant_id is None or status not in EDITABLE or question not in consent_questions:
        raise NeutralitasError(
            message_id=Message.CONSENT_NOT_IN_INTERVIEW, session=session_id[:8], status=status
        )
    answers = session_answers(db, session_id)
    given = [k for k, a in answers.items() if a.value is not None and k not in consent_questions]
    consent = ConsentState.WITHDRAWN if given else ConsentState.REFUSED
    save_answer(db, actor, session_id, question, ConsentState.REFUSED.value)
    set_relevance(db, actor, session_id, {k: False for k in given})
    record_consent(db, actor, informant_id, consent.value, note=note)
    if status == SessionStatus.RETURNED:  # the lifecycle refuses only from a draft
        set_status(db, actor, session_id, SessionStatus.DRAFT)
    set_status(db, actor, session_id, SessionStatus.REFUSED)
    return ConsentChange(session_id, informant_id, consent, len(given))
