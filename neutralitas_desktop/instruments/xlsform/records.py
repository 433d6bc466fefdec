"""Typed intermediate records between the workbook's rows and the instrument model:
what a row's type says, and the question or group a row describes, field by field."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from neutralitas_desktop.instruments import xlsform_columns as cols
from neutralitas_desktop.instruments.model import Group, LocalText, Node, Question


@dataclass(frozen=True)
class TypeSpec:
    """What the type column of a row says."""

    kind: str  # question | begin | end | metadata | unsupported | unknown | converted
    type: str = ""  # model type (question), group | repeat | loop (begin/end)
    list_name: str = ""
    other: bool = False
    raw: str = ""
    lenient_type: str = ""  # unsupported: text | file | note | drop
    reason: str = ""


@dataclass
class QuestionRecord:
    """A survey row that is a question, before it becomes a :class:`Question`."""

    row: int
    name: str
    type: str
    label: LocalText = field(default_factory=dict)
    hint: LocalText = field(default_factory=dict)
    required: bool = False
    required_if: str = ""
    required_message: LocalText = field(default_factory=dict)
    relevant: str = ""
    constraint: str = ""
    constraint_message: LocalText = field(default_factory=dict)
    calculation: str = ""
    default: str = ""
    read_only: bool = False
    appearance: str = ""
    choice_list: str = ""
    choice_filter: str = ""
    other: bool = False
    parameters: dict[str, str] = field(default_factory=dict)
    theme: str = ""
    stance: dict[str, str] = field(default_factory=dict)
    trigger: str = ""

    def build(self) -> Question:
        return Question(
            name=self.name,
            type=self.type,
            label=self.label,
            hint=self.hint,
            required=self.required,
            required_if=self.required_if,
            required_message=self.required_message,
            relevant=self.relevant,
            constraint=self.constraint,
            constraint_message=self.constraint_message,
            calculation=self.calculation,
            default=self.default,
            read_only=self.read_only,
            appearance=self.appearance,
            choice_list=self.choice_list,
            choice_filter=self.choice_filter,
            other=self.other,
            parameters=self.parameters,
            theme=self.theme,
            stance=self.stance,
            trigger=self.trigger,
        )


@dataclass
class GroupRecord:
    """A ``begin group`` / ``begin repeat`` row and the nodes read until its ``end``."""

    kind: str  # root | group | repeat
    row: int
    name: str = ""
    label: LocalText = field(default_factory=dict)
    hint: LocalText = field(default_factory=dict)
    relevant: str = ""
    appearance: str = ""
    repeat_count: str = ""
    children: list[Node] = field(default_factory=list)

    def build(self) -> Group:
        return Group(
            name=self.name,
            label=self.label,
            hint=self.hint,
            relevant=self.relevant,
            appearance=self.appearance,
            repeat=self.kind == "repeat",
            repeat_count=self.repeat_count,
            children=tuple(self.children),
        )


# KoboToolbox's names for a repeat ("begin lgroup", "end looped group"), as pyxform reads them.
_GROUP_ALIASES = {"lgroup": "repeat", "looped group": "repeat"}


def parse_type(raw: str) -> TypeSpec:
    """What the type column of a row says, in this app's terms."""
    text = " ".join(raw.split())
    lowered = text.lower()
    match = re.match(r"^(begin|end)[ _](group|repeat|loop|lgroup|looped group)\b\s*(.*)$", lowered)
    if match:
        kind, what, rest = match.groups()
        what = _GROUP_ALIASES.get(what, what)
        list_name = ""
        if what == "loop" and kind == "begin":
            rest_raw = text[len(text) - len(rest) :] if rest else ""
            list_name = re.sub(r"^over\s+", "", rest_raw, flags=re.I).strip()
        return TypeSpec(kind, what, list_name=list_name, raw=text)
    if lowered in cols.SIMPLE_TYPES:
        return TypeSpec("question", cols.SIMPLE_TYPES[lowered], raw=text)
    if lowered in cols.METADATA_TYPES:
        return TypeSpec("metadata", lowered, raw=text)
    first = lowered.split(" ", 1)[0]
    if lowered in cols.UNSUPPORTED_TYPES or first in cols.UNSUPPORTED_TYPES:
        target, reason = cols.UNSUPPORTED_TYPES.get(lowered) or cols.UNSUPPORTED_TYPES[first]
        return TypeSpec("unsupported", lowered, raw=text, lenient_type=target, reason=reason)
    for spelling, base in cols.SELECT_SPELLINGS:
        if lowered == spelling or lowered.startswith(spelling + " "):
            rest = text[len(spelling) :].strip()
            other = False
            for suffix in cols.OTHER_SUFFIXES:
                if rest.lower().endswith(" " + suffix):
                    rest, other = rest[: -len(suffix)].strip(), True
                    break
            if base in cols.EXTERNAL_SELECTS:
                return TypeSpec(
                    "unsupported",
                    base,
                    list_name=rest,
                    raw=text,
                    lenient_type="text",
                    reason=cols.EXTERNAL_SELECTS[base],
                )
            return TypeSpec("question", base, list_name=rest, other=other, raw=text)
    return TypeSpec("unknown", raw=text)
