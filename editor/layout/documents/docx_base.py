"""The Word document every submission starts from: styles, fonts, tables.

python-docx writes the Office Open XML that Word and WPS read. Chinese text in Word
takes its font from the East Asian attribute (``w:eastAsia`` of ``w:rFonts``); the
default template leaves it to the theme, which shows Chinese in whatever font the
reader's Word picks. So the Normal style and the headings get explicit fonts (宋体 for
text, 黑体 for headings) and the document's East Asian language is zh-CN.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

#: (Latin font, East Asian font) of body text and of headings
BODY_FONTS = ("Times New Roman", "宋体")
HEADING_FONTS = ("Times New Roman", "黑体")
_THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


def set_style_fonts(style, latin: str, east_asian: str, size_pt: float | None = None) -> None:
    """Give ``style`` explicit Latin and East Asian fonts (no theme fonts left over)."""
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in _THEME_ATTRS:  # a theme attribute wins over the explicit font
        fonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attr), latin)
    fonts.set(qn("w:eastAsia"), east_asian)
    if size_pt is not None:
        style.font.size = Pt(size_pt)


def _set_language(style, east_asian: str = "zh-CN") -> None:
    rpr = style.element.get_or_add_rPr()
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), east_asian)


def new_document(title: str) -> DocxDocument:
    """An empty document with the fonts set for Chinese and ``title`` as its title."""
    doc = Document()
    styles = doc.styles
    set_style_fonts(styles["Normal"], *BODY_FONTS, size_pt=12)
    _set_language(styles["Normal"])
    for name, size in (("Title", 20), ("Heading 1", 15), ("Heading 2", 13)):
        set_style_fonts(styles[name], *HEADING_FONTS, size_pt=size)
    doc.core_properties.title = title
    heading = doc.add_heading(title, level=0)
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return doc


def labelled(doc: DocxDocument, label: str, value: str) -> None:
    """One paragraph ``label`` (bold) then ``value``."""
    p = doc.add_paragraph()
    p.add_run(label).bold = True
    p.add_run(value)


def add_table(doc: DocxDocument, header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """A bordered table with a bold header row repeated on every page."""
    table = doc.add_table(rows=1 + len(rows), cols=len(header))
    table.style = doc.styles["Table Grid"]
    cells = table.rows[0].cells
    for cell, text in zip(cells, header, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(str(text)).bold = True
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    tr_pr.append(repeat)
    for r, row in enumerate(rows, start=1):
        for cell, text in zip(table.rows[r].cells, row, strict=True):
            cell.text = str(text)


def to_bytes(doc: DocxDocument) -> bytes:
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
