"""What every PDF report shares: the embedded DejaVu fonts, the house styles and colours,
escaping of user text, and the page templates (cover, running header, page "x of y",
table of contents and bookmarks)."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    PageTemplate,
    Paragraph,
    Table,
    TableStyle,
)
from reportlab.platypus.tableofcontents import TableOfContents

from neutralitas_desktop import __version__
from neutralitas_desktop.errors import NeutralitasError
from neutralitas_desktop.paths import resources_dir
from neutralitas_desktop.reports.texts import t

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
FONT_ITALIC = "DejaVuSans-Oblique"
FONT_BOLD_ITALIC = "DejaVuSans-BoldOblique"
_FILES = {
    FONT: "DejaVuSans.ttf",
    FONT_BOLD: "DejaVuSans-Bold.ttf",
    FONT_ITALIC: "DejaVuSans-Oblique.ttf",
    FONT_BOLD_ITALIC: "DejaVuSans-BoldOblique.ttf",
}

NAVY = colors.HexColor("#1F3A5F")
ACCENT = colors.HexColor("#2E6DA4")
INK = colors.HexColor("#222222")
MUTED = colors.HexColor("#6B7280")
RULE = colors.HexColor("#C9D3DF")
PALE = colors.HexColor("#F3F6FA")
STANCE_FILL = {
    "violation": colors.HexColor("#F4C7C3"),
    "neutrality": colors.HexColor("#CDE9D6"),
    "unclear": colors.HexColor("#FCE8B2"),
    "": colors.white,
}
STANCE_INK = {
    "violation": colors.HexColor("#A93226"),
    "neutrality": colors.HexColor("#1E8449"),
    "unclear": colors.HexColor("#B7950B"),
}
# A theme's simpulan triangulasi: an attested violation is red, one line amber.
CONCLUSION_FILL = {
    "corroborated": colors.HexColor("#F4C7C3"),
    "single_line": colors.HexColor("#FCE8B2"),
    "contradicted": colors.HexColor("#E8DAEF"),
    "unattested": colors.HexColor("#EEEEEE"),
    "no_incidents": colors.white,
}
SOURCE_COLOURS = {
    "interview": colors.HexColor("#2E6DA4"),
    "observation": colors.HexColor("#E67E22"),
    "documentation": colors.HexColor("#7D3C98"),
}

PAGE = A4
MARGIN = 2.0 * cm
CONTENT_WIDTH = PAGE[0] - 2 * MARGIN


def register_fonts() -> None:
    """Register the shipped DejaVu family once; every report embeds (subsets of) it."""
    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    folder = resources_dir() / "fonts"
    for name, filename in _FILES.items():
        path = folder / filename
        if not path.is_file():
            raise NeutralitasError(f"font missing from the installation: {path}")
        pdfmetrics.registerFont(TTFont(name, str(path)))
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC, boldItalic=FONT_BOLD_ITALIC
    )


def esc(text: object) -> str:
    """User text as Paragraph markup that prints literally (``<b>&`` stays ``<b>&``)."""
    if text is None:
        return ""
    return escape(str(text)).replace("\r\n", "\n").replace("\n", "<br/>")


# Names and labels longer than this are cut: a table row may not outgrow a page.
LABEL_LIMIT = 300


def cut(text: str, limit: int = LABEL_LIMIT) -> str:
    """A name or label for a cell or a heading; a longer one ends in a marker saying how
    many characters were left out."""
    if len(text) <= limit:
        return text
    return f"{text[:limit].rstrip()}… [+{len(text) - limit}]"


def styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    base = ParagraphStyle(
        "body",
        fontName=FONT,
        fontSize=9.5,
        leading=13.5,
        textColor=INK,
        spaceAfter=5,
        bulletFontName=FONT,
    )
    s = {
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=8, leading=10.5, spaceAfter=2),
        "muted": ParagraphStyle(
            "muted", parent=base, fontSize=8, leading=10.5, textColor=MUTED, spaceAfter=2
        ),
        "cell": ParagraphStyle("cell", parent=base, fontSize=8, leading=10, spaceAfter=0),
        "cell_bold": ParagraphStyle(
            "cell_bold", parent=base, fontName=FONT_BOLD, fontSize=8, leading=10, spaceAfter=0
        ),
        "cell_head": ParagraphStyle(
            "cell_head",
            parent=base,
            fontName=FONT_BOLD,
            fontSize=8,
            leading=10,
            spaceAfter=0,
            textColor=colors.white,
        ),
        "cell_center": ParagraphStyle(
            "cell_center", parent=base, fontSize=8, leading=10, spaceAfter=0, alignment=TA_CENTER
        ),
        "matrix_cell": ParagraphStyle(
            "matrix_cell", parent=base, fontSize=7, leading=9, spaceAfter=0, alignment=TA_CENTER
        ),
        "h1": ParagraphStyle(
            "h1",
            parent=base,
            fontName=FONT_BOLD,
            fontSize=16,
            leading=20,
            textColor=NAVY,
            spaceBefore=6,
            spaceAfter=10,
        ),
        "h2": ParagraphStyle(
            "h2",
            parent=base,
            fontName=FONT_BOLD,
            fontSize=12.5,
            leading=16,
            textColor=NAVY,
            spaceBefore=12,
            spaceAfter=6,
        ),
        "h3": ParagraphStyle(
            "h3",
            parent=base,
            fontName=FONT_BOLD,
            fontSize=10.5,
            leading=14,
            textColor=ACCENT,
            spaceBefore=8,
            spaceAfter=4,
        ),
        "quote": ParagraphStyle(
            "quote",
            parent=base,
            fontName=FONT_ITALIC,
            leftIndent=12,
            borderPadding=(2, 0, 2, 8),
            spaceAfter=1,
        ),
        "attribution": ParagraphStyle(
            "attribution",
            parent=base,
            fontSize=7.5,
            leading=10,
            leftIndent=12,
            textColor=MUTED,
            spaceAfter=7,
        ),
        "bullet": ParagraphStyle(
            "bullet", parent=base, leftIndent=12, bulletIndent=2, spaceAfter=2
        ),
        "cover_title": ParagraphStyle(
            "cover_title",
            parent=base,
            fontName=FONT_BOLD,
            fontSize=26,
            leading=32,
            textColor=NAVY,
            spaceAfter=14,
        ),
        "cover_sub": ParagraphStyle(
            "cover_sub", parent=base, fontSize=14, leading=19, textColor=ACCENT, spaceAfter=24
        ),
        "cover_meta": ParagraphStyle(
            "cover_meta", parent=base, fontSize=10, leading=15, textColor=INK
        ),
        "question": ParagraphStyle(
            "question",
            parent=base,
            fontName=FONT_BOLD,
            fontSize=9.5,
            leading=13,
            spaceBefore=6,
            spaceAfter=2,
            alignment=TA_LEFT,
        ),
        "answer": ParagraphStyle("answer", parent=base, leftIndent=14, spaceAfter=2),
        "hint": ParagraphStyle(
            "hint",
            parent=base,
            fontName=FONT_ITALIC,
            fontSize=8,
            leading=10.5,
            leftIndent=14,
            textColor=MUTED,
            spaceAfter=2,
        ),
        "skip": ParagraphStyle(
            "skip",
            parent=base,
            fontName=FONT_BOLD_ITALIC,
            fontSize=8,
            leading=10.5,
            leftIndent=14,
            textColor=ACCENT,
            spaceAfter=2,
        ),
        "toc1": ParagraphStyle(
            "toc1", parent=base, fontName=FONT_BOLD, fontSize=10, leading=15, leftIndent=0
        ),
        "toc2": ParagraphStyle("toc2", parent=base, fontSize=9, leading=12.5, leftIndent=14),
        "toc3": ParagraphStyle(
            "toc3", parent=base, fontSize=8.5, leading=11.5, leftIndent=28, textColor=MUTED
        ),
    }
    return s


_KEYS = itertools.count(1)


class Heading(Paragraph):
    """A heading that enters the table of contents and the PDF outline."""

    def __init__(self, text: str, style: ParagraphStyle, level: int, toc: bool = True) -> None:
        super().__init__(text, style)
        self.toc_level = level
        self.in_toc = toc
        self.key = f"h{next(_KEYS)}"  # stable over the passes of a multi-pass build


def table_style(*commands: tuple[Any, ...]) -> TableStyle:
    """A table style in the embedded font (reportlab sets a cell's font even when the
    cell holds a Paragraph, and would otherwise pull in Helvetica)."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT), *commands])


def toc(sty: dict[str, ParagraphStyle]) -> TableOfContents:
    table = TableOfContents()
    table.levelStyles = [sty["toc1"], sty["toc2"], sty["toc3"]]
    table.dotsMinLevel = 0
    table.tableStyle = table_style(
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    )
    return table


class NumberedCanvas(Canvas):
    """Draws "Page x of y" once the number of pages is known."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            draw = getattr(self, "_page_footer", None)
            if draw is not None:
                draw(self, total)
            super().showPage()
        super().save()


class ReportDoc(BaseDocTemplate):
    """A4 report: an optional cover page, then pages with a running header and footer."""

    def __init__(
        self,
        path: str | Path,
        *,
        title: str,
        report: str,
        lang: str,
        cover: bool = True,
        subject: str = "",
    ) -> None:
        register_fonts()
        super().__init__(
            str(path),
            pagesize=PAGE,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN + 0.4 * cm,
            bottomMargin=MARGIN,
            title=title,
            author="",
            subject=subject or report,
            creator=f"neutralitas-desktop {__version__}",
            lang=lang,
            initialFontName=FONT,
            initialFontSize=9.5,
        )
        self.report_title = title
        self.report_name = report
        self.lang = lang
        self.generated = dt.datetime.now().replace(microsecond=0)
        frame = Frame(
            MARGIN,
            MARGIN,
            CONTENT_WIDTH,
            PAGE[1] - 2 * MARGIN - 0.4 * cm,
            id="body",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        templates = [PageTemplate("body", [frame], onPage=self._decorate)]
        if cover:
            cover_frame = Frame(MARGIN, MARGIN, CONTENT_WIDTH, PAGE[1] - 2 * MARGIN, id="cover")
            templates.insert(0, PageTemplate("cover", [cover_frame], onPage=self._cover))
        self.addPageTemplates(templates)

    def _cover(self, canvas: Canvas, doc: Any) -> None:
        canvas.saveState()
        canvas.setFillColor(NAVY)
        canvas.rect(0, PAGE[1] - 3.2 * cm, PAGE[0], 3.2 * cm, stroke=0, fill=1)
        canvas.setFillColor(ACCENT)
        canvas.rect(0, PAGE[1] - 3.45 * cm, PAGE[0], 0.25 * cm, stroke=0, fill=1)
        canvas.setFillColor(colors.white)
        canvas.setFont(FONT_BOLD, 11)
        canvas.drawString(MARGIN, PAGE[1] - 1.9 * cm, "neutralitas-desktop")
        canvas.setFont(FONT, 9)
        canvas.drawRightString(PAGE[0] - MARGIN, PAGE[1] - 1.9 * cm, self.report_name)
        canvas.restoreState()
        canvas._page_footer = None

    def _decorate(self, canvas: Canvas, doc: Any) -> None:
        canvas.saveState()
        top = PAGE[1] - MARGIN + 0.5 * cm
        canvas.setFont(FONT, 7.5)
        canvas.setFillColor(MUTED)
        canvas.drawString(MARGIN, top, _fit(self.report_title, 70))
        canvas.drawRightString(PAGE[0] - MARGIN, top, self.report_name)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.6)
        canvas.line(MARGIN, top - 0.2 * cm, PAGE[0] - MARGIN, top - 0.2 * cm)
        canvas.restoreState()
        page = canvas.getPageNumber()
        lang = self.lang
        stamp = f"{t('generated', lang)} {self.generated:%Y-%m-%d %H:%M} · {t('made_with', lang)}"

        def footer(c: Canvas, total: int) -> None:
            c.saveState()
            c.setFont(FONT, 7.5)
            c.setFillColor(MUTED)
            c.setStrokeColor(RULE)
            c.setLineWidth(0.6)
            c.line(MARGIN, MARGIN - 0.45 * cm, PAGE[0] - MARGIN, MARGIN - 0.45 * cm)
            c.drawString(MARGIN, MARGIN - 0.85 * cm, stamp)
            c.drawRightString(
                PAGE[0] - MARGIN,
                MARGIN - 0.85 * cm,
                f"{t('page', lang)} {page} {t('of', lang)} {total}",
            )
            c.restoreState()

        canvas._page_footer = footer

    def afterFlowable(self, flowable: Any) -> None:
        if isinstance(flowable, Heading):
            key = flowable.key
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(
                flowable.getPlainText(),
                key,
                level=flowable.toc_level,
                closed=flowable.toc_level > 0,
            )
            if flowable.in_toc:
                self.notify(
                    "TOCEntry", (flowable.toc_level, flowable.getPlainText(), self.page, key)
                )


def _fit(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def grid(
    rows: list[list[Any]],
    widths: list[float],
    *,
    header: bool = True,
    extra: list[tuple[Any, ...]] | None = None,
) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1 if header else 0, hAlign="LEFT")
    style: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("FONTSIZE", (0, 0), (-1, -1), 8),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if header:
        style += [
            ("BACKGROUND", (0, 0), (-1, 0), NAVY),
            ("TEXTCOLOR", (0, 0), (-1, 0), colors.white),
        ]
    table.setStyle(TableStyle(style + (extra or [])))
    return table
