"""Fast look-ups over a form's questions for the reports: labels, choices, stances, which
repeat a question sits in, and answer text turned into typed values (numbers, dates)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from neutralitas_desktop.instruments.model import (
    NUMERIC_TYPES,
    Choice,
    Group,
    Instrument,
    LocalText,
    Question,
    pick,
)

Typed = str | int | float | dt.date | dt.datetime | dt.time

_REPEAT_STEP = re.compile(r"([^/\[\]]+)\[([^\]]*)\]")


@dataclass(frozen=True)
class QuestionInfo:
    name: str
    type: str
    label: LocalText
    theme: str
    stance: dict[str, str]
    choices: tuple[Choice, ...]
    repeat: str  # the innermost repeat holding the question, "" at the top level
    other: bool
    section: str
    relevant: str
    required: bool

    def choice_label(self, value: str, language: str) -> str:
        for choice in self.choices:
            if choice.name == value:
                return pick(choice.label, language, "id") or value
        if value == "other" and self.other:
            return {"id": "Lainnya"}.get(language, "Other")
        return value

    def value_label(self, value: str | None, language: str) -> str:
        if not value or not self.choices:
            return ""
        if self.type == "select_multiple":
            return "; ".join(self.choice_label(v, language) for v in value.split())
        return self.choice_label(value, language)

    def auto_stance(self, value: str | None) -> str:
        """The stance the instrument maps this value to ("" when none); for several
        choices, every distinct stance they map to."""
        if not value or not self.stance:
            return ""
        if self.type != "select_multiple":
            return self.stance.get(value, "")
        stances = dict.fromkeys(s for v in value.split() if (s := self.stance.get(v)))
        return "; ".join(stances)

    @property
    def choice_names(self) -> list[str]:
        names = [c.name for c in self.choices]
        if self.other and "other" not in names:
            names.append("other")
        return names


@dataclass
class RepeatInfo:
    name: str
    label: LocalText
    parent: str  # enclosing repeat, "" at the top level
    questions: list[str] = field(default_factory=list)


@dataclass
class FormIndex:
    """Every question of a form across the versions stored in the study (newest first)."""

    form_id: str
    title: LocalText
    source_type: str
    versions: list[str] = field(default_factory=list)
    questions: dict[str, QuestionInfo] = field(default_factory=dict)
    order: list[str] = field(default_factory=list)  # answerable questions, form order
    repeats: dict[str, RepeatInfo] = field(default_factory=dict)

    def add(self, instrument: Instrument) -> None:
        self.versions.append(instrument.version)
        for parents, node in instrument.walk():
            repeats = [g for g in parents if g.repeat]
            section = parents[0].name if parents else ""
            if isinstance(node, Group):
                if node.repeat and node.name not in self.repeats:
                    self.repeats[node.name] = RepeatInfo(
                        node.name, dict(node.label), repeats[-1].name if repeats else ""
                    )
                continue
            if not node.collects_answer or node.name in self.questions:
                continue
            info = _question_info(instrument, node, repeats[-1].name if repeats else "", section)
            self.questions[node.name] = info
            self.order.append(node.name)
            if info.repeat:
                self.repeats[info.repeat].questions.append(node.name)

    def top_level(self) -> list[QuestionInfo]:
        return [self.questions[n] for n in self.order if not self.questions[n].repeat]


def _question_info(ins: Instrument, q: Question, repeat: str, section: str) -> QuestionInfo:
    choices = ins.choices_for(q)
    return QuestionInfo(
        name=q.name,
        type=q.type,
        label=dict(q.label),
        theme=q.theme,
        stance=dict(q.stance),
        choices=choices.choices if choices else (),
        repeat=repeat,
        other=q.other,
        section=section,
        relevant=q.relevant,
        required=q.required,
    )


def build_indexes(instruments: Iterable[Instrument]) -> dict[str, FormIndex]:
    """One index per form id; pass versions newest first so their labels win."""
    indexes: dict[str, FormIndex] = {}
    for ins in instruments:
        index = indexes.get(ins.id)
        if index is None:
            index = indexes[ins.id] = FormIndex(ins.id, dict(ins.title), ins.source_type)
        index.add(ins)
    return indexes


def repeat_path(key: str) -> list[tuple[str, str]]:
    """The repeat steps of an answer key: "a[x]/b[y]/q" -> [("a", "x"), ("b", "y")]."""
    if "[" not in key:
        return []
    return _REPEAT_STEP.findall(key.rsplit("/", 1)[0])


def typed_value(qtype: str, value: str) -> Typed:
    """An answer's text as the type a spreadsheet should hold; the text itself when it
    does not parse (an analyst sees what was typed rather than nothing)."""
    try:
        if qtype in NUMERIC_TYPES or qtype == "likert":
            number = float(value)
            return int(number) if number.is_integer() and abs(number) < 2**53 else number
        if qtype == "date":
            return dt.date.fromisoformat(value)
        if qtype == "datetime":
            return dt.datetime.fromisoformat(value).replace(tzinfo=None)
        if qtype == "time":
            return dt.time.fromisoformat(value)
    except ValueError:
        return value
    return value
