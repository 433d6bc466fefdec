"""The instrument model: a validated, immutable description of one version of a form.

TOML forms (forms/*.toml) and XLSForm workbooks both load into these classes; the
runner, the store, the reports and the exports all read them. Nothing here knows Qt
or a database.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from neutralitas_desktop.vocabulary import SourceType
from neutralitas_desktop.vocabulary import Stance as StanceKind
from neutralitas_desktop.vocabulary.terms import values

# Localised text: language code ("id", "en", or whatever an imported XLSForm uses) -> text.
LocalText = dict[str, str]

SOURCE_TYPES: tuple[str, ...] = values(SourceType)
STANCES: tuple[str, ...] = values(StanceKind)

Stance = Literal["violation", "neutrality", "unclear"]

# Question types (DESIGN §4). The XLSForm name of each is in instruments/xlsform*.py.
QUESTION_TYPES: frozenset[str] = frozenset(
    {
        "note",  # text shown, no answer
        "text",
        "long_text",  # multi-line text (XLSForm: text + appearance multiline)
        "integer",
        "decimal",
        "range",  # integer/decimal between parameters start..end by step
        "date",
        "time",
        "datetime",
        "select_one",
        "select_multiple",
        "likert",  # ordered single choice shown as a scale
        "yes_no_na",  # checklist item: yes / no / not applicable (built-in choices)
        "image",  # attachment: photo / screenshot
        "file",  # attachment: any document
        "consent",  # informed-consent statement: given / refused
        "acknowledge",  # OK to continue
        "calculate",  # computed, not shown
    }
)
CHOICE_TYPES: frozenset[str] = frozenset({"select_one", "select_multiple", "likert", "yes_no_na"})
ATTACHMENT_TYPES: frozenset[str] = frozenset({"image", "file"})
NUMERIC_TYPES: frozenset[str] = frozenset({"integer", "decimal", "range"})
# Types whose answers are free text and are coded by hand rather than from a stance map.
FREE_TEXT_TYPES: frozenset[str] = frozenset({"text", "long_text"})
UNANSWERED_TYPES: frozenset[str] = frozenset({"note"})

# Built-in choice list for yes_no_na checklist items.
YES_NO_NA_LIST = "yes_no_na"
CONSENT_LIST = "consent"


@dataclass(frozen=True)
class Choice:
    name: str
    label: LocalText
    # Extra columns of the choices sheet (used by choice_filter, e.g. {"district": "ciamis"}).
    attributes: dict[str, str] = field(default_factory=dict)
    # Image file shown for the choice on phones, per language (XLSForm ``image`` column).
    media: LocalText = field(default_factory=dict)


@dataclass(frozen=True)
class ChoiceList:
    name: str
    choices: tuple[Choice, ...]

    def get(self, name: str) -> Choice | None:
        for choice in self.choices:
            if choice.name == name:
                return choice
        return None


@dataclass(frozen=True)
class Question:
    name: str
    type: str
    label: LocalText = field(default_factory=dict)
    hint: LocalText = field(default_factory=dict)
    required: bool = False
    required_if: str = ""  # expression; when set, required holds only where it is true
    required_message: LocalText = field(default_factory=dict)
    relevant: str = ""  # expression
    constraint: str = ""  # expression over '.'
    constraint_message: LocalText = field(default_factory=dict)
    calculation: str = ""  # expression (calculate, or a dynamic default)
    default: str = ""
    read_only: bool = False
    appearance: str = ""
    choice_list: str = ""  # name of a ChoiceList for choice types
    choice_filter: str = ""  # expression evaluated per choice
    other: bool = False  # "other, specify": adds choice "other" and a text field
    parameters: dict[str, str] = field(default_factory=dict)  # range start/end/step, …
    # Triangulation: the codebook theme this question evidences and how its values map
    # to a stance (choice name -> stance). Free-text questions name a theme for hand coding.
    theme: str = ""
    stance: dict[str, str] = field(default_factory=dict)
    # XLSForm ``trigger``: the calculation runs when this question (``${q}``) changes only.
    trigger: str = ""

    @property
    def is_choice(self) -> bool:
        return self.type in CHOICE_TYPES

    @property
    def collects_answer(self) -> bool:
        return self.type not in UNANSWERED_TYPES


@dataclass(frozen=True)
class Group:
    """A section (top level), a nested group, or a repeat (``repeat=True``)."""

    name: str
    label: LocalText = field(default_factory=dict)
    hint: LocalText = field(default_factory=dict)
    relevant: str = ""
    appearance: str = ""
    repeat: bool = False
    repeat_count: str = ""  # expression or number; empty: the user adds items
    children: tuple[Node, ...] = ()


Node = Question | Group


@dataclass(frozen=True)
class Instrument:
    id: str
    version: str
    title: LocalText
    source_type: str  # one of SOURCE_TYPES
    languages: tuple[str, ...]
    default_language: str
    children: tuple[Node, ...]
    choice_lists: dict[str, ChoiceList] = field(default_factory=dict)
    description: LocalText = field(default_factory=dict)
    # Informant roles (codes from the study's role list) an interview guide is meant for.
    roles: tuple[str, ...] = ()
    # ODK settings kept for the XLSForm export (instance_name, public_key, submission_url…).
    settings: dict[str, str] = field(default_factory=dict)

    # ---- navigation -------------------------------------------------------------
    def walk(self) -> Iterator[tuple[tuple[Group, ...], Node]]:
        """Every node in form order with the chain of groups that contain it."""

        def rec(nodes: tuple[Node, ...], parents: tuple[Group, ...]) -> Iterator[Any]:
            for node in nodes:
                yield parents, node
                if isinstance(node, Group):
                    yield from rec(node.children, (*parents, node))

        yield from rec(self.children, ())

    def questions(self) -> list[Question]:
        return [node for _, node in self.walk() if isinstance(node, Question)]

    def nodes_by_name(self) -> dict[str, Node]:
        return {node.name: node for _, node in self.walk()}

    def question(self, name: str) -> Question:
        node = self.nodes_by_name().get(name)
        if not isinstance(node, Question):
            raise KeyError(name)
        return node

    def repeat_of(self, name: str) -> Group | None:
        """The innermost repeat that contains the node called ``name``, if any."""
        for parents, node in self.walk():
            if node.name == name:
                repeats = [g for g in parents if g.repeat]
                return repeats[-1] if repeats else None
        raise KeyError(name)

    def sections(self) -> list[Group]:
        """Pages of the runner: top-level groups; loose top-level questions are
        gathered, in order, into sections of their own named after their first question."""
        sections: list[Group] = []
        loose: list[Node] = []

        def flush() -> None:
            if loose:
                first = loose[0]
                sections.append(Group(name=f"_{first.name}", children=tuple(loose)))
                loose.clear()

        for node in self.children:
            if isinstance(node, Group) and not node.repeat:
                flush()
                sections.append(node)
            elif isinstance(node, Group):
                # A top-level repeat is a page of its own, titled by the repeat.
                flush()
                sections.append(
                    Group(name=f"_{node.name}", label=node.label, hint=node.hint, children=(node,))
                )
            else:
                loose.append(node)
        flush()
        return sections

    def choices_for(self, question: Question) -> ChoiceList | None:
        if question.type == "yes_no_na" and not question.choice_list:
            return BUILTIN_LISTS[YES_NO_NA_LIST]
        if question.type == "consent" and not question.choice_list:
            return BUILTIN_LISTS[CONSENT_LIST]
        return self.choice_lists.get(question.choice_list)

    def text(self, local: LocalText, language: str | None = None) -> str:
        """Pick the text in ``language``, falling back to the default, then any."""
        return pick(local, language or self.default_language, self.default_language)

    # ---- identity ---------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """The normalised definition (what `forms show --json` prints, what the store keeps)."""
        return {
            "id": self.id,
            "version": self.version,
            "title": self.title,
            "description": self.description,
            "source_type": self.source_type,
            "languages": list(self.languages),
            "default_language": self.default_language,
            "roles": list(self.roles),
            "choice_lists": {
                name: [_without_empty(asdict(c), "media") for c in cl.choices]
                for name, cl in self.choice_lists.items()
            },
            "children": [_node_to_dict(n) for n in self.children],
            **({"settings": dict(self.settings)} if self.settings else {}),
        }

    def canonical_json(self) -> str:
        return json.dumps(self.to_dict(), sort_keys=True, ensure_ascii=False, separators=(",", ":"))

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.canonical_json().encode("utf-8")).hexdigest()

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Instrument:
        return cls(
            id=data["id"],
            version=data["version"],
            title=dict(data["title"]),
            description=dict(data.get("description") or {}),
            source_type=data["source_type"],
            languages=tuple(data["languages"]),
            default_language=data["default_language"],
            roles=tuple(data.get("roles") or ()),
            choice_lists={
                name: ChoiceList(
                    name,
                    tuple(
                        Choice(
                            c["name"],
                            dict(c["label"]),
                            dict(c.get("attributes") or {}),
                            dict(c.get("media") or {}),
                        )
                        for c in choices
                    ),
                )
                for name, choices in data.get("choice_lists", {}).items()
            },
            children=tuple(_node_from_dict(n) for n in data["children"]),
            settings=dict(data.get("settings") or {}),
        )


def pick(local: LocalText, language: str, fallback: str = "") -> str:
    if not local:
        return ""
    if local.get(language):
        return local[language]
    if fallback and local.get(fallback):
        return local[fallback]
    for text in local.values():
        if text:
            return text
    return ""


def _node_to_dict(node: Node) -> dict[str, Any]:
    if isinstance(node, Group):
        data = asdict(node)
        data["kind"] = "group"
        data["children"] = [_node_to_dict(c) for c in node.children]
        return data
    data = _without_empty(asdict(node), "trigger")
    data["kind"] = "question"
    return data


def _without_empty(data: dict[str, Any], *keys: str) -> dict[str, Any]:
    """Fields added later are left out while empty, so older forms keep their hash."""
    for key in keys:
        if not data.get(key):
            data.pop(key, None)
    return data


def _node_from_dict(data: dict[str, Any]) -> Node:
    fields = {k: v for k, v in data.items() if k != "kind"}
    if data.get("kind") == "group":
        fields["children"] = tuple(_node_from_dict(c) for c in fields.get("children", ()))
        return Group(**fields)
    return Question(**fields)


BUILTIN_LISTS: dict[str, ChoiceList] = {
    YES_NO_NA_LIST: ChoiceList(
        YES_NO_NA_LIST,
        (
            Choice("yes", {"id": "Ya", "en": "Yes"}),
            Choice("no", {"id": "Tidak", "en": "No"}),
            Choice("na", {"id": "Tidak berlaku", "en": "Not applicable"}),
        ),
    ),
    CONSENT_LIST: ChoiceList(
        CONSENT_LIST,
        (
            Choice("given", {"id": "Bersedia", "en": "Consent given"}),
            Choice("refused", {"id": "Tidak bersedia", "en": "Consent refused"}),
        ),
    ),
}
