"""The pieces of a form instance the runner and the services share: entries, issues,
section counts, the changes one edit makes, and where a researcher is in the form."""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal

from neutralitas_desktop.errors import NeutralitasError
from neutralitas_desktop.instruments.model import Instrument, Node, Question

EntryKind = Literal["section", "group", "repeat", "item", "question"]


@dataclass(frozen=True)
class Entry:
    """One node of the form instance; ``key`` is the answer key for questions and repeats."""

    key: str
    node: Node
    kind: EntryKind
    section: str
    depth: int
    parent: int  # index of the enclosing entry, -1 at the top
    scope: tuple[tuple[str, str], ...]  # (repeat name, item) from the outside in
    position: int = 1  # 1-based index of the innermost repeat item

    @property
    def question(self) -> Question:
        assert isinstance(self.node, Question)
        return self.node

    @property
    def answerable(self) -> bool:
        return (
            self.kind == "question"
            and isinstance(self.node, Question)
            and self.node.type not in ("note", "calculate")
        )


@dataclass(frozen=True)
class Issue:
    """Why a question stops "Complete": required and empty, or a value that does not hold."""

    key: str
    section: str
    code: str  # required / constraint / integer / decimal / range / date / … / other_missing
    message: str
    label: str


@dataclass(frozen=True)
class SectionStatus:
    name: str
    label: str
    relevant: bool
    answered: int  # relevant questions with an answer
    questions: int  # relevant questions that take an answer
    required: int  # relevant required questions
    required_answered: int
    issues: int

    @property
    def complete(self) -> bool:
        return self.relevant and self.issues == 0 and self.required_answered == self.required


@dataclass
class Changes:
    """What one change did beyond the value the user typed.

    ``saves``: values the runner must store too (calculations, repeat item lists, defaults);
    ``relevance``: stored answers whose relevant flag flipped; ``visibility``: entries that
    appeared or disappeared (the page shows or hides them).
    """

    saves: dict[str, str | None] = field(default_factory=dict)
    relevance: dict[str, bool] = field(default_factory=dict)
    visibility: dict[str, bool] = field(default_factory=dict)
    rebuilt: bool = False  # entries were added or removed (a repeat item)

    def merge(self, other: Changes) -> None:
        self.saves.update(other.saves)
        self.relevance.update(other.relevance)
        self.visibility.update(other.visibility)
        self.rebuilt = self.rebuilt or other.rebuilt


class IncompleteFormError(NeutralitasError):
    """ "Complete" was refused; ``issues`` lists every question still missing or invalid."""

    def __init__(self, where: str, issues: list[Issue]) -> None:
        self.where = where
        self.issues = issues
        shown = "; ".join(f"{i.key}: {i.message}" for i in issues[:5])
        more = f" (and {len(issues) - 5} more)" if len(issues) > 5 else ""
        super().__init__(
            f"{where} cannot be completed: {len(issues)} question(s) need an answer or a "
            f"correction: {shown}{more}"
        )


def encode_position(section: str, key: str = "") -> str:
    """Where the researcher is in a form: the section (page) and the question in focus."""
    return f"{section}|{key}" if key else section


def decode_position(position: str) -> tuple[str, str]:
    section, _, key = position.partition("|")
    return section, key


def new_item_key() -> str:
    return secrets.token_hex(4)


def split_items(value: str | None) -> list[str]:
    return value.split() if value else []


def build_entries(instrument: Instrument, values: Mapping[str, str | None]) -> list[Entry]:
    """The form instance in form order: sections, groups, repeats with one entry per item
    (items as listed in the repeat's own answer), and questions."""
    entries: list[Entry] = []

    def add(
        nodes: Iterable[Node],
        prefix: str,
        section: str,
        depth: int,
        parent: int,
        scope: tuple[tuple[str, str], ...],
        position: int,
    ) -> None:
        for node in nodes:
            key = prefix + node.name
            if isinstance(node, Question):
                entries.append(
                    Entry(key, node, "question", section, depth, parent, scope, position)
                )
                continue
            if not node.repeat:
                entries.append(Entry(key, node, "group", section, depth, parent, scope, position))
                add(node.children, prefix, section, depth + 1, len(entries) - 1, scope, position)
                continue
            entries.append(Entry(key, node, "repeat", section, depth, parent, scope, position))
            repeat_index = len(entries) - 1
            for n, item in enumerate(split_items(values.get(key)), 1):
                item_key = f"{key}[{item}]"
                inner = (*scope, (node.name, item))
                entries.append(
                    Entry(item_key, node, "item", section, depth + 1, repeat_index, inner, n)
                )
                add(node.children, item_key + "/", section, depth + 2, len(entries) - 1, inner, n)

    for section in instrument.sections():
        entries.append(Entry(section.name, section, "section", section.name, 0, -1, (), 1))
        add(section.children, "", section.name, 0, len(entries) - 1, (), 1)
    return entries
