"""The .docx in the GB/T 9704 layout (issue 13, point 5): each element's font, size and position read back from the
produced XML; one file rendered to PDF by LibreOffice (the browser-test tier) with the 版记 on an even page."""

import datetime as dt
import io
import shutil
import subprocess
import tempfile
import time
import unittest
import zipfile
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn

from shuniu.documents import gbt9704
from shuniu.documents.models import DocPrefix, Outgoing
from shuniu.documents.tests.base import DocumentsTestCase

SOFFICE = shutil.which("soffice")
# the blank page before a 版记 page is part of the document: LibreOffice leaves it out of a PDF unless told
KEEP_BLANK_PAGES = 'pdf:writer_pdf_Export:{"IsSkipEmptyPages":{"type":"boolean","value":"false"}}'
ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts"
LONG = "\n".join(
    [
        "为切实做好岁末年初安全生产工作，经县委同意，现就有关事项通知如下。",
        "一、提高思想认识",
        "（一）强化责任担当。各单位要高度重视。",
    ]
    + [
        "二、全面排查整治隐患",
        "围绕道路交通、消防、燃气、建筑施工、危险化学品等重点行业，开展拉网式排查，建立问题清单、责任清单、整改清单，实行闭环管理。"
        * 3,
    ]
    * 3
)


def paragraphs(data: bytes):
    return Document(io.BytesIO(data)).paragraphs


def find(data: bytes, text: str):
    return next(p for p in paragraphs(data) if p.text.startswith(text))


def font(paragraph, index=0):
    run = paragraph.runs[index]
    east = run._element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia"))
    return east, run.font.size.pt if run.font.size else None


class Sample:
    prefix: DocPrefix

    def document(self, **extra) -> Outgoing:
        values = {
            "title": "关于做好岁末年初安全生产工作的通知",
            "doc_type": "notice",
            "direction": "down",
            "urgency": "jiaji",
            "main_recipients": "各乡镇党委，县直各部门",
            "cc": "县人大常委会办公室，县政府办公室",
            "body": LONG,
            "attachments_note": "隐患排查整治台账\n重点企业名单",
            "note": "此件发至乡科级",
            "issued_on": dt.date(2026, 12, 1),
            "doc_number": "示委办发〔2026〕12号",
            "with_copy_numbers": True,
            "signer_name": "办公室主任",
        }
        values.update(extra)
        document = Outgoing(**values)
        document.prefix = self.prefix
        return document


class GbtLayoutTests(Sample, DocumentsTestCase):
    def test_each_element_font_size_and_position(self):
        data = gbt9704.render(self.document(), copy_number=3)
        ps = paragraphs(data)
        self.assertEqual((ps[0].text, font(ps[0])), ("000003", ("黑体", 16.0)))  # 份号: six digits, line 1
        self.assertEqual((ps[1].text, font(ps[1])), ("加急", ("黑体", 16.0)))  # 紧急程度 below it
        self.assertNotIn("密", "".join(p.text for p in ps[:3]))  # 密级 never
        mark = ps[2]
        self.assertEqual(mark.text, "中共示范县委办公室文件")
        self.assertEqual(mark.runs[0].font.color.rgb, gbt9704.RGBColor.from_string("E60012"))
        self.assertEqual(font(mark)[0], "方正小标宋简体")
        top = 2 * gbt9704.LINE_PITCH.pt + mark.paragraph_format.space_before.pt
        self.assertAlmostEqual(top, 35 / 25.4 * 72, delta=0.5)  # its top 35 mm below the type area's top
        number = find(data, "示委办发〔2026〕12号")
        self.assertEqual(number.alignment, 1)  # centred (下行文)
        index = ps.index(number) if number in ps else [p.text for p in ps].index(number.text)
        self.assertEqual([p.text for p in ps[index - 2 : index]], ["", ""])  # two lines below the mark
        rule = number._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom"))
        self.assertEqual((rule.get(qn("w:color")), rule.get(qn("w:space"))), ("E60012", "11"))  # 4 mm under it
        title = find(data, "关于做好岁末年初")
        self.assertEqual((font(title), title.alignment), (("方正小标宋简体", 22.0), 1))
        self.assertEqual([p.text for p in ps[index + 1 : index + 3]], ["", ""])  # two lines below the rule
        recipients = find(data, "各乡镇党委、县直各部门：")
        self.assertIsNone(recipients.paragraph_format.first_line_indent)  # 顶格
        body = find(data, "为切实做好")
        self.assertEqual((font(body), body.paragraph_format.first_line_indent.pt), (("仿宋_GB2312", 16.0), 32.0))
        self.assertEqual(font(find(data, "一、提高思想认识"))[0], "黑体")
        self.assertEqual(font(find(data, "（一）强化责任担当"))[0], "楷体_GB2312")
        self.assertEqual(find(data, "附件：").text, "附件：1.隐患排查整治台账")
        self.assertTrue(any(p.text == "2.重点企业名单" for p in ps))
        date = find(data, "2026年12月1日")
        self.assertEqual((date.alignment, date.paragraph_format.right_indent.pt), (2, 64.0))  # four characters in
        issuer = ps[[p.text for p in ps].index("2026年12月1日") - 1]
        self.assertEqual(issuer.text, "中共示范县委办公室")
        self.assertEqual(find(data, "（此件发至乡科级）").paragraph_format.first_line_indent.pt, 32.0)
        cc, printed = find(data, "抄送："), find(data, "中共示范县委办公室\t")
        self.assertEqual(cc.text, "抄送：县人大常委会办公室、县政府办公室。")
        self.assertEqual(printed.text, "中共示范县委办公室\t2026年12月1日印发")
        sizes = [
            (b.find(qn("w:top")).get(qn("w:sz")), getattr(b.find(qn("w:bottom")), "get", lambda *_: None)(qn("w:sz")))
            for b in (cc._p.pPr.find(qn("w:pBdr")), printed._p.pPr.find(qn("w:pBdr")))
        ]
        self.assertEqual(sizes, [("8", None), ("6", "8")])  # 0.35 mm outer rules, 0.25 mm between
        frames = [p._p.pPr.find(qn("w:framePr")) for p in (cc, printed)]
        bottom = int(frames[1].get(qn("w:y"))) + gbt9704.LINE_DXA + 30
        self.assertEqual(bottom, gbt9704.TYPE_AREA_HEIGHT_DXA)  # the last rule on the type area's lower edge
        xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
        self.assertIn('<w:type w:val="evenPage"/>', xml)  # this text ends on an odd page: 版记 on the next even one
        settings = zipfile.ZipFile(io.BytesIO(data)).read("word/settings.xml").decode()
        self.assertIn("evenAndOddHeaders", settings)
        section = Document(io.BytesIO(data)).sections[0]
        odd, even = section.footer.paragraphs[0], section.even_page_footer.paragraphs[0]
        self.assertEqual((odd.alignment, odd.paragraph_format.right_indent.pt), (2, 14.0))  # odd pages right
        self.assertEqual((even.alignment, even.paragraph_format.left_indent.pt), (0, 14.0))  # even pages left
        self.assertEqual((odd.runs[0].text, font(odd)), ("— ", ("宋体", 14.0)))
        self.assertAlmostEqual(section.footer_distance.mm, 23, delta=0.1)  # "— n —" 7 mm below the type area

    def test_upward_document_has_the_number_left_and_the_signer_right_in_kaiti(self):
        data = gbt9704.render(
            self.document(
                direction="up",
                doc_type="request",
                title="关于申请专项经费的请示",
                main_recipients="县委",
                signed_as_delegate=True,
            )
        )
        line = find(data, "　示委办发〔2026〕12号")  # one character in from the left
        self.assertEqual(line.text, "　示委办发〔2026〕12号\t签发人：办公室主任（代）")
        self.assertEqual(font(line, 1), ("仿宋_GB2312", 16.0))
        self.assertEqual(font(line, 2), ("楷体_GB2312", 16.0))
        tab = line.paragraph_format.tab_stops[0]
        self.assertAlmostEqual(tab.position.mm, 156 - 16 / 72 * 25.4, delta=0.2)  # one character in from the right

    def test_a_short_document_keeps_the_imprint_on_page_two_and_renders_fast(self):
        started = time.perf_counter()
        data = gbt9704.render(
            self.document(body="请认真贯彻落实。", attachments_note="", cc="", with_copy_numbers=False, urgency="")
        )
        self.assertLess(time.perf_counter() - started, 1.0)
        self.assertEqual(paragraphs(data)[0].text, "中共示范县委办公室文件")

    def test_page_download_for_a_reader_and_not_for_an_outsider(self):
        document = self.signed()
        response = self.api(self.head_a, "get", f"/documents/outgoing/{document.code}/file.docx")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(paragraphs(response.content)[0].text, "中共示范县委办公室文件")
        self.assertEqual(
            self.api(self.clerk_b, "get", f"/documents/outgoing/{document.code}/file.docx").status_code, 404
        )


@unittest.skipUnless(SOFFICE, "RENDER TEST SKIPPED: LibreOffice (soffice) is not installed")
class GbtPdfTests(Sample, DocumentsTestCase):
    """LibreOffice renders the document: an even number of pages, the 版记 on the last; PNGs in test-artifacts/."""

    def test_rendered_by_libreoffice_with_the_imprint_on_an_even_last_page(self):
        ARTIFACTS.mkdir(exist_ok=True)
        for name, document in (
            ("outgoing-down", self.document()),
            ("outgoing-up", self.document(direction="up", body="请审批。")),
        ):
            with tempfile.TemporaryDirectory() as tmp:
                source = Path(tmp) / f"{name}.docx"
                source.write_bytes(gbt9704.render(document))
                subprocess.run(  # noqa: S603
                    [
                        SOFFICE,
                        f"-env:UserInstallation=file://{tmp}/lo",
                        "--headless",
                        "--convert-to",
                        "pdf",
                        "--outdir",
                        tmp,
                        str(source),
                    ],
                    check=True,
                    capture_output=True,
                    timeout=180,
                )
                pdf = Path(tmp) / f"{name}.pdf"
                shutil.copy(pdf, ARTIFACTS / pdf.name)
                if not shutil.which("pdftotext"):
                    continue
                read = ["pdftotext", "-layout", str(pdf), "-"]
                text = subprocess.run(read, capture_output=True, check=True, text=True).stdout  # noqa: S603
                pages = text.split("\f")[:-1]  # pdftotext ends every page, blank ones too, with a form feed
                self.assertEqual(len(pages) % 2, 0, name)
                self.assertIn("印发", pages[-1], name)
                self.assertRegex(pages[-1], rf"—\s*{len(pages)}\s*—", name)  # numbered as the even page it is
                self.assertIn("中共示范县委办公室文件", pages[0], name)
                images = ["pdftoppm", "-r", "60", "-png", str(pdf), str(ARTIFACTS / name)]
                subprocess.run(images, check=True, timeout=60)  # noqa: S603
