"""Plain results of the triangulation services, importable without a database or Qt.

The GUI imports only this module (and is handed service objects by the composition
root); everything here is a frozen dataclass or a constant. Services return codes
(corroboration states, stances, column keys) and bilingual label dicts, never sentences.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from neutralitas_desktop.operations import UNLISTED, Changes
from neutralitas_desktop.vocabulary import (
    Conclusion,
    Corroboration,
    FindingStatus,
    Grouping,
    SourceType,
    Stance,
    labels_of,
)
from neutralitas_desktop.vocabulary.law import Provision
from neutralitas_desktop.vocabulary.terms import values

STANCES: tuple[str, ...] = values(Stance)
GROUPINGS: tuple[str, ...] = values(Grouping)
CONCLUSIONS: tuple[str, ...] = values(Conclusion)
CORROBORATIONS: tuple[str, ...] = values(Corroboration)
FINDING_STATUSES: tuple[str, ...] = values(FindingStatus)
CODING_TARGETS: tuple[str, ...] = ("value", "note")
SOURCE_TYPE_LABELS: dict[str, dict[str, str]] = labels_of(SourceType)
# Column key for sessions that fall outside every fieldwork period (grouping by time).
OUTSIDE_PERIODS = "outside"

LocalText = dict[str, str]
OUTSIDE_LABEL: LocalText = {"id": "Di luar periode", "en": "Outside the periods"}


# ---- codebook ------------------------------------------------------------------------
@dataclass(frozen=True)
class ThemeInfo:
    id: str
    code: str
    parent_code: str  # "" for a top-level theme
    label: LocalText
    description: LocalText
    inclusion: LocalText
    exclusion: LocalText
    legal_basis: tuple[Provision, ...]  # every election's; filter with provisions_for
    sort: int
    retired: bool
    merged_into: str  # code of the theme this one was merged into, or ""
    depth: int  # 0 for a top-level theme
    codings: int  # hand codings on the theme (not deleted)
    color: str = ""  # "#RRGGBB" from a REFI-QDA codebook, or ""
    proposed: bool = False  # a researcher's open code the supervisor has not accepted yet


@dataclass(frozen=True)
class CodebookChange:
    """What a codebook operation changed, so screens refresh from it."""

    theme_code: str
    action: str  # added / renamed / updated / moved / merged / retired / reinstated / accepted
    codings_moved: int = 0
    findings_moved: int = 0

    @property
    def changes(self) -> Changes:
        return Changes.of(
            themes=self.theme_code,
            codings=UNLISTED if self.codings_moved else None,
            findings=UNLISTED if self.findings_moved else None,
        )


@dataclass(frozen=True)
class ImportResult:
    added: int
    updated: int
    unchanged: int
    source: str

    @property
    def total(self) -> int:
        return self.added + self.updated + self.unchanged

    @property
    def changes(self) -> Changes:
        return Changes.of(themes=UNLISTED if self.added or self.updated else None)


# ---- source tags and coding ----------------------------------------------------------
@dataclass(frozen=True)
class SourceTags:
    """Where one session's evidence comes from; derived from the session, never typed."""

    session_id: str
    source_type: str
    informant_role: str  # "" for observations and document reviews
    informant_code: str
    site_id: str
    site_name: str
    researcher_id: str
    researcher_name: str
    started_at: dt.datetime
    period: str  # the fieldwork period's code, or OUTSIDE_PERIODS
    status: str

    @property
    def changes(self) -> Changes:
        """What correcting these tags changed: the session (its cells in the matrix)."""
        return Changes.of(sessions=self.session_id)


@dataclass(frozen=True)
class AnswerTags:
    answer_id: str
    key: str
    question: str
    tags: SourceTags


@dataclass(frozen=True)
class CodableText:
    """A text of a session that can be coded by hand: a free-text answer or a field note."""

    answer_id: str
    key: str
    question: str
    question_label: LocalText
    target: str  # value / note
    text: str
    theme_code: str  # the theme the question suggests, "" when none
    codings: int


@dataclass(frozen=True)
class CodingInfo:
    id: str
    answer_id: str
    session_id: str
    answer_key: str
    theme_code: str
    theme_label: LocalText
    stance: str
    target: str
    start: int | None
    end: int | None
    excerpt: str
    memo: str
    coder_id: str | None
    coder_name: str
    created_at: dt.datetime
    deleted: bool
    stale: bool  # the answer's text changed since: the offsets no longer hold the excerpt

    @property
    def changes(self) -> Changes:
        return Changes.of(codings=self.id)


# ---- the matrix ----------------------------------------------------------------------
@dataclass(frozen=True)
class MatrixQuery:
    by: str = "technique"  # technique / source / time / site
    site: str | None = None  # site id or name
    period: str | None = None  # period code
    researcher: str | None = None  # researcher id, name or initials
    status: str | None = None  # session status, e.g. approved
    rollup: bool = True  # a parent theme's row includes its sub-themes' incidents
    sites: tuple[str, ...] = ()  # several sites (with ``site``: all of them)
    statuses: tuple[str, ...] = ()  # several session statuses


@dataclass(frozen=True)
class Column:
    key: str
    label: LocalText
    group: str  # the source type the column belongs to ("" for periods and sites)


@dataclass(frozen=True)
class StanceCount:
    """What structured answers and codings say about a theme: context beside a row,
    never evidence for or against an incident."""

    violation: int = 0
    neutrality: int = 0
    unclear: int = 0

    @property
    def total(self) -> int:
        return self.violation + self.neutrality + self.unclear

    def count(self, stance: str) -> int:
        return int(getattr(self, stance))


@dataclass(frozen=True)
class Cell:
    """The incidents one column attests for a theme, counted by their corroboration, and
    the lines of evidence the column holds for them."""

    corroborated: int = 0
    single_line: int = 0
    contradicted: int = 0
    unattested: int = 0
    lines: int = 0  # lines of evidence in the column (every kind)
    supporting: int = 0  # of which observed / document / self-report / witness
    denials: int = 0
    hearsay: int = 0
    incidents: tuple[str, ...] = ()  # the incidents' ids

    @property
    def total(self) -> int:
        """Incidents in the cell."""
        return self.corroborated + self.single_line + self.contradicted + self.unattested

    def count(self, corroboration: str) -> int:
        return int(getattr(self, corroboration))


@dataclass(frozen=True)
class Thresholds:
    """The corroboration rule's threshold (a study setting)."""

    corroboration: int = 2

    @classmethod
    def from_settings(cls, settings: dict[str, Any]) -> Thresholds:
        raw = (settings.get("triangulation") or {}).get("corroboration_threshold", 2)
        return cls(corroboration=max(1, int(raw)))

    @property
    def changes(self) -> Changes:
        """What setting a threshold changed: the study setting the matrix reads."""
        return Changes.of(settings="thresholds")


@dataclass(frozen=True)
class RowConclusion:
    """A row's *simpulan triangulasi*: the corroboration of its best-attested incident."""

    kind: str  # one of CONCLUSIONS
    decided_by: tuple[str, ...]  # keys of the columns holding the deciding lines
    incidents: int  # incidents of that corroboration


@dataclass(frozen=True)
class ThemeRow:
    theme_id: str
    code: str
    label: LocalText
    parent_code: str
    depth: int
    retired: bool
    cells: tuple[Cell, ...]  # aligned with Matrix.columns
    total: Cell  # every incident of the row once
    conclusion: RowConclusion
    context: StanceCount  # structured answers and codings: context only
    context_cells: tuple[StanceCount, ...]  # the same per column

    def context_cell(self, index: int) -> StanceCount:
        return self.context_cells[index]


@dataclass(frozen=True)
class Matrix:
    query: MatrixQuery
    columns: tuple[Column, ...]
    rows: tuple[ThemeRow, ...]
    thresholds: Thresholds
    # incident id -> (its corroboration, its summary): what a cell lists
    incidents: dict[str, tuple[str, str]] = field(default_factory=dict)

    def column_index(self, key: str) -> int:
        for i, column in enumerate(self.columns):
            if column.key == key:
                return i
        raise KeyError(key)

    def row(self, code: str) -> ThemeRow:
        for row in self.rows:
            if row.code == code:
                return row
        raise KeyError(code)

    def cell(self, code: str, column: str) -> Cell:
        return self.row(code).cells[self.column_index(column)]


@dataclass(frozen=True)
class Evidence:
    """An answer that indicates a stance on a theme, automatically (its structured value)
    and/or by hand codings of its text: context beside the matrix, never a real name."""

    answer_id: str
    theme_code: str
    stance: str
    column: str
    label: str  # the excerpt(s), or "question: value label"
    question: str
    question_label: LocalText
    automatic: bool  # coded from the instrument's stance mapping
    coding_ids: tuple[str, ...]
    coders: tuple[str, ...]
    memos: tuple[str, ...]
    informant_code: str
    role: str
    role_label: LocalText
    source_type: str
    site_name: str
    session_id: str
    started_at: dt.datetime
    researcher_name: str
    status: str


# ---- findings ------------------------------------------------------------------------
@dataclass(frozen=True)
class FindingInfo:
    id: str
    theme_code: str
    theme_label: LocalText
    site_id: str | None
    site_name: str
    conclusion: str
    status: str
    evidence: tuple[str, ...]  # answer ids and coding ids
    incidents: tuple[str, ...]  # incident ids
    status_reason: str
    status_before_reasons: bool  # set before reasons were required (an upgraded study)
    author_name: str
    created_at: dt.datetime
    updated_at: dt.datetime

    @property
    def changes(self) -> Changes:
        return Changes.of(findings=self.id)
