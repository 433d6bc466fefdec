"""Checks an instrument as a whole: names, types, choice lists, expressions, stance maps.

Problems carry the question (node) and the field they concern, so that each loader can
say where they are in its own terms: a TOML file names the question, the XLSForm
importer turns the question into a sheet, row and column.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from neutralitas_desktop.instruments import xpath
from neutralitas_desktop.instruments.model import (
    CHOICE_TYPES,
    QUESTION_TYPES,
    SOURCE_TYPES,
    STANCES,
    Group,
    Instrument,
    Question,
)

NAME_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_.\-]*$")
_Err = Callable[..., None]  # (node, field, message, subject="")
EXPRESSION_FIELDS = ("relevant", "constraint", "calculation", "choice_filter", "required_if")


@dataclass(frozen=True)
class Problem:
    node: str  # question or group name; "" for the form itself
    field: str  # the attribute concerned ("type", "relevant", "choices", …)
    message: str
    subject: str = ""  # what the message is about: the question referred to, the list

    def __str__(self) -> str:
        where = f"question '{self.node}'" if self.node else "form"
        col = f", {self.field}" if self.field else ""
        return f"{where}{col}: {self.message}"


@dataclass
class Report:
    errors: list[Problem]
    warnings: list[Problem]

    @property
    def ok(self) -> bool:
        return not self.errors


def validate(instrument: Instrument, themes: set[str] | None = None) -> Report:
    """Every problem of the instrument at once; ``themes`` (codebook codes) when known."""
    errors: list[Problem] = []
    warnings: list[Problem] = []

    def err(node: str, fld: str, msg: str, subject: str = "") -> None:
        errors.append(Problem(node, fld, msg, subject))

    if not instrument.id or not NAME_RE.match(instrument.id):
        err("", "id", f"invalid form id {instrument.id!r} (letters, digits, _ . - only)")
    if not instrument.version:
        err("", "version", "missing version")
    if instrument.source_type not in SOURCE_TYPES:
        err(
            "",
            "source_type",
            f"unknown source type {instrument.source_type!r} (expected one of "
            f"{', '.join(SOURCE_TYPES)})",
        )
    if not instrument.languages:
        err("", "languages", "no language")
    elif instrument.default_language not in instrument.languages:
        err("", "default_language", f"{instrument.default_language!r} is not among languages")

    order: dict[str, int] = {}
    seen: set[str] = set()
    for index, (_parents, node) in enumerate(instrument.walk()):
        if not NAME_RE.match(node.name or ""):
            err(node.name, "name", f"invalid name {node.name!r} (start with a letter or _)")
        if node.name in seen:
            err(node.name, "name", f"duplicate name '{node.name}'")
        seen.add(node.name)
        order.setdefault(node.name, index)
    for list_name, choice_list in instrument.choice_lists.items():
        if not choice_list.choices:
            err("", "choices", f"choice list '{list_name}' has no choices", list_name)
        names = [c.name for c in choice_list.choices]
        for dup in sorted({n for n in names if names.count(n) > 1}):
            err("", "choices", f"choice list '{list_name}' has duplicate choice '{dup}'", list_name)

    for _parents, node in instrument.walk():
        _check_expressions(node, order, err, warnings)
        if isinstance(node, Group):
            if node.repeat_count and not _is_number(node.repeat_count):
                _check_expression(node.name, "repeat_count", node.repeat_count, order, err, None)
            continue
        question = node
        if question.type not in QUESTION_TYPES:
            err(question.name, "type", f"unknown type '{question.type}'")
            continue
        if question.type in CHOICE_TYPES and question.type != "yes_no_na":
            if not question.choice_list:
                err(question.name, "choices", f"{question.type} needs a choice list")
            elif question.choice_list not in instrument.choice_lists:
                err(
                    question.name,
                    "choices",
                    f"choice list '{question.choice_list}' is not defined",
                )
        if question.other and question.type not in ("select_one", "select_multiple"):
            err(question.name, "other", "'other, specify' needs a select_one or select_multiple")
        if question.type == "calculate" and not question.calculation:
            err(question.name, "calculation", "calculate needs a calculation")
        if question.type == "range":
            for key in ("start", "end", "step"):
                value = question.parameters.get(key)
                if value is not None and not _is_number(value):
                    err(question.name, "parameters", f"range {key} '{value}' is not a number")
                elif key == "step" and value is not None and float(value) == 0:
                    err(question.name, "parameters", "range step must not be 0")
        _check_stance(instrument, question, themes, err)
    return Report(errors, warnings)


def _check_stance(
    instrument: Instrument, question: Question, themes: set[str] | None, err: _Err
) -> None:
    if question.stance and not question.theme:
        err(question.name, "stance", "a stance map needs a theme")
    if themes is not None and question.theme and question.theme not in themes:
        err(question.name, "theme", f"theme '{question.theme}' is not in the codebook")
    if not question.stance:
        return
    choices = instrument.choices_for(question)
    valid = {c.name for c in choices.choices} if choices else set()
    if question.other:
        valid.add("other")
    for value, stance in question.stance.items():
        if stance not in STANCES:
            err(
                question.name,
                "stance",
                f"stance '{stance}' for '{value}' is not one of {', '.join(STANCES)}",
            )
        if question.is_choice and value not in valid:
            err(question.name, "stance", f"stance given for '{value}', which is not a choice")


def _check_expressions(
    node: Question | Group, order: dict[str, int], err: _Err, warnings: list[Problem]
) -> None:
    for fld in EXPRESSION_FIELDS:
        text = getattr(node, fld, "")
        if text:
            _check_expression(node.name, fld, text, order, err, warnings)


def _check_expression(
    name: str,
    fld: str,
    text: str,
    order: dict[str, int],
    err: _Err,
    warnings: list[Problem] | None,
) -> None:
    # A choice filter names columns of the choices sheet without ${}, as XLSForm allows.
    choice_filter = fld == "choice_filter"
    problems = xpath.check(text, choice_filter=choice_filter)
    for problem in problems:
        err(name, fld, f"{problem.message} in '{text}'")
    if problems:
        return
    if warnings is not None:
        _, typographic = xpath.ascii_quotes(text)
        for written, literal in typographic:
            warnings.append(Problem(name, fld, typographic_quotes_message(written, literal)))
    for ref in sorted(xpath.references(text, choice_filter=choice_filter)):
        if ref not in order:
            err(name, fld, f"reference to undefined ${{{ref}}}", ref)
        elif (
            warnings is not None
            and fld == "relevant"
            and name in order
            and order[ref] > order[name]
        ):
            warnings.append(
                Problem(name, fld, f"refers to ${{{ref}}}, which comes later in the form")
            )


def typographic_quotes_message(written: str, literal: str, *, converted: bool = False) -> str:
    """The warning for a literal in typographic quotes (“ciamis”), which ODK does not read
    as quotes; this app reads them as quotes, and an import writes ASCII quotes instead."""
    if converted:
        return f"{written} is in typographic quotes; changed to ASCII quotes: {literal}"
    return f"{written} is in typographic quotes, which ODK does not read; write {literal}"


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
