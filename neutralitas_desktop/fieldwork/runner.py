"""What the runner needs beyond saving answers: starting a session with its consent,
loading one to resume, completing it (refused while something is missing), reopening it,
and the drafts waiting to be resumed.

Saving itself is ``answers.save_answer``; completion re-evaluates the form with the
instrument's own rules (instruments.form_state), so the GUI and the CLI agree on what
"complete" means.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from neutralitas_desktop.errors import NeutralitasError, NotFoundError
from neutralitas_desktop.fieldwork.actor import Actor
from neutralitas_desktop.fieldwork.answers import (
    AnswerState,
    save_answer,
    session_answers,
    set_relevance,
)
from neutralitas_desktop.fieldwork.informants import record_consent
from neutralitas_desktop.fieldwork.review_comments import ReviewCommentInfo, review_comments
from neutralitas_desktop.fieldwork.sessions import (
    SessionFilter,
    SessionRow,
    list_sessions,
    set_status,
)
from neutralitas_desktop.fieldwork.sessions import start_session as _start_session
from neutralitas_desktop.instruments.form_entries import IncompleteFormError
from neutralitas_desktop.instruments.model import Instrument
from neutralitas_desktop.operations import UNLISTED, Changes
from neutralitas_desktop.store.database import Database
from neutralitas_desktop.store.models import (
    FieldSession,
    Informant,
    InstrumentVersion,
    Site,
)
from neutralitas_desktop.vocabulary import ConsentState, Message, SessionStatus, SourceType
from neutralitas_desktop.vocabulary.lifecycle import EDITABLE, REOPENABLE, status_of

# "Complete" refused: the form's issues are on the exception (``issues``).
IncompleteSessionError = IncompleteFormError


@dataclass(frozen=True)
class ConsentRecord:
    status: str  # ConsentState: given / refused
    method: str = "oral"  # oral / written / recorded
    at: dt.datetime | None = None
    note: str = ""
    named: bool | None = None  # may be named as a source in a report (None: unchanged)


@dataclass(frozen=True)
class StartedSession:
    session_id: str
    refused: bool  # consent refused: the session holds nothing but the refusal
    saved: dict[str, str | None]  # answers filled in at the start (consent, defaults)

    @property
    def changes(self) -> Changes:
        """A new session (and its informant's consent, recorded at the start)."""
        return Changes.of(sessions=self.session_id, answers=self.session_id, informants=UNLISTED)


@dataclass(frozen=True)
class RunnerSession:
    """Everything the runner needs to show a session and carry on where it stopped."""

    id: str
    instrument_id: str
    instrument: Instrument
    status: str
    language: str
    position: str
    site_name: str
    informant_code: str
    source_type: str
    started_at: dt.datetime
    answers: dict[str, AnswerState]
    # A supervisor's comments ("" = on the whole session), shown beside the questions.
    review_comments: tuple[ReviewCommentInfo, ...] = ()
    researcher_id: str = ""  # who ran it: another researcher's session opens read-only

    @property
    def values(self) -> dict[str, str | None]:
        return {k: a.value for k, a in self.answers.items()}

    @property
    def notes(self) -> dict[str, str]:
        return {k: a.note for k, a in self.answers.items() if a.note}

    @property
    def editable(self) -> bool:
        return self.status in EDITABLE


def begin_session(
    db: Database,
    actor: Actor,
    *,
    instrument_id: str,
    site_id: str,
    informant_id: str | None = None,
    consent: ConsentRecord | None = None,
    language: str = "id",
) -> StartedSession:
    """Start a session; for an interview, record the informant's consent first.

    A refusal is recorded on the informant and ends the session at once (status
    ``refused``) with nothing collected but the refusal. A given consent fills in the
    form's consent question, so the interview does not ask twice.
    """
    with db.session() as session:
        row = session.get(InstrumentVersion, instrument_id)
        if row is None:
            raise NotFoundError(f"no instrument with id {instrument_id}")
        instrument = Instrument.from_dict(row.definition)
    interview = instrument.source_type == SourceType.INTERVIEW
    if interview:
        if informant_id is None:
            raise NeutralitasError(message_id=Message.INTERVIEW_NEEDS_INFORMANT)
        if consent is None or consent.status not in (ConsentState.GIVEN, ConsentState.REFUSED):
            raise NeutralitasError(message_id=Message.CONSENT_FIRST)
        record_consent(
            db, actor, informant_id, consent.status, consent.method, consent.at, consent.note,
            named=consent.named,
        )  # fmt: skip
    with db.session() as session:
        session_id = _start_session(
            session,
            actor,
            instrument_id=instrument_id,
            site_id=site_id,
            informant_id=informant_id if interview else None,
            language=language,
        )
    from neutralitas_desktop.instruments.form_state import FormState  # not on the start path

    state = FormState(instrument, language=language)
    saved: dict[str, str | None] = {}
    if interview and consent is not None:
        for question in instrument.questions():
            if question.type == "consent" and instrument.repeat_of(question.name) is None:
                saved[question.name] = consent.status
                state.set_value(question.name, consent.status)
                break
    refused = interview and consent is not None and consent.status == ConsentState.REFUSED
    if not refused:
        saved.update(state.initial_values())
    for key, value in saved.items():
        if value is not None:
            save_answer(db, actor, session_id, key, value, relevant=state.is_relevant(key))
    if refused:
        set_status(db, actor, session_id, SessionStatus.REFUSED)
    return StartedSession(session_id, refused, saved)


def load_session(db: Database, session_id: str) -> RunnerSession:
    """A session with its instrument and current answers, to run or resume."""
    with db.session() as session:
        row = session.execute(
            select(FieldSession, InstrumentVersion.definition, Site.name, Informant.code)
            .join(InstrumentVersion, InstrumentVersion.id == FieldSession.instrument_id)
            .join(Site, Site.id == FieldSession.site_id)
            .outerjoin(Informant, Informant.id == FieldSession.informant_id)
            .where(FieldSession.id == session_id)
        ).first()
        if row is None:
            raise NotFoundError(message_id=Message.SESSION_NOT_FOUND, session=session_id)
        fs, definition, site_name, code = row
        info = (
            fs.id,
            fs.instrument_id,
            fs.status,
            fs.language,
            fs.position,
            fs.source_type,
            fs.started_at,
            fs.researcher_id,
        )
    sid, instrument_id, status, language, position, source_type, started_at, researcher = info
    return RunnerSession(
        id=sid,
        instrument_id=instrument_id,
        instrument=Instrument.from_dict(definition),
        status=status,
        language=language,
        position=position,
        site_name=site_name,
        informant_code=code or "",
        source_type=source_type,
        started_at=started_at,
        answers=session_answers(db, session_id),
        review_comments=tuple(review_comments(db, session_id)),
        researcher_id=researcher,
    )


def complete_session(db: Database, actor: Actor, session_id: str) -> None:
    """Mark a draft completed, refused with every issue listed while the form is not
    complete; the relevant flag of every stored answer is brought up to date first."""
    loaded = load_session(db, session_id)
    if loaded.status not in EDITABLE:
        raise NeutralitasError(
            message_id=Message.SESSION_NOT_COMPLETABLE,
            session=session_id,
            status=status_of(loaded.status) or loaded.status,
        )
    from neutralitas_desktop.instruments.form_state import FormState

    state = FormState(loaded.instrument, loaded.values, loaded.language)
    issues = state.issues()
    if issues:
        raise IncompleteSessionError(f"session {session_id}", issues)
    stored = {k: a.relevant for k, a in loaded.answers.items()}
    flags = {k: v for k, v in state.relevance_of_answers().items() if stored.get(k) != v}
    calculated = state.calculated_changes()
    for key, value in calculated.items():
        save_answer(db, actor, session_id, key, value, relevant=state.is_relevant(key))
    set_relevance(db, actor, session_id, flags)
    set_status(db, actor, session_id, SessionStatus.COMPLETED)


def reopen_session(db: Database, actor: Actor, session_id: str) -> None:
    """Make a completed (or returned, or approved) session a draft again for editing;
    every later edit appends a revision, so the completed state stays in the history."""
    with db.session() as session:
        row = session.get(FieldSession, session_id)
        if row is None:
            raise NotFoundError(message_id=Message.SESSION_NOT_FOUND, session=session_id)
        status = row.status
    if status == SessionStatus.DRAFT:
        return
    if status not in REOPENABLE:
        raise NeutralitasError(
            message_id=Message.SESSION_NOT_REOPENABLE,
            session=session_id,
            status=status_of(status) or status,
        )
    set_status(db, actor, session_id, SessionStatus.DRAFT)


def draft_sessions(db: Database, researcher_id: str | None = None) -> list[SessionRow]:
    """Drafts to offer for resuming (this researcher's when given), newest first."""
    return list_sessions(db, SessionFilter(status=SessionStatus.DRAFT, researcher_id=researcher_id))
