"""值班日志 (issue 14 point 2): record, carry open items until closed, raise to urgent information (through the
information app's service, its clocks from the entry's time), a supervision task or a citizen request, linked both
ways; the holiday daily report compiled from the log and sent by its time."""

import datetime as dt
from io import StringIO

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from shuniu.core.docx_render import DOCX_MIME
from shuniu.duty import log
from shuniu.duty.models import DailyReport, Duty, LogEntry, Roster
from shuniu.governance.models import CitizenRequest
from shuniu.information.models import UrgentEvent
from shuniu.org.models import Unit
from shuniu.org.testing import BaseTestCase, make_unit, make_user
from shuniu.supervision.models import Task


class LogTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        room = make_unit("值班室", Unit.Kind.SECTION, cls.office)
        cls.officer = make_user("zhiban", room, "duty_officer", real_name="韩值班")
        cls.desk = make_user("zongban", room, "duty_officer", "supervisor", "operator", real_name="罗总值班")

    def entry(self, **kw):
        values = {
            "kind": "call",
            "at": timezone.now() - dt.timedelta(minutes=20),
            "unit": "湖滨镇",
            "caller": "镇值班室",
        }
        values.update(kw)
        return log.entry_create(
            actor=self.officer, content=values.pop("content", "湖滨镇一民房起火，无人员伤亡"), **values
        )

    def test_an_open_item_is_carried_until_closed(self):
        entry = self.entry()
        self.client.force_login(self.officer)
        self.assertContains(self.client.get("/duty/log/"), entry.code)
        r = self.client.post(f"/duty/log/{entry.code}/close/", {"handling": "已通知镇政府处置"}, follow=True)
        self.assertContains(r, "已办结")
        entry.refresh_from_db()
        self.assertEqual(entry.status, "closed")

    def test_an_entry_becomes_urgent_information_linked_both_ways(self):
        entry = self.entry()
        self.client.force_login(self.officer)
        r = self.client.post(
            f"/duty/log/{entry.code}/urgent/",
            {"title": "湖滨镇民房火灾", "level": "general", "place": "湖滨镇"},
            follow=True,
        )
        event = UrgentEvent.objects.get()
        self.assertEqual(event.occurred_at, entry.at)
        self.assertTrue(event.deadlines.exists())  # the information app's clocks
        entry.refresh_from_db()
        self.assertEqual((entry.raised_kind, entry.raised_code), ("urgent", event.code))
        self.assertContains(r, f"值班日志 {entry.code}")  # the event page links back
        with self.assertRaisesMessage(ValidationError, "已转办"):
            log.entry_to_urgent(actor=self.officer, entry=entry, title="重复", level="general", place="湖滨镇")

    def test_bad_input_and_outsiders(self):
        with self.assertRaisesMessage(ValidationError, "请填写内容"):
            self.entry(content=" ")
        with self.assertRaisesMessage(ValidationError, "晚于现在"):
            self.entry(at=timezone.now() + dt.timedelta(days=1))
        with self.assertRaises(ValidationError):
            self.entry(content="机密★ 文件内容")
        with self.assertRaises(PermissionDenied):
            log.entry_create(actor=self.clerk_b, kind="call", at=timezone.now(), content="来电")
        self.assertFalse(LogEntry.objects.exists())
        self.client.force_login(self.clerk_b)
        self.assertEqual(self.client.get("/duty/log/").status_code, 403)

    def test_an_entry_becomes_a_supervision_task_linked_both_ways(self):
        entry = self.entry(content="县应急局报告：湖滨镇河堤出现管涌，需住建局连夜加固")
        self.client.force_login(self.officer)  # a duty officer without supervision rights may not
        data = {"title": "湖滨镇河堤管涌加固", "lead_unit": self.unit_b.pk, "due_date": "2026-12-15"}
        self.assertEqual(self.client.post(f"/duty/log/{entry.code}/task/", data).status_code, 403)
        self.client.force_login(self.desk)
        r = self.client.post(f"/duty/log/{entry.code}/task/", {**data, "lead_unit": ""}, follow=True)
        self.assertContains(r, "牵头单位")
        entry.refresh_from_db()
        self.assertEqual(entry.raised_code, "")  # nothing written
        r = self.client.post(f"/duty/log/{entry.code}/task/", data, follow=True)
        entry.refresh_from_db()
        self.assertEqual(entry.raised_kind, "task")
        task = Task.objects.get(code=entry.raised_code)
        self.assertEqual(
            (task.source, task.lead_unit, task.source_ref), ("assigned", self.unit_b, f"值班日志 {entry.code}")
        )
        self.assertIn("管涌", task.requirements)
        self.assertContains(r, f'href="/duty/log/#{entry.code}"')  # the task page links back
        self.assertContains(self.client.get("/duty/log/"), task.code)

    def test_an_entry_becomes_a_citizen_request_linked_both_ways(self):
        entry = self.entry(unit="", caller="王大爷", content="小区供暖不热，室温只有十二度")
        self.client.force_login(self.desk)
        r = self.client.post(
            f"/duty/log/{entry.code}/request/",
            {"title": "小区供暖不热", "request_type": "help", "phone": "13905301234"},
            follow=True,
        )
        entry.refresh_from_db()
        self.assertEqual(entry.raised_kind, "request")
        req = CitizenRequest.objects.get(code=entry.raised_code)
        self.assertEqual((req.channel, req.citizen_name, req.phone_last4), ("hotline", "王大爷", "1234"))
        self.assertContains(r, f'href="/duty/log/#{entry.code}"')
        with self.assertRaisesMessage(ValidationError, "电话号码格式不正确"):
            log.entry_to_request(actor=self.desk, entry=self.entry(), title="x", request_type="help", phone="12")
        self.assertEqual(CitizenRequest.objects.count(), 1)


@override_settings(TIME_ZONE="Asia/Shanghai")
class DailyReportTests(BaseTestCase):
    """National Day 2026 (1–7 October off; 10 October a make-up workday)."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        room = make_unit("值班室", Unit.Kind.SECTION, cls.office)
        cls.officer = make_user("zhiban", room, "duty_officer", real_name="韩值班")
        cls.other = make_user("zhiban2", room, "duty_officer", real_name="宋值班")

    def at(self, day, hh, mm=0):
        return timezone.make_aware(dt.datetime(2026, 10, day, hh, mm))

    def test_compiled_from_the_log_edited_and_sent_late_when_after_the_time(self):
        roster = Roster.objects.create(code="ZB-202610", year=2026, month=10)
        Duty.objects.create(roster=roster, date=dt.date(2026, 10, 2), role="leader", person=self.leader)
        before = log.entry_create(
            actor=self.officer, kind="call", at=self.at(1, 15), content="前一日来电", now=self.at(3, 0)
        )
        calls = [
            log.entry_create(
                actor=self.officer,
                kind="call",
                at=self.at(1, 17),
                unit="湖滨镇",
                content="镇里报平安",
                handling="已记录",
                now=self.at(3, 0),
            ),
            log.entry_create(
                actor=self.officer,
                kind="visit",
                at=self.at(2, 10),
                caller="李某",
                content="反映停车难",
                now=self.at(3, 0),
            ),
        ]
        log.entry_create(actor=self.officer, kind="call", at=self.at(2, 17), content="次日来电", now=self.at(3, 0))
        from shuniu.duty import report as reports

        report = reports.report_compile(actor=self.officer, day=dt.date(2026, 10, 2))
        self.assertEqual(report.holiday, "国庆节")
        self.assertEqual(timezone.localtime(report.due_at), self.at(2, 16, 30))
        self.assertIn("带班领导：陈书记", report.content)
        self.assertIn("共接来电1起、来访1起", report.content)
        self.assertIn("镇里报平安", report.content)
        self.assertIn("反映停车难", report.content)
        self.assertNotIn("次日来电", report.content)  # after 16:30: the next day's report
        self.assertNotIn("前一日来电\n", report.content.split("三、")[0])  # before yesterday's 16:30
        self.assertIn(calls[1].code, report.content.split("三、")[1])  # still open
        self.assertIn(before.code, report.content.split("三、")[1])
        self.client.force_login(self.officer)
        r = self.client.get("/duty/report/?date=2026-10-02")
        self.assertContains(r, "16:30")
        self.assertEqual(
            self.client.get("/duty/report/?date=2026-10-02&export=docx")["Content-Type"][:40], DOCX_MIME[:40]
        )
        sent = reports.report_send(
            actor=self.officer, report=report, content=report.content + "\n补充：无。", now=self.at(2, 16, 45)
        )
        self.assertTrue(sent.late)
        self.assertEqual(sent.sent_by, self.officer)
        with self.assertRaisesMessage(ValidationError, "已报送"):
            reports.report_compile(actor=self.officer, day=dt.date(2026, 10, 2))
        self.assertContains(self.client.get("/duty/report/?date=2026-10-02"), "迟报")

    def test_refused_on_a_working_day_and_for_outsiders_and_bad_text(self):
        from shuniu.duty import report as reports

        with self.assertRaisesMessage(ValidationError, "不是法定节假日"):
            reports.report_compile(actor=self.officer, day=dt.date(2026, 10, 10))  # make-up workday
        with self.assertRaises(PermissionDenied):
            reports.report_compile(actor=self.clerk_b, day=dt.date(2026, 10, 2))
        report = reports.report_compile(actor=self.officer, day=dt.date(2026, 10, 3))
        with self.assertRaisesMessage(ValidationError, "请填写日报内容"):
            reports.report_send(actor=self.officer, report=report, content="  ")
        report.refresh_from_db()
        self.assertEqual(report.status, "draft")
        self.client.force_login(self.clerk_b)
        self.assertEqual(self.client.get("/duty/report/").status_code, 403)
        self.client.force_login(self.officer)
        self.assertEqual(self.client.get("/duty/report/?date=2026-13-01").status_code, 404)

    def test_the_holiday_job_compiles_once_and_tells_the_keepers(self):
        from shuniu.duty import report as reports
        from shuniu.notifications.models import Notification

        out = StringIO()
        with self.captureOnCommitCallbacks(execute=True):
            for day in ("2026-10-04", "2026-10-04", "2026-10-09"):
                call_command("duty_holiday_report", "--date", day, stdout=out)
        self.assertEqual(list(DailyReport.objects.values_list("date", flat=True)), [dt.date(2026, 10, 4)])
        self.assertEqual(Notification.objects.filter(recipient=self.officer, title__contains="值班信息日报").count(), 1)
        self.assertIn("No duty report to compile on 2026-10-09", out.getvalue())
        self.assertEqual(reports.due_at(dt.date(2026, 10, 4)).hour, 16)
