"""Plain results of the triangulation services, importable without a database or Qt.

The GUI imports only this module (and is handed service objects by the composition
root); everything here is a frozen dataclass or a constant. Services return codes
(verdict kinds, stances, column keys) and bilingual label dicts, never sentences.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from neutralitas_desktop.vocabulary import (
    FindingStatus,
    Grouping,
    SourceType,
    Stance,
    labels_of,
)
from neutralitas_desktop.vocabulary import Verdict as VerdictKind
from neutralitas_desktop.vocabulary.law import Provision
from neutralitas_desktop.vocabulary.terms import values

STANCES: tuple[str, ...] = values(Stance)
GROUPINGS: tuple[str, ...] = values(Grouping)
VERDICTS: tuple[str, ...] = values(VerdictKind)
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


@dataclass(frozen=True)
class ImportResult:
    added: int
    updated: int
    unchanged: int
    source: str

    @property
    def total(self) -> int:
        return self.added + self.updated + self.unchanged


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


# ---- the matrix ----------------------------------------------------------------------
@dataclass(frozen=True)
class MatrixQuery:
    by: str = "technique"  # technique / source / time
    site: str | None = None  # site id or name
    period: str | None = None  # period code
    researcher: str | None = None  # researcher id, name or initials
    status: str | None = None  # session status, e.g. approved
    rollup: bool = True  # a parent theme's row includes its sub-themes' evidence


@dataclass(frozen=True)
class Column:
    key: str
    label: LocalText
    group: str  # the source type the column belongs to ("" when grouping by time)


@dataclass(frozen=True)
class Cell:
    violation: int = 0
    neutrality: int = 0
    unclear: int = 0

    @property
    def total(self) -> int:
        return self.violation + self.neutrality + self.unclear

    def count(self, stance: str) -> int:
        return int(getattr(self, stance))


@dataclass(frozen=True)
class Thresholds:
    min_source_types: int = 2
    min_evidence_per_cell: int = 1

    @classmethod
    def from_settings(cls, settings: dict[str, Any]) -> Thresholds:
        raw = settings.get("triangulation") or {}
        return cls(
            min_source_types=max(1, int(raw.get("min_source_types", 2))),
            min_evidence_per_cell=max(1, int(raw.get("min_evidence_per_cell", 1))),
        )


@dataclass(frozen=True)
class Verdict:
    kind: str  # one of VERDICTS
    stance: str  # the stance sources converge on (or the single source's), else ""
    decided_by: tuple[str, ...]  # keys of the columns that decided it
    supporting: dict[str, str] = field(default_factory=dict)  # column key -> its stance


@dataclass(frozen=True)
class ThemeRow:
    theme_id: str
    code: str
    label: LocalText
    parent_code: str
    depth: int
    retired: bool
    cells: tuple[Cell, ...]  # aligned with Matrix.columns
    total: Cell
    verdict: Verdict


@dataclass(frozen=True)
class Matrix:
    query: MatrixQuery
    columns: tuple[Column, ...]
    rows: tuple[ThemeRow, ...]
    thresholds: Thresholds

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
    """One piece of evidence: an answer that indicates a stance on a theme, automatically
    (its structured value) and/or by hand codings of its text; never a real name."""

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
    author_name: str
    created_at: dt.datetime
    updated_at: dt.datetime
