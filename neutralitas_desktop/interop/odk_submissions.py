"""Importing submissions collected with ODK Collect / KoboCollect as field sessions.

Teams that collected part of their data on phones bring it into the study: each
submission of an ODK Central, ODK Briefcase or KoboToolbox data export becomes a completed
session of an instrument already in the study, its lasting id (``KEY``, ``_uuid``) kept as
the session's external id so that importing the same export again adds nothing and an
edited submission adds revisions to its session. The tool's review (ODK Central's
``ReviewState``, KoboToolbox's validation status) becomes the session's status, and the
form's consent answer the informant's consent. Every row that does not fit is reported
with its file and row number, and then nothing at all is imported.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from neutralitas_desktop.errors import NeutralitasError
from neutralitas_desktop.fieldwork import audit
from neutralitas_desktop.fieldwork.actor import Actor
from neutralitas_desktop.fieldwork.informants import create_informant
from neutralitas_desktop.fieldwork.instruments import get_instrument
from neutralitas_desktop.fieldwork.sessions import change_status, start_session
from neutralitas_desktop.fieldwork.sites import find_or_create_site
from neutralitas_desktop.instruments.model import Instrument
from neutralitas_desktop.interop.odk_form_shape import scopes_of
from neutralitas_desktop.interop.odk_reader import Item, Reader, root_of
from neutralitas_desktop.interop.odk_tables import read_export
from neutralitas_desktop.interop.odk_writer import Writer
from neutralitas_desktop.operations import UNLISTED, CancelToken, Changes, Progress, checkpoint
from neutralitas_desktop.store.database import Database
from neutralitas_desktop.store.models import FieldSession, Informant, InformantRole
from neutralitas_desktop.vocabulary import ConsentMethod, ConsentState, SessionStatus, lifecycle


class SubmissionImportError(NeutralitasError):
    """A data export does not fit its form; carries every problem (file, row, column)."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.source = source
        self.problems = list(problems)
        if len(problems) == 1:
            super().__init__(f"{source}: {problems[0]}; nothing was imported")
        else:
            body = "\n  ".join(problems)
            super().__init__(f"{source}: {len(problems)} problems, nothing was imported:\n  {body}")


@dataclass
class OdkImportResult:
    form_id: str
    version: str
    instrument_id: str
    site: str
    added: int  # sessions created
    skipped: int  # submissions imported before, unchanged
    answers: int  # answers written: new ones and new revisions of edited ones
    edited: int = 0  # sessions imported before to which an edit added revisions
    reviewed: int = 0  # sessions whose status the tool's review set
    warnings: list[str] = field(default_factory=list)

    @property
    def changes(self) -> Changes:
        """Sessions and answers in bulk (the site, when it was new, is among the sites)."""
        if not (self.added or self.edited or self.reviewed):
            return Changes()
        return Changes.of(sessions=UNLISTED, answers=UNLISTED, informants=UNLISTED, sites=UNLISTED)


# ---- storing ------------------------------------------------------------------------------


def import_odk_submissions(
    db: Database,
    actor: Actor,
    form: str,
    data: Path | str,
    *,
    site: str,
    source_role: str | None = None,
    version: str | None = None,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
) -> OdkImportResult:
    """Import an ODK Central / Briefcase / KoboToolbox export of ``form`` into ``site``, in
    one transaction: a cancel (checked between submissions) leaves the study as it was."""
    path = Path(data)
    instrument_id, instrument = get_instrument(db, form, version)
    repeat_names = [path_[-1] for path_ in scopes_of(instrument) if path_]
    export = read_export(path, repeat_names)
    reader = Reader(instrument, export)
    submissions = reader.read()
    if reader.problems:
        raise SubmissionImportError(str(path), reader.problems)
    warnings = list(reader.warnings)
    consent = [q.name for q in instrument.questions() if q.type == "consent"]
    counts = {"added": 0, "reviewed": 0}
    edited: set[str] = set()  # sessions imported before that an edit changed
    matched: set[str] = set()  # sessions imported before that this export holds
    new: set[str] = set()  # sessions this import added (an edit in the same export is theirs)
    with db.session() as session:
        role = _check_role(session, instrument, source_role)
        site_id = find_or_create_site(session, actor, site)
        aliases = [a for s in submissions for a in s.aliases]
        known: dict[str, FieldSession] = {
            row.external_id: row
            for row in session.scalars(
                select(FieldSession).where(FieldSession.external_id.in_(aliases))
            )
            if row.external_id
        }
        writer = Writer(session, actor, export, warnings)
        for step, submission in enumerate(submissions):
            checkpoint(cancel, "import")
            if progress is not None:
                progress(step, len(submissions), "submissions")
            root = root_of(submission)
            existing = next((known[a] for a in (*root.aliases, *submission.aliases)
                             if a in known), None)  # fmt: skip
            if existing is None:
                row = _new_session(session, actor, instrument, instrument_id, site_id, role, root)
                for alias in (*root.aliases, *submission.aliases):
                    known.setdefault(alias, row)
                writer.add(row.id, writer.values(submission, "", root.instance_id), root.ended)
                writer.flush()
                counts["added"] += 1
                new.add(row.id)
            else:
                row = existing
                if row.id not in new:
                    matched.add(row.id)
                at = submission.ended
                writer.flush()
                if writer.edit(row.id, writer.values(submission, "", row.external_id or ""), at):
                    if row.id not in new:
                        edited.add(row.id)
                    writer.flush()
            if submission.review and _review(session, actor, row, submission.review):
                counts["reviewed"] += 1
            if row.informant_id and consent:
                _consent(session, actor, row, submission, consent[0])
        writer.flush()
        added = counts["added"]
        if added or edited:
            audit.record(
                session,
                actor,
                "sessions.imported",
                "instrument",
                instrument_id,
                **_export_digest(path),
                sessions=added,
                edited=len(edited),
            )
    return OdkImportResult(
        form_id=instrument.id,
        version=instrument.version,
        instrument_id=instrument_id,
        site=site,
        added=added,
        skipped=len(matched - edited),
        answers=writer.count,
        edited=len(edited),
        reviewed=counts["reviewed"],
        warnings=warnings,
    )


def _new_session(
    session: Session,
    actor: Actor,
    instrument: Instrument,
    instrument_id: str,
    site_id: str,
    role: str,
    submission: Item,
) -> FieldSession:
    informant_id = None
    if role:
        informant_id = create_informant(
            session,
            actor,
            role=role,
            site_id=site_id,
            code_prefix="ODK",
            notes=f"imported with submission {submission.instance_id}",
        )
    session_id = start_session(
        session,
        actor,
        instrument_id=instrument_id,
        site_id=site_id,
        informant_id=informant_id,
        language=instrument.default_language,
        started_at=submission.started,
        external_id=submission.instance_id,
    )
    change_status(  # the import as a whole is audited by the caller
        session,
        actor,
        session_id,
        SessionStatus.COMPLETED,
        ended_at=submission.ended or submission.started,
        audited=False,
    )
    return session.get_one(FieldSession, session_id)


def _review(
    session: Session, actor: Actor, row: FieldSession, review: tuple[SessionStatus, str]
) -> bool:
    """The tool's review as the session's status, reached through the lifecycle's allowed
    changes (an approved session put on hold is reopened and completed again); a draft
    or a refusal is left alone. One audit event says the import did it."""
    status, comment = review
    previous = lifecycle.status_of(row.status)
    if previous not in lifecycle.REVIEWABLE:
        return False
    if row.status == status and row.review_comment == comment:
        return False
    ended_at = row.ended_at  # the submission's end time, kept through review
    steps = lifecycle.path(row.status, status)
    for n, step in enumerate(steps, 1):
        last = n == len(steps)
        change_status(
            session, actor, row.id, step,
            comment=comment if last else None, ended_at=ended_at, audited=False,
        )  # fmt: skip
    if not steps:  # the status stays (completed and on hold): only the comment changes
        row.review_comment = comment
        row.device_id = actor.device_id
    audit.record(
        session, actor, lifecycle.ACTIONS[status], "field_session", row.id,
        previous=previous, source="import",
    )  # fmt: skip
    return True


def _consent(
    session: Session, actor: Actor, row: FieldSession, submission: Item, question: str
) -> None:
    """The form's consent answer (given / refused) is the informant's consent."""
    value = submission.values.get(question)
    informant = session.get(Informant, row.informant_id)
    if value not in (ConsentState.GIVEN, ConsentState.REFUSED) or informant is None:
        return
    if informant.consent_status == value or informant.consent_status == ConsentState.WITHDRAWN:
        return
    previous = informant.consent_status
    informant.consent_status = value
    informant.consent_method = ConsentMethod.FORM
    informant.consent_at = submission.started or row.started_at or dt.datetime.now(dt.UTC)
    informant.device_id = actor.device_id
    audit.record(
        session, actor, f"consent.{value}", "informant", informant.id,
        previous=previous, method="form", question=question,
    )  # fmt: skip


def _check_role(session: Session, instrument: Instrument, source_role: str | None) -> str:
    """Interviews need an informant: one is made per submission with this role."""
    if instrument.source_type != "interview":
        return ""
    roles = list(session.scalars(select(InformantRole.code).order_by(InformantRole.sort)))
    if not source_role:
        raise NeutralitasError(
            f"'{instrument.id}' is an interview guide: give the informants' role with "
            f"--source-role ({', '.join(roles)})"
        )
    if source_role not in roles:
        raise NeutralitasError(
            f"unknown informant role '{source_role}' (the study has: {', '.join(roles)})"
        )
    return source_role


def _export_digest(path: Path) -> dict[str, str]:
    """The export's SHA-256 for the audit log: it names the file imported without its name,
    which may name a person and would reach anonymised packages (event details are part
    of an event's hash, so they are not redacted)."""
    if not path.is_file():
        return {}
    with path.open("rb") as source:
        return {"sha256": hashlib.file_digest(source, "sha256").hexdigest()}
