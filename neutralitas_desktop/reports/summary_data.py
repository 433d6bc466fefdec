"""Everything the study summary shows, gathered from the services in a few queries:
counts, the triangulation matrix, per theme its key excerpts and conclusions."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace

from neutralitas_desktop.fieldwork.redaction import Redactor, redactor_for
from neutralitas_desktop.fieldwork.study import StudyInfo, study_info
from neutralitas_desktop.reports.informant_records import load_informants
from neutralitas_desktop.reports.queries import (
    Exclusions,
    FindingRecord,
    InstrumentRecord,
    ReportFilter,
    Scope,
    ThemeRecord,
    count_answers,
    count_exclusions,
    load_findings,
    load_instruments,
    load_sessions,
    load_themes,
    resolve_filter,
    role_labels,
)
from neutralitas_desktop.reports.triangulation_view import (
    Evidence,
    Matrix,
    matrix_for,
    theme_evidence,
)
from neutralitas_desktop.store.database import Database
from neutralitas_desktop.triangulation.agreement import agreement_report
from neutralitas_desktop.triangulation.agreement_types import AgreementReport
from neutralitas_desktop.triangulation.audit_trail import audit_trail
from neutralitas_desktop.triangulation.incident_types import AuditEntry, MemberCheckInfo
from neutralitas_desktop.triangulation.member_checks import list_member_checks

EXCERPTS_PER_THEME = 3


@dataclass(frozen=True)
class Excerpt:
    text: str
    stance: str
    informant_code: str
    role: str
    source_type: str
    site_name: str
    date: object


@dataclass
class SummaryData:
    study: StudyInfo
    scope: Scope
    sessions: int
    informants: int
    answers: int
    sites: list[str]
    by_site_source: dict[str, Counter[str]]
    by_status: Counter[str]
    by_role: Counter[str]
    roles: dict[str, dict[str, str]]
    matrix: Matrix
    themes: list[ThemeRecord]
    excerpts: dict[str, list[Excerpt]]
    findings: dict[str, list[FindingRecord]]
    instruments: list[tuple[InstrumentRecord, int]]
    exclusions: Exclusions
    evidence_counts: dict[str, int] = field(default_factory=dict)
    redacted: tuple[tuple[str, int], ...] = ()  # (kind, how many) the redaction replaced
    agreement: AgreementReport | None = None  # coder agreement, when sessions were double coded
    audit: list[AuditEntry] = field(default_factory=list)
    member_checks: list[MemberCheckInfo] = field(default_factory=list)
    # (category, how chosen) of the informants with sessions in scope, and how many
    by_category: Counter[tuple[str, str]] = field(default_factory=Counter)


def gather_summary(db: Database, filt: ReportFilter | None, language: str) -> SummaryData:
    scope = resolve_filter(db, filt)
    redact = redactor_for(db)  # always: the summary never prints a name typed in a text
    sessions = load_sessions(db, scope)
    by_site: dict[str, Counter[str]] = {}
    for s in sessions:
        by_site.setdefault(s.site_name, Counter())[s.source_type] += 1
    informants = load_informants(db, scope)
    matrix = matrix_for(db, scope, "technique")
    themes = load_themes(db)
    findings: dict[str, list[FindingRecord]] = {}
    for f in load_findings(db, scope):
        findings.setdefault(f.theme_code, []).append(
            replace(f, conclusion=redact(f.conclusion), reason=redact(f.reason))
        )
    per_form = Counter(s.instrument_id for s in sessions)
    instruments = [(r, per_form.get(r.id, 0)) for r in load_instruments(db)]
    excerpts = _excerpts(db, scope, matrix, themes, language, redact)
    audit = [replace(e, reason=redact(e.reason)) for e in audit_trail(db)]
    checks = [
        replace(c, given=redact(c.given), response_note=redact(c.response_note))
        for c in list_member_checks(db)
    ]
    return SummaryData(
        study=study_info(db),
        scope=scope,
        sessions=len(sessions),
        informants=sum(1 for i in informants if i.sessions),
        answers=count_answers(db, scope),
        sites=sorted(by_site),
        by_site_source=by_site,
        by_status=Counter(s.status for s in sessions),
        by_role=Counter(i.role for i in informants if i.sessions),
        by_category=Counter((i.category, i.selection) for i in informants if i.sessions),
        roles=role_labels(db),
        matrix=matrix,
        themes=themes,
        excerpts=excerpts,
        findings=findings,
        instruments=instruments,
        exclusions=count_exclusions(db, scope),
        redacted=tuple(redact.summary()),  # after every text above went through it
        agreement=agreement_report(db),
        audit=audit,
        member_checks=checks,
    )


def _excerpts(
    db: Database,
    scope: Scope,
    matrix: Matrix,
    themes: list[ThemeRecord],
    language: str,
    redact: Redactor,
) -> dict[str, list[Excerpt]]:
    """Up to a few hand-coded excerpts per theme: distinct texts, leaning to violations
    where the theme has attested incidents, spread over kinds of source and informants."""
    out: dict[str, list[Excerpt]] = {}
    known = {t.code for t in themes}
    for row in matrix.rows:
        if not row.context.total or row.code not in known:
            continue
        pieces = [e for e in theme_evidence(db, scope, row.code, None, language) if e.coding_ids]
        if pieces:
            attested = row.conclusion.kind in ("corroborated", "single_line")
            out[row.code] = [
                replace(e, text=redact(e.text))
                for e in _pick(pieces, "violation" if attested else "")
            ]
    return out


def _pick(evidence: list[Evidence], preferred: str) -> list[Excerpt]:
    def rank(e: Evidence) -> tuple[int, int]:
        return (0 if preferred and e.stance == preferred else 1, -len(e.label))

    chosen: list[Evidence] = []
    seen_text: set[str] = set()
    seen_source: Counter[str] = Counter()
    for e in sorted(evidence, key=rank):
        text = e.label.strip()
        if not text or text in seen_text:
            continue
        if seen_source[e.source_type] >= 2 and len(seen_source) < 3:
            continue
        chosen.append(e)
        seen_text.add(text)
        seen_source[e.source_type] += 1
        if len(chosen) == EXCERPTS_PER_THEME:
            break
    return [
        Excerpt(
            e.label.strip(),
            e.stance,
            e.informant_code,
            e.role,
            e.source_type,
            e.site_name,
            e.started_at,
        )
        for e in chosen
    ]
