"""Word documents in the GB/T 9704-2012 layout (SPEC §2.7): A4, type area 156×225 mm, 22 lines × 28 characters,
title in 2号方正小标宋简体, body in 3号仿宋_GB2312, page numbers "— 1 —"."""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from typing import Any
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt

TITLE_FONT, BODY_FONT, HEADING_FONT, KAI_FONT = "方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312"
SIZE_2, SIZE_3, SIZE_4 = Pt(22), Pt(16), Pt(14)
LINE_PITCH = Pt(28.95)  # 225 mm / 22 lines


def _font(run: object, name: str, size: Pt, bold: bool = False) -> None:
    run.font.name = name  # type: ignore[attr-defined]
    run.font.size = size  # type: ignore[attr-defined]
    run.font.bold = bold  # type: ignore[attr-defined]
    r_pr = run._element.get_or_add_rPr()  # type: ignore[attr-defined]
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        r_pr.append(fonts)
    fonts.set(qn("w:eastAsia"), name)


def _page_number_footer(section: object) -> None:
    paragraph = section.footer.paragraphs[0]  # type: ignore[attr-defined]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(paragraph.add_run("— "), "宋体", SIZE_4)
    run = paragraph.add_run()
    _font(run, "宋体", SIZE_4)
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._element.append(element)
    _font(paragraph.add_run(" —"), "宋体", SIZE_4)


class OfficialDocument:
    """A document with the 公文 page set-up; add a title, headings, paragraphs and tables, then `to_bytes()`."""

    def __init__(self) -> None:
        self.doc = Document()
        section = self.doc.sections[0]
        section.start_type = WD_SECTION.NEW_PAGE
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(37), Mm(35)
        section.left_margin, section.right_margin = Mm(28), Mm(26)
        _page_number_footer(section)

    def _paragraph(self, align: Any = None, indent: bool = False) -> object:
        paragraph = self.doc.add_paragraph()
        fmt = paragraph.paragraph_format
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = LINE_PITCH
        fmt.space_before = fmt.space_after = Pt(0)
        if indent:
            fmt.first_line_indent = Pt(32)  # two characters of 3号
        if align is not None:
            paragraph.alignment = align
        return paragraph

    def title(self, text: str) -> None:
        _font(self._paragraph(WD_ALIGN_PARAGRAPH.CENTER).add_run(clean(text)), TITLE_FONT, SIZE_2)  # type: ignore[attr-defined]

    def subtitle(self, text: str) -> None:
        _font(self._paragraph(WD_ALIGN_PARAGRAPH.CENTER).add_run(clean(text)), KAI_FONT, SIZE_3)  # type: ignore[attr-defined]

    def blank(self) -> None:
        self._paragraph()

    def heading(self, text: str) -> None:
        _font(self._paragraph(indent=True).add_run(clean(text)), HEADING_FONT, SIZE_3)  # type: ignore[attr-defined]

    def para(self, text: str, *, align_right: bool = False) -> None:
        paragraph = self._paragraph(WD_ALIGN_PARAGRAPH.RIGHT if align_right else None, indent=not align_right)
        _font(paragraph.add_run(clean(text)), BODY_FONT, SIZE_3)  # type: ignore[attr-defined]

    def table(self, header: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
        """A bordered table; built as one XML fragment because a bulletin may list thousands of rows."""
        xml = [
            f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/>'
            "<w:tblBorders>"
            + "".join(
                f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                for side in ("top", "left", "bottom", "right", "insideH", "insideV")
            )
            + "</w:tblBorders></w:tblPr>"
        ]
        xml.append(_row_xml(header, HEADING_FONT))
        xml.extend(_row_xml(row, BODY_FONT) for row in rows)
        xml.append("</w:tbl>")
        table = parse_xml("".join(xml))
        body = self.doc.element.body
        body.insert(len(body) - 1, table)  # before the final sectPr

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return buffer.getvalue()


_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean(text: object) -> str:
    """The text without characters a Word file cannot hold (legacy rows must never make a document fail)."""
    return _XML_ILLEGAL.sub("", "" if text is None else str(text))


def _row_xml(values: Sequence[object], font: str) -> str:
    size = int(SIZE_4.pt * 2)
    cells = "".join(
        f'<w:tc><w:p><w:r><w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:eastAsia="{font}"/>'
        f'<w:sz w:val="{size}"/></w:rPr><w:t xml:space="preserve">{escape(clean(v))}</w:t>'
        "</w:r></w:p></w:tc>"
        for v in values
    )
    return f"<w:tr>{cells}</w:tr>"


def date_cn(d: object) -> str:
    """成文日期 in Arabic numerals: 2026年5月8日."""
    return f"{d.year}年{d.month}月{d.day}日"  # type: ignore[attr-defined]


DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
