"""The appendix of transcripts and field notes (lampiran) as a Word document: one part per
session with its details in a captioned table, then the verbatim transcript turn by turn
or, where there is none, the session's open answers and notes. Informants appear by their
codes; names a researcher typed are replaced by codes too."""

from __future__ import annotations

from collections.abc import Callable

from docx.document import Document
from docx.shared import Pt

from neutralitas_desktop.fieldwork.transcript_text import stamp
from neutralitas_desktop.fieldwork.transcripts import get_transcript
from neutralitas_desktop.instruments.model import pick
from neutralitas_desktop.reports import texts
from neutralitas_desktop.reports.docx_layout import Numbering, add_table
from neutralitas_desktop.reports.queries import Scope, SessionRecord, load_sessions, role_labels
from neutralitas_desktop.store.database import Database
from neutralitas_desktop.triangulation.coding import codable_texts
from neutralitas_desktop.vocabulary import SessionStatus, SourceType, label

Scrub = Callable[[str], str]


def _title(s: SessionRecord, lang: str) -> str:
    if s.informant_code:
        return texts.t("interview_title", lang, code=s.informant_code)
    source = label(SourceType, s.source_type, lang)
    return texts.t(
        "notes_title", lang, source=source.lower() if lang == "id" else source, site=s.site_name
    )


def write_transcripts(doc: Document, db: Database, scope: Scope, lang: str, scrub: Scrub) -> int:
    """Returns the number of sessions written."""
    numbers = Numbering("L", texts.t("table", lang))
    numbers.heading(doc, texts.t("transcripts_chapter", lang), 1)
    doc.add_paragraph(texts.t("transcripts_intro", lang))
    roles = role_labels(db)
    written = 0
    for s in sorted(load_sessions(db, scope), key=lambda s: (s.started_at, s.id)):
        if s.status == SessionStatus.REFUSED:
            continue
        transcript = get_transcript(db, s.id)
        notes = [
            t for t in codable_texts(db, s.id) if t.key != transcript.answer_id and t.key[:1] != "~"
        ]
        if not transcript.segments and not notes:
            continue
        title = _title(s, lang)
        numbers.heading(doc, title, 2)
        numbers.caption(doc, texts.t("session_caption", lang, title=title))
        role = pick(roles.get(s.source_role, {}), lang, "id") or s.source_role
        details = [
            (texts.t("informant", lang), s.informant_code or "–"),
            (texts.t("role", lang), role if s.informant_code else "–"),
            (texts.t("site", lang), s.site_name),
            (texts.t("date", lang), texts.long_date(s.started_at, lang)),
            (texts.t("technique", lang), label(SourceType, s.source_type, lang)),
            (texts.t("instrument", lang), f"{s.form_id} v{s.form_version}"),
        ]
        add_table(doc, [texts.t("item", lang), texts.t("value", lang)], details, [4.5, 9.5])
        if transcript.segments:
            for seg in transcript.segments:
                paragraph = doc.add_paragraph()
                if seg.seconds is not None:
                    paragraph.add_run(f"{stamp(seg.seconds)} ")
                if seg.label:
                    paragraph.add_run(f"{seg.label}: ").bold = True
                paragraph.add_run(scrub(seg.text))
        else:
            for t in notes:
                question = pick(t.question_label, lang, "id") or t.question
                heading = doc.add_paragraph()
                heading.paragraph_format.keep_with_next = True
                heading.paragraph_format.space_after = Pt(0)
                heading.add_run(question).bold = True
                doc.add_paragraph(scrub(t.text))
        written += 1
    if not written:
        doc.add_paragraph(texts.t("no_text", lang))
    return written
