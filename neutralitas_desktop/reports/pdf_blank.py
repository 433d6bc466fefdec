"""The blank instrument on paper, for when the laptop dies: a header for site, informant
code, date and researcher; every question with boxes for choices and lines for text; and
skip instructions in words taken from the form's ``relevant`` expressions."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table

from neutralitas_desktop.fieldwork.instruments import get_instrument
from neutralitas_desktop.instruments.model import Group, Instrument, Node, Question, pick
from neutralitas_desktop.reports.output import CancelFn, ProgressFn, Ticker, atomic_output
from neutralitas_desktop.reports.pdf_common import (
    CONTENT_WIDTH,
    NAVY,
    PALE,
    RULE,
    Heading,
    NumberedCanvas,
    ReportDoc,
    esc,
    styles,
    table_style,
)
from neutralitas_desktop.reports.skip_logic import SkipWriter, question_refs
from neutralitas_desktop.reports.texts import t
from neutralitas_desktop.store.database import Database

BOX = "☐"
TEXT_LINES = {"text": 1, "long_text": 4}


class WriteLines(Flowable):
    """Ruled lines to write on."""

    def __init__(self, lines: int, width: float, gap: float = 17, indent: float = 14) -> None:
        super().__init__()
        self.lines, self.line_width, self.gap, self.indent = lines, width, gap, indent

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return available_width, self.lines * self.gap + 2

    def draw(self) -> None:
        c = self.canv
        c.setStrokeColor(RULE)
        c.setLineWidth(0.7)
        for i in range(self.lines):
            y = 2 + i * self.gap
            c.line(self.indent, y, self.indent + self.line_width, y)


def export_blank(
    db: Database,
    target: str | Path,
    form: str,
    lang: str = "id",
    version: str | None = None,
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
) -> Path:
    ticker = Ticker(2, progress, cancel)
    _, instrument = get_instrument(db, form, version)
    story = BlankForm(instrument, lang).build()
    ticker.step()
    title = pick(instrument.title, lang, instrument.default_language)
    with atomic_output(target) as tmp:
        doc = ReportDoc(tmp, title=title, report=t("blank", lang), lang=lang, cover=False)
        doc.build(story, canvasmaker=NumberedCanvas)
        ticker.check()
    ticker.finish()
    return Path(target)


class BlankForm:
    def __init__(self, instrument: Instrument, lang: str) -> None:
        self.ins = instrument
        self.lang = lang
        self.s = styles()
        self.refs = question_refs(instrument)
        self.skips = SkipWriter(instrument, lang, self.refs)
        self.order = [node for _, node in instrument.walk()]

    def text(self, local: dict[str, str]) -> str:
        return pick(local, self.lang, self.ins.default_language)

    def build(self) -> list[Any]:
        ins, lang = self.ins, self.lang
        story: list[Any] = [
            Heading(esc(self.text(ins.title)), self.s["h1"], 0, toc=False),
            Paragraph(
                f"<font color='#6B7280'>{esc(ins.id)} · {esc(t('version', lang))} "
                f"{esc(ins.version)}</font>",
                self.s["small"],
            ),
            Spacer(1, 6),
            self.header(),
            Spacer(1, 8),
        ]
        if ins.description:
            story.append(Paragraph(esc(self.text(ins.description)), self.s["small"]))
        story.append(Paragraph(f"<i>{esc(t('paper_note', lang))}</i>", self.s["muted"]))
        story += self.nodes(ins.children, top=True)
        return story

    def header(self) -> Table:
        lang = self.lang
        cells = [
            [t("site", lang), "", t("date", lang), ""],
            [t("informant_code", lang), "", t("researcher", lang), ""],
            [t("time_range", lang), "", "", ""],
        ]
        rows = [
            [Paragraph(f"<b>{esc(c)}</b>", self.s["cell"]) if c else "" for c in row]
            for row in cells
        ]
        w = CONTENT_WIDTH
        table = Table(
            rows, colWidths=[w * 0.22, w * 0.32, w * 0.14, w * 0.32], rowHeights=[22, 22, 22]
        )
        table.setStyle(
            table_style(
                ("BOX", (0, 0), (-1, -1), 1, NAVY),
                ("LINEBELOW", (1, 0), (1, -1), 0.6, RULE),
                ("LINEBELOW", (3, 0), (3, 1), 0.6, RULE),
                ("BACKGROUND", (0, 0), (0, -1), PALE),
                ("BACKGROUND", (2, 0), (2, 1), PALE),
                ("SPAN", (1, 2), (3, 2)),
                ("LINEBELOW", (1, 2), (3, 2), 0.6, RULE),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            )
        )
        return table

    # ---- walking the form --------------------------------------------------------
    def after(self, node: Node) -> str:
        """The reference of the first question after ``node`` and everything in it."""
        index = self.order.index(node)
        end = index + 1 + sum(1 for _ in _descendants(node))
        for later in self.order[end:]:
            if isinstance(later, Question) and later.name in self.refs:
                return self.refs[later.name]
        return self.skips.end()

    def nodes(self, nodes: Sequence[Node], top: bool = False) -> list[Any]:
        out: list[Any] = []
        i = 0
        while i < len(nodes):
            node = nodes[i]
            run = [node]
            if node.relevant:
                while i + len(run) < len(nodes) and nodes[i + len(run)].relevant == node.relevant:
                    run.append(nodes[i + len(run)])
            skip = None
            if node.relevant:
                text = self.skips.instruction(run, self.after(run[-1]))
                skip = Paragraph(f"► {esc(text)}", self.s["skip"])
            for j, member in enumerate(run):
                body = self.node(member, top)
                if j == 0 and skip is not None:
                    body = (
                        [skip, *body]
                        if isinstance(member, Question)
                        else [*body[:1], skip, *body[1:]]
                    )
                out += body
            i += len(run)
        return out

    def node(self, node: Node, top: bool) -> list[Any]:
        if isinstance(node, Group):
            label = esc(self.text(node.label) or node.name)
            heading: Any = (
                Heading(label, self.s["h2"], 0) if top else Paragraph(label, self.s["h3"])
            )
            out: list[Any] = [heading]
            if node.hint:
                out.append(Paragraph(esc(self.text(node.hint)), self.s["hint"]))
            if node.repeat:
                out.append(
                    Paragraph(
                        f"<b>{esc(t('item', self.lang))} ____</b> · "
                        f"<i>{esc(t('repeat_note', self.lang))}</i>",
                        self.s["hint"],
                    )
                )
            return out + self.nodes(node.children)
        return [KeepTogether(self.question(node))] if node.type != "calculate" else []

    def question(self, q: Question) -> list[Any]:
        lang = self.lang
        label = esc(self.text(q.label) or q.name)
        if q.type == "note":
            return [Paragraph(f"<i>{label}</i>", self.s["hint"])]
        ref = self.refs.get(q.name, "")
        required = (
            f" <font color='#A93226'>({esc(t('required', lang))})</font>" if q.required else ""
        )
        out: list[Any] = [Paragraph(f"{esc(ref)}. {label}{required}", self.s["question"])]
        if q.hint:
            out.append(Paragraph(esc(self.text(q.hint)), self.s["hint"]))
        out += self.answer_area(q)
        return out

    def answer_area(self, q: Question) -> list[Any]:
        lang = self.lang
        width = CONTENT_WIDTH - 14
        if q.is_choice or q.type == "consent":
            choices = self.ins.choices_for(q)
            labels = [self.text(c.label) or c.name for c in choices.choices] if choices else []
            if q.other:
                labels.append(f"{t('other_specify', lang)} ____________________")
            how = t("pick_many" if q.type == "select_multiple" else "pick_one", lang)
            if how.rstrip(".").casefold() in self.text(q.hint).casefold():
                return [self.boxes(labels)]  # the hint already says so
            return [Paragraph(f"<i>{esc(how)}</i>", self.s["hint"]), self.boxes(labels)]
        if q.type in TEXT_LINES:
            return [WriteLines(TEXT_LINES[q.type], width)]
        if q.type in ("integer", "decimal", "range"):
            bounds = ""
            if q.parameters.get("start") or q.parameters.get("end"):
                bounds = f" ({q.parameters.get('start', '')}–{q.parameters.get('end', '')})"
            return [Paragraph(f"____________{esc(bounds)}", self.s["answer"])]
        if q.type == "date":
            return [
                Paragraph(
                    "____ / ____ / ________ &nbsp;<font color='#6B7280'>"
                    f"({'tgl/bln/thn' if lang == 'id' else 'dd/mm/yyyy'})</font>",
                    self.s["answer"],
                )
            ]
        if q.type == "time":
            return [Paragraph("____ : ____", self.s["answer"])]
        if q.type == "datetime":
            return [Paragraph("____ / ____ / ________ &nbsp; ____ : ____", self.s["answer"])]
        if q.type in ("image", "file"):
            return [
                Paragraph(f"{esc(t('attach_note', lang))} ____________________", self.s["answer"])
            ]
        if q.type == "acknowledge":
            return [self.boxes(["OK"])]
        return [WriteLines(1, width)]

    def boxes(self, labels: list[str]) -> Table:
        """Tick boxes: in one line when the choices are few and short, else in columns."""
        if len(labels) <= 5 and max((len(x) for x in labels), default=0) <= 16:
            per_row = max(len(labels), 1)
        elif len(labels) > 3 and max(len(x) for x in labels) <= 38:
            per_row = 2
        else:
            per_row = 1
        cells = [Paragraph(f"{BOX}&nbsp; {esc(x)}", self.s["cell"]) for x in labels]
        rows: list[list[Any]] = []
        for start in range(0, len(cells), per_row):
            row: list[Any] = cells[start : start + per_row]
            rows.append(row + [""] * (per_row - len(row)))
        width = (CONTENT_WIDTH - 14) / per_row
        table = Table(rows or [[""]], colWidths=[width] * per_row, hAlign="LEFT")
        table.setStyle(
            table_style(
                ("LEFTPADDING", (0, 0), (-1, -1), 14),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            )
        )
        return table


def _descendants(node: Node) -> list[Node]:
    if not isinstance(node, Group):
        return []
    out: list[Node] = []
    for child in node.children:
        out.append(child)
        out += _descendants(child)
    return out
