"""The Excel workbook for analysts (`neutralitas export excel`): every session, answer,
informant, theme and coding of the study in sheets that Excel, SPSS, Stata and R read
without cleaning, written with XlsxWriter in constant_memory mode."""

from __future__ import annotations

import contextlib
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from xlsxwriter.workbook import Workbook

from neutralitas_desktop import __version__
from neutralitas_desktop.fieldwork.redaction import Redactor, redactor_for
from neutralitas_desktop.fieldwork.study import study_info
from neutralitas_desktop.instruments.model import pick
from neutralitas_desktop.reports import excel_sheets as sheets
from neutralitas_desktop.reports.excel_agreement import AGREEMENT_COLUMNS, write_agreement
from neutralitas_desktop.reports.excel_cells import (
    CELL_LIMIT,
    ColumnSpec,
    Formats,
    SheetWriter,
    sheet_name,
)
from neutralitas_desktop.reports.excel_legal import (
    element_test_columns,
    material_columns,
    write_element_tests,
    write_materials,
)
from neutralitas_desktop.reports.excel_long_texts import SHEET, LongTexts
from neutralitas_desktop.reports.excel_triangulation import (
    AUDIT_COLUMNS,
    TRIANGULATION_NOTE,
    write_audit,
    write_triangulation,
)
from neutralitas_desktop.reports.excel_wide import (
    LONG_COLUMNS,
    REPEAT_FIXED,
    WIDE_FIXED,
    AnswerPass,
    RepeatPlan,
    WidePlan,
    question_columns,
)
from neutralitas_desktop.reports.informant_records import load_informants
from neutralitas_desktop.reports.instrument_index import build_indexes
from neutralitas_desktop.reports.output import (
    CancelFn,
    ProgressFn,
    ReportError,
    Ticker,
    atomic_output,
)
from neutralitas_desktop.reports.queries import (
    AnswerRow,
    Exclusions,
    ReportFilter,
    Scope,
    attachment_names,
    count_exclusions,
    iter_answers,
    load_codings,
    load_instruments,
    load_sessions,
    load_themes,
    resolve_filter,
)
from neutralitas_desktop.store.database import Database
from neutralitas_desktop.store.models import utcnow
from neutralitas_desktop.triangulation.agreement import agreement_report

REDACTED_ITEMS = {
    "name": "names of informants and researchers (replaced by their code, or [nama])",
    "phone": "phone numbers ([telepon])",
    "email": "e-mail addresses ([email])",
    "nip": "NIP, civil-servant numbers ([NIP])",
    "nik": "NIK, identity-card numbers ([NIK])",
    "handle": "social-media handles recorded with an identity ([akun])",
}


@dataclass(frozen=True)
class ExcelOptions:
    filter: ReportFilter = field(default_factory=ReportFilter)
    anonymize: bool = False  # no identities at all; identities typed in texts are redacted
    include_names: bool = False  # add real names and contacts (never with anonymize)
    language: str = ""  # label language; "" = the study's default


@dataclass(frozen=True)
class ExcelResult:
    path: Path
    sheets: tuple[str, ...]
    sessions: int
    answers: int
    informants: int
    exclusions: Exclusions
    seconds: float
    redacted: tuple[tuple[str, int], ...] = ()  # (kind, how many) when anonymised


def export_excel(
    db: Database,
    target: str | Path,
    options: ExcelOptions | None = None,
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
) -> ExcelResult:
    """Write the workbook to ``target`` (atomically: a cancelled export leaves no file)."""
    options = options or ExcelOptions()
    if options.anonymize and options.include_names:
        raise ReportError("an anonymised export cannot include real names")
    started = time.perf_counter()
    scope = resolve_filter(db, options.filter)
    info = study_info(db)
    language = options.language or info.default_language
    sessions = load_sessions(db, scope)
    ticker = Ticker(len(sessions) + 10, progress, cancel, every=25)
    ticker.check()
    records = sorted(load_instruments(db), key=lambda r: r.created_at, reverse=True)
    forms = build_indexes(r.instrument for r in records)
    informants = load_informants(db, scope, with_identity=options.include_names)
    themes = load_themes(db)
    codings = load_codings(db, scope)
    exclusions = count_exclusions(db, scope)
    agreement = agreement_report(db)
    redactor = redactor_for(db) if options.anonymize else None
    identity = options.include_names and not options.anonymize

    with atomic_output(target) as tmp:
        wb = Workbook(
            str(tmp),
            {
                "constant_memory": True,
                "strings_to_numbers": False,
                "strings_to_formulas": False,
                "strings_to_urls": False,
                "tmpdir": str(tmp.parent),  # the private folder, removed afterwards
            },
        )
        try:
            fmt = Formats.create(wb)
            taken: set[str] = set()
            dictionary: list[tuple[str, list[ColumnSpec]]] = []

            long_texts = LongTexts(
                wb,
                fmt,
                lambda name: sheet_name(name, taken),
                lambda name, columns: dictionary.insert(-2, (name, columns)),
            )

            def add(name: str, columns: list[ColumnSpec], label_row: bool = False) -> SheetWriter:
                sheet = SheetWriter(
                    wb,
                    sheet_name(name, taken),
                    columns,
                    fmt,
                    label_row=label_row,
                    scrub=redactor.redact if redactor else None,
                )
                sheet.overflow = long_texts.continue_text
                dictionary.append((sheet.name, columns))
                return sheet

            session_sheet = add("Sessions", sheets.labelled(sheets.SESSION_COLUMNS, language))
            long_sheet = add("Answers (long)", sheets.labelled(LONG_COLUMNS, language))
            wide: dict[str, WidePlan] = {}
            repeats: dict[tuple[str, str], RepeatPlan] = {}
            for form_id in sorted(forms):
                form = forms[form_id]
                top_repeats = [r for r in form.repeats.values() if not r.parent]
                columns, cells = question_columns(form.top_level(), top_repeats, language)
                sheet = add(form_id, [*sheets.labelled(WIDE_FIXED, language), *columns], True)
                sheet.header()
                wide[form_id] = WidePlan(sheet, cells)
            for form_id in sorted(forms):
                form = forms[form_id]
                for repeat in form.repeats.values():
                    infos = [form.questions[n] for n in repeat.questions]
                    children = [r for r in form.repeats.values() if r.parent == repeat.name]
                    columns, cells = question_columns(infos, children, language)
                    fixed = sheets.labelled(REPEAT_FIXED, language)
                    sheet = add(f"{form_id}.{repeat.name}", [*fixed, *columns], True)
                    sheet.header()
                    repeats[(form_id, repeat.name)] = RepeatPlan(sheet, cells)
            informant_columns = sheets.labelled(sheets.INFORMANT_COLUMNS, language)
            if identity:
                informant_columns += sheets.IDENTITY_COLUMNS
            informant_sheet = add("Informants", informant_columns)
            codebook_sheet = add("Codebook", list(sheets.CODEBOOK_COLUMNS))
            coding_sheet = add("Codings", sheets.labelled(sheets.CODING_COLUMNS, language))
            triangulation_sheet = SheetWriter(wb, sheet_name("Triangulation", taken), [], fmt)
            agreement_sheet = (
                SheetWriter(wb, sheet_name("Agreement", taken), AGREEMENT_COLUMNS, fmt)
                if agreement.coders
                else None
            )
            legal_sheet = add("Legal analysis", element_test_columns(language))
            materials_sheet = add("Legal materials", material_columns(language))
            audit_sheet = add("Audit trail", list(AUDIT_COLUMNS))  # reasons redacted if asked
            dictionary_sheet = add("Data dictionary", list(sheets.DICTIONARY_COLUMNS))
            about_sheet = add("About", list(sheets.ABOUT_COLUMNS))

            sheets.write_sessions(session_sheet, sessions)
            long_sheet.header()
            feed = AnswerPass(long_sheet, forms, wide, repeats, language, attachment_names(db))
            answers = _answer_pass(db, scope, sessions, feed, ticker)
            long_sheet.finish()
            for plan in wide.values():
                plan.sheet.finish()
            for repeat_plan in repeats.values():
                repeat_plan.sheet.finish()
            sheets.write_informants(informant_sheet, informants, language, identity)
            sheets.write_codebook(codebook_sheet, themes, language)
            theme_labels = {t.code: t.label for t in themes}
            sheets.write_codings(coding_sheet, codings, theme_labels, language)
            triangulation_columns = write_triangulation(triangulation_sheet, db, scope, language)
            # Described in the order of the tabs: before the legal analysis sheets.
            audit_at = [name for name, _ in dictionary].index(legal_sheet.name)
            dictionary.insert(audit_at, (triangulation_sheet.name, triangulation_columns))
            if agreement_sheet is not None:
                write_agreement(agreement_sheet, agreement, language)
                dictionary.insert(audit_at + 1, (agreement_sheet.name, AGREEMENT_COLUMNS))
            write_element_tests(legal_sheet, db, scope, names=not options.anonymize)
            write_materials(materials_sheet, db)
            write_audit(audit_sheet, db, names=not options.anonymize)
            sheets.write_dictionary(dictionary_sheet, dictionary)
            about = _about(
                db,
                info.title,
                language,
                scope,
                options,
                len(sessions),
                answers,
                len(informants),
                exclusions,
                redactor,
            )
            about.insert(
                -2, (f"texts over {CELL_LIMIT:,} characters (sheet {SHEET})", long_texts.count)
            )
            sheets.write_about(about_sheet, about, fmt)
            ticker.check()
            wb.close()
        except BaseException:
            _discard(wb)
            raise
    ticker.finish()
    return ExcelResult(
        Path(target),
        tuple(name for name, _ in dictionary),
        len(sessions),
        answers,
        len(informants),
        exclusions,
        time.perf_counter() - started,
        tuple(redactor.summary()) if redactor else (),
    )


def _answer_pass(
    db: Database, scope: Scope, sessions: list[Any], feed: AnswerPass, ticker: Ticker
) -> int:
    """Walk sessions and the answer stream (both in session order) side by side."""
    stream = iter_answers(db, scope)
    pending: AnswerRow | None = next(stream, None)
    for s in sessions:
        batch: list[AnswerRow] = []
        while pending is not None and pending[0] == s.id:
            batch.append(pending)
            pending = next(stream, None)
        feed.session(s, batch)
        ticker.step()
    stream.close()  # type: ignore[attr-defined]
    return feed.answers_written


def _about(
    db: Database,
    title: dict[str, str],
    language: str,
    scope: Scope,
    options: ExcelOptions,
    sessions: int,
    answers: int,
    informants: int,
    ex: Exclusions,
    redactor: Redactor | None,
) -> list[tuple[str, Any]]:
    yes_no = {True: "yes", False: "no"}
    redacted = [
        (f"redacted: {REDACTED_ITEMS[kind]}", count)
        for kind, count in (redactor.summary() if redactor else [])
    ]
    return [
        ("study", pick(title, language, "id")),
        ("database", db.path.name if db.path else db.display_name()),
        ("exported at (UTC)", utcnow().replace(microsecond=0)),
        ("filter: sites", ", ".join(scope.site_names) or "all sites"),
        ("filter: session status", ", ".join(scope.statuses) or "all statuses"),
        ("anonymised", yes_no[options.anonymize]),
        ("real names included", yes_no[options.include_names and not options.anonymize]),
        *redacted,
        ("label language", language),
        ("app version", f"neutralitas-desktop {__version__}"),
        ("schema version", db.schema_version),
        ("sessions exported", sessions),
        ("answers exported", answers),
        ("informants exported", informants),
        ("excluded: informants who withdrew consent", ex.withdrawn_informants),
        ("excluded: sessions with those informants", ex.withdrawn_sessions),
        ("excluded: answers from those sessions", ex.withdrawn_answers),
        ("excluded: answers to questions that became irrelevant", ex.irrelevant_answers),
        ("dates and times", "UTC, as Excel dates"),
        ("triangulation", TRIANGULATION_NOTE),
    ]


def _discard(wb: Workbook) -> None:
    """Release a workbook that will not be kept. Closing it is XlsxWriter's one public way
    to close its temporary row files (which Windows could not delete while open); what it
    writes goes to the private temporary path, which is removed. A second failure (the
    disk still full) changes nothing: the private folder is cleared at the next start."""
    with contextlib.suppress(Exception):
        wb.close()
