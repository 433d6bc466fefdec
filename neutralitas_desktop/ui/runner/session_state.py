"""The runner's Qt-free session state: the form state plus where the researcher is
(section, question), field notes, what to save after each change, and find."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from neutralitas_desktop.instruments.form_state import (
    Changes,
    Entry,
    FormState,
    Issue,
    decode_position,
    encode_position,
)
from neutralitas_desktop.vocabulary import ConsentState
from neutralitas_desktop.vocabulary.lifecycle import EDITABLE

if TYPE_CHECKING:
    from neutralitas_desktop.fieldwork.runner import RunnerSession


@dataclass(frozen=True)
class SaveRequest:
    key: str
    value: str | None
    note: str | None  # None: keep the stored note
    relevant: bool
    immediate: bool  # choices are saved at once, typing after a short pause


@dataclass
class RunnerChange:
    """What the view has to do after a change: saves, relevance flags, a redraw."""

    saves: list[SaveRequest] = field(default_factory=list)
    relevance: dict[str, bool] = field(default_factory=dict)
    visibility: dict[str, bool] = field(default_factory=dict)
    rebuilt: bool = False


@dataclass(frozen=True)
class FindHit:
    key: str
    section: int
    section_label: str
    label: str


class RunnerState:
    """One session in the runner. Built from the service's RunnerSession."""

    def __init__(
        self, session: RunnerSession, language: str | None = None, *, mine: bool = True
    ) -> None:
        self.session_id = session.id
        # Another researcher's session (a supervisor reviewing on the master) is read-only
        # until someone chooses to edit it here: opening alone must change nothing.
        self.locked = not mine
        self.instrument = session.instrument
        self.status = session.status
        self.site_name = session.site_name
        self.informant_code = session.informant_code
        self.source_type = session.source_type
        self.started_at = session.started_at
        self.form = FormState(session.instrument, session.values, language or session.language)
        self.notes: dict[str, str] = dict(session.notes)
        self.revisions: dict[str, int] = {k: a.revision_count for k, a in session.answers.items()}
        self.comments: dict[str, list[str]] = {}  # review comments by answer key ("" = session)
        for c in session.review_comments:
            if not c.resolved:
                self.comments.setdefault(c.answer_key, []).append(c.comment)
        self.sections: list[Entry] = self.form.sections()
        self.revealed: set[int] = set()  # sections whose required messages are shown
        self.current = 0
        self.focus_key = ""
        section, key = decode_position(session.position)
        names = [s.key for s in self.sections]
        if section in names:
            self.current = names.index(section)
            self.focus_key = key if self.form.has_entry(key) else ""
        elif not self.is_section_relevant(0):
            self.current = self.step(+1) or 0

    # ---- identity ------------------------------------------------------------------
    @property
    def editable(self) -> bool:
        return self.status in EDITABLE and not self.locked

    @property
    def language(self) -> str:
        return self.form.language

    def set_language(self, language: str) -> None:
        self.form.set_language(language)

    def title(self) -> str:
        return self.form.text(self.instrument.title) or self.instrument.id

    # ---- navigation ----------------------------------------------------------------
    def is_section_relevant(self, index: int) -> bool:
        return self.form.is_relevant(self.sections[index].key)

    def section_label(self, index: int) -> str:
        return self.form.section_label(self.sections[index])

    def step(self, direction: int) -> int | None:
        """The next (or previous) relevant section from the current one, if any."""
        index = self.current + direction
        while 0 <= index < len(self.sections):
            if self.is_section_relevant(index):
                return index
            index += direction
        return None

    def go_to(self, index: int) -> None:
        if index != self.current:
            self.revealed.add(self.current)
        self.current = max(0, min(index, len(self.sections) - 1))

    def position(self) -> str:
        return encode_position(self.sections[self.current].key, self.focus_key)

    def section_index_of(self, key: str) -> int:
        name = self.form.section_of(key)
        return next(i for i, s in enumerate(self.sections) if s.key == name)

    def focus_order(self, index: int | None = None) -> list[str]:
        """Keys of the relevant questions of a section that take an answer, in order."""
        name = self.sections[self.current if index is None else index].key
        return [
            e.key
            for e in self.form.section_entries(name)
            if e.answerable and self.form.is_relevant(e.key) and not e.question.read_only
        ]

    def next_question(self, key: str) -> str | None:
        order = self.focus_order()
        if key in order and order.index(key) + 1 < len(order):
            return order[order.index(key) + 1]
        return None if key in order else (order[0] if order else None)

    # ---- changes -------------------------------------------------------------------
    def change(self, key: str, value: str | None, *, immediate: bool) -> RunnerChange:
        changes = self.form.set_value(key, value)
        request = SaveRequest(key, value or None, None, self.form.is_relevant(key), immediate)
        return self._runner_change(changes, [request])

    def declines_consent(self, key: str, value: str | None) -> bool:
        """Whether ``value`` turns the interview's consent into a refusal (the runner then
        asks, and records it through the consent service instead of saving an answer)."""
        if value != ConsentState.REFUSED or not self.form.has_entry(key):
            return False  # e.g. the text of an "other, specify" answer
        return (
            self.form.entry(key).question.type == "consent"
            and self.form.value(key) != ConsentState.REFUSED
            and bool(self.informant_code)
        )

    def change_note(self, key: str, note: str) -> RunnerChange:
        self.notes[key] = note
        value = self.form.value(key)
        request = SaveRequest(key, value, note, self.form.is_relevant(key), False)
        return RunnerChange(saves=[request])

    def add_item(self, repeat_key: str) -> tuple[str, RunnerChange]:
        item, changes = self.form.add_item(repeat_key)
        return item, self._runner_change(changes, [])

    def remove_item(self, repeat_key: str, item: str) -> RunnerChange:
        return self._runner_change(self.form.remove_item(repeat_key, item), [])

    def initial_saves(self) -> RunnerChange:
        """Calculations not yet stored (e.g. a form resumed after an app update)."""
        return self._runner_change(Changes(saves=self.form.calculated_changes()), [])

    def _runner_change(self, changes: Changes, saves: list[SaveRequest]) -> RunnerChange:
        for key, value in changes.saves.items():
            saves.append(SaveRequest(key, value, None, self.form.is_relevant(key), True))
        for request in saves:
            self.revisions[request.key] = self.revisions.get(request.key, 0) + 1
        return RunnerChange(saves, changes.relevance, changes.visibility, changes.rebuilt)

    # ---- reading -------------------------------------------------------------------
    def shows_issue(self, key: str) -> Issue | None:
        """The issue to show beside a question: wrong values at once, missing required
        answers once the researcher has left the section or tried to complete."""
        issue = self.form.issue(key)
        if issue is None:
            return None
        if issue.code == "required" and self.section_index_of(key) not in self.revealed:
            return None
        return issue

    def reveal_all(self) -> None:
        self.revealed.update(range(len(self.sections)))

    def missing(self) -> list[Issue]:
        return self.form.issues()

    def answered(self) -> tuple[int, int]:
        outline = self.form.outline()
        return sum(s.answered for s in outline), sum(s.questions for s in outline)

    def find(self, text: str, limit: int = 50) -> list[FindHit]:
        """Questions whose label, hint or name contains ``text`` (case-insensitive)."""
        needle = text.strip().casefold()
        hits: list[FindHit] = []
        for entry in self.form.entries:
            if entry.kind != "question" or entry.question.type == "calculate":
                continue
            label = self.form.label(entry.key)
            haystack = f"{label} {self.form.hint(entry.key)} {entry.node.name}".casefold()
            if needle and needle not in haystack:
                continue
            index = self.section_index_of(entry.key)
            hits.append(FindHit(entry.key, index, self.section_label(index), label))
            if len(hits) >= limit:
                break
        return hits
