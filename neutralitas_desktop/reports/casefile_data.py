"""What a case file (*berkas dugaan pelanggaran*) says about one incident, gathered once for
the PDF and the evidence archive: the actor, the election stage, the provisions that apply
to this election and this actor type, the authorities, the reporting deadline, the lines
of evidence with their hashes, and who may be named.

Naming follows three conditions, all needed: a name comes only from the identity table,
only for an informant who agreed separately to be named as a source in a report, and only
when the study is unlocked (an encrypted study opened with its passphrase). Everyone else
is described by role only, and every free text goes through the redaction service.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from neutralitas_desktop.fieldwork.redaction import Redactor, redactor_for
from neutralitas_desktop.fieldwork.study import study_info, study_time_zone
from neutralitas_desktop.instruments.model import Instrument, pick
from neutralitas_desktop.reports.instrument_index import QuestionInfo, build_indexes
from neutralitas_desktop.reports.texts import long_date
from neutralitas_desktop.store.database import Database
from neutralitas_desktop.store.models import (
    Answer,
    Attachment,
    FieldSession,
    Informant,
    InformantIdentity,
    InformantRole,
    InstrumentVersion,
    Theme,
)
from neutralitas_desktop.triangulation.incident_types import IncidentInfo, LineInfo
from neutralitas_desktop.triangulation.incidents import get_incident
from neutralitas_desktop.triangulation.legal_analysis import analysis_for
from neutralitas_desktop.triangulation.legal_analysis_types import LegalAnalysis
from neutralitas_desktop.vocabulary import EvidenceKind, LineTarget
from neutralitas_desktop.vocabulary.law import Provision, provisions_for, read_basis, study_election
from neutralitas_desktop.vocabulary.reporting import (
    Body,
    ReportingRule,
    bodies_for,
    reporting_rules,
)
from neutralitas_desktop.vocabulary.time_zones import StudyTimeZone, to_local

LocalText = dict[str, str]
# Why a name is not printed, as codes the PDF words.
NO_INFORMANT = "no_informant"  # the actor is not one of the study's informants
NO_CONSENT = "no_consent"  # the informant did not agree to be named in a report
LOCKED = "locked"  # the study is not an encrypted study opened with its passphrase
NO_IDENTITY = "no_identity"  # no name recorded in the identity table


@dataclass(frozen=True)
class Source:
    """Who a line of evidence comes from, as the case file may describe them."""

    role: LocalText  # the informant's role; {} for the researcher's own observation
    code: str  # pseudonymous code, "" when described by role only
    name: str  # real name, "" unless it may be printed
    role_only: bool  # an informant who did not agree to be named in a report


@dataclass(frozen=True)
class EvidenceFile:
    """A file of the evidence archive: an attachment, or the quoted text of a line."""

    name: str  # name inside the archive (never a person's name)
    data: bytes
    sha256: str
    original: str  # the stored file name, redacted; "" for a quoted text
    mime: str


@dataclass(frozen=True)
class CaseLine:
    number: str  # B1, B2, … as the case file cites them
    line: LineInfo
    source: Source
    question: str  # the question as asked, "" for a whole session or a file
    text: str  # redacted; a choice's label rather than its code
    memo: str  # redacted
    collected: dt.datetime  # the session's time, in the study's zone
    files: tuple[EvidenceFile, ...]


@dataclass(frozen=True)
class Actor:
    type: str  # ActorType value
    office: str  # the incident's actor code: an office, an account or a code (redacted)
    code: str  # the actor's informant code when the actor is an informant, else ""
    name: str  # printed only when all three conditions hold
    why_unnamed: str  # one of the codes above, "" when named


@dataclass(frozen=True)
class Stage:
    code: str  # the calendar stage's code, "" when the date is outside the calendar
    label: LocalText
    from_calendar: bool  # False: the study has no election calendar (an older study)


@dataclass(frozen=True)
class CaseFile:
    incident: IncidentInfo
    study_title: LocalText
    election: str
    summary: str  # redacted
    favours: str
    actor: Actor
    stage: Stage
    provisions: tuple[Provision, ...]
    bodies: tuple[Body, ...]
    rules: tuple[ReportingRule, ...]
    known_on: dt.date  # the day the violation was known: the deadline counts from it
    known_from: str  # "" (the first line's collection) or "incident" (no line yet)
    lines: tuple[CaseLine, ...]
    left_out: int  # lines of informants who refused or withdrew consent
    may_name: bool  # the study is unlocked
    analysis: LegalAnalysis
    zone: StudyTimeZone
    generated: dt.datetime = field(default_factory=lambda: dt.datetime.now().replace(microsecond=0))

    @property
    def deadline(self) -> dt.date:
        return max(rule.deadline(self.known_on) for rule in self.rules)

    @property
    def role_only(self) -> int:
        return sum(1 for x in self.lines if x.source.role_only)

    def number_of(self, line_id: str) -> str:
        return next((x.number for x in self.lines if x.line.id == line_id), line_id[:8])


@dataclass(frozen=True)
class _Who:
    code: str
    role: str
    role_label: LocalText
    named: bool  # consent to take part given, and to be named in a report
    name: str


@dataclass(frozen=True)
class _Basis:
    legal_basis: tuple[Provision, ...]


def _people(db: Database) -> dict[str, _Who]:
    with db.session() as s:
        rows = s.execute(
            select(
                Informant.id,
                Informant.code,
                Informant.role,
                InformantRole.label,
                Informant.consent_status,
                Informant.consent_named,
                InformantIdentity.real_name,
            )
            .outerjoin(InformantRole, InformantRole.code == Informant.role)
            .outerjoin(InformantIdentity, InformantIdentity.informant_id == Informant.id)
        ).all()
    return {
        r.id: _Who(
            r.code,
            r.role,
            dict(r.label or {}),
            bool(r.consent_named) and r.consent_status == "given",
            (r.real_name or "").strip(),
        )
        for r in rows
    }


def _redactor(db: Database, people: dict[str, _Who], named: set[str], lang: str) -> Redactor:
    """The redaction service's rules, except that informants who may be named keep their
    names, and those described by role only are replaced by their role, not their code."""

    def shown(informant_id: str, _code: str) -> str | None:
        who = people.get(informant_id)
        if who is None or informant_id in named:
            return None
        return who.code if who.named else _role_text(who.role_label, who.role, lang)

    return redactor_for(db, shown)


def _role_text(label: LocalText, code: str, lang: str) -> str:
    return label.get(lang) or label.get("id") or code


def _stage(settings: dict[str, Any], day: dt.date, incident: IncidentInfo) -> Stage:
    stages = []
    for item in settings.get("election_calendar") or []:
        try:
            start = dt.date.fromisoformat(str(item.get("start")))
            end = dt.date.fromisoformat(str(item.get("end")))
        except ValueError:
            continue
        stages.append((start, end, str(item.get("code") or ""), dict(item.get("label") or {})))
    if not stages:
        return Stage(incident.stage, dict(incident.stage_label), False)
    for start, end, code, label in stages:
        if start <= day <= end:
            return Stage(code, label, True)
    first, last = min(stages), max(stages, key=lambda x: x[1])
    if day < first[0]:  # e.g. before the campaign: say which stage comes next, and when
        return Stage(
            "before", _relative(first[3], first[0], "Sebelum", "Before", "mulai", "from"), True
        )
    if day > last[1]:
        return Stage(
            "after", _relative(last[3], last[1], "Sesudah", "After", "berakhir", "ended"), True
        )
    return Stage("", {}, True)


def _relative(
    label: LocalText, day: dt.date, id_word: str, en_word: str, id_when: str, en_when: str
) -> LocalText:
    """ "Sebelum masa kampanye (mulai 25 September 2024)" in each language."""
    return {
        "id": f"{id_word} {(label.get('id') or '').lower()} ({id_when} {long_date(day, 'id')})",
        "en": f"{en_word} the {(label.get('en') or '').lower()} ({en_when} {long_date(day, 'en')})",
    }


def _files(db: Database, number: str, line: LineInfo, text: str) -> tuple[EvidenceFile, ...]:
    """The files behind a line: its attachment, the files of a whole documentation
    session, or else its quoted text, so every line has something hashed to check."""
    with db.session() as s:
        if line.target == LineTarget.ATTACHMENT and line.attachment_sha256:
            rows = (
                s.execute(select(Attachment).where(Attachment.sha256 == line.attachment_sha256))
                .scalars()
                .all()
            )
        elif line.target == LineTarget.SESSION:
            rows = (
                s.execute(
                    select(Attachment)
                    .join(Answer, Answer.value == Attachment.sha256)
                    .where(Answer.session_id == line.session_id)
                    .order_by(Answer.key)
                )
                .scalars()
                .unique()
                .all()
            )
        else:
            rows = []
        found = [(a.sha256, bytes(a.data), a.filename or "", a.mime or "") for a in rows]
    out = []
    for k, (sha, data, filename, mime) in enumerate(found, 1):
        suffix = _suffix(filename)
        part = f"-{k}" if len(found) > 1 else ""
        out.append(EvidenceFile(f"{number}{part}-{sha[:12]}{suffix}", data, sha, filename, mime))
    if not out and text:
        data = text.encode("utf-8")
        digest = hashlib.sha256(data).hexdigest()
        out.append(EvidenceFile(f"{number}-kutipan.txt", data, digest, "", "text/plain"))
    return tuple(out)


class _Questions:
    """The question behind a line, and the label of a chosen value, from the form the
    session was run with."""

    def __init__(self, db: Database, lang: str) -> None:
        self.db = db
        self.lang = lang
        self._forms: dict[str, dict[str, QuestionInfo]] = {}

    def of(self, session_id: str, question: str) -> QuestionInfo | None:
        if not question:
            return None
        with self.db.session() as s:
            instrument_id = s.scalar(
                select(FieldSession.instrument_id).where(FieldSession.id == session_id)
            )
            if instrument_id is None:
                return None
            if instrument_id not in self._forms:
                definition = s.scalar(
                    select(InstrumentVersion.definition).where(
                        InstrumentVersion.id == instrument_id
                    )
                )
                index = build_indexes([Instrument.from_dict(definition)]) if definition else {}
                self._forms[instrument_id] = next((f.questions for f in index.values()), {})
        return self._forms[instrument_id].get(question)

    def texts(self, line: LineInfo) -> tuple[str, str]:
        """(the question as asked, the line's text with a choice's label)."""
        info = self.of(line.session_id, line.question)
        if info is None:
            return "", line.text
        asked = pick(info.label, self.lang, "id")
        if line.target == LineTarget.ANSWER:
            return asked, info.value_label(line.text, self.lang) or line.text
        return asked, line.text


def _suffix(filename: str) -> str:
    stem, dot, ext = filename.rpartition(".")
    if not dot or not stem or not ext.isalnum() or len(ext) > 5:
        return ".bin"
    return f".{ext.lower()}"


def _actor(
    incident: IncidentInfo, people: dict[str, _Who], by_code: dict[str, str], may_name: bool
) -> tuple[str, str]:
    """(informant id, why not named) of the actor."""
    own = [x for x in incident.lines if x.kind == EvidenceKind.SELF_REPORT and x.counts]
    ids = {by_code[incident.actor_code]} if incident.actor_code in by_code else set()
    ids |= {by_code[x.informant_code] for x in own if x.informant_code in by_code}
    if len(ids) != 1:
        return "", NO_INFORMANT
    informant_id = next(iter(ids))
    who = people[informant_id]
    if not who.named:
        return informant_id, NO_CONSENT
    if not may_name:
        return informant_id, LOCKED
    if not who.name:
        return informant_id, NO_IDENTITY
    return informant_id, ""


def load_case_file(db: Database, incident_id: str, lang: str = "id") -> CaseFile:
    """Everything the case file of ``incident_id`` prints (raises NotFoundError)."""
    incident = get_incident(db, incident_id)
    info = study_info(db)
    zone = study_time_zone(db)
    election = study_election(info.settings)
    may_name = db.encrypted  # an encrypted study, opened with its passphrase
    people = _people(db)
    by_code = {w.code: i for i, w in people.items()}
    actor_id, why = _actor(incident, people, by_code, may_name)
    named = {i for i, w in people.items() if w.named and w.name} if may_name else set()
    redact = _redactor(db, people, named, lang)
    with db.session() as s:
        basis = s.scalar(select(Theme.legal_basis).where(Theme.code == incident.theme_code))
    provisions = provisions_for(_Basis(read_basis(basis)), election, incident.actor_type)
    counted = [x for x in incident.lines if x.counts]
    questions = _Questions(db, lang)
    lines: list[CaseLine] = []
    for k, x in enumerate(counted, 1):
        number = f"B{k}"
        who = people.get(by_code.get(x.informant_code, ""), None)
        if who is None:
            source = Source({}, "", "", False)
        elif who.named:
            shown = who.name if may_name and who.name else ""
            source = Source(dict(x.role_label), x.informant_code, shown, False)
        else:
            source = Source(dict(x.role_label) or {"id": x.informant_role}, "", "", True)
        asked, said = questions.texts(x)
        asked, text = redact(asked), redact(said)
        quoted = f"{asked}\n\n{text}\n" if asked and text else text
        lines.append(
            CaseLine(
                number, x, source, asked, text, redact(x.memo), to_local(x.session_date, zone),
                _files(db, number, x, quoted),
            )
        )  # fmt: skip
    known_on = min((x.collected.date() for x in lines), default=incident.date_start)
    actor_who = people.get(actor_id)
    return CaseFile(
        incident=incident,
        study_title=dict(info.title),
        election=election,
        summary=redact(incident.summary),
        favours=redact(incident.favours),
        actor=Actor(
            incident.actor_type,
            redact(incident.actor_code) if incident.actor_code not in by_code else "",
            actor_who.code if actor_who and actor_who.named else "",
            actor_who.name if actor_who and not why else "",
            why,
        ),
        stage=_stage(info.settings, incident.date_start, incident),
        provisions=provisions,
        bodies=bodies_for(incident.actor_type),
        rules=reporting_rules(election),
        known_on=known_on,
        known_from="" if lines else "incident",
        lines=tuple(lines),
        left_out=len(incident.lines) - len(counted),
        may_name=may_name,
        analysis=analysis_for(db, incident_id),
        zone=zone,
    )
