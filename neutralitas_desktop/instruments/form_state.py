"""The runner's Qt-free brain: live relevance, calculations, constraints and required
questions of one filled-in form, and what is still missing before it can be completed.

A form instance is a list of *entries* in form order: sections, groups, repeats, repeat
items and questions, each with its answer key ("q", "rep[item]/q"; see
docs/instrument-format.md). Expressions are parsed once; every change re-evaluates the
whole instance in one pass (a 200-question form takes about a millisecond), which keeps the
rules simple and exactly ODK's: a question that is not relevant counts as empty in every
expression, and its stored answer is kept but marked so.

The text of an "other, specify" choice is stored under ``key + OTHER_SUFFIX``
(``b2_unit_other``), the name ODK gives the same field.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from neutralitas_desktop.instruments import xpath
from neutralitas_desktop.instruments.form_checks import (
    OTHER_CHOICE,
    OTHER_SUFFIX,
    message,
    type_problem,
)
from neutralitas_desktop.instruments.form_entries import (
    Changes,
    Entry,
    IncompleteFormError,
    Issue,
    SectionStatus,
    build_entries,
    decode_position,
    encode_position,
    new_item_key,
    split_items,
)
from neutralitas_desktop.instruments.form_expressions import (
    EMPTY,
    compile_form,
    has_forward_references,
    scoped_lookup,
    stored,
)
from neutralitas_desktop.instruments.model import (
    ATTACHMENT_TYPES,
    Choice,
    Instrument,
)

__all__ = [
    "OTHER_CHOICE",
    "OTHER_SUFFIX",
    "Changes",
    "Entry",
    "FormState",
    "IncompleteFormError",
    "Issue",
    "SectionStatus",
    "decode_position",
    "encode_position",
    "split_items",
]


class FormState:
    """The state of one form instance; feed it answers, ask it what to show and what is wrong."""

    def __init__(
        self,
        instrument: Instrument,
        answers: dict[str, str | None] | None = None,
        language: str | None = None,
        today: dt.date | None = None,
    ) -> None:
        self.instrument = instrument
        self.language = language or instrument.default_language
        self.today = today
        self._values: dict[str, str | None] = dict(answers or {})
        self.problems: dict[str, str] = {}  # key -> expression error (a form author's bug)
        self._compiled = compile_form(instrument, self.problems)
        self._forward = has_forward_references(self._compiled)
        self._entries: list[Entry] = []
        self._index: dict[str, int] = {}
        self._relevant: list[bool] = []
        self._eff: dict[str, object] = {}
        self._issues: dict[str, Issue] = {}
        self._required: dict[str, bool] = {}
        self._rebuild()
        self._evaluate()

    # ---- building -------------------------------------------------------------------
    def _rebuild(self) -> None:
        entries = build_entries(self.instrument, self._values)
        previous = {e.key: self._relevant[i] for i, e in enumerate(self._entries)}
        self._entries = entries
        self._index = {e.key: i for i, e in enumerate(entries)}
        self._relevant = [previous.get(e.key, True) for e in entries]

    # ---- evaluation ----------------------------------------------------------------
    def _context(self, entry: Entry, current: object = None) -> xpath.EvalContext:
        return xpath.EvalContext(
            lookup=scoped_lookup(self._compiled, self._eff, self._values, entry.scope),
            current=current,
            position=entry.position,
            today=self.today,
        )

    def _run(self, expr: xpath.Expr, ctx: xpath.EvalContext, key: str, default: object) -> object:
        try:
            return xpath.evaluate(expr, ctx)
        except xpath.ExpressionError as exc:
            self.problems[key] = str(exc)
            return default

    def _evaluate(self) -> dict[str, bool]:
        """One pass in form order (more only when expressions look ahead); returns the
        entries whose relevance changed."""
        before = list(self._relevant)
        for _ in range(4 if self._forward else 1):
            snapshot = (list(self._relevant), dict(self._eff))
            self._pass()
            if not self._forward or snapshot == (self._relevant, self._eff):
                break
        self._check()
        return {
            e.key: self._relevant[i]
            for i, e in enumerate(self._entries)
            if i < len(before) and before[i] != self._relevant[i]
        }

    def _pass(self) -> None:
        entries = self._entries
        relevant = self._relevant
        compiled = self._compiled
        values = self._values
        eff = self._eff
        contexts: dict[tuple[tuple[str, str], ...], xpath.EvalContext] = {}
        for i, entry in enumerate(entries):
            node = entry.node
            ok = entry.parent < 0 or relevant[entry.parent]
            comp = compiled[node.name]
            ctx = contexts.get(entry.scope)
            if ctx is None:
                ctx = contexts[entry.scope] = self._context(entry)
            ctx.position = entry.position
            if ok and comp.relevant is not None and entry.kind != "item":
                ok = xpath.truthy(self._run(comp.relevant, ctx, entry.key, True))
            relevant[i] = ok
            if entry.kind != "question":
                continue
            key = entry.key
            if node.type == "calculate":  # type: ignore[union-attr]
                if ok and comp.calculation is not None:
                    ctx.current = values.get(key)
                    eff[key] = stored(self._run(comp.calculation, ctx, key, ""))
                    ctx.current = None
                else:
                    eff[key] = EMPTY
                continue
            value = values.get(key)
            eff[key] = (value if value is not None else EMPTY) if ok else EMPTY

    def _check(self) -> None:
        issues: dict[str, Issue] = {}
        required: dict[str, bool] = {}
        language = self.language
        for i, entry in enumerate(self._entries):
            if not self._relevant[i]:
                continue
            if not entry.answerable:
                continue
            q = entry.question
            comp = self._compiled[q.name]
            is_required = q.required
            if comp.required_if is not None:
                ctx = self._context(entry)
                is_required = xpath.truthy(self._run(comp.required_if, ctx, entry.key, False))
            required[entry.key] = is_required
            value = self._values.get(entry.key)
            if value is None or value == "":
                if is_required:
                    text = self.instrument.text(q.required_message, language) or message(
                        "required", language
                    )
                    issues[entry.key] = self._issue(entry, "required", text)
                continue
            code = type_problem(q, value)
            if code:
                params = {k: str(v) for k, v in q.parameters.items()} if code == "range" else {}
                text = message(code, language, **params)
                issues[entry.key] = self._issue(entry, code, text)
                continue
            if comp.constraint is not None:
                ctx = self._context(entry, current=value)
                if not xpath.truthy(self._run(comp.constraint, ctx, entry.key, True)):
                    text = self.instrument.text(q.constraint_message, language) or message(
                        "constraint", language
                    )
                    issues[entry.key] = self._issue(entry, "constraint", text)
                    continue
            if q.other and OTHER_CHOICE in value.split():
                other = self._values.get(entry.key + OTHER_SUFFIX)
                if not other or not other.strip():
                    text = message("other_missing", language)
                    issues[entry.key] = self._issue(entry, "other_missing", text)
        self._issues = issues
        self._required = required

    def _issue(self, entry: Entry, code: str, text: str) -> Issue:
        return Issue(entry.key, entry.section, code, text, self.label(entry.key))

    # ---- changing ------------------------------------------------------------------
    def set_value(self, key: str, value: str | None) -> Changes:
        """Record a change the user made and re-evaluate; raises KeyError for unknown keys."""
        if key not in self._index and not self._is_other_key(key):
            raise KeyError(key)
        self._values[key] = value if value != "" else None
        return self._changes(self._evaluate())

    def set_language(self, language: str) -> None:
        self.language = language
        self._check()

    def add_item(self, repeat_key: str) -> tuple[str, Changes]:
        """Add an item to a repeat; the changes include the new item list and its defaults."""
        entry = self._entries[self._index[repeat_key]]
        if entry.kind != "repeat":
            raise KeyError(repeat_key)
        items = split_items(self._values.get(repeat_key))
        item = new_item_key()
        while item in items:
            item = new_item_key()
        items.append(item)
        self._values[repeat_key] = " ".join(items)
        self._rebuild()
        changes = self._changes(self._evaluate())
        changes.rebuilt = True
        changes.saves[repeat_key] = self._values[repeat_key]
        changes.saves.update(self._defaults(f"{repeat_key}[{item}]/"))
        return item, changes

    def remove_item(self, repeat_key: str, item: str) -> Changes:
        """Remove an item; its stored answers are kept but marked not relevant."""
        items = split_items(self._values.get(repeat_key))
        if item not in items:
            raise KeyError(f"{repeat_key}[{item}]")
        items.remove(item)
        prefix = f"{repeat_key}[{item}]/"
        gone = {k: False for k, v in self._values.items() if k.startswith(prefix) and v}
        self._values[repeat_key] = " ".join(items) or None
        self._rebuild()
        changes = self._changes(self._evaluate())
        changes.rebuilt = True
        changes.saves[repeat_key] = self._values[repeat_key]
        changes.relevance.update(gone)
        return changes

    def initial_values(self) -> dict[str, str | None]:
        """Defaults (static or computed once) of unanswered questions in a new form."""
        return self._defaults("")

    def _defaults(self, prefix: str) -> dict[str, str | None]:
        out: dict[str, str | None] = {}
        for i, entry in enumerate(self._entries):
            if entry.kind != "question" or not entry.key.startswith(prefix):
                continue
            if prefix == "" and entry.scope:
                continue
            q = entry.question
            if q.type == "calculate" or self._values.get(entry.key) not in (None, ""):
                continue
            value = ""
            comp = self._compiled[q.name]
            if comp.calculation is not None and self._relevant[i]:
                value = stored(self._run(comp.calculation, self._context(entry), entry.key, ""))
            elif q.default:
                value = q.default
            if value:
                self._values[entry.key] = value
                out[entry.key] = value
        if out:
            self._evaluate()
        out.update(self.calculated_changes())
        return out

    def calculated_changes(self) -> dict[str, str | None]:
        """Calculated values that differ from what is stored (the runner saves them)."""
        out: dict[str, str | None] = {}
        for i, entry in enumerate(self._entries):
            if entry.kind == "question" and entry.question.type == "calculate":
                value = str(self._eff.get(entry.key, EMPTY)) if self._relevant[i] else EMPTY
                stored = self._values.get(entry.key)
                if (stored or "") != value:
                    self._values[entry.key] = value or None
                    out[entry.key] = value or None
        return out

    def _changes(self, flipped: dict[str, bool]) -> Changes:
        changes = Changes(visibility=flipped)
        for key, now in flipped.items():
            entry = self._entries[self._index[key]]
            if entry.kind == "question":
                if self._values.get(key) not in (None, ""):
                    changes.relevance[key] = now
                other = key + OTHER_SUFFIX
                if self._values.get(other) not in (None, ""):
                    changes.relevance[other] = now
            else:  # a group, repeat or section: every stored answer beneath it
                for k in self._keys_below(self._index[key]):
                    if self._values.get(k) not in (None, ""):
                        changes.relevance[k] = self.is_relevant(k)
        changes.saves.update(self.calculated_changes())
        return changes

    def _keys_below(self, index: int) -> Iterable[str]:
        entries = self._entries
        below = {index}
        for i in range(index + 1, len(entries)):
            if entries[i].parent in below:
                below.add(i)
                if entries[i].kind in ("question", "repeat"):
                    yield entries[i].key
                    if entries[i].kind == "question":
                        yield entries[i].key + OTHER_SUFFIX

    def _is_other_key(self, key: str) -> bool:
        if not key.endswith(OTHER_SUFFIX):
            return False
        base = key[: -len(OTHER_SUFFIX)]
        index = self._index.get(base)
        return index is not None and self._entries[index].kind == "question"

    # ---- reading -------------------------------------------------------------------
    @property
    def entries(self) -> list[Entry]:
        return self._entries

    def entry(self, key: str) -> Entry:
        return self._entries[self._index[key]]

    def has_entry(self, key: str) -> bool:
        return key in self._index

    def section_entries(self, section: str) -> list[Entry]:
        return [e for e in self._entries if e.section == section and e.kind != "section"]

    def children(self, key: str) -> list[Entry]:
        """Direct children of a group, repeat or item entry."""
        index = self._index[key]
        return [e for e in self._entries[index + 1 :] if e.parent == index]

    def value(self, key: str) -> str | None:
        entry = self._entries[self._index[key]] if key in self._index else None
        if entry is not None and entry.kind == "question" and entry.question.type == "calculate":
            value = self._eff.get(key)
            return str(value) if value else None
        return self._values.get(key)

    def answers(self) -> dict[str, str | None]:
        return dict(self._values)

    def items(self, repeat_key: str) -> list[str]:
        return split_items(self._values.get(repeat_key))

    def is_relevant(self, key: str) -> bool:
        if key in self._index:
            return self._relevant[self._index[key]]
        if self._is_other_key(key):
            return self._relevant[self._index[key[: -len(OTHER_SUFFIX)]]]
        return False  # e.g. an answer of a removed repeat item

    def relevance_of_answers(self) -> dict[str, bool]:
        """The relevant flag every stored answer should carry now."""
        return {k: self.is_relevant(k) for k, v in self._values.items() if v not in (None, "")}

    def is_required(self, key: str) -> bool:
        return self._required.get(key, False)

    def issue(self, key: str) -> Issue | None:
        return self._issues.get(key)

    def issues(self) -> list[Issue]:
        """What stops "Complete", in form order."""
        return list(self._issues.values())

    def choices(self, key: str) -> list[Choice]:
        """The choices of a choice question after its choice_filter (plus "other")."""
        entry = self.entry(key)
        q = entry.question
        choice_list = self.instrument.choices_for(q)
        choices = list(choice_list.choices) if choice_list else []
        comp = self._compiled[q.name]
        if comp.choice_filter is not None:
            ctx = self._context(entry)
            kept = []
            for choice in choices:
                attrs = {
                    "name": choice.name,
                    "label": self.instrument.text(choice.label, self.language),
                }
                attrs.update(choice.attributes)
                ctx.choice = attrs
                if xpath.truthy(self._run(comp.choice_filter, ctx, key, True)):
                    kept.append(choice)
            choices = kept
        if q.other:
            label = {lang: message("other_label", lang) for lang in ("id", "en")}
            choices.append(Choice(OTHER_CHOICE, label))
        return choices

    def text(self, local: dict[str, str]) -> str:
        return self.instrument.text(local, self.language)

    def label(self, key: str) -> str:
        entry = self.entry(key)
        text = self.text(entry.node.label) or entry.node.name
        if "${" in text:
            lookup = scoped_lookup(self._compiled, self._eff, self._values, entry.scope)
            text = xpath.interpolate(text, lambda name: xpath.to_string(lookup(name)))
        return text

    def hint(self, key: str) -> str:
        return self.text(self.entry(key).node.hint)

    def sections(self) -> list[Entry]:
        return [e for e in self._entries if e.kind == "section"]

    def outline(self) -> list[SectionStatus]:
        """Per section: relevance, answered / questions, required answered / required, issues."""
        stats: dict[str, list[int]] = {}
        labels: dict[str, str] = {}
        relevant: dict[str, bool] = {}
        for i, entry in enumerate(self._entries):
            if entry.kind == "section":
                stats[entry.key] = [0, 0, 0, 0, 0]
                labels[entry.key] = self.section_label(entry)
                relevant[entry.key] = self._relevant[i]
                continue
            if not entry.answerable or not self._relevant[i]:
                continue
            counts = stats[entry.section]
            answered = self._values.get(entry.key) not in (None, "")
            counts[0] += answered
            counts[1] += 1
            if self._required.get(entry.key):
                counts[2] += 1
                counts[3] += answered and entry.key not in self._issues
            counts[4] += entry.key in self._issues
        return [
            SectionStatus(name, labels[name], relevant[name], *counts)
            for name, counts in stats.items()
        ]

    def section_label(self, entry: Entry) -> str:
        if entry.node.label:
            return self.text(entry.node.label)
        children = self.children(entry.key)
        return self.label(children[0].key) if children else entry.key

    def section_of(self, key: str) -> str:
        return self.entry(key).section

    def attachments(self) -> list[str]:
        """SHA-256 values of relevant attachment answers."""
        return [
            str(self._values[e.key])
            for i, e in enumerate(self._entries)
            if e.kind == "question"
            and e.node.type in ATTACHMENT_TYPES  # type: ignore[union-attr]
            and self._relevant[i]
            and self._values.get(e.key)
        ]
