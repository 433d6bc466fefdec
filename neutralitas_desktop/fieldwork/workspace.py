"""One open study as the GUI sees it: the services of the field app bound to a database
and the acting researcher, returning plain dataclasses (the ui layer never touches the
store). The composition root (app.py) opens a Workspace and passes it in."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from neutralitas_desktop.fieldwork import attachments, informants, runner, sessions, sites
from neutralitas_desktop.fieldwork.actor import Actor
from neutralitas_desktop.fieldwork.answers import (
    NamedRevision,
    RevisionInfo,
    answer_history,
    named_history,
)
from neutralitas_desktop.fieldwork.autosave import AnswerWriter, SaveFailure, SaveOutcome
from neutralitas_desktop.fieldwork.backup import BackupResult, backup_study, unsafe_answers
from neutralitas_desktop.fieldwork.consent_change import ConsentChange, decline_in_session
from neutralitas_desktop.fieldwork.instruments import (
    InstrumentInfo,
    get_instrument,
    list_instruments,
)
from neutralitas_desktop.fieldwork.profile import LocalProfile
from neutralitas_desktop.fieldwork.stats import study_stats
from neutralitas_desktop.fieldwork.study import (
    StudyInfo,
    holds_supervisor_key,
    open_study,
    register_actor,
    set_study_time_zone,
    study_info,
    study_time_zone,
)
from neutralitas_desktop.operations import CancelToken, Changes, Progress
from neutralitas_desktop.store.database import Database, PassphraseSource
from neutralitas_desktop.vocabulary.time_zones import StudyTimeZone

# Re-exported so the ui layer can name them without importing the modules that define them.
AttachmentInfo = attachments.AttachmentInfo
ConsentRecord = runner.ConsentRecord
IncompleteSessionError = runner.IncompleteSessionError
InformantInfo = informants.InformantInfo
RoleInfo = informants.RoleInfo
RunnerSession = runner.RunnerSession
SessionFilter = sessions.SessionFilter
SessionRow = sessions.SessionRow
SiteInfo = sites.SiteInfo
StartedSession = runner.StartedSession
CONSENT_METHODS = informants.CONSENT_METHODS


@dataclass(frozen=True)
class Counts:
    sessions_by_source: dict[str, int]
    sessions_by_status: dict[str, int]
    informants: int
    sites: int


class Workspace:
    """An open study and who is working on it."""

    def __init__(self, db: Database, actor: Actor, profile: LocalProfile) -> None:
        self.db = db
        self.actor = actor
        self.profile = profile
        self._info: StudyInfo | None = None

    # ---- the study -----------------------------------------------------------------
    @property
    def path(self) -> Path | None:
        return self.db.path

    def display_name(self) -> str:
        return self.db.display_name()

    @property
    def encrypted(self) -> bool:
        return self.db.encrypted

    def unlocks(self, typed: str) -> bool:
        """Whether ``typed`` is the study's passphrase (the idle lock asks for it again)."""
        return self.db.is_passphrase(typed)

    def info(self) -> StudyInfo:
        if self._info is None:
            self._info = study_info(self.db)
        return self._info

    def title(self, language: str) -> str:
        title = self.info().title
        return title.get(language) or next(iter(title.values()), "")

    def counts(self) -> Counts:
        stats = study_stats(self.db)
        return Counts(
            dict(stats["sessions"]),
            dict(stats["sessions_by_status"]),
            int(stats["informants"]),
            int(stats["sites"]),
        )

    def update_profile(self, profile: LocalProfile) -> None:
        """Who works on this laptop changed: record the new name in the study."""
        self.actor = register_actor(self.db, profile)
        self.profile = profile

    def close(self) -> None:
        self.db.close()

    # ---- lists ---------------------------------------------------------------------
    def sessions(self, filt: SessionFilter | None = None) -> list[SessionRow]:
        return sessions.list_sessions(self.db, filt)

    def session(self, session_id: str) -> SessionRow:
        return sessions.get_session(self.db, session_id)

    def sites(self) -> list[SiteInfo]:
        return sites.list_sites(self.db)

    def add_site(self, name: str, kind: str = "", region: str = "") -> SiteInfo:
        return sites.add_site(self.db, self.actor, name, kind, region)

    def roles(self) -> list[RoleInfo]:
        return informants.list_roles(self.db)

    def instruments(self) -> list[InstrumentInfo]:
        """The newest version of each form, in form order."""
        latest: dict[str, InstrumentInfo] = {}
        for info in list_instruments(self.db):
            latest[info.form_id] = info  # listed oldest first per form
        return list(latest.values())

    def consent_statement(self, instrument_id: str, language: str) -> str:
        """The text of a form's consent question, read out before an interview ("" if none)."""
        _, instrument = get_instrument(self.db, instrument_id)
        for question in instrument.questions():
            if question.type == "consent":
                return instrument.text(question.label, language)
        return ""

    # ---- informants ----------------------------------------------------------------
    def informants(self, site_id: str | None = None) -> list[InformantInfo]:
        return informants.list_informants(self.db, site_id)

    def next_informant_code(self) -> str:
        with self.db.session() as session:
            return informants.next_code(session, self.code_prefix())

    def code_prefix(self) -> str:
        """Initials in informant codes keep codes made on different laptops apart."""
        return "".join(c for c in self.profile.researcher_initials.upper() if c.isalpha())

    def create_informant(
        self,
        *,
        role: str,
        site_id: str,
        code: str | None = None,
        real_name: str = "",
        contact: str = "",
        notes: str = "",
        category: str = "",
        selection: str = "",
    ) -> InformantInfo:
        with self.db.session() as session:
            informant_id = informants.create_informant(
                session,
                self.actor,
                role=role,
                site_id=site_id,
                code=code or None,
                code_prefix=self.code_prefix(),
                real_name=real_name,
                contact=contact,
                notes=notes,
                category=category,
                selection=selection,
            )
        return next(i for i in self.informants() if i.id == informant_id)

    def record_consent(
        self, informant_id: str, status: str, method: str = "oral", note: str = ""
    ) -> Changes:
        informants.record_consent(self.db, self.actor, informant_id, status, method, note=note)
        return Changes.of(informants=informant_id)

    def withdraw_consent(self, informant_id: str, note: str = "") -> Changes:
        informants.record_consent(self.db, self.actor, informant_id, "withdrawn", note=note)
        return Changes.of(informants=informant_id)

    def record_named_consent(self, informant_id: str, named: bool, note: str = "") -> Changes:
        """Whether the informant may be named as a source in a report to an authority."""
        informants.record_named_consent(self.db, self.actor, informant_id, named, note)
        return Changes.of(informants=informant_id)

    def reveal_identity(self, informant_id: str) -> tuple[str, str]:
        return informants.reveal_identity(self.db, self.actor, informant_id)

    # ---- sessions ------------------------------------------------------------------
    def begin_session(
        self,
        *,
        instrument_id: str,
        site_id: str,
        informant_id: str | None = None,
        consent: str | None = None,
        consent_method: str = "oral",
        consent_note: str = "",
        language: str = "id",
        consent_named: bool | None = None,
    ) -> StartedSession:
        """Start a session; ``consent`` (given / refused) is needed for interviews;
        ``consent_named``: the separate consent to be named in a report (None: unchanged)."""
        record = (
            runner.ConsentRecord(consent, consent_method, note=consent_note, named=consent_named)
            if consent
            else None
        )
        return runner.begin_session(
            self.db,
            self.actor,
            instrument_id=instrument_id,
            site_id=site_id,
            informant_id=informant_id,
            consent=record,
            language=language,
        )

    def load_session(self, session_id: str) -> RunnerSession:
        return runner.load_session(self.db, session_id)

    def complete_session(self, session_id: str) -> Changes:
        runner.complete_session(self.db, self.actor, session_id)
        return Changes.of(sessions=session_id)

    def backup(
        self,
        folder: str | Path,
        progress: Progress | None = None,
        cancel: CancelToken | None = None,
    ) -> BackupResult:
        """A verified copy of the study in ``folder`` (see fieldwork.backup)."""
        return backup_study(self.db, self.actor, folder, progress=progress, cancel=cancel)

    def unsafe_answers(self) -> int:
        """Today's answer edits on this laptop that are in no package and no backup yet."""
        return unsafe_answers(self.db, self.actor.device_id)

    def time_zone(self) -> StudyTimeZone:
        """The zone the study's times are shown in (WIB unless the study says otherwise)."""
        return study_time_zone(self.db)

    def may_set_time_zone(self) -> bool:
        """Study-wide settings are the supervisor's (see fieldwork.study)."""
        return holds_supervisor_key(self.db, self.actor.device_id)

    def set_time_zone(self, zone: str) -> Changes:
        """Every time shown changes zone: a study setting."""
        set_study_time_zone(self.db, self.actor, zone)
        return Changes.of(settings="time_zone")

    def decline_consent(self, session_id: str, question: str, note: str = "") -> ConsentChange:
        """The informant declines inside the interview (see fieldwork.consent_change)."""
        return decline_in_session(self.db, self.actor, session_id, question, note)

    def reopen_session(self, session_id: str) -> Changes:
        runner.reopen_session(self.db, self.actor, session_id)
        return Changes.of(sessions=session_id)

    def drafts(self, mine: bool = True) -> list[SessionRow]:
        return runner.draft_sessions(self.db, self.actor.researcher_id if mine else None)

    def history(self, session_id: str, key: str) -> list[RevisionInfo]:
        return answer_history(self.db, session_id, key)

    def named_history(self, session_id: str, key: str) -> list[NamedRevision]:
        return named_history(self.db, session_id, key)

    def writer(
        self,
        on_saved: Callable[[SaveOutcome], None] | None = None,
        on_failed: Callable[[SaveFailure], None] | None = None,
        on_recovered: Callable[[], None] | None = None,
    ) -> AnswerWriter:
        return AnswerWriter(
            self.db, self.actor, on_saved=on_saved, on_failed=on_failed, on_recovered=on_recovered
        )

    # ---- attachments ---------------------------------------------------------------
    def store_attachment(self, path: str | Path) -> AttachmentInfo:
        return attachments.store_attachment(self.db, self.actor, path)

    def attachment_info(self, sha256: str) -> AttachmentInfo | None:
        return attachments.attachment_info(self.db, sha256)

    def read_attachment(self, sha256: str) -> bytes:
        return attachments.read_attachment(self.db, sha256)

    def save_attachment_as(self, sha256: str, target: str | Path) -> Path:
        return attachments.save_attachment_as(self.db, sha256, target)


def open_workspace(
    target: str | Path,
    profile: LocalProfile,
    *,
    create: bool = False,
    passphrase: PassphraseSource = None,
) -> Workspace:
    """Open (or create from the shipped template) a study for the GUI; ``passphrase``
    opens an encrypted one, or encrypts a new one."""
    db, actor = open_study(target, profile, create=create, passphrase=passphrase)
    return Workspace(db, actor, profile)
