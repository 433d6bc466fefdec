"""Plain results of the incident services: incidents, their lines of evidence with the
source each derives from its session, the analytic audit trail and member checks.

Frozen dataclasses only, importable by the GUI without a database or Qt."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from neutralitas_desktop.operations import Changes

LocalText = dict[str, str]


@dataclass(frozen=True)
class LineInfo:
    """One line of evidence and where it comes from (derived from its session)."""

    id: str
    incident_id: str
    kind: str  # vocabulary.EvidenceKind
    target: str  # vocabulary.LineTarget
    session_id: str
    answer_id: str | None
    coding_id: str | None
    attachment_sha256: str | None
    attachment_captured_at: dt.datetime | None
    question: str  # the answer's question name, "" for a whole session
    text: str  # the excerpt, the answer's value or note, or the file name
    memo: str
    technique: str  # the session's source type
    informant_code: str
    informant_role: str
    role_label: LocalText
    session_date: dt.datetime
    session_status: str
    researcher_id: str
    counts: bool  # False: refused session or consent withdrawn; left out of the rule
    deciding: bool  # one of the independent supporting lines that decided corroboration
    question_label: LocalText = field(default_factory=dict)  # the question as asked
    text_label: LocalText = field(default_factory=dict)  # a choice answer's option labels

    @property
    def changes(self) -> Changes:
        """The incident this line supports changed (its corroboration with it)."""
        return Changes.of(incidents=self.incident_id)


@dataclass(frozen=True)
class IncidentInfo:
    id: str
    site_id: str
    site_name: str
    theme_code: str
    theme_label: LocalText
    actor_type: str
    actor_code: str
    date_start: dt.date
    date_end: dt.date | None
    stage: str  # the study period the incident falls in, or "outside"
    stage_label: LocalText
    platform: str
    link: str
    favours: str
    summary: str
    recorded_by: str  # the researcher's name
    corroboration: str  # vocabulary.Corroboration
    independent: int  # independent supporting lines
    lines: tuple[LineInfo, ...]
    threshold: int

    def lines_of(self, *kinds: str) -> tuple[LineInfo, ...]:
        return tuple(x for x in self.lines if x.kind in kinds)

    @property
    def changes(self) -> Changes:
        """What writing this incident changed (as returned by add_incident / unlink)."""
        return Changes.of(incidents=self.id)


@dataclass(frozen=True)
class AuditEntry:
    """One analytic decision: who, when, what, on which row, and why."""

    id: str
    at: dt.datetime
    researcher: str
    device_id: str
    action: str
    entity: str
    entity_id: str
    reason: str
    detail: dict[str, object]


@dataclass(frozen=True)
class MemberCheckInfo:
    id: str
    informant_id: str
    informant_code: str
    informant_role: str
    material: str  # vocabulary.MemberCheckMaterial
    given: str
    given_on: dt.date
    response: str  # vocabulary.MemberCheckResponse
    response_note: str
    findings: tuple[str, ...]
    recorded_by: str
