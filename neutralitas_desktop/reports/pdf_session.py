"""One field session's transcript: every question as asked and its answer, field notes,
attachments (images scaled onto the page), revisions of edited answers, the consent
record and the review status."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

from reportlab.lib.units import cm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Image, KeepTogether, Paragraph, Spacer, Table

from neutralitas_desktop.fieldwork.redaction import Redactor, redactor_for
from neutralitas_desktop.fieldwork.study import study_time_zone
from neutralitas_desktop.instruments import xpath as ex
from neutralitas_desktop.instruments.form_state import OTHER_CHOICE, OTHER_SUFFIX
from neutralitas_desktop.instruments.model import Group, Node, Question, pick
from neutralitas_desktop.reports import texts
from neutralitas_desktop.reports.instrument_index import repeat_path, typed_value
from neutralitas_desktop.reports.output import CancelFn, ProgressFn, Ticker, atomic_output
from neutralitas_desktop.reports.pdf_common import (
    CONTENT_WIDTH,
    PALE,
    RULE,
    Heading,
    NumberedCanvas,
    ReportDoc,
    esc,
    styles,
    table_style,
)
from neutralitas_desktop.reports.session_queries import SessionDetail, load_session_detail
from neutralitas_desktop.reports.skip_logic import question_refs
from neutralitas_desktop.reports.texts import t
from neutralitas_desktop.store.database import Database
from neutralitas_desktop.vocabulary.time_zones import DEFAULT_TIME_ZONE, StudyTimeZone, to_local

IMAGE_MAX = (9 * cm, 6.5 * cm)


def export_session(
    db: Database,
    target: str | Path,
    session_id: str,
    lang: str | None = None,
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
    anonymize: bool = False,
) -> Path:
    """Write the transcript; anonymised, every text goes through the redaction service and
    images are left out (a screenshot may show a name)."""
    ticker = Ticker(2, progress, cancel)
    detail = load_session_detail(db, session_id)
    lang = lang or detail.session.language or "id"
    redactor = redactor_for(db) if anonymize else None
    story = Transcript(detail, lang, redactor, study_time_zone(db)).build()
    ticker.step()
    with atomic_output(target) as tmp:
        title = pick(detail.instrument.title, lang, detail.instrument.default_language)
        doc = ReportDoc(
            tmp,
            title=f"{title} · {detail.session.informant_code or ''}".rstrip(" ·"),
            report=t("session", lang),
            lang=lang,
            cover=False,
        )
        doc.build(story, canvasmaker=NumberedCanvas)
        ticker.check()
    ticker.finish()
    return Path(target)


class Transcript:
    def __init__(
        self,
        detail: SessionDetail,
        lang: str,
        redactor: Redactor | None = None,
        zone: StudyTimeZone = DEFAULT_TIME_ZONE,
    ) -> None:
        self.zone = zone  # stored times are UTC; the transcript shows the study's zone
        self.d = detail
        self.redactor = redactor
        self.r: Callable[[str], str] = redactor if redactor is not None else str
        self.lang = lang
        self.s = styles()
        self.ins = detail.instrument
        self.refs = question_refs(self.ins)

    def text(self, local: dict[str, str]) -> str:
        return pick(local, self.lang, self.ins.default_language)

    def when(self, value: dt.datetime | None) -> str:
        """A stored (UTC) time as a date and time in the study's zone, named (WIB …)."""
        if value is None:
            return ""
        return f"{texts.long_date(to_local(value, self.zone), self.lang)} {self.zone.value}"

    def p(self, text: str, style: str = "body") -> Paragraph:
        return Paragraph(text, self.s[style])

    def build(self) -> list[Any]:
        s, lang = self.d.session, self.lang
        story: list[Any] = [
            Heading(esc(t("session", lang)), self.s["h1"], 0, toc=False),
            self.p(
                f"<b>{esc(self.text(self.ins.title))}</b> · {esc(t('version', lang))} "
                f"{esc(s.form_version)}",
                "small",
            ),
            Spacer(1, 6),
            self.meta(),
        ]
        story += self.consent()
        story += self.review()
        story.append(Heading(esc(t("answers_heading", lang)), self.s["h2"], 0))
        story += self.nodes(self.ins.children, "", {})
        story += self.strays()
        if self.redactor is not None:
            note = texts.redaction_note(self.redactor.summary(), lang)
            story += [Spacer(1, 8), self.p(esc(note), "muted")]
        return story

    def strays(self) -> list[Any]:
        """Answers to questions the form does not have (e.g. imported data), so that the
        transcript still shows everything the session holds."""
        known = set(self.ins.nodes_by_name())
        keys = [k for k in self.d.answers if k.rsplit("/", 1)[-1] not in known]
        if not keys:
            return []
        out: list[Any] = [self.p(esc(t("other_answers", self.lang)), "h3")]
        for key in sorted(keys):
            state = self.d.answers[key]
            out.append(self.p(esc(key), "question"))
            out.append(self.p(esc(self.r(state.value or "—")), "answer"))
            if state.note:
                note = esc(self.r(state.note))
                out.append(self.p(f"<i>{esc(t('note', self.lang))}: {note}</i>", "hint"))
        return out

    # ---- header blocks -----------------------------------------------------------
    def meta(self) -> Table:
        s, lang = self.d.session, self.lang
        role = ""
        if s.source_role:
            role = f" · {self.text(self.d.role_label) or s.source_role}"
        pairs = [
            (t("session_id", lang), s.id),
            (t("source_type", lang), texts.label(texts.SOURCE_TYPES, s.source_type, lang)),
            (t("site", lang), f"{s.site_name} — {s.site_region}".rstrip(" —")),
            (t("informant", lang), (s.informant_code + role) if s.informant_code else "—"),
            (t("researcher", lang), self.r(s.researcher_name)),
            (t("device", lang), self.r(s.device_name)),
            (t("started", lang), self.when(s.started_at)),
            (
                t("ended", lang),
                self.when(s.ended_at) if s.ended_at else "—",
            ),
            (
                t("duration", lang),
                f"{texts.number(s.duration_minutes, lang, 1)} {t('minutes', lang)}"
                if s.duration_minutes is not None
                else "—",
            ),
            (t("status", lang), texts.label(texts.STATUSES, s.status, lang)),
        ]
        rows = []
        for i in range(0, len(pairs), 2):
            row: list[Any] = []
            for key, value in pairs[i : i + 2]:
                row += [self.p(f"<b>{esc(key)}</b>", "cell"), self.p(esc(value), "cell")]
            rows.append(row + [""] * (4 - len(row)))
        w = CONTENT_WIDTH
        table = Table(rows, colWidths=[w * 0.16, w * 0.34, w * 0.16, w * 0.34], hAlign="LEFT")
        table.setStyle(
            table_style(
                ("BACKGROUND", (0, 0), (0, -1), PALE),
                ("BACKGROUND", (2, 0), (2, -1), PALE),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            )
        )
        return table

    def consent(self) -> list[Any]:
        c, lang = self.d.consent, self.lang
        if c is None:
            return []
        line = (
            f"<b>{esc(t('consent', lang))}:</b> {esc(texts.label(texts.CONSENT, c.status, lang))}"
        )
        if c.method:
            method = texts.label(texts.CONSENT_METHODS, c.method, lang)
            line += f" · <b>{esc(t('method', lang))}:</b> {esc(method)}"
        if c.at:
            line += f" · <b>{esc(t('recorded_at', lang))}:</b> {esc(self.when(c.at))}"
        out = [Heading(esc(t("consent_record", lang)), self.s["h2"], 0), self.p(line, "small")]
        if c.note:
            out.append(self.p(f"<b>{esc(t('note', lang))}:</b> {esc(self.r(c.note))}", "small"))
        return out

    def review(self) -> list[Any]:
        s, lang = self.d.session, self.lang
        out: list[Any] = [
            Heading(esc(t("review", lang)), self.s["h2"], 0),
            self.p(
                f"<b>{esc(t('status', lang))}:</b> "
                f"{esc(texts.label(texts.STATUSES, s.status, lang))}",
                "small",
            ),
        ]
        if s.review_comment:
            comment = esc(self.r(s.review_comment))
            out.append(self.p(f"<b>{esc(t('review_comment', lang))}:</b> {comment}", "small"))
        for r in self.d.reviews:
            where = f" [{esc(r.answer_key)}]" if r.answer_key else ""
            out.append(
                Paragraph(
                    f"{esc(self.r(r.comment))}{where} <font color='#6B7280'>— "
                    f"{esc(self.r(r.author))}, {esc(self.when(r.created_at))}"
                    "</font>",
                    self.s["bullet"],
                    bulletText="•",
                )
            )
        return out

    # ---- questions and answers ---------------------------------------------------
    def nodes(self, nodes: tuple[Node, ...], prefix: str, scope: dict[str, str]) -> list[Any]:
        out: list[Any] = []
        for node in nodes:
            if node.relevant and not self.relevant(node.relevant, scope):
                continue
            if isinstance(node, Group):
                out += self.group(node, prefix, scope)
            elif node.type not in ("note", "calculate") or f"{prefix}{node.name}" in self.d.answers:
                out += self.question(node, prefix)
        return out

    def relevant(self, expression: str, scope: dict[str, str]) -> bool:
        answers = self.d.answers

        def lookup(name: str) -> object:
            if name in scope:
                return scope[name]
            state = answers.get(name)
            return state.value if state is not None and state.value is not None else ""

        try:
            return ex.truthy(ex.evaluate(expression, ex.EvalContext(lookup=lookup)))
        except ex.ExpressionError:
            return True

    def group(self, g: Group, prefix: str, scope: dict[str, str]) -> list[Any]:
        label = esc(self.text(g.label) or g.name)
        if not g.repeat:
            return [self.p(label, "h3"), *self.nodes(g.children, prefix, scope)]
        listing = self.d.answers.get(f"{prefix}{g.name}")
        items = listing.value.split() if listing and listing.value else self._items(prefix, g)
        out: list[Any] = []
        for n, item in enumerate(items, start=1):
            inner = f"{prefix}{g.name}[{item}]/"
            values = {
                k[len(inner) :]: a.value or ""
                for k, a in self.d.answers.items()
                if k.startswith(inner) and "/" not in k[len(inner) :]
            }
            out.append(self.p(f"{label} — {esc(t('item', self.lang))} {n}", "h3"))
            out += self.nodes(g.children, inner, {**scope, **values})
        return out

    def _items(self, prefix: str, g: Group) -> list[str]:
        seen: dict[str, None] = {}
        for key in self.d.answers:
            if key.startswith(f"{prefix}{g.name}["):
                steps = repeat_path(key[len(prefix) :])
                if steps:
                    seen.setdefault(steps[0][1])
        return list(seen)

    def question(self, q: Question, prefix: str) -> list[Any]:
        lang = self.lang
        key = f"{prefix}{q.name}"
        state = self.d.answers.get(key)
        ref = self.refs.get(q.name, "")
        label = esc(self.text(q.label) or q.name)
        out: list[Any] = [self.p(f"{esc(ref)}. {label}" if ref else label, "question")]
        if state is None or state.value is None:
            out.append(
                self.p(f"<font color='#9CA3AF'>— {esc(t('not_answered', lang))}</font>", "answer")
            )
        else:
            out += self.answer(q, state.value, key)
        if state is not None and state.note:
            out.append(self.p(f"<i>{esc(t('note', lang))}: {esc(self.r(state.note))}</i>", "hint"))
        if state is not None and state.has_conflict:
            out.append(self.p(f"<font color='#A93226'>⚠ {esc(t('conflict', lang))}</font>", "hint"))
        revisions = self.d.revisions.get(key, [])
        if len(revisions) > 1:
            out.append(self.revisions(q, revisions))
        return [KeepTogether(out)]

    def answer(self, q: Question, value: str, key: str = "") -> list[Any]:
        if q.type in ("image", "file"):
            return self.attachment(value)
        if q.type == "date":
            typed = typed_value("date", value)
            if isinstance(typed, dt.date):
                value = texts.long_date(typed, self.lang)
        return [self.p(esc(self.value_text(q, value, key)), "answer")]

    def value_text(self, q: Question, value: str | None, key: str = "") -> str:
        if value is None:
            return "—"
        choices = self.ins.choices_for(q)
        if choices is None:
            return self.r(value)
        names = value.split() if q.type == "select_multiple" else [value]
        labels = []
        for name in names:
            choice = choices.get(name)
            if choice is not None:
                labels.append(self.text(choice.label))
            elif name == OTHER_CHOICE:  # "other, specify": its label and the text given
                other = self.d.answers.get(key + OTHER_SUFFIX)
                text = t("other_choice", self.lang)
                labels.append(f"{text}: {self.r(other.value)}" if other and other.value else text)
            else:
                labels.append(self.r(name))
        return "; ".join(labels)

    def attachment(self, sha: str) -> list[Any]:
        lang = self.lang
        file = self.d.attachments.get(sha)
        if file is None:
            return [
                self.p(
                    f"{esc(t('attachment', lang))}: {esc(sha[:16])}… "
                    f"({esc(t('missing_file', lang))})",
                    "answer",
                )
            ]
        caption = self.p(
            f"<font color='#6B7280'>{esc(self.r(file.filename) or sha[:16])} · "
            f"{texts.number(file.size, self.lang)} B · SHA-256 {esc(sha[:12])}…</font>",
            "hint",
        )
        if self.redactor is not None:
            return [self.p(f"<i>{esc(t('image_left_out', lang))}</i>", "hint"), caption]
        if file.mime.startswith("image/"):
            try:
                reader = ImageReader(io.BytesIO(file.data))
                w, h = reader.getSize()
                scale = min(IMAGE_MAX[0] / w, IMAGE_MAX[1] / h, 1.5)
                image = Image(
                    io.BytesIO(file.data), width=w * scale, height=h * scale, hAlign="LEFT"
                )
                image.hAlign = "LEFT"
                return [Spacer(1, 2), _Indented(image), caption]
            except Exception:  # a damaged image still gets its caption
                pass
        return [caption]

    def revisions(self, q: Question, revisions: list[Any]) -> Table:
        lang = self.lang
        people = self.d.people
        rows: list[list[Any]] = [[self.p(f"<b>{esc(t('revisions', lang))}</b>", "cell"), "", ""]]
        for r in revisions:
            who = self.r(people.get(r.researcher_id or "", "") or people.get(r.device_id, ""))
            rows.append(
                [
                    self.p(esc(self.when(r.created_at)), "cell"),
                    self.p(esc(self.value_text(q, r.value)), "cell"),
                    self.p(f"<font color='#6B7280'>{esc(who)}</font>", "cell"),
                ]
            )
        w = CONTENT_WIDTH - 14
        table = Table(rows, colWidths=[w * 0.27, w * 0.5, w * 0.23], hAlign="RIGHT")
        table.setStyle(
            table_style(
                ("SPAN", (0, 0), (-1, 0)),
                ("BACKGROUND", (0, 0), (-1, 0), PALE),
                ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
            )
        )
        return table


class _Indented(Table):
    """A flowable placed at the answers' indent."""

    def __init__(self, flowable: Any) -> None:
        super().__init__([[flowable]], hAlign="LEFT")
        self.setStyle(table_style(("LEFTPADDING", (0, 0), (-1, -1), 14)))
