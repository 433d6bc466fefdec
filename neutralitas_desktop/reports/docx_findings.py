"""The findings chapter (Bab IV) as a Word document: per theme its conclusions and their
verification, the evidence by technique in a captioned table, and the excerpts that
support it, quoted with informant code, role, technique and date."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from docx.document import Document

from neutralitas_desktop.instruments.model import pick
from neutralitas_desktop.reports import texts
from neutralitas_desktop.reports.docx_layout import Numbering, add_table
from neutralitas_desktop.reports.queries import (
    CodingRecord,
    Scope,
    load_codings,
    load_findings,
    load_sessions,
    load_themes,
    role_labels,
)
from neutralitas_desktop.reports.triangulation_view import matrix_for
from neutralitas_desktop.store.database import Database
from neutralitas_desktop.vocabulary import Corroboration, FindingStatus, SourceType, Stance, label

Scrub = Callable[[str], str]
STANCE_ORDER = (Stance.VIOLATION, Stance.NEUTRALITY, Stance.UNCLEAR)


def write_findings(doc: Document, db: Database, scope: Scope, lang: str, scrub: Scrub) -> None:
    numbers = Numbering("4", texts.t("table", lang))
    numbers.heading(doc, texts.t("findings_chapter", lang), 1)
    doc.add_paragraph(texts.t("findings_intro", lang))
    matrix = matrix_for(db, scope, "technique")
    rows = {row.code: row for row in matrix.rows}
    columns = [pick(c.label, lang, "id") or c.key for c in matrix.columns]
    findings: dict[str, list[str]] = {}
    for f in load_findings(db, scope):
        status = label(FindingStatus, f.status, lang)
        where = f.site_name or texts.t("site_wide", lang)
        text = f"{scrub(f.conclusion)} ({texts.t('verification', lang)}: {status}; {where})"
        if f.reason:
            text += f" {texts.t('reason', lang)}: {scrub(f.reason)}"
        # The incidents it rests on (those in the report's scope): alike ones named once,
        # with how many reached each verdict.
        rests = Counter(matrix.incidents[i] for i in f.incidents if i in matrix.incidents)
        verdicts: dict[str, list[str]] = {}
        order = {k.value: n for n, k in enumerate(Corroboration)}
        for (kind, summary), n in sorted(
            rests.items(), key=lambda r: (r[0][1], order.get(r[0][0], 99))
        ):
            verdicts.setdefault(summary, []).append(
                label(Corroboration, kind, lang) + (f", {n}×" if n > 1 else "")
            )
        if verdicts:
            text += f" {texts.t('rests_on', lang)}: " + "; ".join(
                f"{scrub(summary)} ({'; '.join(kinds)})" for summary, kinds in verdicts.items()
            )
        findings.setdefault(f.theme_code, []).append(text)
    codings: dict[str, list[CodingRecord]] = {}
    for c in load_codings(db, scope):
        codings.setdefault(c.theme_code, []).append(c)
    sessions = {s.id: s for s in load_sessions(db, scope)}
    roles = role_labels(db)
    for theme in load_themes(db):
        row = rows.get(theme.code)
        has_evidence = row is not None and (row.total.total > 0 or row.context.total > 0)
        if theme.retired or not (has_evidence or theme.code in findings):
            continue
        name = pick(theme.label, lang, "id") or theme.code
        numbers.heading(doc, name, 2 if theme.depth == 0 else 3)
        doc.add_paragraph().add_run(texts.t("finding_conclusion", lang)).bold = True
        for text in findings.get(theme.code, [texts.t("no_conclusion", lang)]):
            doc.add_paragraph(text)
        if row is not None and has_evidence:
            doc.add_paragraph().add_run(texts.t("triangulation", lang)).bold = True
            numbers.caption(doc, texts.t("triangulation_caption", lang, theme=name))
            header = [texts.t("source", lang), *(label(Stance, s, lang) for s in STANCE_ORDER)]
            body = [
                [column, *(str(cell.count(s)) for s in STANCE_ORDER)]
                for column, cell in zip(columns, row.context_cells, strict=True)
            ]
            add_table(doc, header, body, [5.0, 3.0, 3.0, 3.0])
        doc.add_paragraph().add_run(texts.t("excerpts", lang)).bold = True
        quoted: set[tuple[str, str]] = set()  # one passage coded by several coders: once
        for c in codings.get(theme.code, []):
            s = sessions.get(c.session_id)
            if s is None or not c.excerpt.strip() or (s.id, c.excerpt.strip()) in quoted:
                continue
            role = pick(roles.get(s.source_role, {}), lang, "id") or s.source_role
            who = ", ".join(
                x
                for x in (
                    s.informant_code,
                    role if s.informant_code else "",
                    label(SourceType, s.source_type, lang),
                    s.site_name if not s.informant_code else "",
                    texts.long_date(s.started_at.date(), lang),
                )
                if x
            )
            quote = doc.add_paragraph(style="Quote")
            quote.add_run(f"\u201c{scrub(c.excerpt.strip())}\u201d")
            quote.add_run(f" ({who})").italic = False
            quoted.add((s.id, c.excerpt.strip()))
        if not quoted:
            doc.add_paragraph(texts.t("no_excerpts", lang))
