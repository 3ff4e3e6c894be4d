"""The annual meeting plan from Excel (issue 12, point 1): all or nothing, every bad row named; the rules page."""

from django.core.files.uploadedfile import SimpleUploadedFile

from shuniu.core.excel import xlsx_bytes
from shuniu.meetings import plans
from shuniu.meetings.models import MeetingConfig, MeetingPlan, PlanItem
from shuniu.meetings.tests.base import MeetingsTestCase


def sheet(rows):
    return SimpleUploadedFile("plan.xlsx", xlsx_bytes(plans.COLUMNS, rows))


class PlanImportTests(MeetingsTestCase):
    good = [
        [2027, 1, "全县经济工作会议", "全县性会议", "县委办公室", 1, 150, 0.5, "是"],
        [2027, 2, "全县重点项目推进会", "部门会议", "县发展和改革局", 3, 60, 1, "否"],
    ]

    def test_a_good_sheet_imports_and_a_second_import_revises_by_number(self):
        self.assertTrue(plans.plan_import(actor=self.director, fileobj=sheet(self.good)).ok)
        self.assertEqual(
            list(PlanItem.objects.filter(plan__year=2027).values_list("number", "comprehensive")),
            [(1, True), (2, False)],
        )
        revised = [[2027, 2, "全县重点项目推进会（调整）", "部门会议", "县发展和改革局", 4, 60, 0.5, ""]]
        self.assertEqual(plans.plan_import(actor=self.director, fileobj=sheet(revised)).created, 1)
        item = PlanItem.objects.get(plan__year=2027, number=2)
        self.assertEqual((item.name, item.month), ("全县重点项目推进会（调整）", 4))
        self.assertEqual(PlanItem.objects.count(), 2)

    def test_bad_rows_are_named_and_nothing_is_written(self):
        bad = [
            *self.good,
            [2027, 2, "重复序号", "部门会议", "县发展和改革局", 3, 60, 0.5, ""],
            [2027, 3, "", "座谈会", "不存在的局", 13, -5, 0.3, "可能"],
            [2027, 4, "机密★ 会议", "部门会议", "县发展和改革局", 3, 60, 0.5, ""],
            [2027, 5, '=HYPERLINK("x")', "部门会议", "县发展和改革局", 3, 60, 0.5, ""],
        ]
        report = plans.plan_import(actor=self.director, fileobj=sheet(bad))
        problems = {(e.row, e.column) for e in report.errors}
        self.assertIn((4, "序号"), problems)
        for column in ("会议名称", "会议类型", "主办单位", "计划月份", "计划人数", "会期（天）", "综合性工作会议"):
            self.assertIn((5, column), problems)
        self.assertIn((6, "会议名称"), problems)
        self.assertFalse(MeetingPlan.objects.exists())

    def test_the_page_imports_shows_errors_and_is_the_offices(self):
        self.client.force_login(self.director)
        r = self.client.post(
            "/meetings/plan/?year=2027", {"file": sheet([[2027, 1, "x", "party", "县委办公室", 1, 5, 0.5, ""]])}
        )
        self.assertContains(r, "import-errors")
        r = self.client.post("/meetings/plan/?year=2027", {"file": sheet(self.good)})
        self.assertEqual(r.status_code, 302)
        self.assertContains(self.client.get("/meetings/plan/?year=2027"), "全县经济工作会议")
        self.assertEqual(self.client.get("/meetings/plan/?template=1")["Content-Type"][:24], "application/vnd.openxmlf")
        self.client.force_login(self.head_a)
        self.assertEqual(
            self.client.post("/meetings/plan/", {"file": sheet(self.good)}).status_code, 403
        )  # reads, may not import
        self.assertEqual(self.client.get("/meetings/plan/?year=2027").status_code, 200)
        self.client.force_login(self.clerk_b)
        self.assertEqual(self.client.get("/meetings/plan/").status_code, 403)

    def test_the_rules_page_shows_the_defaults_and_changes_are_audited(self):
        from shuniu.audit.models import AuditRecord

        self.client.force_login(self.head_a)
        self.assertContains(self.client.get("/meetings/rules/"), "760")
        self.assertEqual(self.client.post("/meetings/rules/", {}).status_code, 403)
        self.client.force_login(self.director)
        data = {
            f: getattr(MeetingConfig.current(), f)
            for f in (
                "max_county_wide",
                "max_department",
                "max_hours",
                "max_group_days",
                "max_speech_minutes",
                "max_comprehensive_per_year",
                "meeting_free_week",
                "quota_class1",
                "quota_class2",
                "quota_class3",
                "issuer",
                "approval_chain",
            )
        }
        data["max_department"] = 60
        self.assertEqual(self.client.post("/meetings/rules/", data).status_code, 302)
        self.assertEqual(MeetingConfig.current().max_department, 60)
        self.assertTrue(
            AuditRecord.objects.filter(object_type="meetings.meetingconfig", changes__max_department=[80, 60]).exists()
        )
        data["approval_chain"] = "office_director,nobody"
        self.client.post("/meetings/rules/", data)
        self.assertEqual(MeetingConfig.current().approval_chain, "office_director,county_leader")
