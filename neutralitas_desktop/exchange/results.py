"""Plain results of the exchange services (packages, merges, conflicts, reviews), for the
command line and the GUI; no database types in here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from neutralitas_desktop.exchange.manifest import Manifest
from neutralitas_desktop.operations import Changes, Kind
from neutralitas_desktop.vocabulary.messages import Message, default_text, text


@dataclass(frozen=True)
class PackageResult:
    path: Path
    manifest: Manifest
    size: int  # bytes


@dataclass
class ResearcherCounts:
    """What a merge brings from (or changes for) one researcher."""

    new_sessions: int = 0
    updated_sessions: int = 0
    new_answers: int = 0
    updated_answers: int = 0
    new_codings: int = 0
    conflicts: int = 0

    def add(self, other: ResearcherCounts) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def empty(self) -> bool:
        return not any(getattr(self, n) for n in self.__dataclass_fields__)


@dataclass(frozen=True)
class Notice:
    """Something a merge did that a person should look at, in any language."""

    message: Message
    params: dict[str, object]

    def text(self, lang: str | None = None) -> str:
        """In ``lang``; without one, the English default (the terminal, the merge log)."""
        if lang is None:
            return default_text(self.message, **self.params)
        return text(self.message, lang, **self.params)


@dataclass
class MergeSummary:
    """What merging one package did (or, in a preview, would do)."""

    package_id: str
    path: Path
    researcher: str
    device_name: str
    created_at: str
    already_merged: bool = False
    new_revisions: int = 0
    by_researcher: dict[str, ResearcherCounts] = field(default_factory=dict)
    mapped: list[str] = field(default_factory=list)  # sites / themes merged by name
    renamed: list[str] = field(default_factory=list)  # informant codes made unique
    consent: list[Notice] = field(default_factory=list)  # withdrawals a later edit replaced
    preview: bool = False  # what a merge would do; nothing was changed

    @property
    def changes(self) -> Changes:
        """A merged package may bring rows of every kind but the study's settings."""
        if self.preview or self.already_merged:
            return Changes()
        return Changes.everything(but=[Kind.SETTINGS])

    @property
    def totals(self) -> ResearcherCounts:
        total = ResearcherCounts()
        for counts in self.by_researcher.values():
            total.add(counts)
        return total

    def describe(self) -> str:
        if self.already_merged:
            return f"{self.path.name}: already merged (package {self.package_id[:8]})"
        t = self.totals
        return (
            f"{self.path.name} ({self.researcher}, {self.device_name}): "
            f"{t.new_sessions} new sessions, {t.updated_sessions} updated sessions, "
            f"{t.new_answers} new answers, {t.updated_answers} updated answers, "
            f"{t.new_codings} new codings, {t.conflicts} conflicts"
        )


@dataclass(frozen=True)
class ConflictSide:
    """One of the concurrent versions of an answer, a session's status, a coding or a finding."""

    id: str  # revision or row version id
    value: str
    note: str
    device_name: str
    researcher: str
    at: dt.datetime
    shown: bool  # the side the study shows until the conflict is resolved


@dataclass(frozen=True)
class ConflictInfo:
    kind: str  # answer / session / coding / finding
    ref: str  # the answer, session, coding or finding id
    session_id: str
    site: str
    informant: str
    form: str
    question: str  # answer key, "status", the coding's answer or "finding on THEME"
    sides: tuple[ConflictSide, ...]

    @property
    def short_ref(self) -> str:
        return self.ref[:8]

    @property
    def changes(self) -> Changes:
        """What resolving this conflict changed: the conflict and what it is about."""
        kind = {
            "answer": "answers", "session": "sessions", "coding": "codings", "finding": "findings"
        }[self.kind]  # fmt: skip
        touched = {
            "sessions": self.session_id,
            kind: self.ref if kind in ("codings", "findings") else self.session_id,
        }
        return Changes.of(conflicts=self.ref, **touched)
