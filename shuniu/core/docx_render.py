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
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt, RGBColor

TITLE_FONT, BODY_FONT, HEADING_FONT, KAI_FONT = "方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312"
SIZE_2, SIZE_3, SIZE_4, SIZE_XIAOCHU = Pt(22), Pt(16), Pt(14), Pt(36)
LINE_PITCH = Pt(28.95)  # 225 mm / 22 lines
RED = "E60012"  # the red of 版头 and 分隔线
TEXT_WIDTH_DXA = 8845  # the type area's 156 mm in twentieths of a point
TABLE_FONT_PT = 10.5  # 五号 in tables: a five-column table would not fit the 28-character line of 3号


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


set_font = _font  # for modules laying out their own elements (办文's 版头, 版记)


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

    def masthead(self, name: str, issue: str, issuer: str, issued_on: str) -> None:
        """The 版头 of a bulletin or periodical: its name in red 小标宋, the 期号, then the issuer on the left and the
        date on the right above a red rule (GB/T 9704 §7.2 and the 简报 practice)."""
        head = self._paragraph(WD_ALIGN_PARAGRAPH.CENTER)
        head.paragraph_format.line_spacing = Pt(54)  # type: ignore[attr-defined]
        run = head.add_run(clean(name))  # type: ignore[attr-defined]
        _font(run, TITLE_FONT, SIZE_XIAOCHU)
        run.font.color.rgb = RGBColor.from_string(RED)
        run.font.spacing = Pt(6)
        _font(self._paragraph(WD_ALIGN_PARAGRAPH.CENTER).add_run(clean(issue)), BODY_FONT, SIZE_3)  # type: ignore[attr-defined]
        line = self._paragraph()
        line.paragraph_format.tab_stops.add_tab_stop(Mm(156), WD_TAB_ALIGNMENT.RIGHT)  # type: ignore[attr-defined]
        _font(line.add_run(f"{clean(issuer)}\t{clean(issued_on)}"), BODY_FONT, SIZE_3)  # type: ignore[attr-defined]
        borders = parse_xml(
            f'<w:pBdr {nsdecls("w")}><w:bottom w:val="single" w:sz="18" w:space="4" w:color="{RED}"/></w:pBdr>'
        )
        line._p.get_or_add_pPr().append(borders)  # type: ignore[attr-defined]
        self.blank()

    def signatures(self, blocks: Sequence[tuple[str, str, str]]) -> None:
        """Signature blocks, two to a row: (who, what they do there: 签名 / 盖章, the date or "" for a blank one)."""
        cells = [
            f"{clean(who)}\n{clean(mark)}：\n\n{clean(day) or '　　　　　　　年　　月　　日'}"
            for who, mark, day in blocks
        ]
        rows = [cells[i : i + 2] + [""] * (2 - len(cells[i : i + 2])) for i in range(0, len(cells), 2)]
        self.blank()
        self.table(["", ""], rows, borders=False, show_header=False, size_pt=14)

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

    def table(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[object]],
        *,
        borders: bool = True,
        show_header: bool = True,
        size_pt: float = TABLE_FONT_PT,
    ) -> None:
        """A table the width of the type area, its columns sized to their content, the header row repeated on every
        page, with the `w:tblGrid` Word and python-docx need; built as one XML fragment because a bulletin may list
        thousands of rows."""
        widths = column_widths(
            [header, *rows] if show_header else list(rows), TEXT_WIDTH_DXA, header_rows=int(show_header)
        )
        line = "single" if borders else "nil"
        xml = [
            f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblW w:w="{TEXT_WIDTH_DXA}" w:type="dxa"/>'
            '<w:jc w:val="center"/><w:tblLayout w:type="fixed"/><w:tblBorders>'
            + "".join(
                f'<w:{side} w:val="{line}" w:sz="4" w:space="0" w:color="000000"/>'
                for side in ("top", "left", "bottom", "right", "insideH", "insideV")
            )
            + '</w:tblBorders><w:tblCellMar><w:left w:w="80" w:type="dxa"/><w:right w:w="80" w:type="dxa"/>'
            "</w:tblCellMar></w:tblPr><w:tblGrid>" + "".join(f'<w:gridCol w:w="{w}"/>' for w in widths) + "</w:tblGrid>"
        ]
        if show_header:
            xml.append(_row_xml(header, HEADING_FONT, widths, is_header=True, size_pt=size_pt))
        xml.extend(_row_xml(row, BODY_FONT, widths, size_pt=size_pt) for row in rows)
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


def display_width(value: object) -> int:
    """Characters as a page measures them: a Chinese character is two wide."""
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in clean(value))


HALF_WIDTH_DXA = int(TABLE_FONT_PT * 12)  # a Latin character, half a Chinese one (0.6 em: some fonts have wide digits)
CELL_PADDING_DXA = 300  # the cell margins (2 × 80) and a little air


def column_widths(rows: Sequence[Sequence[object]], total: int, sample: int = 500, header_rows: int = 0) -> list[int]:
    """Column widths (dxa) summing to `total`, sized to content. Codes, dates and numbers (columns of plain ASCII)
    get their natural width and never wrap; the text columns share the rest in proportion to their length, each at
    least four Chinese characters wide; everything is scaled up when it all fits."""
    columns = max((len(r) for r in rows), default=0)
    if not columns:
        return []
    minimum = 8 * HALF_WIDTH_DXA + CELL_PADDING_DXA
    natural = [minimum] * columns
    rigid = [True] * columns
    for number, row in enumerate(rows[:sample]):
        for i, value in enumerate(row):
            text = clean(value)
            longest = max((display_width(line) for line in text.split("\n")), default=0)
            natural[i] = max(natural[i], min(longest, 80) * HALF_WIDTH_DXA + CELL_PADDING_DXA)
            rigid[i] = rigid[i] and (number < header_rows or text.isascii())
    if sum(natural) <= total:
        scale = total / sum(natural)
        widths = [int(w * scale) for w in natural]
    else:
        room = total - sum(natural[i] for i in range(columns) if rigid[i])
        flexible = [i for i in range(columns) if not rigid[i]]
        weight = sum(natural[i] for i in flexible) or 1
        widths = [natural[i] if rigid[i] else max(int(room * natural[i] / weight), minimum) for i in range(columns)]
        if sum(widths) > total:  # too many rigid columns even so: everything shrinks alike
            scale = total / sum(widths)
            widths = [int(w * scale) for w in widths]
    widths[-1] += total - sum(widths)
    return widths


def _cell_xml(value: object, font: str, width: int, size_pt: float = TABLE_FONT_PT) -> str:
    size = int(size_pt * 2)
    paragraphs = "".join(
        f'<w:p><w:pPr><w:spacing w:before="0" w:after="0"/></w:pPr><w:r><w:rPr>'
        f'<w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:eastAsia="{font}"/><w:sz w:val="{size}"/></w:rPr>'
        f'<w:t xml:space="preserve">{escape(line)}</w:t></w:r></w:p>'
        for line in (clean(value).split("\n") or [""])
    )
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>{paragraphs}</w:tc>'


def _row_xml(
    values: Sequence[object], font: str, widths: Sequence[int], is_header: bool = False, size_pt: float = TABLE_FONT_PT
) -> str:
    cells = "".join(_cell_xml(v, font, w, size_pt) for v, w in zip(values, widths, strict=False))
    properties = "<w:cantSplit/>" + ("<w:tblHeader/>" if is_header else "")
    return f"<w:tr><w:trPr>{properties}</w:trPr>{cells}</w:tr>"


def date_cn(d: object) -> str:
    """成文日期 in Arabic numerals: 2026年5月8日."""
    return f"{d.year}年{d.month}月{d.day}日"  # type: ignore[attr-defined]


DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def docx_response(content: bytes, filename: str) -> Any:
    """An attachment download of a .docx, its Chinese file name kept (RFC 6266 filename*)."""
    from urllib.parse import quote

    from django.http import HttpResponse

    response = HttpResponse(content, content_type=DOCX_MIME)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response
