"""The study summary PDF a supervisor hands to a funder: cover, study and method,
fieldwork in tables and charts, the triangulation matrix in colour, per theme its key
excerpts, conclusions and legal basis, the analytic audit trail and member checks, and an
appendix of the instruments used."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reportlab.lib.units import cm
from reportlab.platypus import (
    CondPageBreak,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
)

from neutralitas_desktop.instruments.model import pick
from neutralitas_desktop.reports import pdf_analysis, texts
from neutralitas_desktop.reports.charts import Series, stacked_bars
from neutralitas_desktop.reports.output import CancelFn, ProgressFn, Ticker, atomic_output
from neutralitas_desktop.reports.pdf_agreement import agreement_section
from neutralitas_desktop.reports.pdf_common import (
    CONTENT_WIDTH,
    MUTED,
    NAVY,
    PALE,
    RULE,
    SOURCE_COLOURS,
    STANCE_INK,
    Heading,
    NumberedCanvas,
    ReportDoc,
    cut,
    esc,
    grid,
    styles,
    table_style,
    toc,
)
from neutralitas_desktop.reports.pdf_informants import category_table
from neutralitas_desktop.reports.queries import ReportFilter
from neutralitas_desktop.reports.summary_data import SummaryData, gather_summary
from neutralitas_desktop.reports.texts import t
from neutralitas_desktop.store.database import Database

SOURCES = ("interview", "observation", "documentation")
SHORT = {
    "id": {"violation": "P", "neutrality": "N", "unclear": "?"},
    "en": {"violation": "V", "neutrality": "N", "unclear": "?"},
}


def export_summary(
    db: Database,
    target: str | Path,
    filt: ReportFilter | None = None,
    lang: str = "id",
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
) -> Path:
    ticker = Ticker(4, progress, cancel)
    data = gather_summary(db, filt, lang)
    ticker.step()
    story = SummaryStory(data, lang).build()
    ticker.step()
    title = pick(data.study.title, lang, data.study.default_language)
    with atomic_output(target) as tmp:
        doc = ReportDoc(tmp, title=title, report=t("summary", lang), lang=lang)
        doc.multiBuild(story, canvasmaker=NumberedCanvas)
        ticker.step()
        ticker.check()
    ticker.finish()
    return Path(target)


class SummaryStory:
    def __init__(self, data: SummaryData, lang: str) -> None:
        self.d = data
        self.lang = lang
        self.s = styles()

    def p(self, text: str, style: str = "body") -> Paragraph:
        return Paragraph(text, self.s[style])

    def local(self, text: dict[str, str]) -> str:
        return pick(text, self.lang, self.d.study.default_language)

    def name(self, text: dict[str, str]) -> str:
        """A label or title in this language, cut to fit a cell or a heading."""
        return cut(self.local(text))

    def build(self) -> list[Any]:
        story = self.cover()
        story += [
            Heading(t("contents", self.lang), self.s["h1"], 0, toc=False),
            toc(self.s),
            PageBreak(),
        ]
        story += self.method()
        story += self.fieldwork()
        story += self.matrix()
        story += agreement_section(self.d.agreement, self.lang, self.s, "3.1")
        story += self.themes()
        story += pdf_analysis.audit_section(self)
        story += self.appendix()
        return story

    # ---- cover and method --------------------------------------------------------
    def cover(self) -> list[Any]:
        d, lang = self.d, self.lang
        scope = ", ".join(d.scope.site_names) or t("all_sites", lang)
        statuses = ", ".join(texts.label(texts.STATUSES, s, lang) for s in d.scope.statuses)
        figures = [
            (d.sessions, t("sessions", lang)),
            (d.informants, t("informants", lang)),
            (len(d.sites), t("sites", lang)),
            (d.answers, t("answers", lang)),
        ]
        cells = [
            [
                Paragraph(
                    f'<font size="20" color="#1F3A5F"><b>{texts.number(n, lang)}</b></font>',
                    self.s["cell_center"],
                )
                for n, _ in figures
            ],
            [self.p(esc(label), "cell_center") for _, label in figures],
        ]
        box = Table(cells, colWidths=[CONTENT_WIDTH / 4] * 4, rowHeights=[30, 16])
        box.setStyle(
            table_style(
                ("BACKGROUND", (0, 0), (-1, -1), PALE),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LINEABOVE", (0, 0), (-1, 0), 1.2, NAVY),
                ("LINEBELOW", (0, -1), (-1, -1), 0.6, RULE),
            )
        )
        return [
            Spacer(1, 3.2 * cm),
            self.p(esc(self.name(d.study.title)), "cover_title"),
            self.p(esc(t("summary", lang)), "cover_sub"),
            self.p(
                f"<b>{esc(t('scope', lang))}:</b> {esc(scope)}"
                + (f" · {esc(statuses)}" if statuses else f" · {esc(t('all_statuses', lang))}"),
                "cover_meta",
            ),
            self.p(
                f"<b>{esc(t('generated', lang))}:</b> {esc(texts.long_date(_now(), lang))}",
                "cover_meta",
            ),
            Spacer(1, 1.2 * cm),
            box,
            Spacer(1, 1.2 * cm),
            self.p(esc(t("confidential", lang)), "muted"),
            NextPageTemplate("body"),
            PageBreak(),
        ]

    def method(self) -> list[Any]:
        d, lang = self.d, self.lang
        th = d.matrix.thresholds
        ex = d.exclusions
        out: list[Any] = [Heading(f"1. {esc(t('study_method', lang))}", self.s["h1"], 0)]
        for para in self.local(d.study.description).split("\n\n"):
            if para.strip():
                out.append(self.p(esc(" ".join(para.split()))))
        out += [
            self.p(esc(t("method_text", lang))),
            self.p(t("rule_text", lang).format(threshold=th.corroboration)),
            self.p(
                esc(
                    t("exclusions_text", lang).format(
                        informants=ex.withdrawn_informants,
                        sessions=ex.withdrawn_sessions,
                        answers=ex.withdrawn_answers,
                        irrelevant=ex.irrelevant_answers,
                    )
                ),
                "muted",
            ),
            self.p(esc(texts.redaction_note(d.redacted, lang)), "muted"),
        ]
        return out

    # ---- fieldwork ---------------------------------------------------------------
    def fieldwork(self) -> list[Any]:
        d, lang = self.d, self.lang
        out: list[Any] = [
            CondPageBreak(8 * cm),
            Heading(f"2. {esc(t('fieldwork', lang))}", self.s["h1"], 0),
        ]
        head = [
            t("site", lang),
            *(texts.label(texts.SOURCE_TYPES, s, lang) for s in SOURCES),
            t("total", lang),
        ]
        rows: list[list[Any]] = [[self.p(esc(h), "cell_head") for h in head]]
        totals = [0, 0, 0]
        for site in d.sites:
            counts = [d.by_site_source[site].get(s, 0) for s in SOURCES]
            totals = [a + b for a, b in zip(totals, counts, strict=True)]
            rows.append([self.p(esc(site), "cell"), *counts, sum(counts)])
        rows.append([self.p(f"<b>{esc(t('total', lang))}</b>", "cell"), *totals, sum(totals)])
        w = CONTENT_WIDTH
        out += [
            self.p(f"<b>{esc(t('table_sites', lang))}</b>", "small"),
            grid(
                rows,
                [w * 0.4] + [w * 0.15] * 4,
                extra=[
                    ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
                    ("BACKGROUND", (0, -1), (-1, -1), PALE),
                    ("FONTNAME", (1, -1), (-1, -1), "DejaVuSans-Bold"),
                ],
            ),
            Spacer(1, 10),
        ]
        series = [
            Series(
                texts.label(texts.SOURCE_TYPES, s, lang),
                tuple(float(d.by_site_source[site].get(s, 0)) for site in d.sites),
                SOURCE_COLOURS[s],
            )
            for s in SOURCES
        ]
        if d.sites:
            out += [
                stacked_bars(d.sites, series, CONTENT_WIDTH, title=t("chart_sites", lang)),
                Spacer(1, 10),
            ]
        status_rows: list[list[Any]] = [
            [self.p(esc(t(k, lang)), "cell_head") for k in ("status", "sessions")]
        ]
        for status, n in sorted(d.by_status.items(), key=lambda kv: -kv[1]):
            status_rows.append([self.p(esc(texts.label(texts.STATUSES, status, lang)), "cell"), n])
        role_rows: list[list[Any]] = [
            [
                self.p(esc(t("role", lang)), "cell_head"),
                self.p(esc(t("informants", lang)), "cell_head"),
            ]
        ]
        for role, n in sorted(d.by_role.items(), key=lambda kv: -kv[1]):
            role_rows.append([self.p(esc(self.name(d.roles.get(role, {})) or role), "cell"), n])
        half = (CONTENT_WIDTH - 0.6 * cm) / 2
        right = [("ALIGN", (1, 1), (-1, -1), "RIGHT")]
        pair = Table(
            [
                [
                    self.p(f"<b>{esc(t('table_status', lang))}</b>", "small"),
                    self.p(f"<b>{esc(t('table_roles', lang))}</b>", "small"),
                ],
                [
                    grid(status_rows, [half * 0.7, half * 0.3], extra=right),
                    grid(role_rows, [half * 0.72, half * 0.28], extra=right),
                ],
            ],
            colWidths=[half + 0.3 * cm, half + 0.3 * cm],
            hAlign="LEFT",
        )
        pair.setStyle(
            table_style(("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0))
        )
        return [*out, KeepTogether([pair]), *category_table(d.by_category, lang, self.p)]

    # ---- matrix, audit trail and member checks (pdf_analysis.py) ----------------
    def matrix(self) -> list[Any]:
        return pdf_analysis.matrix_section(self)

    def _conclusion_text(self, conclusion: Any) -> str:
        return pdf_analysis.conclusion_text(conclusion, self.lang)

    # ---- themes ------------------------------------------------------------------
    def themes(self) -> list[Any]:
        d, lang = self.d, self.lang
        rows = {r.code: r for r in d.matrix.rows}
        out: list[Any] = [PageBreak(), Heading(f"4. {esc(t('themes', lang))}", self.s["h1"], 0)]
        section = 0
        sub = 0
        for theme in d.themes:
            row = rows.get(theme.code)
            has = (
                row is not None and (row.total.total or row.context.total)
            ) or theme.code in d.findings
            if theme.depth == 0:
                if not has:
                    continue
                section += 1
                sub = 0
                number = f"4.{section}"
                out.append(CondPageBreak(6 * cm))
                out.append(Heading(f"{number} {esc(self.name(theme.label))}", self.s["h2"], 1))
            else:
                if not has or section == 0:
                    continue
                sub += 1
                number = f"4.{section}.{sub}"
                out.append(CondPageBreak(4 * cm))
                out.append(Heading(f"{number} {esc(self.name(theme.label))}", self.s["h3"], 2))
            out += self._theme_body(theme, row)
        if section == 0:
            out.append(self.p(esc(t("no_evidence_yet", lang))))
        return out

    def _theme_body(self, theme: Any, row: Any) -> list[Any]:
        d, lang = self.d, self.lang
        out: list[Any] = []
        if row is not None:
            counts = ", ".join(
                f"{texts.label(texts.STANCES, s, lang)} {row.context.count(s)}"
                for s in ("violation", "neutrality", "unclear")
            )
            out.append(
                self.p(
                    f"{t('conclusion', lang)}: {self._conclusion_text(row.conclusion)}"
                    f' <font color="#6B7280">({esc(t("context", lang))}: {esc(counts)})</font>',
                    "small",
                )
            )
        findings = d.findings.get(theme.code, [])
        if findings:
            out.append(self.p(f"<b>{esc(t('findings', lang))}</b>", "small"))
            for f in findings:
                status = texts.label(texts.FINDING_STATUSES, f.status, lang)
                where = f" — {esc(f.site_name)}" if f.site_name else ""
                out.append(
                    Paragraph(
                        f"{esc(f.conclusion)} <font color='#6B7280'>[{esc(status)}{where}]</font>",
                        self.s["bullet"],
                        bulletText="•",
                    )
                )
        excerpts = d.excerpts.get(theme.code, [])
        if excerpts:
            out.append(self.p(f"<b>{esc(t('key_excerpts', lang))}</b>", "small"))
            for e in excerpts:
                role = self.name(d.roles.get(e.role, {})) if e.role else ""
                who = ", ".join(x for x in (e.informant_code, role) if x)
                source = texts.label(texts.SOURCE_TYPES, e.source_type, lang)
                when = texts.long_date(getattr(e.date, "date", lambda: None)(), lang)
                colour = STANCE_INK.get(e.stance, MUTED).hexval()[2:]
                attribution = " · ".join(x for x in (who, source, e.site_name, when) if x)
                out.append(
                    KeepTogether(
                        [
                            self.p(f"“{esc(e.text)}”", "quote"),
                            self.p(
                                f'<font color="#{colour}">■</font> '
                                f"{esc(texts.label(texts.STANCES, e.stance, lang))} — "
                                f"{esc(attribution)}",
                                "attribution",
                            ),
                        ]
                    )
                )
        if theme.legal_basis:
            out.append(self.p(f"<b>{esc(t('legal_basis', lang))}</b>", "small"))
            for basis in theme.legal_basis:
                out.append(Paragraph(esc(basis.text(lang)), self.s["bullet"], bulletText="§"))
        return out

    # ---- appendix ----------------------------------------------------------------
    def appendix(self) -> list[Any]:
        d, lang = self.d, self.lang
        head = [
            t("instrument", lang),
            t("version", lang),
            t("source_type", lang),
            t("questions", lang),
            t("sessions", lang),
            t("content_hash", lang),
        ]
        rows: list[list[Any]] = [[self.p(esc(h), "cell_head") for h in head]]
        for record, sessions in d.instruments:
            title = self.name(record.title)
            rows.append(
                [
                    self.p(
                        f"<b>{esc(title)}</b><br/><font color='#6B7280'>{esc(record.form_id)}"
                        "</font>",
                        "cell",
                    ),
                    self.p(esc(record.version), "cell"),
                    self.p(esc(texts.label(texts.SOURCE_TYPES, record.source_type, lang)), "cell"),
                    len(record.instrument.questions()),
                    sessions,
                    self.p(f"<font size='7'>{esc(record.content_hash[:16])}…</font>", "cell"),
                ]
            )
        w = CONTENT_WIDTH
        return [
            PageBreak(),
            Heading(f"6. {esc(t('appendix', lang))}", self.s["h1"], 0),
            grid(
                rows,
                [w * 0.4, w * 0.1, w * 0.14, w * 0.1, w * 0.09, w * 0.17],
                extra=[("ALIGN", (3, 1), (4, -1), "RIGHT")],
            ),
        ]


def _now() -> Any:
    import datetime as dt

    return dt.datetime.now()
