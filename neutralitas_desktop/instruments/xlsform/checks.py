"""Checks of the built instrument, said in the workbook's terms: duplicate names, ``${name}``
in texts, references to metadata that is not imported, and the model's own validation with
each problem placed on its sheet, row and column."""

from __future__ import annotations

from dataclasses import dataclass, replace

from neutralitas_desktop.instruments import xpath
from neutralitas_desktop.instruments.model import Group, Instrument, LocalText, Node, Question
from neutralitas_desktop.instruments.validation import validate
from neutralitas_desktop.instruments.xlsform.builder import Survey
from neutralitas_desktop.instruments.xlsform.choices import ChoiceSheet
from neutralitas_desktop.instruments.xlsform.normaliser import Tables
from neutralitas_desktop.instruments.xlsform.problems import Report, Where

_TEXT_FIELDS = ("label", "hint")
_QUESTION_TEXT_FIELDS = ("label", "hint", "constraint_message", "required_message")


@dataclass
class InstrumentChecks:
    """Runs after the build; every problem goes to the report."""

    tables: Tables
    choices: ChoiceSheet
    survey: Survey
    report: Report
    themes: set[str] | None

    @property
    def sheet(self) -> str:
        return self.tables.survey.sheet.title

    def row_of(self, node: str) -> int:
        return self.survey.node_rows.get(node, [0])[0]

    def header(self, fld: str, language: str = "") -> str:
        return self.tables.survey.header_of(fld, language, self.tables.default)

    def texts(self, instrument: Instrument) -> None:
        """Duplicate names and ${name} in texts (labels, hints, messages, defaults)."""
        for name, rows in self.survey.node_rows.items():
            for number in rows[1:]:
                self.report.problem(
                    Where(self.sheet, number, self.header("name")),
                    f"duplicate name '{name}' (first used in row {rows[0]})",
                    name,
                    "name",
                )
        names = {node.name for _, node in instrument.walk()}
        for _, node in instrument.walk():
            number = self.row_of(node.name)
            fields = _QUESTION_TEXT_FIELDS if isinstance(node, Question) else _TEXT_FIELDS
            for fld in fields:
                local: LocalText = getattr(node, fld)
                for language, text in local.items():
                    where = Where(self.sheet, number, self.header(fld, language))
                    self.text_references(text, names, where)
            if isinstance(node, Question) and node.default:
                self.text_references(
                    node.default, names, Where(self.sheet, number, self.header("default"))
                )
        choices_title = self.report.sheet_order[1]
        for (list_name, choice_name), number in self.choices.rows.items():
            choice_list = self.choices.lists.get(list_name)
            choice = choice_list.get(choice_name) if choice_list else None
            if choice is None:
                continue
            for text in choice.label.values():
                self.text_references(text, names, Where(choices_title, number, "label"))

    def text_references(self, text: str, names: set[str], where: Where) -> None:
        for _, _, ref in xpath.reference_spans(text):
            if ref not in names and ref not in self.survey.dropped_metadata:
                self.report.problem(where, f"reference to undefined ${{{ref}}}")

    def strip_metadata_references(self, instrument: Instrument) -> Instrument:
        """Texts showing dropped metadata (``${start}``) lose the reference, with a warning."""
        dropped = self.survey.dropped_metadata
        if not dropped:
            return instrument

        def clean(node_name: str, fld: str, local: LocalText) -> LocalText:
            out: LocalText = {}
            for language, text in local.items():
                text, found = xpath.remove_references(text, dropped)
                if found:
                    refs = ", ".join(f"${{{ref}}}" for ref in found)
                    self.report.warn(
                        Where(self.sheet, self.row_of(node_name), self.header(fld, language)),
                        f"{refs} (metadata, not imported) removed from the text",
                    )
                if text:
                    out[language] = text
            return out

        def rewrite(node: Node) -> Node:
            if isinstance(node, Group):
                children = tuple(rewrite(c) for c in node.children)
                return replace(
                    node,
                    children=children,
                    label=clean(node.name, "label", node.label),
                    hint=clean(node.name, "hint", node.hint),
                )
            texts = {f: clean(node.name, f, getattr(node, f)) for f in _QUESTION_TEXT_FIELDS}
            default = node.default
            if any(ref in dropped for _, _, ref in xpath.reference_spans(default)):
                self.report.warn(
                    Where(self.sheet, self.row_of(node.name), self.header("default")),
                    f"default '{default}' of '{node.name}' refers to metadata, which is not "
                    "imported; dropped",
                )
                default = ""
            return replace(
                node,
                default=default,
                label=texts["label"],
                hint=texts["hint"],
                constraint_message=texts["constraint_message"],
                required_message=texts["required_message"],
            )

        return replace(instrument, children=tuple(rewrite(c) for c in instrument.children))

    def with_model(self, instrument: Instrument) -> None:
        """Validate the instrument and say where each problem is in the workbook."""
        report = validate(instrument, self.themes)
        settings = self.tables.settings
        for problem in report.errors:
            if (problem.node, problem.field) in self.report.reported:
                continue
            message = problem.message
            kind = self.survey.dropped_metadata.get(problem.subject) if problem.subject else None
            if kind is not None and message.startswith("reference to undefined"):
                message = (
                    f"refers to ${{{problem.subject}}}, metadata ('{kind}') that is not imported"
                )
            if problem.node:
                fld = {"required_if": "required", "choices": "type", "other": "type"}.get(
                    problem.field, problem.field
                )
                where = Where(self.sheet, self.row_of(problem.node), self.header(fld))
            elif problem.field == "choices":
                number = self.choices.list_rows.get(problem.subject, 0)
                where = Where(self.report.sheet_order[1], number)
            else:
                fld = {"languages": "default_language"}.get(problem.field, problem.field)
                column = settings.columns.get(fld) or {"id": "form_id"}.get(fld, fld)
                where = Where(settings.title, settings.row, column)
            self.report.problem(where, message)
        for problem in report.warnings:
            where = Where(self.sheet, self.row_of(problem.node), self.header(problem.field))
            self.report.warn(where, problem.message)
