"""The guard catches what people paste: invisible characters, traditional and variant forms, the star before the
level, star look-alikes — and files of every kind — without new false alarms."""

import io
import zipfile

from django.test import SimpleTestCase
from docx import Document
from openpyxl import Workbook

from shuniu.core.classification import find_marking, find_marking_in_file

CAUGHT = [
    "机\u200b密★",
    "机密\u00ad★5年",
    "秘\u2060密★",
    "绝密\ufeff★长期",
    "機密★",
    "祕密★",
    "秘密級",
    "絕密級文件",
    "★绝密",
    "★ 机密 文件",
    "机密☆",
    "机密⭐",
    "秘密✦",
    "绝密✪",
    "机密✱",
    "机密∗",
    "机密⁎",
    "秘密🌟",
    "机密＊10年",
    "机 密 ★",
    "ｍ机密★".replace("ｍ", ""),
]
ALLOWED = [
    "保守国家秘密",
    "机密文件管理制度",
    "★★★★★ 满意度",
    "商业秘密★",
    "非秘密级",
    "服务评价☆☆☆☆",
    "**加粗的秘密**",
    "秘密投票",
]


def docx_bytes(build) -> bytes:
    document = Document()
    build(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


class MarkingEvasionTests(SimpleTestCase):
    def test_it_catches_pasted_variants(self):
        for text in CAUGHT:
            with self.subTest(text=text):
                self.assertIsNotNone(find_marking(text))

    def test_it_raises_no_new_false_alarms(self):
        for text in ALLOWED:
            with self.subTest(text=text):
                self.assertIsNone(find_marking(text))


class FileScanTests(SimpleTestCase):
    def test_it_scans_every_part_of_a_docx(self):
        def header(d):
            d.add_paragraph("正文干净")
            d.sections[0].first_page_header.add_paragraph("机密★")
            d.sections[0].different_first_page_header_footer = True

        def footer(d):
            d.sections[0].footer.add_paragraph("秘密级")

        def nested(d):
            outer = d.add_table(rows=1, cols=1)
            inner = outer.cell(0, 0).add_table(rows=1, cols=1)
            inner.cell(0, 0).text = "★绝密"

        def split_runs(d):
            p = d.add_paragraph()
            p.add_run("机")
            p.add_run("密")
            p.add_run("★")

        def properties(d):
            d.core_properties.title = "机密★ 年度计划"

        for build in (header, footer, nested, split_runs, properties):
            with self.subTest(build.__name__):
                self.assertIsNotNone(find_marking_in_file("plan.docx", docx_bytes(build)))
        self.assertIsNone(find_marking_in_file("plan.docx", docx_bytes(lambda d: d.add_paragraph("保守国家秘密"))))

    def test_it_scans_text_boxes_and_content_controls(self):
        data = docx_bytes(lambda d: d.add_paragraph("干净"))
        src = zipfile.ZipFile(io.BytesIO(data))
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as dst:
            for item in src.infolist():
                body = src.read(item)
                if item.filename == "word/document.xml":
                    box = (
                        b'<w:p><w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox><w:txbxContent>'
                        b"<w:p><w:r><w:t>\xe6\x9c\xba\xe5\xaf\x86\xe2\x98\x85</w:t></w:r></w:p>"
                        b"</w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>"
                    )
                    body = body.replace(b"<w:sectPr", box + b"<w:sectPr", 1)
                dst.writestr(item, body)
        self.assertEqual(find_marking_in_file("box.docx", out.getvalue()), "机密★")

    def test_it_scans_every_cell_and_sheet_name_of_an_xlsx(self):
        for where in ("cell", "sheet"):
            workbook = Workbook()
            sheet = workbook.active
            sheet["A1"] = "台账"
            if where == "cell":
                workbook.create_sheet("第二页")["C7"] = "秘密★"
            else:
                sheet.title = "绝密级"
            buffer = io.BytesIO()
            workbook.save(buffer)
            with self.subTest(where):
                self.assertIsNotNone(find_marking_in_file("台账.xlsx", buffer.getvalue()))

    def test_it_reads_text_files_in_utf8_and_gbk(self):
        for data in ("编号,内容\n1,机密★\n".encode(), "\ufeff机密★".encode(), "编号,内容\n1,秘密★\n".encode("gbk")):
            with self.subTest(data=data[:8]):
                self.assertIsNotNone(find_marking_in_file("list.csv", data))
        self.assertIsNone(find_marking_in_file("list.txt", "保守国家秘密".encode("gb18030")))

    def test_it_reads_zip_members_and_the_file_name(self):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("说明.txt", "干净")
            archive.writestr("附件/内容.txt", "秘密★")
        self.assertIsNotNone(find_marking_in_file("材料.zip", buffer.getvalue()))
        self.assertEqual(find_marking_in_file("机密★通知.pdf", b"%PDF-1.4"), "机密★")

    def test_it_reads_a_pdf_text_layer(self):
        from pypdf import PdfWriter
        from pypdf.generic import NameObject

        writer = PdfWriter()
        writer.add_blank_page(width=200, height=200)
        writer.add_metadata({"/Title": "绝密级 文件"})
        buffer = io.BytesIO()
        writer.write(buffer)
        self.assertEqual(find_marking_in_file("report.pdf", buffer.getvalue()), "绝密级")
        del NameObject

    def test_it_refuses_a_broken_office_file(self):
        with self.assertRaises(ValueError):
            find_marking_in_file("broken.docx", b"not a zip")


class BrokenFileTests(SimpleTestCase):
    def test_it_lets_a_pdf_without_a_readable_text_layer_pass_like_a_scan(self):
        self.assertIsNone(find_marking_in_file("x.pdf", b"%PDF-1.7 garbage"))
