"""Word documents for the thesis (`neutralitas export docx`, Export menu): the findings
chapter, the appendix of transcripts, the codebook. Written atomically like every report."""

from __future__ import annotations

from pathlib import Path

from neutralitas_desktop.fieldwork.redaction import redactor_for
from neutralitas_desktop.fieldwork.study import study_info
from neutralitas_desktop.instruments.model import pick
from neutralitas_desktop.reports.docx_codebook import write_codebook
from neutralitas_desktop.reports.docx_findings import write_findings
from neutralitas_desktop.reports.docx_layout import thesis_document
from neutralitas_desktop.reports.docx_transcripts import write_transcripts
from neutralitas_desktop.reports.output import (
    CancelFn,
    ProgressFn,
    ReportError,
    Ticker,
    atomic_output,
)
from neutralitas_desktop.reports.queries import ReportFilter, resolve_filter
from neutralitas_desktop.store.database import Database
from neutralitas_desktop.vocabulary import DocxReport, label
from neutralitas_desktop.vocabulary.terms import values


def export_docx(
    db: Database,
    target: str | Path,
    report: str,
    lang: str = "",
    filt: ReportFilter | None = None,
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
) -> Path:
    if report not in values(DocxReport):
        raise ReportError(
            f"unknown Word report '{report}' (choose {', '.join(values(DocxReport))})"
        )
    if Path(target).suffix.lower() != ".docx":
        raise ReportError(f"{target}: a Word document's name ends in .docx")
    ticker = Ticker(3, progress, cancel)
    info = study_info(db)
    lang = lang or info.default_language
    title = f"{pick(info.title, lang, info.default_language)} — {label(DocxReport, report, lang)}"
    doc = thesis_document(title)
    scope = resolve_filter(db, filt)
    scrub = redactor_for(db).redact  # names, contacts and handles typed into texts

    ticker.step()
    if report == DocxReport.FINDINGS:
        write_findings(doc, db, scope, lang, scrub)
    elif report == DocxReport.TRANSCRIPTS:
        write_transcripts(doc, db, scope, lang, scrub)
    else:
        write_codebook(doc, db, lang)
    ticker.step()
    with atomic_output(target) as tmp:
        ticker.check()
        with tmp.open("wb") as handle:
            doc.save(handle)
    ticker.finish()
    return Path(target)
