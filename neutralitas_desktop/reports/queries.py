"""What the reports read from a study: the filtered sessions and their answers (streamed),
informants, the codebook, codings and instruments — withdrawn consent and irrelevant
answers left out, and counted so the reports can say so."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, and_, false, func, or_, select, true

from neutralitas_desktop.errors import NeutralitasError, NotFoundError
from neutralitas_desktop.fieldwork.answers import SESSION_TEXT_PREFIX
from neutralitas_desktop.fieldwork.sessions import STATUSES
from neutralitas_desktop.instruments.model import Instrument
from neutralitas_desktop.reports.export_options import ReportFilter
from neutralitas_desktop.store.database import Database
from neutralitas_desktop.store.models import (
    Answer,
    Attachment,
    Coding,
    Device,
    FieldSession,
    Finding,
    Informant,
    InformantRole,
    InstrumentVersion,
    Researcher,
    Site,
    Study,
    Theme,
)
from neutralitas_desktop.vocabulary.law import Provision, applies, read_basis, study_election


@dataclass(frozen=True)
class Scope:
    """A filter resolved against the study."""

    site_ids: tuple[str, ...] = ()
    site_names: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()


def resolve_filter(db: Database, filt: ReportFilter | None) -> Scope:
    filt = filt or ReportFilter()
    for status in filt.statuses:
        if status not in STATUSES:
            raise NeutralitasError(
                f"unknown session status '{status}' (known: {', '.join(STATUSES)})"
            )
    ids: list[str] = []
    names: list[str] = []
    if filt.sites:
        with db.session() as s:
            sites = {row.id: row.name for row in s.scalars(select(Site))}
        by_name = {name.casefold(): sid for sid, name in sites.items()}
        for wanted in filt.sites:
            sid = wanted if wanted in sites else by_name.get(wanted.strip().casefold())
            if sid is None:
                known = ", ".join(sorted(sites.values())) or "none"
                raise NotFoundError(f"no site '{wanted}' in this study (sites: {known})")
            if sid not in ids:
                ids.append(sid)
                names.append(sites[sid])
    return Scope(tuple(ids), tuple(names), tuple(dict.fromkeys(filt.statuses)))


def _withdrawn_ids() -> Any:
    return select(Informant.id).where(Informant.consent_status == "withdrawn")


def session_clauses(scope: Scope, *, withdrawn: bool = False) -> list[ColumnElement[bool]]:
    """WHERE clauses on FieldSession for the scope; ``withdrawn`` selects the excluded ones."""
    clauses: list[ColumnElement[bool]] = []
    if scope.site_ids:
        clauses.append(FieldSession.site_id.in_(scope.site_ids))
    if scope.statuses:
        clauses.append(FieldSession.status.in_(scope.statuses))
    if withdrawn:
        clauses.append(FieldSession.informant_id.in_(_withdrawn_ids()))
    else:
        clauses.append(
            or_(
                FieldSession.informant_id.is_(None),
                FieldSession.informant_id.not_in(_withdrawn_ids()),
            )
        )
    return clauses


# ---- sessions ------------------------------------------------------------------------
@dataclass(frozen=True)
class SessionRecord:
    id: str
    instrument_id: str
    form_id: str
    form_version: str
    site_id: str
    site_name: str
    site_kind: str
    site_region: str
    source_type: str
    source_role: str
    informant_id: str | None
    informant_code: str
    researcher_name: str
    device_name: str
    started_at: dt.datetime
    ended_at: dt.datetime | None
    status: str
    review_comment: str
    language: str
    external_id: str = ""  # the submission's instanceID, for sessions imported from ODK

    @property
    def duration_minutes(self) -> float | None:
        if self.ended_at is None:
            return None
        return round((self.ended_at - self.started_at).total_seconds() / 60, 1)


def _session_query() -> Any:
    return (
        select(
            FieldSession.id,
            FieldSession.instrument_id,
            InstrumentVersion.form_id,
            InstrumentVersion.version,
            FieldSession.site_id,
            Site.name,
            Site.kind,
            Site.region,
            FieldSession.source_type,
            FieldSession.source_role,
            FieldSession.informant_id,
            func.coalesce(Informant.code, ""),
            func.coalesce(Researcher.name, ""),
            func.coalesce(Device.name, ""),
            FieldSession.started_at,
            FieldSession.ended_at,
            FieldSession.status,
            FieldSession.review_comment,
            FieldSession.language,
            func.coalesce(FieldSession.external_id, ""),
        )
        .join(InstrumentVersion, InstrumentVersion.id == FieldSession.instrument_id)
        .join(Site, Site.id == FieldSession.site_id)
        .outerjoin(Researcher, Researcher.id == FieldSession.researcher_id)
        .outerjoin(Device, Device.id == FieldSession.device_id)
        .outerjoin(Informant, Informant.id == FieldSession.informant_id)
    )


def attachment_names(db: Database) -> dict[str, str]:
    """SHA-256 -> file name of every stored attachment (without its data)."""
    with db.engine.connect() as con:
        rows = con.execute(select(Attachment.sha256, Attachment.filename)).all()
    return {sha: name for sha, name in rows if name}


def load_sessions(db: Database, scope: Scope) -> list[SessionRecord]:
    """The sessions in scope, oldest first (the order every per-session sheet follows)."""
    query = (
        _session_query()
        .where(*session_clauses(scope))
        .order_by(FieldSession.started_at, FieldSession.id)
    )
    with db.engine.connect() as con:
        return [SessionRecord(*row) for row in con.execute(query)]


def load_session(db: Database, session_id: str) -> SessionRecord:
    with db.engine.connect() as con:
        row = con.execute(_session_query().where(FieldSession.id == session_id)).first()
    if row is None:
        raise NotFoundError(f"no session with id {session_id}")
    return SessionRecord(*row)


# ---- answers -------------------------------------------------------------------------
AnswerRow = tuple[str, str, str, str | None, str, int, bool]
"""session id, key, question, value, note, revision count, has conflict."""


def _exported_answer() -> ColumnElement[bool]:
    return and_(
        Answer.relevant.is_(true()),
        or_(Answer.value.is_not(None), Answer.note != ""),
        Answer.key.not_like(f"{SESSION_TEXT_PREFIX}%"),  # transcripts have their own reports
    )


def iter_answers(db: Database, scope: Scope, batch: int = 5000) -> Iterator[AnswerRow]:
    """Current, relevant answers of the sessions in scope, grouped by session in the order
    of :func:`load_sessions`; streamed, never all in memory."""
    query = (
        select(
            Answer.session_id,
            Answer.key,
            Answer.question,
            Answer.value,
            Answer.note,
            Answer.revision_count,
            Answer.has_conflict,
        )
        .join(FieldSession, FieldSession.id == Answer.session_id)
        .where(*session_clauses(scope), _exported_answer())
        .order_by(FieldSession.started_at, FieldSession.id)
    )
    with db.engine.connect() as con:
        result = con.execution_options(stream_results=True, yield_per=batch).execute(query)
        for part in result.partitions(batch):
            yield from part


def count_answers(db: Database, scope: Scope) -> int:
    query = (
        select(func.count())
        .select_from(Answer)
        .join(FieldSession, FieldSession.id == Answer.session_id)
        .where(*session_clauses(scope), _exported_answer())
    )
    with db.engine.connect() as con:
        return int(con.scalar(query) or 0)


@dataclass(frozen=True)
class Exclusions:
    """What the reports leave out, and how much of it there is (within the filter)."""

    withdrawn_informants: int = 0
    withdrawn_sessions: int = 0
    withdrawn_answers: int = 0
    irrelevant_answers: int = 0


def count_exclusions(db: Database, scope: Scope) -> Exclusions:
    withdrawn = session_clauses(scope, withdrawn=True)
    kept = session_clauses(scope)
    informants = (
        select(func.count()).select_from(Informant).where(Informant.consent_status == "withdrawn")
    )
    if scope.site_ids:
        informants = informants.where(Informant.site_id.in_(scope.site_ids))
    with db.engine.connect() as con:
        sessions = con.scalar(select(func.count()).select_from(FieldSession).where(*withdrawn))
        answers = con.scalar(
            select(func.count())
            .select_from(Answer)
            .join(FieldSession, FieldSession.id == Answer.session_id)
            .where(*withdrawn, Answer.value.is_not(None))
        )
        irrelevant = con.scalar(
            select(func.count())
            .select_from(Answer)
            .join(FieldSession, FieldSession.id == Answer.session_id)
            .where(*kept, Answer.relevant.is_(false()), Answer.value.is_not(None))
        )
        return Exclusions(
            int(con.scalar(informants) or 0),
            int(sessions or 0),
            int(answers or 0),
            int(irrelevant or 0),
        )


# ---- informants ----------------------------------------------------------------------
# ---- codebook, codings, instruments --------------------------------------------------
@dataclass(frozen=True)
class ThemeRecord:
    id: str
    code: str
    parent_code: str
    label: dict[str, str]
    description: dict[str, str]
    inclusion: dict[str, str]
    exclusion: dict[str, str]
    legal_basis: tuple[Provision, ...]  # only those for the study's election
    retired: bool
    depth: int = 0


def load_themes(db: Database) -> list[ThemeRecord]:
    """The codebook tree in reading order, with only the study's election's provisions."""
    with db.session() as s:
        study = s.scalars(select(Study)).first()
        election = study_election(study.settings if study is not None else None)
        rows = s.scalars(select(Theme).order_by(Theme.sort, Theme.code)).all()
        codes = {t.id: t.code for t in rows}
        children: dict[str | None, list[Theme]] = {}
        for t in rows:
            parent = t.parent_id if t.parent_id in codes else None
            children.setdefault(parent, []).append(t)
        out: list[ThemeRecord] = []

        def visit(parent: str | None, depth: int) -> None:
            for t in children.get(parent, []):
                out.append(
                    ThemeRecord(
                        t.id,
                        t.code,
                        codes.get(t.parent_id or "", ""),
                        dict(t.label),
                        dict(t.description or {}),
                        dict(t.inclusion or {}),
                        dict(t.exclusion or {}),
                        tuple(p for p in read_basis(t.legal_basis) if applies(p, election)),
                        t.retired,
                        depth,
                    )
                )
                visit(t.id, depth + 1)

        visit(None, 0)
        return out


@dataclass(frozen=True)
class CodingRecord:
    id: str
    session_id: str
    answer_key: str
    question: str
    theme_code: str
    stance: str
    target: str
    start: int | None
    end: int | None
    excerpt: str
    memo: str
    coder_name: str
    created_at: dt.datetime


def load_codings(db: Database, scope: Scope) -> list[CodingRecord]:
    """Hand codings (not deleted) on exported answers of the sessions in scope."""
    query = (
        select(
            Coding.id,
            Answer.session_id,
            Answer.key,
            Answer.question,
            Theme.code,
            Coding.stance,
            Coding.target,
            Coding.start,
            Coding.end,
            Coding.excerpt,
            Coding.memo,
            func.coalesce(Researcher.name, ""),
            Coding.created_at,
        )
        .join(Answer, Answer.id == Coding.answer_id)
        .join(FieldSession, FieldSession.id == Answer.session_id)
        .join(Theme, Theme.id == Coding.theme_id)
        .outerjoin(Researcher, Researcher.id == Coding.coder_id)
        .where(Coding.deleted.is_(false()), Answer.relevant.is_(true()), *session_clauses(scope))
        .order_by(FieldSession.started_at, FieldSession.id, Answer.key, Coding.start)
    )
    with db.engine.connect() as con:
        return [CodingRecord(*row) for row in con.execute(query)]  # type: ignore[call-arg]


@dataclass(frozen=True)
class InstrumentRecord:
    id: str
    form_id: str
    version: str
    title: dict[str, str]
    source_type: str
    content_hash: str
    origin: str
    created_at: dt.datetime
    instrument: Instrument = field(compare=False, repr=False)


def load_instruments(db: Database) -> list[InstrumentRecord]:
    with db.session() as s:
        rows = s.scalars(
            select(InstrumentVersion).order_by(
                InstrumentVersion.form_id, InstrumentVersion.created_at, InstrumentVersion.version
            )
        ).all()
        return [
            InstrumentRecord(
                r.id,
                r.form_id,
                r.version,
                dict(r.title),
                r.source_type,
                r.content_hash,
                r.origin,
                r.created_at,
                Instrument.from_dict(r.definition),
            )
            for r in rows
        ]


@dataclass(frozen=True)
class FindingRecord:
    theme_code: str
    site_name: str  # "" for a study-wide conclusion
    conclusion: str
    status: str
    updated_at: dt.datetime
    reason: str = ""  # why the status is what it is
    incidents: Sequence[str] = ()  # the incidents it rests on (ids)


def load_findings(db: Database, scope: Scope) -> list[FindingRecord]:
    """Conclusions per theme: study-wide ones, and those of the sites in scope."""
    query = (
        select(
            Theme.code,
            func.coalesce(Site.name, ""),
            Finding.conclusion,
            Finding.status,
            Finding.updated_at,
            Finding.status_reason,
            Finding.incidents,
        )
        .join(Theme, Theme.id == Finding.theme_id)
        .outerjoin(Site, Site.id == Finding.site_id)
        .order_by(Theme.sort, Finding.created_at)
    )
    if scope.site_ids:
        query = query.where(or_(Finding.site_id.is_(None), Finding.site_id.in_(scope.site_ids)))
    with db.engine.connect() as con:
        return [FindingRecord(*row) for row in con.execute(query)]


def role_labels(db: Database) -> dict[str, dict[str, str]]:
    with db.engine.connect() as con:
        return {
            code: dict(label)
            for code, label in con.execute(
                select(InformantRole.code, InformantRole.label).order_by(InformantRole.sort)
            )
        }
