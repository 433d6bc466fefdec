"""The codebook as a Word document (for the method chapter or an appendix): a captioned
table of the themes, then each theme with its definition, inclusion and exclusion
criteria and legal basis."""

from __future__ import annotations

from docx.document import Document

from neutralitas_desktop.instruments.model import pick
from neutralitas_desktop.reports import texts
from neutralitas_desktop.reports.docx_layout import Numbering, add_table
from neutralitas_desktop.reports.queries import load_themes
from neutralitas_desktop.store.database import Database


def write_codebook(doc: Document, db: Database, lang: str) -> int:
    """Returns the number of themes written (retired ones are listed, marked)."""
    numbers = Numbering("3", texts.t("table", lang))
    numbers.heading(doc, texts.t("codebook_chapter", lang), 1)
    doc.add_paragraph(texts.t("codebook_intro", lang))
    themes = load_themes(db)
    numbers.caption(doc, texts.t("codebook_caption", lang))
    rows = []
    for t in themes:
        name = pick(t.label, lang, "id") or t.code
        indent = "  " * t.depth
        retired = f" {texts.t('retired', lang)}" if t.retired else ""
        basis = "; ".join(p.citation for p in t.legal_basis)
        rows.append([t.code, f"{indent}{name}{retired}", basis])
    header = [texts.t("code", lang), texts.t("theme", lang), texts.t("legal_basis", lang)]
    add_table(doc, header, rows, [3.5, 5.5, 5.0])
    for t in themes:
        if t.retired:
            continue
        name = pick(t.label, lang, "id") or t.code
        numbers.heading(doc, f"{name} ({t.code})", 2 if t.depth == 0 else 3)
        for key, text in (
            ("definition", pick(t.description, lang, "id")),
            ("inclusion", pick(t.inclusion, lang, "id")),
            ("exclusion", pick(t.exclusion, lang, "id")),
        ):
            if text:
                paragraph = doc.add_paragraph()
                paragraph.add_run(f"{texts.t(key, lang)}: ").bold = True
                paragraph.add_run(text)
        if t.legal_basis:
            doc.add_paragraph().add_run(f"{texts.t('legal_basis', lang)}:").bold = True
            for provision in t.legal_basis:
                doc.add_paragraph(provision.text(lang), style="List Bullet")
    return len(themes)
