"""The typed builder: survey rows into question and group records, then model nodes.

Each row is read into a typed record, the conversion passes run on it (their findings
settled by the report's strict / lenient rule), and the record builds its model node.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from datetime import datetime, time
from typing import Any

from neutralitas_desktop.instruments import xlsform_columns as cols
from neutralitas_desktop.instruments.model import YES_NO_NA_LIST, Node, Question
from neutralitas_desktop.instruments.xlsform import passes
from neutralitas_desktop.instruments.xlsform.choices import ChoiceSheet
from neutralitas_desktop.instruments.xlsform.normaliser import Table
from neutralitas_desktop.instruments.xlsform.problems import Report, Where
from neutralitas_desktop.instruments.xlsform.reader import Row, cell_text
from neutralitas_desktop.instruments.xlsform.records import (
    GroupRecord,
    QuestionRecord,
    TypeSpec,
    parse_type,
)

_NOT_FIELDS = ("", "_media", "_ignored", "_guidance")


@dataclass
class Survey:
    """The survey sheet built: its nodes and where each came from."""

    children: list[Node]
    node_rows: dict[str, list[int]] = field(default_factory=dict)  # name -> rows using it
    dropped_metadata: dict[str, str] = field(default_factory=dict)  # name -> metadata type
    used_lists: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    builtin_candidates: set[str] = field(default_factory=set)  # generated built-in lists


class SurveyBuilder:
    """Builds the survey's node tree; problems and conversions go to the report."""

    def __init__(self, table: Table, choices: ChoiceSheet, default: str, report: Report) -> None:
        self.table = table
        self.choices = choices
        self.default = default
        self.report = report
        self.sheet = table.sheet.title
        self.survey = Survey([])

    def where(self, row: int, column: str) -> Where:
        return Where(self.sheet, row, self.table.header_of(column))

    def run(self) -> Survey:
        table, report = self.table, self.report
        stack = [GroupRecord("root", 0)]
        for row in table.sheet.rows:
            raw_type = table.get(row, "type")
            name = table.get(row, "name")
            if not raw_type:
                if any(
                    table.columns[i].field not in _NOT_FIELDS
                    for i in row.values
                    if i in table.columns
                ):
                    what = f" (name '{name}')" if name else ""
                    report.problem(self.where(row.number, "type"), f"row has no type{what}")
                continue
            spec = parse_type(raw_type)
            if spec.kind == "end":
                self.close_group(stack, spec, row)
                continue
            if spec.kind == "metadata":
                if name:
                    self.survey.dropped_metadata[name] = spec.type
                report.warn(
                    self.where(row.number, "type"),
                    f"'{spec.raw}' (metadata recorded by the phone) is not imported; "
                    "sessions record their own time, device and researcher",
                )
                continue
            if not name:
                report.problem(self.where(row.number, "name"), f"'{spec.raw}' needs a name")
                continue
            self.survey.node_rows.setdefault(name, []).append(row.number)
            if spec.kind == "begin":
                stack.append(self.open_group(spec, row, name))
                continue
            question = self.question(spec, row, name)
            if question is not None:
                stack[-1].children.append(question)
        while len(stack) > 1:
            group = stack.pop()
            report.problem(
                self.where(group.row, "type"),
                f"'begin {group.kind}' ('{group.name}') has no matching 'end {group.kind}'",
                group.name,
                "type",
            )
            stack[-1].children.append(group.build())
        self.survey.children = stack[0].children
        return self.survey

    # ---- groups ----
    def open_group(self, spec: TypeSpec, row: Row, name: str) -> GroupRecord:
        table = self.table
        group = GroupRecord(
            "repeat" if spec.type == "loop" else spec.type,
            row.number,
            name=name,
            label=table.local(row, "label", self.default),
            hint=table.local(row, "hint", self.default),
            relevant=table.expr(row, "relevant"),
            appearance=table.get(row, "appearance"),
            repeat_count=table.expr(row, "repeat_count"),
        )
        if spec.type == "loop":
            choices = self.choices.lists.get(spec.list_name)
            if self.report.lenient and choices is None:
                self.report.problem(
                    self.where(row.number, "type"),
                    f"list name '{spec.list_name}' has no choices in the choices sheet",
                    name,
                    "type",
                )
            else:
                items = len(choices.choices) if choices else 0
                self.report.settle(passes.loop(group, spec, items, table))
        passes.ascii_quotes(group, passes.GROUP_EXPRESSIONS, table, self.report)
        for finding in passes.odk_only_functions(group, ("relevant",), table, self.default):
            self.report.settle(finding)
        return group

    def close_group(self, stack: list[GroupRecord], spec: TypeSpec, row: Row) -> None:
        where = self.where(row.number, "type")
        if len(stack) == 1:
            self.report.problem(where, f"'{spec.raw}' has no matching 'begin {spec.type}'")
            return
        group = stack[-1]
        wanted = "repeat" if spec.type in ("repeat", "loop") else "group"
        if wanted != group.kind:
            self.report.problem(
                where,
                f"'{spec.raw}' closes 'begin {group.kind}' ('{group.name}', row {group.row}); "
                f"write 'end {group.kind}'",
            )
        stack.pop()
        stack[-1].children.append(group.build())

    # ---- questions ----
    def read_question(self, row: Row, name: str) -> QuestionRecord:
        table, default = self.table, self.default
        return QuestionRecord(
            row.number,
            name,
            "",
            label=table.local(row, "label", default),
            hint=table.local(row, "hint", default),
            required_message=table.local(row, "required_message", default),
            relevant=table.expr(row, "relevant"),
            constraint=table.expr(row, "constraint"),
            constraint_message=table.local(row, "constraint_message", default),
            calculation=table.expr(row, "calculation"),
            appearance=" ".join(table.get(row, "appearance").split()),
            choice_filter=table.expr(row, "choice_filter"),
            theme=table.get(row, "theme"),
            trigger=table.get(row, "trigger"),
        )

    def question(self, spec: TypeSpec, row: Row, name: str) -> Question | None:
        table, report = self.table, self.report
        q = self.read_question(row, name)
        qtype = spec.type
        if spec.kind == "unknown":
            close = difflib.get_close_matches(
                spec.raw.lower(), [*cols.SIMPLE_TYPES, "select_one", "select_multiple"], n=1
            )
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            report.problem(
                self.where(row.number, "type"), f"unknown type '{spec.raw}'{hint}", name, "type"
            )
            qtype = "text"
        elif spec.kind == "unsupported":
            target = spec.lenient_type
            findings = passes.unsupported_type(q, spec, table)
            if report.settle(findings[0]) and target == "drop":
                self.survey.node_rows.pop(name, None)
                return None
            for finding in findings[1:]:
                report.settle(finding)
            qtype = target if target != "drop" else "text"
            if qtype == "note" and not q.label:
                q.label = {self.default: name}
        searched = passes.search_appearance(q, spec, table) if spec.kind == "question" else None
        if searched is not None and report.settle(searched):
            qtype, spec = "text", TypeSpec("converted", raw=spec.raw)
        from_answers = passes.choices_from_answers(q, spec, table)
        if from_answers is not None:
            report.settle(from_answers)
            qtype, spec = "text", TypeSpec("converted", raw=spec.raw)
        q.type = qtype
        passes.ascii_quotes(q, passes.QUESTION_EXPRESSIONS[:4], table, report)
        if spec.kind == "question":
            self.question_details(q, spec)
            if q.choice_filter and q.choice_list:
                known = {"name", "label"} | self.choices.list_columns.get(q.choice_list, set())
                for finding in passes.choice_filter_columns(q, known, table):
                    report.settle(finding)
        self.check_media(row)
        self.required_and_read_only(q, row)
        q.default = _default_value(table.cell(row, "default"), q.type)
        params = table.get(row, "parameters")
        if params and spec.kind == "question":  # a converted type's parameters do not apply
            q.parameters = _parameters(params)
        stance_text = table.get(row, "stance")
        if stance_text:
            stance = _stance(stance_text)
            if stance is None:
                report.problem(
                    self.where(row.number, "stance"),
                    f"stance '{stance_text}' is not of the form 'yes=violation;no=neutrality'",
                    name,
                    "stance",
                )
            else:
                q.stance = stance
        for finding in passes.odk_only_functions(
            q, passes.QUESTION_EXPRESSIONS, table, self.default
        ):
            report.settle(finding)
        if q.type != "calculate" and q.calculation and not q.label and not q.hint:
            self.typed_calculate(q, spec)
        if q.type != "calculate" and not q.label and not q.hint:
            self.missing_label(q, row)
        return q.build()

    def required_and_read_only(self, q: QuestionRecord, row: Row) -> None:
        table = self.table
        required = table.get(row, "required")
        lowered = required.lower()
        if lowered in cols.YES_WORDS:
            q.required = True
        elif lowered not in cols.NO_WORDS:
            q.required_if = required
            passes.ascii_quotes(q, ("required_if",), table, self.report)
        read_only = table.get(row, "read_only").lower()
        if read_only in cols.YES_WORDS:
            q.read_only = True
        elif read_only not in cols.NO_WORDS:
            q.read_only = True
            self.report.warn(
                self.where(row.number, "read_only"),
                f"read_only expression '{table.get(row, 'read_only')}' is not supported; "
                f"'{q.name}' is always read-only",
            )

    def typed_calculate(self, q: QuestionRecord, spec: TypeSpec) -> None:
        """A question with a calculation and no label is never shown by ODK: a calculation
        (pyxform's "typed calculate"); the app's calculations hold their value as text."""
        self.report.warn(
            self.where(q.row, "type"),
            f"'{q.name}' ({spec.raw} with a calculation and no label) is a hidden calculation "
            "in ODK; imported as calculate",
        )
        q.type, q.choice_list, q.other, q.choice_filter = "calculate", "", False, ""
        q.appearance, q.parameters = "", {}

    def missing_label(self, q: QuestionRecord, row: Row) -> None:
        media = self.row_media_files(row)
        if media:
            self.report.settle(passes.media_label(q, media, self.table, self.default))
        else:
            self.report.problem(
                self.where(row.number, "label"), f"'{q.name}' has no label or hint", q.name, "label"
            )

    def question_details(self, q: QuestionRecord, spec: TypeSpec) -> None:
        tokens = q.appearance.split()
        if spec.raw.lower() in cols.PHONE_NUMBER_TYPES and not q.constraint:
            q.constraint = cols.PHONE_NUMBER_CONSTRAINT
        if q.type == "text" and "multiline" in tokens:
            q.type = "long_text"
            tokens.remove("multiline")
        if spec.type in ("select_one", "select_multiple"):
            list_name = spec.list_name
            q.other = spec.other
            where = self.where(q.row, "type")
            if not list_name:
                self.report.problem(
                    where,
                    f"'{spec.raw}' needs a list name (as in 'select_one yes_no')",
                    q.name,
                    "choices",
                )
                return
            if list_name not in self.choices.lists:
                self.report.problem(
                    where,
                    f"list name '{list_name}' has no choices in the choices sheet",
                    q.name,
                    "choices",
                )
            own = self.choices.lists.get(list_name)
            if spec.other and own is not None and own.get("other") is not None:
                self.report.settle(passes.own_other_choice(q, spec, self.table))
            self.survey.used_lists.setdefault(list_name, []).append((q.name, q.row))
            builtin = self.choices.builtin_for(list_name)
            if spec.type == "select_one" and builtin and not spec.other:
                q.type = "yes_no_na" if builtin == YES_NO_NA_LIST else "consent"
                self.survey.builtin_candidates.add(list_name)
                q.appearance = " ".join(tokens)
                return
            q.choice_list = list_name
            if spec.type == "select_one" and "likert" in tokens and not spec.other:
                q.type = "likert"
                tokens.remove("likert")
        q.appearance = " ".join(tokens)

    def check_media(self, row: Row) -> None:
        """ODK refuses big-image without image; say so although media is not imported."""
        table = self.table
        kinds = {table.columns[i].media for i in row.values if i in table.columns}
        if "big-image" in kinds and "image" not in kinds:
            column = next(c.name for c in table.columns.values() if c.media == "big-image")
            self.report.problem(
                Where(self.sheet, row.number, column),
                "big-image needs an image in the image column as well (ODK refuses the form "
                "otherwise)",
            )

    def row_media_files(self, row: Row) -> str:
        """The first media file named on a row ("" when none)."""
        for index, value in sorted(row.values.items()):
            column = self.table.columns.get(index)
            if column is not None and column.field == "_media":
                return cell_text(value)
        return ""


def _default_value(value: Any, qtype: str) -> str:
    if isinstance(value, datetime):
        if qtype == "date":
            return value.date().isoformat()
        if qtype == "time":
            return value.strftime("%H:%M")
        if qtype == "datetime":
            return value.isoformat()
    if isinstance(value, time) and qtype == "time":
        return value.strftime("%H:%M")
    return cell_text(value)


def _parameters(text: str) -> dict[str, str]:
    """``start=1 end=10 step=1`` (spaces, commas or semicolons between) -> dict."""
    out: dict[str, str] = {}
    for key, value in re.findall(r"([\w\-]+)\s*=\s*([^\s,;]+)", text):
        out[key.lower()] = value
    return out


def _stance(text: str) -> dict[str, str] | None:
    out: dict[str, str] = {}
    for part in re.split(r"[;\n]+", text):
        part = part.strip()
        if not part:
            continue
        if "=" not in part:
            return None
        value, stance = (p.strip() for p in part.split("=", 1))
        if not value or not stance:
            return None
        out[value] = stance
    return out or None
