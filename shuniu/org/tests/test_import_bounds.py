"""Imports are bounded: a size limit, a row limit, a sheet whose declared dimension is huge refused quickly; CSV in
UTF-8 (with or without BOM) and GBK/GB18030 accepted (SPEC §2.6)."""

import io
import time
import zipfile

from django.test import override_settings

from shuniu.org.imports import UNIT_COLUMNS, units_import
from shuniu.org.models import Unit
from shuniu.org.testing import BaseTestCase, xlsx


def named(data: bytes, name: str) -> io.BytesIO:
    buffer = io.BytesIO(data)
    buffer.name = name
    return buffer


class ImportBoundsTests(BaseTestCase):
    def csv_text(self, name="县统计局"):
        header = ",".join(UNIT_COLUMNS[:3])
        return f"{header}\n{name},department,示范县\n"

    def test_it_reads_csv_in_utf8_with_or_without_bom_and_in_gbk(self):
        files = [
            self.csv_text("县统计局").encode(),
            ("\ufeff" + self.csv_text("县审计局")).encode(),
            self.csv_text("县档案馆").encode("gbk"),
        ]
        for data in files:
            with self.subTest(size=len(data)):
                report = units_import(actor=self.sysadmin, fileobj=named(data, "units.csv"))
                self.assertTrue(report.ok, report.errors)
        self.assertEqual(Unit.objects.filter(name__in=["县统计局", "县审计局", "县档案馆"]).count(), 3)

    @override_settings(SHUNIU_MAX_IMPORT_MB=1)
    def test_it_refuses_an_oversize_file(self):
        data = self.csv_text().encode() + b"x" * (1024 * 1024 + 10)
        report = units_import(actor=self.sysadmin, fileobj=named(data, "units.csv"))
        self.assertIn("文件过大", report.errors[0].problem)

    @override_settings(SHUNIU_MAX_IMPORT_ROWS=3)
    def test_it_refuses_too_many_rows_and_creates_nothing(self):
        lines = [",".join(UNIT_COLUMNS[:3])] + [f"单位{i},department,示范县" for i in range(5)]
        report = units_import(actor=self.sysadmin, fileobj=named("\n".join(lines).encode(), "units.csv"))
        self.assertIn("行数超过上限", report.errors[0].problem)
        self.assertFalse(Unit.objects.filter(name__startswith="单位").exists())

    def test_it_refuses_a_huge_declared_dimension_quickly(self):
        source = xlsx([UNIT_COLUMNS[:3], ["县统计局", "department", "示范县"]]).getvalue()
        out = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(source)) as src, zipfile.ZipFile(out, "w") as dst:
            for item in src.infolist():
                body = src.read(item)
                if item.filename.startswith("xl/worksheets/sheet"):
                    body = body.replace(b'<dimension ref="A1:C2"/>', b'<dimension ref="A1:XFD1048576"/>')
                dst.writestr(item, body)
        started = time.monotonic()
        report = units_import(actor=self.sysadmin, fileobj=named(out.getvalue(), "units.xlsx"))
        self.assertLess(time.monotonic() - started, 2)
        self.assertIn("范围过大", report.errors[0].problem)


@override_settings(SHUNIU_IMPORT_BACKGROUND_KB=0)
class BackgroundImportTests(BaseTestCase):
    """A large import does not block the web: it is queued, checked row by row with its progress on a page, and
    written all or none."""

    def upload(self, rows):
        from django.core.files.uploadedfile import SimpleUploadedFile

        data = xlsx(rows).getvalue()
        return SimpleUploadedFile("units.xlsx", data, content_type="application/octet-stream")

    def test_it_imports_a_large_file_in_the_background_with_progress(self):
        from shuniu.core.models import ImportJob

        rows = [UNIT_COLUMNS[:3]] + [[f"后台单位{i}", "县直部门", "示范县"] for i in range(250)]
        self.client.force_login(self.sysadmin)
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post("/org/units/import/", {"file": self.upload(rows)})
        job = ImportJob.objects.get()
        self.assertRedirects(response, f"/imports/{job.code}/", fetch_redirect_response=False)
        job.refresh_from_db()
        self.assertEqual((job.status, job.created, job.total, job.done), ("done", 250, 250, 250))
        self.assertEqual(Unit.objects.filter(name__startswith="后台单位").count(), 250)
        page = self.client.get(f"/imports/{job.code}/")
        self.assertContains(page, "100%")
        self.assertContains(page, "导入成功：新增250条")
        self.client.force_login(self.clerk_a)
        self.assertEqual(self.client.get(f"/imports/{job.code}/").status_code, 404)

    def test_it_writes_nothing_when_a_row_is_bad_and_shows_the_rows(self):
        from shuniu.core.models import ImportJob

        rows = [UNIT_COLUMNS[:3], ["好单位", "县直部门", "示范县"], ["坏单位", "不存在的类型", "示范县"]]
        self.client.force_login(self.sysadmin)
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post("/org/units/import/", {"file": self.upload(rows)})
        job = ImportJob.objects.get()
        self.assertEqual(job.status, "failed")
        self.assertFalse(Unit.objects.filter(name__in=["好单位", "坏单位"]).exists())
        self.assertContains(self.client.get(f"/imports/{job.code}/"), "没有导入任何一行")
