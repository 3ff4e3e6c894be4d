"""考勤 (issue 14 point 3): web punches, a GBK clock export with a broken row (nothing written), the month's
statistics over the 2026 calendar with leave and duty rest read at once."""

import datetime as dt
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from shuniu.duty import attendance, roster
from shuniu.duty.models import Punch
from shuniu.leave import services as leave
from shuniu.leave.models import StaffProfile
from shuniu.org.models import Unit
from shuniu.org.testing import BaseTestCase, make_unit, make_user

D = dt.date
TZ = dt.timezone(dt.timedelta(hours=8))


class AttendanceTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.section = make_unit("综合科", Unit.Kind.SECTION, cls.office)
        cls.head = make_user("head", cls.section, "section_head", real_name="郑科长")
        cls.hr = make_user("hr", cls.section, "personnel", real_name="人事干事")
        cls.staff = [make_user(f"s{i}", cls.section, "handler", real_name=f"科员{i}") for i in range(3)]
        for i, user in enumerate([cls.head, cls.hr, *cls.staff]):
            StaffProfile.objects.create(user=user, service_start=D(2010, 1, 1), clock_id=f"10{i:02d}")

    def csv(self, rows, encoding="gbk"):
        text = "工号,姓名,打卡时间\n" + "\n".join(",".join(r) for r in rows)
        return SimpleUploadedFile("考勤机导出.csv", text.encode(encoding))

    def test_web_punches_in_then_out(self):
        first = attendance.punch(actor=self.staff[0], now=dt.datetime(2026, 11, 2, 8, 21, tzinfo=TZ))
        attendance.punch(actor=self.staff[0], now=dt.datetime(2026, 11, 2, 17, 40, tzinfo=TZ))
        first.refresh_from_db()
        self.assertEqual((first.check_in, first.check_out), (dt.time(8, 21), dt.time(17, 40)))

    def test_a_gbk_export_with_a_broken_row_writes_nothing_and_a_good_one_merges(self):
        bad = attendance.clock_import(
            actor=self.hr,
            fileobj=self.csv(
                [
                    ("1002", "科员0", "2026-11-02 08:20"),
                    ("9999", "某某", "2026-11-02 08:30"),
                    ("1003", "科员1", "昨天早上"),
                ]
            ),
        )
        self.assertEqual([e.column for e in bad.errors], ["工号", "打卡时间"])
        self.assertFalse(Punch.objects.exists())
        good = attendance.clock_import(
            actor=self.hr,
            fileobj=self.csv(
                [
                    ("1002", "科员0", "2026-11-02 08:20"),
                    ("1002", "科员0", "2026-11-02 17:35"),
                    ("1003", "科员1", "2026/11/02 08:45"),
                ],
                "gb18030",
            ),
        )
        self.assertTrue(good.ok, good.errors)
        self.assertEqual(Punch.objects.get(person=self.staff[0]).check_out, dt.time(17, 35))

    def test_month_statistics_count_working_days_leave_and_duty_rest(self):
        # October 2026: 1–7 are the National Day holiday, 10 (Sat) a make-up working day → 18 working days
        start = D(2026, 10, 8)
        rows = []
        for i in range(23):
            day = start + dt.timedelta(days=i)
            if day.month == 10:
                rows.append(("1002", "科员0", f"{day} 08:{'40' if i == 0 else '20'}"))
                rows.append(("1002", "科员0", f"{day} 17:35"))
        attendance.clock_import(actor=self.hr, fileobj=self.csv(rows))
        req = leave.leave_apply(actor=self.staff[1], kind="personal", start_date=D(2026, 10, 12), days=Decimal(1))
        leave.leave_approve(actor=self.head, leave=req)
        roster.roster_generate(
            actor=self.hr_manager(),
            start=D(2026, 10, 14),
            end=D(2026, 10, 14),
            leaders=[self.head],
            officers=[self.staff[2]],
        )
        stats = {r.person.username: r for r in attendance.month_stats(2026, 10, today=D(2026, 10, 31))}
        s0, s1, s2 = stats["s0"], stats["s1"], stats["s2"]
        self.assertEqual(s0.workdays, 18)
        self.assertEqual((s0.present, s0.late, s0.absent), (18, 1, 0))
        self.assertEqual((s1.leave, s1.absent), (1, 17))
        self.assertEqual(s2.duty_rest, 1)  # the night of 14 Oct, rest on the 15th
        self.client.force_login(self.hr)
        page = self.client.get("/duty/attendance/?month=2026-10")
        self.assertContains(page, "考勤统计")
        self.assertEqual(self.client.get("/duty/attendance/?month=2026-10&export=xlsx").status_code, 200)
        self.client.force_login(self.staff[0])
        page = self.client.get("/duty/attendance/?month=2026-10")
        self.assertNotContains(page, "导入考勤机记录")
        upload = self.client.post("/duty/attendance/", {"file": self.csv([("1002", "x", "2026-10-09 08:00")])})
        self.assertEqual(upload.status_code, 403)

    def hr_manager(self):
        return make_user("zhiban", self.section, "duty_officer", real_name="值班管理")
