"""The case file's PDF: on the first page the title, the incident, the actor, the election
stage, the authorities and the deadline, so it can be handed to Panwascam as it is; then
the chronology, the actor, the provisions with their sanctions, the lines of evidence with
their hashes, the fields of a report to Bawaslu, the legal analysis and a note on sources."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from reportlab.lib.units import cm
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table

from neutralitas_desktop.instruments.model import pick as pick_text
from neutralitas_desktop.reports import texts
from neutralitas_desktop.reports.casefile_data import CaseFile, CaseLine, Source
from neutralitas_desktop.reports.pdf_common import (
    CONTENT_WIDTH,
    NAVY,
    PALE,
    RULE,
    Heading,
    NumberedCanvas,
    ReportDoc,
    cut,
    esc,
    grid,
    styles,
)
from neutralitas_desktop.vocabulary import (
    ActorType,
    Corroboration,
    Election,
    Element,
    ElementVerdict,
    EvidenceKind,
    MaterialKind,
    SanctionKind,
    SourceType,
    label,
)
from neutralitas_desktop.vocabulary.law import Provision

W = CONTENT_WIDTH


def build_pdf(case: CaseFile, target: Path, lang: str) -> None:
    """Write the case file's PDF to ``target`` (a private temporary path)."""
    doc = ReportDoc(
        target,
        title=f"{texts.t('title', lang)} · {case.incident.id[:8]}",
        report=texts.t("title", lang),
        lang=lang,
        cover=False,
    )
    doc.build(CaseFilePages(case, lang).build(), canvasmaker=NumberedCanvas)


class CaseFilePages:
    def __init__(self, case: CaseFile, lang: str) -> None:
        self.c = case
        self.lang = lang
        self.s = styles()

    # ---- helpers ---------------------------------------------------------------------
    def p(self, text: str, style: str = "cell") -> Paragraph:
        return Paragraph(text, self.s[style])

    def t(self, key: str, **values: object) -> str:
        return texts.t(key, self.lang, **values)

    def date(self, value: dt.date | dt.datetime) -> str:
        text = texts.long_date(value, self.lang)
        return f"{text} {self.c.zone.value}" if isinstance(value, dt.datetime) else text

    def election(self) -> str:
        return label(Election, self.c.election, self.lang)

    def actor_type(self) -> str:
        return label(ActorType, self.c.incident.actor_type, self.lang)

    def when(self) -> str:
        i = self.c.incident
        until = f" – {self.date(i.date_end)}" if i.date_end and i.date_end != i.date_start else ""
        return f"{self.date(i.date_start)}{until}"

    def stage(self) -> str:
        stage = self.c.stage
        text = pick_text(stage.label, self.lang, "id") if stage.label else ""
        if not stage.from_calendar:
            return f"{text or stage.code} {self.t('no_calendar')}".strip()
        return text or self.t("outside_calendar")

    def source(self, src: Source) -> str:
        if not src.role:
            return self.t("the_researcher")
        role = pick_text(src.role, self.lang, "id")
        if src.role_only:
            return f"{role} {self.t('role_only_tag')}"
        return ", ".join(x for x in (role, src.code, src.name) if x)

    def actor_line(self) -> str:
        a = self.c.actor
        parts = [self.actor_type(), a.office, a.code, a.name]
        return " — ".join(esc(cut(x)) for x in dict.fromkeys(parts) if x)

    @staticmethod
    def short(provision: Provision) -> str:
        """A provision on one line: its article, the regulation's number, the sanction's."""
        regulation = provision.regulation.split(" tentang ")[0]
        text = f"<b>{esc(provision.article)}</b> {esc(regulation)}".strip()
        article = provision.sanction_article.split(" (")[0]
        if article.startswith("Pasal") and article != provision.article:
            text += f" jo. {esc(article)}"
        return text

    def bodies(self) -> str:
        return "; ".join(esc(pick_text(b.name, self.lang, "id")) for b in self.c.bodies)

    def kv(self, rows: list[tuple[str, str]], first: float = 4.4 * cm) -> Table:
        data = [[self.p(f"<b>{esc(k)}</b>"), self.p(v)] for k, v in rows]
        table = Table(data, colWidths=[first, W - first], hAlign="LEFT")
        table.setStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (0, -1), PALE),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
                ("BOX", (0, 0), (-1, -1), 0.6, RULE),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
        return table

    def table(self, head: list[str], rows: list[list[str]], widths: list[float]) -> Table:
        data = [[self.p(esc(h), "cell_head") for h in head]]
        data += [[self.p(cell) for cell in row] for row in rows]
        return grid(data, widths)

    # ---- the pages -------------------------------------------------------------------
    def build(self) -> list[Any]:
        story = self.first_page()
        for section in (
            self.chronology(), self.actor(), self.law(), self.evidence(), self.authorities(),
            self.form(), self.analysis(), self.privacy(),
        ):  # fmt: skip
            story += _headed(section)
        return story

    def first_page(self) -> list[Any]:
        c, i = self.c, self.c.incident
        title = Table(
            [
                [self.p(esc(self.t("title")), "cover_title")],
                [self.p(esc(self.t("subtitle", election=self.election())), "cover_sub")],
            ],
            colWidths=[W],
            hAlign="LEFT",
        )
        title.setStyle(
            [
                ("LINEBELOW", (0, -1), (-1, -1), 2, NAVY),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, 0), 0),
                ("BOTTOMPADDING", (0, -1), (-1, -1), 6),
            ]
        )
        study = pick_text(c.study_title, self.lang, "id")
        meta = self.p(
            f"{esc(self.t('incident_ref'))}: <b>{esc(i.id[:8].upper())}</b> · "
            f"{esc(self.t('made'))} {esc(self.date(c.generated.date()))} · {esc(study)}",
            "muted",
        )
        corroboration = self.t(
            "corroboration_text",
            label=label(Corroboration, i.corroboration, self.lang),
            independent=i.independent,
            threshold=i.threshold,
        )
        deadline = esc(
            self.t(
                "deadline_text",
                deadline=self.date(c.deadline),
                days=max(r.days for r in c.rules),
                known=self.date(c.known_on),
            )
        )
        if c.deadline < c.generated.date():
            deadline += f"<br/><i>{esc(self.t('deadline_passed'))}</i>"
        rows = [
            (self.t("event"), f"<b>{esc(cut(c.summary, 600))}</b>"),
            (self.t("actor"), self.actor_line()),
            (self.t("place"), esc(cut(i.site_name))),
            (self.t("time"), esc(self.when())),
            (self.t("stage"), esc(self.stage())),
            (self.t("theme"), esc(pick_text(i.theme_label, self.lang, "id") or i.theme_code)),
        ]
        if c.provisions:
            rows.append((self.t("provisions"), "<br/>".join(self.short(p) for p in c.provisions)))
        if c.favours:
            rows.append((self.t("favours"), esc(cut(c.favours))))
        if i.platform or i.link:
            rows.append(
                (self.t("online"), esc(cut(" ".join(x for x in (i.platform, i.link) if x))))
            )
        rows += [
            (self.t("corroboration"), esc(corroboration)),
            (self.t("report_to"), self.bodies()),
            (self.t("deadline"), deadline),
        ]
        return [title, Spacer(1, 4), meta, Spacer(1, 8), self.kv(rows)]

    def chronology(self) -> list[Any]:
        c = self.c
        events: list[tuple[dt.datetime, str]] = [
            (
                dt.datetime.combine(c.incident.date_start, dt.time()),
                self.t("c_incident", summary=cut(c.summary, 300)),
            )
        ]
        for x in c.lines:
            technique = label(SourceType, x.line.technique, self.lang)
            kind = label(EvidenceKind, x.line.kind, self.lang)
            events.append(
                (x.collected, self.t("c_line", number=x.number, kind=kind, technique=technique))
            )
        known = dt.datetime.combine(c.known_on, dt.time.max)
        deadline = dt.datetime.combine(c.deadline, dt.time.max)
        events += [(known, self.t("c_known")), (deadline, self.t("c_deadline"))]
        events.append((c.generated, self.t("c_made")))
        events.sort(key=lambda e: e[0])
        rows = []
        for at, what in events:
            shown = (
                self.date(at) if at.time() not in (dt.time(), dt.time.max) else self.date(at.date())
            )
            rows.append([esc(shown), esc(what)])
        return [
            Heading(esc(self.t("s_chronology")), self.s["h2"], 0),
            self.table([self.t("c_when"), self.t("c_what")], rows, [5.2 * cm, W - 5.2 * cm]),
        ]

    def actor(self) -> list[Any]:
        a = self.c.actor
        name = a.name or self.t(f"unnamed_{a.why_unnamed or 'no_identity'}")
        rows = [(self.t("a_type"), esc(self.actor_type()))]
        if a.office:
            rows.append((self.t("a_office"), esc(cut(a.office))))
        if a.code:
            rows.append((self.t("a_code"), esc(a.code)))
        rows.append((self.t("a_name"), esc(name)))
        rows.append((self.t("place"), esc(cut(self.c.incident.site_name))))
        return [Heading(esc(self.t("s_actor")), self.s["h2"], 0), self.kv(rows)]

    def law(self) -> list[Any]:
        story: list[Any] = [
            Heading(esc(self.t("s_law")), self.s["h2"], 0),
            self.p(
                esc(self.t("l_scope", election=self.election(), actor=self.actor_type())), "muted"
            ),
        ]
        if not self.c.provisions:
            story.append(self.p(esc(self.t("l_none", election=self.election())), "body"))
            return story
        rows = []
        for prov in self.c.provisions:
            if prov.sanction and prov.sanction != SanctionKind.NONE:
                kind = label(SanctionKind, prov.sanction, self.lang)
                sanction = f"<b>{esc(kind)}</b><br/>{esc(prov.sanction_article)}"
            else:
                sanction = esc(self.t("no_sanction"))
            forbids = esc(prov.forbids)
            if prov.note:
                forbids += f"<br/><i>{esc(prov.note)}</i>"
            rows.append(
                [
                    f"<b>{esc(prov.article or '—')}</b><br/>{esc(prov.regulation)}",
                    forbids,
                    sanction,
                    esc(prov.body),
                ]
            )
        head = [self.t("l_provision"), self.t("l_forbids"), self.t("l_sanction"), self.t("l_body")]
        story.append(self.table(head, rows, [4.2 * cm, 6.2 * cm, 3.6 * cm, W - 14.0 * cm]))
        return story

    def evidence(self) -> list[Any]:
        story: list[Any] = [Heading(esc(self.t("s_evidence")), self.s["h2"], 0)]
        if not self.c.lines:
            story.append(self.p(esc(self.t("e_none")), "body"))
        else:
            rows = [self.evidence_row(x) for x in self.c.lines]
            head = [
                self.t("e_no"), self.t("e_kind"), self.t("e_source"), self.t("e_date"),
                self.t("e_content"),
            ]  # fmt: skip
            story.append(
                self.table(head, rows, [1.0 * cm, 2.4 * cm, 3.6 * cm, 2.6 * cm, W - 9.6 * cm])
            )
            story.append(Spacer(1, 4))
            story.append(self.p(esc(self.t("e_archive")), "muted"))
        if self.c.left_out:
            story.append(self.p(esc(self.t("e_left_out", n=self.c.left_out)), "muted"))
        return story

    def evidence_row(self, x: CaseLine) -> list[str]:
        kind = label(EvidenceKind, x.line.kind, self.lang)
        technique = label(SourceType, x.line.technique, self.lang)
        content = (
            f"<font color='#6B7280'>{esc(cut(x.question, 200))}</font><br/>" if x.question else ""
        )
        content += esc(cut(x.text, 700)) if x.text else ""
        if x.memo:
            content += f"<br/><i>{esc(cut(x.memo, 300))}</i>"
        for f in x.files:
            content += (
                f"<br/><font size=6.5 color='#6B7280'>{esc(f.name)}<br/>"
                f"SHA-256 {f.sha256[:32]}<br/>{f.sha256[32:]}</font>"
            )
        return [
            f"<b>{x.number}</b>",
            f"{esc(kind)}<br/><font color='#6B7280'>{esc(technique)}</font>",
            esc(self.source(x.source)),
            esc(self.date(x.collected)),
            content,
        ]

    def authorities(self) -> list[Any]:
        rows = [
            [
                f"<b>{esc(pick_text(b.name, self.lang, 'id'))}</b>",
                esc(pick_text(b.acts_on, self.lang, "id")),
            ]
            for b in self.c.bodies
        ]
        story: list[Any] = [
            Heading(esc(self.t("s_bodies")), self.s["h2"], 0),
            self.table([self.t("b_body"), self.t("b_role")], rows, [6.0 * cm, W - 6.0 * cm]),
            Spacer(1, 6),
        ]
        c = self.c
        deadline = self.t(
            "deadline_text",
            deadline=self.date(c.deadline),
            days=max(r.days for r in c.rules),
            known=self.date(c.known_on),
        )
        lines = [f"<b>{esc(self.t('deadline'))}: {esc(deadline)}</b>"]
        if c.lines:
            first = c.lines[0]
            lines.append(
                esc(self.t("known_from_line", first=first.number, when=self.date(first.collected)))
            )
        else:
            lines.append(esc(self.t("known_from_incident")))
        for rule in c.rules:
            lines.append(esc(f"{rule.citation} {rule.note}".strip()))
        story.append(KeepTogether([self.p(line, "body") for line in lines]))
        return story

    def form(self) -> list[Any]:
        c, i = self.c, self.c.incident
        witnesses = [
            f"{x.number}: {self.source(x.source)}"
            for x in c.lines
            if x.line.kind in (EvidenceKind.WITNESS, EvidenceKind.OBSERVED)
        ]
        rows = [
            (self.t("f_reporter"), esc(self.t("f_reporter_value"))),
            (self.t("f_reported"), self.actor_line()),
            (self.t("f_event"), esc(cut(c.summary, 600))),
            (self.t("f_time"), esc(f"{self.when()} ({self.stage()})")),
            (self.t("f_place"), esc(cut(i.site_name))),
            (self.t("f_known"), esc(self.date(c.known_on))),
            (
                self.t("f_witnesses"),
                "<br/>".join(esc(w) for w in witnesses) or esc(self.t("f_no_witness")),
            ),
            (
                self.t("f_evidence"),
                esc(
                    self.t("f_evidence_value", numbers=", ".join(x.number for x in c.lines) or "—")
                ),
            ),
        ]
        return [Heading(esc(self.t("s_form")), self.s["h2"], 0), self.kv(rows)]

    def analysis(self) -> list[Any]:
        a = self.c.analysis
        if a.is_empty:
            return []
        story: list[Any] = [Heading(esc(self.t("s_analysis")), self.s["h2"], 0)]
        if a.materials:
            story.append(Heading(esc(self.t("m_heading")), self.s["h3"], 1))
            rows = [
                [esc(label(MaterialKind, m.kind, self.lang)), esc(m.citation), esc(m.note)]
                for m in a.materials
            ]
            head = [self.t("m_kind"), self.t("m_citation"), self.t("m_note")]
            story.append(self.table(head, rows, [3.6 * cm, 8.4 * cm, W - 12.0 * cm]))
        if a.tests:
            story.append(Heading(esc(self.t("t_heading")), self.s["h3"], 1))
            rows = [
                [
                    esc(test.provision),
                    esc(label(Element, test.element, self.lang)),
                    f"<b>{esc(label(ElementVerdict, test.verdict, self.lang))}</b>",
                    esc(test.reasoning),
                    esc(", ".join(self.c.number_of(e) for e in test.evidence)),
                ]
                for test in a.tests
            ]
            head = [
                self.t("t_provision"), self.t("t_element"), self.t("t_verdict"),
                self.t("t_reasoning"), self.t("t_evidence"),
            ]  # fmt: skip
            story.append(
                self.table(head, rows, [3.6 * cm, 2.6 * cm, 2.4 * cm, W - 10.4 * cm, 1.8 * cm])
            )
        return story

    def privacy(self) -> list[Any]:
        c = self.c
        story: list[Any] = [Heading(esc(self.t("s_privacy")), self.s["h2"], 0)]
        if c.role_only:
            story.append(self.p(esc(self.t("p_roles", n=c.role_only)), "body"))
        if any(x.source.code for x in c.lines) or c.actor.code:
            names = self.t("p_names_printed") if c.may_name else self.t("p_names_locked")
            story.append(self.p(esc(self.t("p_named", names=names)), "body"))
        story.append(self.p(esc(self.t("p_redaction")), "body"))
        return story


def _headed(section: list[Any]) -> list[Any]:
    """A section whose headings stay on the page of what follows them."""
    lead = 0
    while lead < len(section) and isinstance(section[lead], Heading):
        lead += 1
    if not section or lead == len(section):
        return section
    return [KeepTogether(section[: lead + 1]), *section[lead + 1 :]]
