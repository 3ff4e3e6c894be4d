"""Official files that look official (issue 10, point 8): every .docx the product renders opens in python-docx with
a table grid, repeated header rows and content-sized columns, the bulletin has its red masthead; every .xlsx has a
frozen header, widths and numbers as numbers; the browser-test tier renders the bulletin and the mediation agreement
to PDF and PNG with LibreOffice (see test-artifacts/)."""

import io
import shutil
import subprocess
import tempfile
import unittest
from pathlib import Path

from django.core.management import call_command
from django.test import TestCase
from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook

from shuniu.core.browser import ARTIFACTS
from shuniu.governance.legal.services import agreement_docx
from shuniu.governance.models import MediationCase
from shuniu.org.models import User
from shuniu.supervision.bulletins import bulletin_docx, bulletin_xlsx
from shuniu.supervision.models import Bulletin, Task
from shuniu.supervision.notices import assignment_notice_docx

SOFFICE = shutil.which("soffice")


def _agreement(case):
    case.status, case.agreement = "succeeded", "李某于本月15日前拆除加盖部分，王某不再追究。"
    return agreement_docx(case)


def _check_docx(test, content, *, masthead=None):
    document = Document(io.BytesIO(content))  # python-docx reopens it
    for table in document.tables:
        grid = table._tbl.find(qn("w:tblGrid"))
        test.assertIsNotNone(grid, "no w:tblGrid: Word offers a repair and python-docx cannot read columns")
        test.assertEqual(len(grid.findall(qn("w:gridCol"))), len(table.columns))
        widths = [c.width for c in table.columns]
        test.assertTrue(all(w and w > 0 for w in widths), widths)
    if masthead:
        first = document.paragraphs[0]
        test.assertEqual(first.text, masthead)
        test.assertEqual(str(first.runs[0].font.color.rgb), "E60012")
        ruled = [p for p in document.paragraphs[:4] if p._p.pPr is not None and p._p.pPr.find(qn("w:pBdr")) is not None]
        test.assertTrue(ruled, "no red rule under the masthead")
    return document


class OfficialFilesTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("load_demo", "--date", "2026-12-01", stdout=io.StringIO())

    def test_every_docx_reopens_with_a_grid_header_rows_and_sized_columns(self):
        bulletin = Bulletin.objects.order_by("-month").first()
        document = _check_docx(self, bulletin_docx(bulletin), masthead="督查通报")
        table = document.tables[0]
        self.assertIsNotNone(table.rows[0]._tr.trPr.find(qn("w:tblHeader")))  # the header repeats on every page
        widths = [c.width for c in table.columns]
        self.assertEqual(len(set(widths)), len(widths), "columns sized to content, not equal")
        self.assertGreater(widths[-1], widths[0])  # the reason column is the widest, the code column is not
        self.assertIn(f"{bulletin.issue_year}年第{bulletin.issue_number}期", document.paragraphs[1].text)
        _check_docx(self, assignment_notice_docx(Task.objects.first(), issued_on=bulletin.month))
        _check_docx(self, _agreement(MediationCase.objects.get()))
        for task in Task.objects.exclude(research_report=""):
            _check_docx(self, task.research_report.read())

    def test_every_xlsx_has_a_frozen_header_widths_and_numbers(self):
        self.client.force_login(User.objects.get(username="director"))
        month = Bulletin.objects.order_by("-month").first().month
        files = {
            "tasks": self.client.get("/supervision/tasks/?export=xlsx").content,
            "bulletin": bulletin_xlsx(Bulletin.objects.order_by("-month").first()),
            "rates": self.client.get(f"/governance/rates/?month={month:%Y-%m}&export=xlsx").content,
            "requests": self.client.get("/governance/requests/?export=xlsx").content,
            "instructions": self.client.get("/supervision/instructions/?export=xlsx").content,
        }
        for name, content in files.items():
            with self.subTest(name):
                sheet = load_workbook(io.BytesIO(content)).active
                self.assertEqual(sheet.freeze_panes, "A2")
                self.assertGreater(sheet.column_dimensions["B"].width, 8)
        rates = load_workbook(io.BytesIO(files["rates"])).active
        self.assertIsInstance(rates["D2"].value, int | float)  # a rate is a number…
        self.assertEqual(rates["D2"].number_format, "0.0%")  # …shown as a percentage


@unittest.skipUnless(SOFFICE, "RENDER TEST SKIPPED: LibreOffice (soffice) is not installed")
class PdfRenderTests(TestCase):
    """The browser-test tier: the files as a printer would see them. PNGs go to test-artifacts/ to be looked at."""

    @classmethod
    def setUpTestData(cls):
        call_command("load_demo", "--date", "2026-12-01", stdout=io.StringIO())

    def test_the_bulletin_and_the_agreement_render_to_pdf(self):
        ARTIFACTS.mkdir(exist_ok=True)
        files = {
            "bulletin": bulletin_docx(Bulletin.objects.order_by("-month").first()),
            "mediation-agreement": _agreement(MediationCase.objects.get()),
        }
        with tempfile.TemporaryDirectory() as tmp:
            for name, content in files.items():
                source = Path(tmp) / f"{name}.docx"
                source.write_bytes(content)
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
                self.assertGreater(pdf.stat().st_size, 5000, name)
                shutil.copy(pdf, ARTIFACTS / pdf.name)
                if shutil.which("pdftoppm"):
                    subprocess.run(  # noqa: S603
                        ["pdftoppm", "-r", "80", "-png", str(pdf), str(ARTIFACTS / name)],  # noqa: S607
                        check=True,
                        timeout=60,
                    )
        self.assertTrue(list(ARTIFACTS.glob("bulletin*.png")))
