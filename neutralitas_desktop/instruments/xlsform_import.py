"""Reading an XLSForm workbook (ODK / KoboToolbox) into the instrument model.

Research teams author forms in Excel. This converts their ``survey``, ``choices`` and
``settings`` sheets into a validated :class:`Instrument` and, when the form cannot be
used, says what to fix in the workbook's own terms: sheet, row (as Excel numbers it),
column, and what is wrong — every problem of the file at once.

The stages, as pyxform has them (package :mod:`.xlsform`): the reader (workbook → rows
with their numbers), the normaliser (header aliases, languages, settings), the typed
builder (rows → records → model nodes) running the conversion passes (detect, then
apply by the strict / lenient rule), and the checks of the built instrument.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from neutralitas_desktop.errors import InstrumentError
from neutralitas_desktop.instruments.model import (
    ChoiceList,
    Group,
    Instrument,
    LocalText,
    Node,
    Question,
)
from neutralitas_desktop.instruments.validation import NAME_RE
from neutralitas_desktop.instruments.xlsform import passes
from neutralitas_desktop.instruments.xlsform.builder import Survey, SurveyBuilder
from neutralitas_desktop.instruments.xlsform.checks import InstrumentChecks
from neutralitas_desktop.instruments.xlsform.choices import ChoiceSheet, read_choices
from neutralitas_desktop.instruments.xlsform.normaliser import Normaliser, Tables
from neutralitas_desktop.instruments.xlsform.problems import Report, Where
from neutralitas_desktop.instruments.xlsform.reader import read_workbook


@dataclass
class ImportResult:
    """An imported instrument with what the author should know about the conversion."""

    instrument: Instrument
    warnings: list[str] = field(default_factory=list)
    # What a lenient import changed, one line each ("sheet survey, row 12, column type: …").
    conversions: list[str] = field(default_factory=list)


def import_xlsform(
    path: Path | str, *, lenient: bool = False, themes: set[str] | None = None
) -> ImportResult:
    """Read, convert and validate an XLSForm; raise InstrumentError listing every problem.

    ``themes``: the codebook's theme codes, when known, to check the ``theme`` column.
    """
    path = Path(path)
    source = str(path)
    report = Report(lenient)
    tables = Normaliser(source, report).run(read_workbook(path))
    choices = read_choices(tables.choices, tables.settings, tables.default, report)
    survey = SurveyBuilder(tables.survey, choices, tables.default, report).run()
    instrument = passes.fold_exported_other(_assemble(path, tables, choices, survey, report))
    checks = InstrumentChecks(tables, choices, survey, report, themes)
    instrument = checks.strip_metadata_references(instrument)
    checks.texts(instrument)
    checks.with_model(instrument)
    if not instrument.questions() and not report.problems:
        report.problem(
            Where(tables.survey.sheet.title),
            "the form has no question this app imports (metadata such as 'start' or 'audit' "
            "is not imported)",
        )
    if report.problems:
        raise InstrumentError(source, report.problems)
    return ImportResult(instrument, report.warnings, report.conversions)


def _assemble(
    path: Path, tables: Tables, choices: ChoiceSheet, survey: Survey, report: Report
) -> Instrument:
    """The instrument from the settings and the built survey."""
    settings, default = tables.settings, tables.default
    form_id = settings.text("id") or path.stem
    if not NAME_RE.match(form_id):
        fixed = re.sub(r"[^A-Za-z0-9_.\-]+", "_", form_id).strip("_") or "form"
        if not re.match(r"[A-Za-z_]", fixed):
            fixed = "_" + fixed
        if settings.values.get("id") is not None:
            report.warn(
                Where(settings.title, settings.row, settings.columns.get("id", "form_id")),
                f"form id '{form_id}' may only hold letters, digits, _ . -; using '{fixed}'",
            )
        form_id = fixed
    version = settings.text("version")
    if not version:
        version = "1"
        report.warnings.append("the settings sheet gives no version; the form is version '1'")
    title: LocalText = {}
    if settings.text("title"):
        title[default] = settings.text("title")
    title.update(settings.titles)
    if not title:
        title = {default: settings.text("id") or path.stem}
    description: LocalText = {}
    if settings.values.get("description") is not None:
        description[default] = settings.text("description")
    description.update(settings.descriptions)
    roles_text = settings.text("roles")
    roles = tuple(re.split(r"[\s,;]+", roles_text)) if settings.values.get("roles") else ()
    return Instrument(
        id=form_id,
        version=version,
        title=title,
        description=description,
        source_type=settings.text("source_type") or "interview",
        languages=tables.languages,
        default_language=default,
        roles=roles,
        settings=dict(settings.carried),
        choice_lists=_form_lists(choices, survey),
        children=tuple(survey.children),
    )


def _form_lists(choices: ChoiceSheet, survey: Survey) -> dict[str, ChoiceList]:
    """The choice lists, without the generated lists of built-in types no question uses."""
    lists = dict(choices.lists)
    used = {q.choice_list for q in _questions(survey.children)}
    for list_name in survey.builtin_candidates:
        if survey.used_lists.get(list_name) and list_name not in used:
            lists.pop(list_name, None)
    return lists


def _questions(nodes: Iterable[Node]) -> Iterator[Question]:
    for node in nodes:
        if isinstance(node, Group):
            yield from _questions(node.children)
        else:
            yield node
