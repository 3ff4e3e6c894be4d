"""An outgoing document as a .docx in the GB/T 9704-2012 layout (SPEC §6), the elements of 第九条 where present:
份号 (six digits, line 1) and 紧急程度 (黑体, the lines below it; 密级 never: the guard keeps marked text out), the red
发文机关标志 with its top edge 35 mm below the type area's top, the 发文字号 two lines below it (上行文: the 文号
one character in from the left, the 签发人 in 3号楷体 one character in from the right) with the red rule 4 mm under it,
the title (2号小标宋) two lines below the rule, 主送, the body (3号仿宋; 一、 in 黑体, （一） in 楷体), 附件说明,
署名 and 成文日期 in Arabic numerals (four characters in from the right), 附注, and the 版记 (抄送, 印发机关 and
印发日期 between 0.35 mm outer and a 0.25 mm inner rule) at the foot of an even page; page numbers "— n —" in 4号宋体
7 mm below the type area, odd pages right and even pages left, one character in."""

from __future__ import annotations

import math
import re
from typing import Any

from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt, RGBColor

from shuniu.core.docx_render import (
    BODY_FONT,
    HEADING_FONT,
    KAI_FONT,
    LINE_PITCH,
    RED,
    SIZE_2,
    SIZE_3,
    SIZE_4,
    TEXT_WIDTH_DXA,
    TITLE_FONT,
    OfficialDocument,
    clean,
    date_cn,
    display_width,
    set_font,
)
from shuniu.documents.models import Outgoing, Urgency

MARK_TOP = Mm(35)  # 发文机关标志: top edge below the type area's top
RULE_GAP_PT = 11  # the red rule 4 mm (11.3 pt) under the 文号
LINES_PER_PAGE = 22
HALF_WIDTHS_PER_LINE = 56  # 28 characters of 3号
CHAR = Pt(16)  # one character of 3号
CHAR_4 = Pt(14)  # one character of 4号
OUTER_RULE, INNER_RULE = 8, 6  # eighths of a point: 1 pt ≈ 0.35 mm, 0.75 pt ≈ 0.25 mm
SONG = "宋体"
# The children of w:pPr that come after w:pBdr (ECMA-376 order): a border inserted before them keeps Word happy.
PBDR_SUCCESSORS = (
    "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct",
    "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind",
    "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
    "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip
TYPE_AREA_HEIGHT_DXA = 12756  # 225 mm
LINE_DXA = 579  # 28.95 pt
FRAME_SUCCESSORS = ("w:widowControl", "w:numPr", "w:suppressLineNumbers", "w:pBdr", *PBDR_SUCCESSORS)
LEVEL1 = re.compile(r"^[一二三四五六七八九十]+、")
LEVEL2 = re.compile(r"^（[一二三四五六七八九十]+）")


class GbtDocument(OfficialDocument):
    """OfficialDocument with the 公文's own elements and a line count to place the 版记 on an even page."""

    def __init__(self) -> None:
        super().__init__()
        self.lines = 0.0  # lines of 28.95 pt used so far (to place the 版记)
        section = self.doc.sections[0]
        section.footer_distance = Mm(23)  # the number's line (4号, 14 pt ≈ 4.9 mm) starts 7 mm below the type area
        self.doc.settings.odd_and_even_pages_header_footer = True
        self._page_numbers(section)

    def _page_numbers(self, section: Any) -> None:
        """ "— n —": odd pages at the right, even pages at the left, one character in."""
        for footer, align in (
            (section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
            (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
        ):
            footer.is_linked_to_previous = False
            paragraph = footer.paragraphs[0]
            for run in list(paragraph.runs):
                run._element.getparent().remove(run._element)
            paragraph.alignment = align
            fmt = paragraph.paragraph_format
            fmt.line_spacing_rule, fmt.line_spacing = WD_LINE_SPACING.EXACTLY, Pt(14)
            if align == WD_ALIGN_PARAGRAPH.RIGHT:
                fmt.right_indent = CHAR_4
            else:
                fmt.left_indent = CHAR_4
            set_font(paragraph.add_run("— "), SONG, SIZE_4)
            run = paragraph.add_run()
            set_font(run, SONG, SIZE_4)
            for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
                element = OxmlElement("w:fldChar" if kind else "w:instrText")
                if kind:
                    element.set(qn("w:fldCharType"), kind)
                else:
                    element.set(qn("xml:space"), "preserve")
                    element.text = text
                run._element.append(element)
            set_font(paragraph.add_run(" —"), SONG, SIZE_4)

    def line(
        self,
        text: str = "",
        *,
        font: str = BODY_FONT,
        size: Any = SIZE_3,
        align: Any = None,
        indent: bool = False,
        left: Any = None,
        right: Any = None,
        color: str = "",
    ) -> Any:
        """One paragraph on the 22-line grid; counts the lines it takes."""
        paragraph = self._paragraph(align, indent=indent)
        fmt = paragraph.paragraph_format  # type: ignore[attr-defined]
        if left is not None:
            fmt.left_indent = left
        if right is not None:
            fmt.right_indent = right
        if text:
            run = paragraph.add_run(clean(text))  # type: ignore[attr-defined]
            set_font(run, font, size)
            if color:
                run.font.color.rgb = RGBColor.from_string(color)
        room = HALF_WIDTHS_PER_LINE - (4 if indent else 0)
        self.lines += max(1, math.ceil(display_width(text) / room)) if text else 1
        return paragraph

    def imprint(self, lines: list[str]) -> None:
        """The 版记: each line a frame at a fixed height above the bottom of the type area, so that the last rule
        lies on its lower edge whatever the text above; the first rule 0.35 mm, the rules between 0.25 mm, the last
        0.35 mm, each the type area's width. (Word and LibreOffice both place a framed paragraph exactly.)"""
        below = 0
        placed = []
        for text in reversed(lines):
            below += _rows_of(text) * LINE_DXA + 30
            placed.append((text, TYPE_AREA_HEIGHT_DXA - below))
        placed.reverse()
        for i, (text, top) in enumerate(placed):
            paragraph = self.line("", size=SIZE_4, left=CHAR_4, right=CHAR_4)
            p_pr = paragraph._p.get_or_add_pPr()
            frame = parse_xml(
                f'<w:framePr {nsdecls("w")} w:w="{TEXT_WIDTH_DXA}" w:hSpace="0" w:wrap="around" w:vAnchor="margin" '
                f'w:hAnchor="margin" w:xAlign="center" w:y="{top}"/>'
            )
            p_pr.insert_element_before(frame, *FRAME_SUCCESSORS)
            paragraph.paragraph_format.tab_stops.add_tab_stop(Mm(156) - CHAR_4 * 2, WD_TAB_ALIGNMENT.RIGHT)
            self.rule(paragraph, color="000000", size=OUTER_RULE if i == 0 else INNER_RULE, side="top")
            if i == len(placed) - 1:
                self.rule(paragraph, color="000000", size=OUTER_RULE, side="bottom")
            set_font(paragraph.add_run(clean(text)), BODY_FONT, SIZE_4)

    def rule(self, paragraph: Any, *, color: str, size: int, side: str = "bottom", space: int = 1) -> None:
        """A paragraph border (the red rule, the 版记's rules), in the order the schema wants."""
        p_pr = paragraph._p.get_or_add_pPr()
        borders = p_pr.find(qn("w:pBdr"))
        if borders is None:
            borders = OxmlElement("w:pBdr")
            p_pr.insert_element_before(borders, *PBDR_SUCCESSORS)
        borders.append(
            parse_xml(f'<w:{side} {nsdecls("w")} w:val="single" w:sz="{size}" w:space="{space}" w:color="{color}"/>')
        )


def _mark_size(mark: str) -> Pt:
    """The 发文机关标志 as large as 小初 allows within the 156 mm type area."""
    width = max(display_width(mark) / 2, 1)
    return Pt(min(36, int(430 / width)))


def render(outgoing: Outgoing, *, copy_number: int = 1) -> bytes:
    doc = GbtDocument()
    top_lines = 0
    if outgoing.with_copy_numbers:
        doc.line(f"{copy_number:06d}", font=HEADING_FONT)
        top_lines += 1
    if outgoing.urgency:
        doc.line(str(Urgency(outgoing.urgency).label), font=HEADING_FONT)
        top_lines += 1
    prefix = outgoing.prefix
    size = _mark_size(prefix.mark)
    mark = doc.line(prefix.mark, font=TITLE_FONT, size=size, align=WD_ALIGN_PARAGRAPH.CENTER, color=RED)
    fmt = mark.paragraph_format
    fmt.line_spacing = Pt(int(size.pt * 1.25))
    fmt.space_before = Pt(max(MARK_TOP.pt - top_lines * LINE_PITCH.pt, 0))
    doc.lines = (MARK_TOP.pt + size.pt * 1.25) / LINE_PITCH.pt
    doc.line()
    doc.line()
    number = outgoing.doc_number or "　"
    if outgoing.upward:
        para = doc.line("")
        para.paragraph_format.tab_stops.add_tab_stop(Mm(156) - CHAR, WD_TAB_ALIGNMENT.RIGHT)
        set_font(para.add_run("　" + clean(number) + "\t"), BODY_FONT, SIZE_3)
        set_font(para.add_run("签发人："), BODY_FONT, SIZE_3)
        signer = outgoing.signer_name + ("（代）" if outgoing.signed_as_delegate else "")
        set_font(para.add_run(clean(signer)), KAI_FONT, SIZE_3)
    else:
        para = doc.line(number, align=WD_ALIGN_PARAGRAPH.CENTER)
    doc.rule(para, color=RED, size=12, space=RULE_GAP_PT)
    doc.lines += (RULE_GAP_PT + 1.5) / LINE_PITCH.pt  # the rule and its gap make that line taller
    doc.line()
    doc.line()
    doc.line(outgoing.title, font=TITLE_FONT, size=SIZE_2, align=WD_ALIGN_PARAGRAPH.CENTER)
    doc.line()
    if outgoing.main_recipients:
        doc.line("、".join(outgoing.recipient_list) + "：")
    for text in (outgoing.body or "").splitlines():
        text = text.strip()
        if not text:
            continue
        font = HEADING_FONT if LEVEL1.match(text) else KAI_FONT if LEVEL2.match(text) else BODY_FONT
        doc.line(text, font=font, indent=True)
    names = outgoing.attachment_names
    if names:
        doc.line()
        if len(names) == 1:
            doc.line(f"附件：{names[0]}", indent=True)
        else:
            doc.line(f"附件：1.{names[0]}", indent=True)
            for i, name in enumerate(names[1:], start=2):
                doc.line(f"{i}.{name}", left=CHAR * 5)
    doc.line()
    doc.line()
    day = date_cn(outgoing.issued_on) if outgoing.issued_on else "　年　月　日"
    date_chars = display_width(day) / 2
    issuer_chars = display_width(prefix.issuer) / 2
    doc.line(prefix.issuer, align=WD_ALIGN_PARAGRAPH.RIGHT, right=Pt(16 * max(4 + (date_chars - issuer_chars) / 2, 0)))
    doc.line(day, align=WD_ALIGN_PARAGRAPH.RIGHT, right=CHAR * 4)
    if outgoing.note:
        note = outgoing.note.strip()
        doc.line(note if note.startswith("（") else f"（{note}）", indent=True)
    _imprint(doc, outgoing)
    return doc.to_bytes()


def _imprint(doc: GbtDocument, outgoing: Outgoing) -> None:
    """版记 at the foot of an even page (GB/T 9704 §7.4, §8): a frame anchored to the bottom of the type area, on the
    same page when the text ends on an even page with room for it, else after a section break to the next even page
    (Word and LibreOffice insert the blank page when one is needed); its first and last rules 0.35 mm, the one between
    0.25 mm."""
    cc = "、".join(p.strip() for p in re.split(r"[，,、；;\n]+", outgoing.cc or "") if p.strip())
    rows = (math.ceil((display_width(cc) + 6) / 50) if cc else 0) + 1
    used = math.ceil(doc.lines - 0.01)
    page = max(1, math.ceil(used / LINES_PER_PAGE))
    free = page * LINES_PER_PAGE - used
    if page % 2 == 1 or free < rows + 2:  # two lines to spare for the estimate
        doc.doc.add_section(WD_SECTION.EVEN_PAGE)
    day = outgoing.sealed_at or outgoing.issued_on
    if hasattr(day, "date"):
        from django.utils import timezone

        day = timezone.localtime(day).date()  # type: ignore[arg-type]
    printed = f"{date_cn(day)}印发" if day else "　年　月　日印发"
    lines = ([f"抄送：{cc}。"] if cc else []) + [f"{clean(outgoing.prefix.issuer)}\t{printed}"]
    doc.imprint(lines)


def _rows_of(text: str) -> int:
    """Lines a 版记 row takes: 4号 in the type area less a character on each side (about 59 half-widths)."""
    return max(1, math.ceil(display_width(text.replace("\t", "　　")) / 58))
