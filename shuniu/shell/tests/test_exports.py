"""No live formula in any export, whoever typed the text (an anonymous user's failed login included), and no
control character makes an export fail."""

import io
import zipfile

from openpyxl import load_workbook

from shuniu.core.excel import csv_bytes
from shuniu.governance.requests import services as gov
from shuniu.org.testing import make_unit, make_user
from shuniu.supervision import services
from shuniu.supervision.bulletins import bulletin_issue
from shuniu.supervision.models import Task
from shuniu.supervision.tests.base import D, SupervisionTestCase

HOSTILE = '=HYPERLINK("http://evil.example","点我")'


class HostileExportTests(SupervisionTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.hostile_unit = make_unit("+SUM(1,2)局")
        cls.task = cls.make_task(cls, title=HOSTILE, lead=cls.hostile_unit, start=D(2026, 9, 1), due=D(2026, 9, 30))
        Task.objects.filter(pk=cls.task.pk).update(requirements="@cmd\x0b旧数据里的垂直制表符")
        operator = make_user("operator", cls.office, "operator")
        req = gov.request_receive(
            actor=operator, channel="hotline", request_type="complaint", title="-2+3", content="x", phone="13812341234"
        )
        gov.request_dispatch(actor=operator, req=req, unit=cls.hostile_unit, today=D(2026, 10, 9))

    def assert_no_formula(self, response):
        self.assertEqual(response.status_code, 200, response)
        data = b"".join(response) if hasattr(response, "streaming_content") else response.content
        workbook = load_workbook(io.BytesIO(data))
        cells = [c for ws in workbook.worksheets for row in ws.iter_rows() for c in row]
        self.assertTrue(any(isinstance(c.value, str) and c.value[:1] in "=+-@" for c in cells), "no hostile cell?")
        self.assertFalse([c.coordinate for c in cells if c.data_type == "f"])
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
            self.assertFalse(any(b"<f>" in archive.read(n) or b"<f " in archive.read(n) for n in sheets))

    def test_it_writes_every_export_as_text(self):
        self.client.post("/login/", {"username": "=1+1", "password": "x"})  # lands in the audit log
        bulletin_issue(actor=self.supervisor, month=D(2026, 10, 1), today=D(2026, 11, 2))
        services.commendation_add(
            actor=self.supervisor, unit=self.hostile_unit, level="county", awarded_on=D(2026, 10, 20), reason="=1"
        )
        checks = [
            (self.supervisor, "/supervision/tasks/?export=xlsx"),
            (self.supervisor, "/supervision/bulletins/2026-10/file.xlsx"),
            (self.supervisor, "/supervision/scores/?year=2026&export=xlsx"),
            (self.supervisor, "/governance/rates/?month=2026-10&export=xlsx"),
            (self.sysadmin, "/org/units/?export=xlsx"),
            (self.auditor, "/shell-audit/?export=xlsx"),
        ]
        for user, url in checks:
            with self.subTest(url):
                self.client.force_login(user)
                self.assert_no_formula(self.client.get(url.replace("/shell-audit/", "/audit/")))

    def test_it_assigns_a_task_whose_legacy_text_holds_a_control_character(self):
        Task.objects.filter(pk=self.task.pk).update(title="旧标题\x0b含控制字符")
        self.task.refresh_from_db()
        services.task_assign(actor=self.supervisor, task=self.task)
        self.task.refresh_from_db()
        self.assertEqual(self.task.status, "assigned")

    def test_it_writes_csv_with_a_bom_and_no_live_formula(self):
        data = csv_bytes(["标题"], [[HOSTILE], ["+1"], ["正常"], [5]])
        self.assertTrue(data.startswith("\ufeff".encode()))
        lines = data.decode("utf-8-sig").splitlines()
        self.assertEqual(lines[1], '"\'=HYPERLINK(""http://evil.example"",""点我"")"')
        self.assertEqual(lines[2:], ["'+1", "正常", "5"])
