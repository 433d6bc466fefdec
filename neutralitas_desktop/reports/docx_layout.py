"""The page and styles Indonesian universities ask of a thesis, for the Word documents:
A4, margins 4-3-3-3 cm, Times New Roman 12 pt, 1.5 line spacing, numbered headings in the
real Word styles Heading 1–3, table captions ("Tabel 4.1 …") in the Caption style above
their tables, and the page number in the footer as a PAGE field.

Using Word's own styles (not direct formatting) is what lets the thesis's table of contents
and list of tables pick the headings and captions up.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from docx import Document as new_document
from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table
from docx.text.paragraph import Paragraph

FONT = "Times New Roman"
BODY_PT = 12


def _font(style: Any, size: float, bold: bool = False, italic: bool = False) -> None:
    style.font.name = FONT
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.italic = italic
    style.font.color.rgb = RGBColor(0, 0, 0)
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        fonts.attrib.pop(qn(attr), None)


def thesis_document(title: str) -> Document:
    """An empty document with the thesis page, styles and footer."""
    doc = new_document()
    doc.core_properties.title = title
    doc.core_properties.author = "neutralitas-desktop"
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin = Cm(4)
    section.top_margin = section.right_margin = section.bottom_margin = Cm(3)
    styles = doc.styles
    normal = styles["Normal"]
    _font(normal, BODY_PT)
    normal.paragraph_format.line_spacing_rule = WD_LINE_SPACING.ONE_POINT_FIVE
    normal.paragraph_format.space_after = Pt(6)
    for level, size in ((1, 14), (2, 12), (3, 12)):
        style = styles[f"Heading {level}"]
        _font(style, size, bold=True, italic=level == 3)
        style.paragraph_format.line_spacing_rule = WD_LINE_SPACING.ONE_POINT_FIVE
        style.paragraph_format.space_before = Pt(12 if level > 1 else 0)
        style.paragraph_format.space_after = Pt(6)
        style.paragraph_format.keep_with_next = True
        if level == 1:
            style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    caption = styles["Caption"]
    _font(caption, BODY_PT, bold=True)
    caption.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    caption.paragraph_format.keep_with_next = True  # a caption stays with its table
    caption.paragraph_format.space_before = Pt(6)
    quote = styles["Quote"]
    _font(quote, 11, italic=True)
    quote.paragraph_format.left_indent = Cm(1)
    quote.paragraph_format.right_indent = Cm(1)
    quote.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    _font(styles["Table Grid"], 10)
    _page_number_footer(section.footer.paragraphs[0])
    return doc


def _field(paragraph: Paragraph, instruction: str, shown: str) -> None:
    """A Word field (PAGE, SEQ …) as begin / instruction / separate / result / end."""
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run._r.append(begin)
    run = paragraph.add_run()
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    run._r.append(text)
    run = paragraph.add_run()
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run._r.append(separate)
    paragraph.add_run(shown)
    run = paragraph.add_run()
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run._r.append(end)


def _page_number_footer(paragraph: Paragraph) -> None:
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _field(paragraph, "PAGE", "1")


class Numbering:
    """Headings and table captions numbered within a chapter: 4.1, 4.1.1, Tabel 4.1."""

    def __init__(self, chapter: str, table_word: str) -> None:
        self.chapter = chapter
        self.table_word = table_word
        self.section = 0
        self.subsection = 0
        self.tables = 0

    def heading(self, doc: Document, text: str, level: int) -> Paragraph:
        if level == 1:
            return doc.add_heading(text, 1)
        if level == 2:
            self.section += 1
            self.subsection = 0
            number = f"{self.chapter}.{self.section}"
        else:
            self.subsection += 1
            number = f"{self.chapter}.{self.section}.{self.subsection}"
        return doc.add_heading(f"{number} {text}", level)

    def caption(self, doc: Document, text: str) -> Paragraph:
        """ "Tabel 4.1 …" in the Caption style, with a SEQ field so Word's list of tables
        and its cross-references know it."""
        self.tables += 1
        paragraph = doc.add_paragraph(style="Caption")
        paragraph.add_run(f"{self.table_word} {self.chapter}.")
        _field(paragraph, f"SEQ {self.table_word} \\* ARABIC", str(self.tables))
        paragraph.add_run(f" {text}")
        return paragraph


def add_table(
    doc: Document, header: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float]
) -> Table:
    """A bordered table with a bold header row that repeats on every page."""
    table = doc.add_table(rows=1, cols=len(header))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    table.rows[0]._tr.get_or_add_trPr().append(repeat)
    for values in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, values, strict=True):
            cell.text = text
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)  # the grid, which LibreOffice reads
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Cm(width)
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
                paragraph.paragraph_format.space_after = Pt(0)
    doc.add_paragraph()
    return table
