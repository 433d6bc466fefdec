"""Conversion passes over the typed records: each detects what this app cannot take as
written and returns findings (where, what a strict import refuses, what a lenient import
does); :meth:`Report.settle` applies the strict / lenient rule to them.

Expressions are looked into through the xpath package's parsed trees only.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from neutralitas_desktop.instruments import xpath
from neutralitas_desktop.instruments.model import Group, Instrument, Node, Question
from neutralitas_desktop.instruments.validation import typographic_quotes_message
from neutralitas_desktop.instruments.xlsform.normaliser import Table
from neutralitas_desktop.instruments.xlsform.problems import Finding, Report, Where
from neutralitas_desktop.instruments.xlsform.records import GroupRecord, QuestionRecord, TypeSpec
from neutralitas_desktop.instruments.xlsform_extras import (
    OTHER_LIST_SUFFIX,
    other_relevant,
    unfilter,
)

_NOUNS = {
    "text": "a text question",
    "file": "a file question",
    "note": "a note",
    "drop": "nothing (the row is dropped)",
}
GROUP_EXPRESSIONS = ("relevant", "repeat_count")
QUESTION_EXPRESSIONS = ("relevant", "constraint", "calculation", "choice_filter", "required_if")


def _column(table: Table, fld: str) -> str:
    """The header of the column an expression field is read from."""
    return table.header_of("required" if fld == "required_if" else fld)


def ascii_quotes(
    record: QuestionRecord | GroupRecord, fields: tuple[str, ...], table: Table, report: Report
) -> None:
    """Literals in typographic quotes (“ciamis”) get ASCII quotes, with a warning each.

    Word processors make quotes typographic; ODK does not read them as quotes, and a
    choice filter keeping them would match no choice. Strict and lenient alike.
    """
    for fld in fields:
        text, changed = xpath.ascii_quotes(getattr(record, fld))
        if not changed:
            continue
        setattr(record, fld, text)
        where = Where(table.sheet.title, record.row, _column(table, fld))
        for written, literal in changed:
            report.warn(where, typographic_quotes_message(written, literal, converted=True))


def unsupported_type(q: QuestionRecord, spec: TypeSpec, table: Table) -> list[Finding]:
    """A type this app has no equivalent for: converted to text, file, note, or dropped."""
    sheet = table.sheet.title
    noun = _NOUNS[spec.lenient_type]
    findings = [
        Finding(
            Where(sheet, q.row, table.header_of("type")),
            refused=f"type '{spec.raw}' is not supported ({spec.reason}); a lenient import "
            f"converts it to {noun}",
            converted=f"{spec.raw} converted to {noun}",
            apply=lambda: None,
            node=q.name,
            field="type",
        )
    ]
    if spec.lenient_type != "drop" and q.choice_filter:

        def drop_filter() -> None:
            q.choice_filter = ""

        findings.append(
            Finding(
                Where(sheet, q.row, table.header_of("choice_filter")),
                refused="",
                converted=f"choice_filter of '{q.name}' dropped with its external choices",
                apply=drop_filter,
            )
        )
    return findings


SEARCH_APPEARANCE = re.compile(r"\bsearch\s*\((?:[^()'\"]|'[^']*'|\"[^\"]*\")*\)", re.IGNORECASE)


def search_appearance(q: QuestionRecord, spec: TypeSpec, table: Table) -> Finding | None:
    """``search('file')`` in a select's appearance: ODK Collect takes the choices from
    file.csv, the choices sheet only names its columns. Converted to a text question."""
    found = SEARCH_APPEARANCE.search(q.appearance)
    if found is None or spec.type not in ("select_one", "select_multiple"):
        return None
    call = found.group(0).strip()

    def to_text() -> None:
        q.appearance = " ".join(SEARCH_APPEARANCE.sub(" ", q.appearance).split())
        q.choice_filter = ""

    return Finding(
        Where(table.sheet.title, q.row, table.header_of("appearance")),
        refused=f"appearance {call} takes the choices of '{spec.raw}' from an external file "
        "(the choices sheet only names its columns), which this app does not have; a lenient "
        "import converts it to a text question",
        converted=f"'{q.name}' ({spec.raw}, appearance {call}) converted to a text question",
        apply=to_text,
        node=q.name,
        field="appearance",
    )


def choices_from_answers(q: QuestionRecord, spec: TypeSpec, table: Table) -> Finding | None:
    """``select_one ${people}``: the choices are the answers given in a repeat, which a
    form of this app cannot list. Converted to a text question."""
    if spec.kind != "question" or not spec.list_name.startswith("${"):
        return None

    def to_text() -> None:
        q.choice_filter = ""

    return Finding(
        Where(table.sheet.title, q.row, table.header_of("type")),
        refused=f"'{spec.raw}' takes its choices from the answers of {spec.list_name}, which "
        "this app cannot do; a lenient import converts it to a text question",
        converted=f"'{q.name}' ({spec.raw}) converted to a text question",
        apply=to_text,
        node=q.name,
        field="type",
    )


def own_other_choice(q: QuestionRecord, spec: TypeSpec, table: Table) -> Finding:
    """``or_other`` on a list that has its own 'other' choice: ODK shows it once; here
    'other, specify' would add a second. A lenient import keeps the list's own choice."""

    def keep_own() -> None:
        q.other = False

    return Finding(
        Where(table.sheet.title, q.row, table.header_of("type")),
        refused=f"list '{spec.list_name}' has its own 'other' choice and 'or_other' adds "
        "another; remove one of them (a lenient import keeps the list's own)",
        converted=f"'{q.name}': the 'other' choice of list '{spec.list_name}' is kept, "
        "without an 'or_other' text question",
        apply=keep_own,
        node=q.name,
        field="type",
    )


def loop(group: GroupRecord, spec: TypeSpec, items: int, table: Table) -> Finding:
    """``begin loop over list``: a repeat with one item per choice."""

    def to_repeat() -> None:
        group.repeat_count = str(items)

    return Finding(
        Where(table.sheet.title, group.row, table.header_of("type")),
        refused=f"'{spec.raw}' (a loop over a choice list) is not supported; use 'begin "
        "repeat' (a lenient import converts it to a repeat with one item per choice)",
        converted=f"'{spec.raw}' converted to a repeat of {items} items (one per choice of "
        f"'{spec.list_name}')",
        apply=to_repeat,
        node=group.name,
        field="type",
    )


def choice_filter_columns(q: QuestionRecord, known: set[str], table: Table) -> list[Finding]:
    """Bare names of a choice filter that are no column of the list: values meant to be
    quoted (``district = ciamis``); a lenient import quotes them."""
    text, list_name = q.choice_filter, q.choice_list
    unknown = [(name, pos) for name, pos in xpath.choice_columns(text) if name not in known]
    if not unknown:
        return []
    fixed = text
    for word, position in reversed(unknown):
        fixed = f"{fixed[:position]}'{word}'{fixed[position + len(word) :]}"
    where = Where(table.sheet.title, q.row, table.header_of("choice_filter"))
    words = ", ".join(f"'{word}'" for word, _ in unknown)

    def quote() -> None:
        q.choice_filter = fixed

    converted = (
        f"choice_filter '{text}' read as \"{fixed}\" ({words} is not a column of list "
        f"'{list_name}')"
    )
    findings = [
        Finding(
            where,
            refused=f"'{word}' in choice_filter '{text}' is not a column of list '{list_name}' "
            f"in the choices sheet (a value is written in quotes, '{word}'; a lenient import "
            "adds them)",
            converted=converted if index == 0 else "",
            apply=quote if index == 0 else lambda: None,
            node=q.name,
            field="choice_filter",
        )
        for index, (word, _) in enumerate(unknown)
    ]
    return findings


def odk_only_functions(
    record: QuestionRecord | GroupRecord, fields: tuple[str, ...], table: Table, default: str
) -> list[Finding]:
    """Expressions calling functions only ODK computes: dropped (a calculation: the
    question becomes a text question)."""
    findings: list[Finding] = []
    name = record.name
    for fld in fields:
        text = getattr(record, fld)
        found = xpath.odk_only_functions(text, choice_filter=fld == "choice_filter") if text else []
        if not found:
            continue
        column = _column(table, fld)
        listed = ", ".join(f"{f}()" for f in found)
        fix = (
            "converts the question to a text question"
            if fld == "calculation"
            else (f"drops the {column}")
        )
        to_text = (
            fld == "calculation"
            and isinstance(record, QuestionRecord)
            and record.type == "calculate"
        )
        if to_text:
            converted = (
                f"'{name}' uses {listed}, which this app cannot compute; converted to a text "
                "question"
            )
        else:
            converted = (
                f"{column} of '{name}' uses {listed}, which this app cannot compute; dropped"
            )
        findings.append(
            Finding(
                Where(table.sheet.title, record.row, column),
                refused=f"uses {listed}, which this app cannot compute; a lenient import {fix}",
                converted=converted,
                apply=_dropper(record, fld, to_text, default),
                node=name,
                field=fld,
            )
        )
    return findings


def _dropper(
    record: QuestionRecord | GroupRecord, fld: str, to_text: bool, default: str
) -> Callable[[], None]:
    def apply() -> None:
        setattr(record, fld, "")
        if to_text and isinstance(record, QuestionRecord):
            record.type = "text"
            if not record.label:
                record.label = {default: record.name}

    return apply


def media_label(q: QuestionRecord, media: str, table: Table, default: str) -> Finding:
    """A question with only media (not imported): its file name becomes the label."""

    def label() -> None:
        q.label = {default: media}

    return Finding(
        Where(table.sheet.title, q.row, table.header_of("label")),
        refused=f"'{q.name}' has only media ({media}), which is not imported, and no label or "
        "hint; a lenient import uses the file name as its label",
        converted=f"'{q.name}' has only media, which is not imported; its label is now the file "
        f"name '{media}'",
        apply=label,
        node=q.name,
        field="label",
    )


# ---- passes over the built instrument ----


def fold_exported_other(instrument: Instrument) -> Instrument:
    """``select_one L_or_other`` followed by the text question ``<name>_other`` shown when
    'other' is chosen (as the export writes it) becomes ``select_one L`` with ``other``.

    Not a finding: the form says exactly what the model's ``other`` flag says, so strict
    and lenient imports alike fold it back."""
    lists = dict(instrument.choice_lists)
    folded: set[str] = set()

    def base_of(list_name: str) -> str | None:
        if not list_name.endswith(OTHER_LIST_SUFFIX):
            return None
        longer = lists.get(list_name)
        base = list_name[: -len(OTHER_LIST_SUFFIX)]
        if longer is None or not longer.choices or longer.choices[-1].name != "other":
            return None
        shorter = lists.get(base)
        if shorter is not None and shorter.choices == longer.choices[:-1]:
            return base
        return None

    def fold(nodes: tuple[Node, ...]) -> tuple[Node, ...]:
        out: list[Node] = []
        skip = False
        for i, node in enumerate(nodes):
            if skip:
                skip = False
                continue
            if isinstance(node, Group):
                out.append(replace(node, children=fold(node.children)))
                continue
            after = nodes[i + 1] if i + 1 < len(nodes) else None
            base = base_of(node.choice_list) if node.choice_list else None
            if (
                base is not None
                and isinstance(after, Question)
                and after.name == f"{node.name}_other"
                and after.type == "text"
                and after.relevant.replace('"', "'") == other_relevant(node.name)
            ):
                folded.add(node.choice_list)
                filtered = unfilter(node.choice_filter)
                out.append(replace(node, choice_list=base, other=True, choice_filter=filtered))
                skip = True
                continue
            out.append(node)
        return tuple(out)

    children = fold(instrument.children)
    if not folded:
        return instrument
    out = replace(instrument, children=children)
    used = {q.choice_list for q in out.questions()}
    for name in folded - used:
        lists.pop(name, None)
    return replace(out, choice_lists=lists)
