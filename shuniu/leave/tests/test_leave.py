"""请销假 (issue 14 points 4, 5, 7): dates by the 2026 calendar, the chain, entitlements by service, the balance, the
approval walk, 销假 and the bad input that writes nothing."""

import datetime as dt
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from shuniu.audit.models import AuditRecord
from shuniu.leave import rules, services
from shuniu.leave.models import LeaveRequest, Oversight, StaffProfile
from shuniu.org.models import Unit
from shuniu.org.testing import BaseTestCase, make_unit, make_user

D = dt.date


class LeaveTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.section = make_unit("综合科", Unit.Kind.SECTION, cls.office)
        cls.staff = make_user("staff", cls.section, "handler", real_name="郑科员")
        cls.head = make_user("head", cls.section, "section_head", real_name="郑科长")
        cls.deputy = make_user("deputy", cls.office, "deputy_director", real_name="王副主任")
        cls.director = make_user("director", cls.office, "office_director", real_name="刘主任")
        cls.hr = make_user("hr", cls.office, "personnel", real_name="人事干事")
        Oversight.objects.create(leader=cls.deputy, unit=cls.section)
        StaffProfile.objects.create(user=cls.staff, service_start=D(2016, 12, 15))  # 10 years on 15 Dec 2026
        StaffProfile.objects.create(user=cls.head, service_start=D(2000, 7, 1))

    def api(self, user, path, payload=None):
        self.client.force_login(user)
        return self.client.post(path, payload or {}, content_type="application/json")

    def preview(self, user=None, **payload):
        return self.api(user or self.staff, "/api/v1/leave/preview", payload)


class PreviewTests(LeaveTestCase):
    def test_annual_leave_over_national_day_skips_the_holiday_and_returns_on_the_makeup_saturday(self):
        r = self.preview(type="annual", start_date="2026-09-28", days=5)
        self.assertEqual(r.status_code, 200, r.content)
        body = r.json()
        # 28–30 Sep are working days, 1–7 Oct the National Day holiday (not counted), 8 and 9 Oct the 4th and 5th
        # days; the day back is 10 Oct 2026, a Saturday that is a make-up working day.
        self.assertEqual(body["counts"], "working_days")
        self.assertEqual(body["end_date"], "2026-10-09")
        self.assertEqual(body["return_date"], "2026-10-10")
        self.assertEqual(body["chain"], ["科室负责人", "分管领导", "主要领导"])
        self.assertFalse(body["provisional"])

    def test_the_chain_follows_the_days_and_skips_the_applicants_own_rank(self):
        self.assertEqual(self.preview(type="personal", start_date="2026-12-07", days=1).json()["chain"], ["科室负责人"])
        self.assertEqual(
            self.preview(type="personal", start_date="2026-12-07", days=3).json()["chain"], ["科室负责人", "分管领导"]
        )
        self.assertEqual(
            self.preview(self.head, type="personal", start_date="2026-12-07", days=1).json()["chain"], ["分管领导"]
        )
        self.assertEqual(
            self.preview(self.director, type="personal", start_date="2026-12-07", days=1).json()["chain"], ["县委领导"]
        )

    def test_calendar_day_types_count_every_day(self):
        body = self.preview(type="maternity", start_date="2026-03-01", days=158).json()
        self.assertEqual(body["counts"], "calendar_days")
        self.assertEqual(body["end_date"], "2026-08-05")
        self.assertEqual(body["return_date"], "2026-08-06")
        visit = self.preview(type="home_visit", start_date="2026-12-01", days=30, variant="探望配偶").json()
        self.assertEqual((visit["end_date"], visit["left"]), ("2026-12-30", "30.0"))

    def test_a_leave_into_an_uncovered_year_says_it_is_an_estimate(self):
        body = self.preview(type="annual", start_date="2026-12-28", days=5).json()
        self.assertTrue(body["provisional"])
        self.assertIn("按周一至周五估算", body["note"])
        self.assertEqual(body["return_date"], "2027-01-04")

    def test_bad_input_is_a_clear_answer(self):
        self.assertEqual(self.preview(type="annual", start_date="2026-12-07", days=0.3).status_code, 422)
        self.assertEqual(self.preview(type="holiday", start_date="2026-12-07", days=1).status_code, 422)
        r = self.preview(type="annual", start_date="2026-12-07", days=1, person="not-a-user")
        self.assertEqual(r.status_code, 400)
        self.assertIn("没有编码为", str(r.json()["detail"]))
        r = self.preview(type="home_visit", start_date="2026-12-07", days=1, variant="出国")
        self.assertEqual(r.status_code, 400)
        # another person's preview: only the personnel clerk
        other = str(self.head.code)
        self.assertEqual(self.preview(type="annual", start_date="2026-12-07", days=1, person=other).status_code, 403)
        self.assertEqual(
            self.preview(self.hr, type="annual", start_date="2026-12-07", days=1, person=other).status_code, 200
        )


class EntitlementTests(LeaveTestCase):
    def test_annual_leave_follows_cumulative_service_and_changes_on_the_anniversary(self):
        self.assertEqual(rules.annual_entitlement(self.staff, D(2026, 12, 14)).days, 5)  # 9 years 11 months
        self.assertEqual(rules.annual_entitlement(self.staff, D(2026, 12, 15)).days, 10)  # the 10th anniversary
        self.assertEqual(rules.annual_entitlement(self.head, D(2026, 12, 1)).days, 15)
        StaffProfile.objects.filter(user=self.staff).update(service_start=D(2026, 3, 1))
        self.assertEqual(rules.annual_entitlement(self.staff, D(2026, 12, 1)).days, 0)
        StaffProfile.objects.filter(user=self.staff).update(service_start=D(2000, 1, 1), break_months=60)
        self.assertEqual(
            rules.annual_entitlement(self.staff, D(2026, 12, 1)).days, 15
        )  # 26 years 11 months − 5 years of breaks

    def test_no_annual_leave_in_a_year_with_20_days_of_personal_leave(self):
        LeaveRequest.objects.create(
            code="QJ-2026-0100", person=self.staff, unit=self.section, kind="personal", start_date=D(2026, 3, 2),
            days=20, end_date=D(2026, 3, 27), return_date=D(2026, 3, 30), counts="working_days",
            status=LeaveRequest.Status.BACK,
        )  # fmt: skip
        found = rules.annual_entitlement(self.staff, D(2026, 12, 1))
        self.assertEqual(found.days, 0)
        self.assertIn("第四条", found.reason)


class ApplyTests(LeaveTestCase):
    def apply(self, user=None, **payload):
        return self.api(user or self.staff, "/api/v1/leave", payload)

    def test_a_request_walks_its_chain_and_each_step_is_audited(self):
        r = self.apply(type="annual", start_date="2026-12-07", days=4, reason="回老家")
        self.assertEqual(r.status_code, 201, r.content)
        code = r.json()["code"]
        self.assertEqual(r.json()["next_approver"], "科室负责人")
        self.assertEqual(self.api(self.deputy, f"/api/v1/leave/{code}/approve").status_code, 403)  # not his step yet
        self.assertEqual(self.api(self.clerk_b, f"/api/v1/leave/{code}/approve").status_code, 404)  # outsider
        self.assertEqual(self.api(self.staff, f"/api/v1/leave/{code}/approve").status_code, 403)  # his own
        for who in (self.head, self.deputy, self.director):
            self.assertEqual(self.api(who, f"/api/v1/leave/{code}/approve", {"reason": "同意"}).status_code, 200)
        leave = LeaveRequest.objects.get(code=code)
        self.assertEqual(leave.status, LeaveRequest.Status.APPROVED)
        self.assertEqual(list(leave.decisions.values_list("role", flat=True)), leave.chain)
        self.assertEqual(
            AuditRecord.objects.filter(object_id=str(leave.pk), object_type="leave.leaverequest").count(), 4
        )
        # the balance is read on the day asked: 9 full years on 7 Dec (5 − 4), 10 from the anniversary (10 − 4)
        self.assertEqual(rules.limit(self.staff, "annual", D(2026, 12, 7)), Decimal(1))
        self.assertEqual(rules.limit(self.staff, "annual", D(2026, 12, 21)), Decimal(6))

    def test_bad_requests_write_nothing(self):
        self.assertEqual(self.apply(type="annual", start_date="2026-12-07", days=2).status_code, 201)
        before = LeaveRequest.objects.count()
        overlap = self.apply(type="personal", start_date="2026-12-08", days=1)
        self.assertEqual(overlap.status_code, 400)
        self.assertIn("时间重叠", str(overlap.json()["detail"]))
        too_long = self.apply(type="annual", start_date="2026-12-14", days=6)
        self.assertEqual(too_long.status_code, 400)
        self.assertIn("超出额度", str(too_long.json()["detail"]))
        sick = self.apply(type="sick", start_date="2026-12-14", days=2)
        self.assertIn("证明材料", str(sick.json()["detail"]))
        marked = self.apply(type="personal", start_date="2026-12-21", days=1, reason="机密★ 事项")
        self.assertEqual(marked.status_code, 400)
        self.assertEqual(LeaveRequest.objects.count(), before)

    def test_sick_leave_with_a_certificate_and_a_page_preview(self):
        self.client.force_login(self.staff)
        page = self.client.get("/leave/preview/", {"kind": "sick", "start_date": "2026-12-14", "days": "3"})
        self.assertContains(page, "须上传证明材料")
        cert = SimpleUploadedFile("诊断证明.txt", "急性支气管炎，建议休息三天。".encode())
        r = self.client.post(
            "/leave/", {"kind": "sick", "start_date": "2026-12-14", "days": "3", "certificate": cert}, follow=True
        )
        self.assertContains(r, "已提交请假申请")
        self.assertEqual(LeaveRequest.objects.get(person=self.staff).end_date, D(2026, 12, 16))

    def test_back_early_gives_the_days_back_and_overdue_returns_are_flagged_once(self):
        leave = services.leave_apply(actor=self.staff, kind="personal", start_date=D(2026, 12, 7), days=Decimal(3))
        services.leave_approve(actor=self.head, leave=leave)
        services.leave_approve(actor=self.deputy, leave=leave)
        services.leave_back(actor=self.staff, leave=leave, today=D(2026, 12, 9))
        leave.refresh_from_db()
        self.assertEqual((leave.status, leave.days, leave.end_date), ("back", Decimal(2), D(2026, 12, 8)))
        late = services.leave_apply(actor=self.staff, kind="personal", start_date=D(2026, 12, 14), days=Decimal(1))
        services.leave_approve(actor=self.head, leave=late)
        self.assertEqual(services.flag_overdue(today=D(2026, 12, 16)), 1)
        self.assertEqual(services.flag_overdue(today=D(2026, 12, 17)), 0)
        late.refresh_from_db()
        self.assertEqual(late.overdue_flagged, D(2026, 12, 16))

    def test_pages_answer_in_chinese_for_every_role(self):
        leave = services.leave_apply(actor=self.staff, kind="personal", start_date=D(2026, 12, 7), days=Decimal(1))
        for user in (self.staff, self.head, self.deputy, self.director, self.hr):
            self.client.force_login(user)
            self.assertContains(self.client.get("/leave/"), "请假申请")
        self.client.force_login(self.head)
        self.assertContains(self.client.get(leave.get_absolute_url()), "同意")
        self.client.force_login(self.clerk_b)
        self.assertEqual(self.client.get(leave.get_absolute_url()).status_code, 404)
        self.assertEqual(self.client.get("/leave/people/").status_code, 403)
        self.client.force_login(self.hr)
        self.assertContains(self.client.get("/leave/people/"), "郑科员")
        self.assertContains(self.client.get("/leave/rules/"), "婚前医学检查")
        r = self.client.post("/leave/rules/", {"kind": "sick", "counts": "working_days", "days": "abc"}, follow=True)
        self.assertContains(r, "天数应为数字")
