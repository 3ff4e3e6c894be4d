"""The 2027 calendar before the State Council's notice reaches the package (issue 10, point 2), with a fake 2027."""

import datetime as dt
import json
from unittest import mock

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from shuniu.audit.models import AuditRecord
from shuniu.core import holidays
from shuniu.core.models import HolidayOverride
from shuniu.core.workdays import explain
from shuniu.governance.models import CitizenRequest
from shuniu.governance.requests.deadlines import deadline_text
from shuniu.org.testing import BaseTestCase, xlsx
from shuniu.supervision import services
from shuniu.supervision.lights import light_of

D = dt.date
FAKE_2027 = {
    "year": 2027,
    "papers": ["国务院办公厅关于2027年部分节假日安排的通知（测试用）"],
    "days": [
        {"name": "元旦", "date": "2027-01-01", "isOffDay": True},
        {"name": "元旦", "date": "2027-01-02", "isOffDay": True},
        {"name": "元旦", "date": "2027-01-03", "isOffDay": True},
        {"name": "春节", "date": "2027-02-06", "isOffDay": False},
    ],
}


def _at(d, hour=10):
    return timezone.make_aware(dt.datetime.combine(d, dt.time(hour)))


class CalendarBannerTests(BaseTestCase):
    def _home(self, day):
        self.client.force_login(self.sysadmin)
        with mock.patch("shuniu.shell.context_processors.timezone.localdate", return_value=day):
            return self.client.get("/").content.decode()

    def test_from_november_the_administrator_is_told_next_year_is_not_covered(self):
        self.assertIn("2027年的节假日安排尚未录入", self._home(D(2026, 11, 1)))
        self.assertNotIn("2027年的节假日安排尚未录入", self._home(D(2026, 10, 31)))
        page = self.client.get("/holidays/").content.decode()
        self.assertIn("2027年：未录入，按周一至周五估算", page)

    def test_the_banner_goes_once_the_year_is_imported(self):
        holidays.overrides_import_holiday_cn(actor=self.sysadmin, raw=json.dumps(FAKE_2027).encode())
        self.assertNotIn("2027年的节假日安排尚未录入", self._home(D(2026, 12, 1)))

    def test_a_liaison_sees_no_banner_and_may_not_import(self):
        self.client.force_login(self.head_a)
        with mock.patch("shuniu.shell.context_processors.timezone.localdate", return_value=D(2026, 12, 1)):
            self.assertNotIn("节假日安排尚未录入", self.client.get("/").content.decode())
        upload = SimpleUploadedFile("2027.json", json.dumps(FAKE_2027).encode())
        self.assertEqual(self.client.post("/holidays/import/", {"file": upload}).status_code, 403)
        self.assertFalse(HolidayOverride.objects.exists())


class EstimateTests(BaseTestCase):
    def test_counting_through_an_uncovered_year_says_it_is_an_estimate(self):
        self.assertIn("按周一至周五估算", explain(D(2026, 12, 28), 5).text)
        self.assertNotIn("按周一至周五估算", explain(D(2026, 10, 8), 3).text)
        self.assertIn("按周一至周五估算", deadline_text(D(2026, 12, 28), "complaint", "normal"))
        task = services.task_register(
            actor=self.supervisor,
            title="跨年事项",
            source="annual",
            lead_unit=self.unit_a,
            start_date=D(2026, 11, 1),
            due_date=D(2027, 3, 31),
        )
        self.assertIn("按周一至周五估算", light_of(task, D(2026, 12, 1)).reason)
        holidays.overrides_import_holiday_cn(actor=self.sysadmin, raw=json.dumps(FAKE_2027).encode())
        self.assertNotIn("按周一至周五估算", explain(D(2026, 12, 28), 5).text)
        self.assertNotIn("按周一至周五估算", light_of(task, D(2026, 12, 1)).reason)


class RecomputeTests(BaseTestCase):
    def _open_request(self, code, dispatched, due, status="accepted"):
        return CitizenRequest.objects.create(
            code=code,
            tracking_code=code[-6:],
            channel="hotline",
            request_type="complaint",
            title="噪音扰民",
            content="夜间施工噪音大。",
            status=status,
            handling_unit=self.unit_a,
            dispatched_at=_at(dispatched),
            due_date=due,
        )

    def test_an_import_moves_the_deadlines_that_count_through_the_changed_days_audited(self):
        # Dispatched Mon 28 Dec 2026, 5 working days: on Monday–Friday, 4 Jan 2027; with 1–3 Jan off, 5 Jan.
        moved = self._open_request("SQ-2026-000001", D(2026, 12, 28), D(2027, 1, 4))
        before = self._open_request("SQ-2026-000002", D(2026, 12, 1), D(2026, 12, 8))  # ends before the change
        done = self._open_request("SQ-2026-000003", D(2026, 12, 28), D(2027, 1, 4), status="closed")
        self.client.force_login(self.sysadmin)
        upload = SimpleUploadedFile("2027.json", json.dumps(FAKE_2027).encode())
        r = self.client.post("/holidays/import/", {"file": upload}, follow=True)
        self.assertContains(r, "1 项截止日期因节假日调整而变化")
        for req, due in ((moved, D(2027, 1, 5)), (before, D(2026, 12, 8)), (done, D(2027, 1, 4))):
            req.refresh_from_db()
            self.assertEqual(req.due_date, due, req.code)
        rec = AuditRecord.objects.get(action="calendar_recompute", object_repr="SQ-2026-000001")
        self.assertEqual(rec.changes["due_date"], ["2027-01-04", "2027-01-05"])
        summary = AuditRecord.objects.get(action="calendar_recompute", object_type="core.holidayoverride")
        self.assertEqual(summary.changes["request_due_dates"], [None, 1])
        self.assertEqual(HolidayOverride.objects.count(), 4)

    def test_an_excel_sheet_imports_and_a_bad_row_writes_nothing(self):
        good = xlsx(
            [["日期", "类型", "节假日名称"], ["2027-01-01", "休息", "元旦"], [dt.datetime(2027, 2, 6), "上班", "春节"]]
        )
        outcome = holidays.overrides_import_sheet(actor=self.sysadmin, name="2027.xlsx", raw=good.read())
        self.assertEqual(outcome.rows, 2)
        self.assertFalse(HolidayOverride.objects.get(date=D(2027, 1, 1)).kind == "work")
        self.assertEqual(HolidayOverride.objects.get(date=D(2027, 2, 6)).kind, "work")
        bad = xlsx([["日期", "类型"], ["2027-10-01", "休息"], ["十月二日", "休息"], ["2027-10-03", "放风"]])
        with self.assertRaises(ValidationError) as caught:
            holidays.overrides_import_sheet(actor=self.sysadmin, name="bad.xlsx", raw=bad.read())
        self.assertIn("第3行", "；".join(caught.exception.messages))
        self.assertIn("第4行", "；".join(caught.exception.messages))
        self.assertFalse(HolidayOverride.objects.filter(date=D(2027, 10, 1)).exists())

    def test_the_form_enters_one_holiday_as_the_notice_words_it(self):
        self.client.force_login(self.sysadmin)
        data = {
            "holiday_name": "春节",
            "first_day": "2027-02-06",
            "last_day": "2027-02-13",
            "makeup_days": "2027-01-31，2027-02-20",
            "source_notice": "国办发明电〔2026〕X号",
        }
        r = self.client.post("/holidays/period/", data, follow=True)
        self.assertContains(r, "已保存10天的安排")
        self.assertEqual(HolidayOverride.objects.filter(kind="rest").count(), 8)
        self.assertEqual(HolidayOverride.objects.filter(kind="work").count(), 2)
        r = self.client.post("/holidays/period/", {**data, "last_day": "2027-01-01"}, follow=True)
        self.assertContains(r, "放假止日须在起日之后")
        self.assertEqual(HolidayOverride.objects.count(), 10)
