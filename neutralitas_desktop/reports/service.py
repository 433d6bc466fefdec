"""The reports as one service object for the GUI: what the export dialogs can offer, and
running an export request (off the GUI thread, with progress and cancel). The composition
root binds it to the open study's database; the ui layer never sees the database."""

from __future__ import annotations

import time
from pathlib import Path

from neutralitas_desktop.fieldwork.instruments import list_instruments
from neutralitas_desktop.fieldwork.sites import list_sites
from neutralitas_desktop.fieldwork.study import study_info
from neutralitas_desktop.instruments.model import pick
from neutralitas_desktop.reports import texts
from neutralitas_desktop.reports.casefile import CaseFileResult, export_case_file
from neutralitas_desktop.reports.docx_export import export_docx
from neutralitas_desktop.reports.excel import ExcelOptions, export_excel
from neutralitas_desktop.reports.export_options import (
    DOCX_KINDS,
    Choice,
    ExportChoices,
    ExportOutcome,
    ExportRequest,
)
from neutralitas_desktop.reports.output import CancelFn, ProgressFn
from neutralitas_desktop.reports.pdf_blank import export_blank
from neutralitas_desktop.reports.pdf_session import export_session
from neutralitas_desktop.reports.pdf_summary import export_summary
from neutralitas_desktop.reports.queries import Scope, load_sessions
from neutralitas_desktop.store.database import Database


class ReportService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def choices(self, language: str = "") -> ExportChoices:
        info = study_info(self.db)
        lang = language or info.default_language
        sessions = sorted(load_sessions(self.db, Scope()), key=lambda s: s.started_at, reverse=True)
        titles = {i.form_id: pick(i.title, lang, "id") for i in list_instruments(self.db)}
        return ExportChoices(
            study_title=pick(info.title, lang, info.default_language),
            sites=tuple(s.name for s in list_sites(self.db)),
            sessions=tuple(
                Choice(
                    s.id,
                    " · ".join(
                        x
                        for x in (
                            f"{s.started_at:%Y-%m-%d %H:%M}",
                            s.informant_code,
                            texts.label(texts.SOURCE_TYPES, s.source_type, lang),
                            s.site_name,
                            titles.get(s.form_id, s.form_id),
                        )
                        if x
                    ),
                )
                for s in sessions
                if s.status != "refused"
            ),
            forms=tuple(Choice(form_id, title) for form_id, title in sorted(titles.items())),
            default_language=info.default_language,
        )

    def case_file(
        self,
        incident_id: str,
        pdf: str | Path,
        archive: str | Path | None = None,
        language: str = "id",
        progress: ProgressFn | None = None,
        cancel: CancelFn | None = None,
    ) -> CaseFileResult:
        """An incident's case file and its evidence archive (see reports.casefile)."""
        return export_case_file(self.db, incident_id, pdf, archive, language, progress, cancel)

    def run(
        self,
        request: ExportRequest,
        progress: ProgressFn | None = None,
        cancel: CancelFn | None = None,
    ) -> ExportOutcome:
        started = time.perf_counter()
        counts: dict[str, int] = {}
        if request.kind == "excel":
            result = export_excel(
                self.db,
                request.path,
                ExcelOptions(
                    request.filter, request.anonymize, request.include_names, request.language
                ),
                progress,
                cancel,
            )
            counts = {
                "sheets": len(result.sheets),
                "sessions": result.sessions,
                "answers": result.answers,
                "informants": result.informants,
            }
        elif request.kind == "summary":
            export_summary(
                self.db, request.path, request.filter, request.language, progress, cancel
            )
        elif request.kind in DOCX_KINDS:
            report = request.kind.removeprefix("docx-")
            export_docx(
                self.db, request.path, report, request.language, request.filter, progress, cancel
            )
        elif request.kind == "session":
            export_session(
                self.db,
                request.path,
                request.session_id,
                request.language,
                progress,
                cancel,
                anonymize=request.anonymize,
            )
        else:
            export_blank(
                self.db,
                request.path,
                request.form_id,
                request.language,
                progress=progress,
                cancel=cancel,
            )
        return ExportOutcome(request.kind, request.path, time.perf_counter() - started, counts)
