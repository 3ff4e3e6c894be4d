import io

from django.core.exceptions import ValidationError
from django.core.management import call_command
from docx import Document
from openpyxl import load_workbook

from shuniu.supervision import services
from shuniu.supervision.bulletins import bulletin_docx, bulletin_issue, bulletin_xlsx
from shuniu.supervision.models import Bulletin, Commendation, Task, UnitScore
from shuniu.supervision.tests.base import D, SupervisionTestCase


class BulletinTests(SupervisionTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        # A: overdue since 09-30 (red); B: on schedule (green); A: closed on time in October (blue).
        cls.red = cls.make(cls, title="农村饮水安全工程", start=D(2026, 9, 1), due=D(2026, 9, 30), lead=cls.unit_a)
        cls.green = cls.make(cls, title="老旧小区改造", start=D(2026, 10, 8), due=D(2027, 6, 30), lead=cls.unit_b)
        cls.closed = cls.make(cls, title="公交一体化", start=D(2026, 9, 1), due=D(2026, 10, 30), lead=cls.unit_a)
        services.task_request_close(actor=cls.clerk_a, task=cls.closed, done="完成", today=D(2026, 10, 20))
        services.task_approve_close(actor=cls.supervisor, task=cls.closed, today=D(2026, 10, 21))
        Commendation.objects.create(
            unit=cls.unit_b, level="city", awarded_on=D(2026, 10, 15), reason="市委肯定", created_by=cls.supervisor
        )

    def make(self, *, title, start, due, lead):
        task = services.task_register(
            actor=self.supervisor,
            title=title,
            source="annual",
            lead_unit=lead,
            start_date=start,
            due_date=due,
            report_cycle="once",
        )
        services.task_assign(actor=self.supervisor, task=task, today=start)
        return task

    def test_it_freezes_a_snapshot_of_the_month(self):
        bulletin = bulletin_issue(actor=self.supervisor, month=D(2026, 10, 1), today=D(2026, 11, 2))
        s = bulletin.snapshot
        self.assertEqual((bulletin.as_of, bulletin.title), (D(2026, 10, 31), "督查通报 2026年第1期"))
        self.assertEqual(s["totals"], {"all": 3, "blue": 1, "green": 1, "yellow": 0, "red": 1})
        self.assertEqual([r["code"] for r in s["red"]], [self.red.code])
        self.assertIn("已超过截止日期", s["red"][0]["reason"])
        self.assertEqual(s["on_time"], {"closed": 1, "on_time": 1, "rate": 100.0})
        self.assertEqual(s["named_units"], [{"unit": "县发展和改革局", "tasks": [self.red.code]}])
        ranking = {r["unit"]: r for r in s["ranking"]}
        self.assertEqual(ranking["县住房和城乡建设局"]["score"], "105.0")  # city commendation +5
        self.assertEqual(ranking["县发展和改革局"]["score"], "98.0")  # one red −2
        self.assertEqual(s["good_units"], ["县住房和城乡建设局"])
        # Later edits to tasks never change an issued bulletin.
        Task.objects.filter(pk=self.red.pk).update(title="改过的标题", status="closed", closed_on=D(2026, 11, 5))
        bulletin.refresh_from_db()
        self.assertEqual(bulletin.snapshot["red"][0]["title"], "农村饮水安全工程")

    def test_it_makes_a_numbered_correction_when_issued_again(self):
        first = bulletin_issue(actor=self.supervisor, month=D(2026, 10, 1), today=D(2026, 11, 2))
        Task.objects.filter(pk=self.red.pk).update(title="改过的标题")
        again = bulletin_issue(actor=self.supervisor, month=D(2026, 10, 1), today=D(2026, 11, 3))
        self.assertEqual((again.issue_number, again.correction), (first.issue_number, 1))
        self.assertEqual(again.title, "督查通报 2026年第1期（更正1）")
        first.refresh_from_db()
        self.assertEqual(first.snapshot["red"][0]["title"], "农村饮水安全工程")
        self.assertEqual(Bulletin.objects.count(), 2)
        november = bulletin_issue(actor=self.supervisor, month=D(2026, 11, 1), today=D(2026, 11, 30))
        self.assertEqual(november.issue_number, 2)

    def test_it_scores_a_late_task_against_its_original_deadline_unless_extended(self):
        task = services.task_register(
            actor=self.supervisor,
            title="延期事项",
            source="annual",
            lead_unit=self.unit_b,
            start_date=D(2026, 9, 1),
            due_date=D(2026, 10, 15),
            report_cycle="once",
        )
        services.task_assign(actor=self.supervisor, task=task, today=D(2026, 9, 1))
        ext = services.extension_request(
            actor=self.clerk_b,
            task=task,
            requested_due_date=D(2026, 12, 31),
            reason="资金未到位",
            today=D(2026, 10, 10),
        )
        # Pending (not approved): judged against 10-15, so red at the end of October.
        s = bulletin_issue(actor=self.supervisor, month=D(2026, 10, 1), today=D(2026, 11, 2)).snapshot
        overdue = [code for n in s["named_units"] for code in n["tasks"]]
        self.assertIn(task.code, overdue)
        services.extension_decide(actor=self.supervisor, extension=ext, approve=True)
        s = bulletin_issue(actor=self.supervisor, month=D(2026, 10, 1), today=D(2026, 11, 2)).snapshot
        self.assertNotIn(task.code, [code for n in s["named_units"] for code in n["tasks"]])

    def test_it_renders_docx_in_the_official_layout(self):
        bulletin = bulletin_issue(actor=self.supervisor, month=D(2026, 10, 1), today=D(2026, 11, 2))
        document = Document(io.BytesIO(bulletin_docx(bulletin)))
        text = "\n".join(p.text for p in document.paragraphs)
        for expected in (
            "督查通报",
            "2026年第1期",
            "一、总体情况",
            "二、红灯事项",
            "三、黄灯事项",
            "四、表现较好单位",
            "五、单位排名",
        ):
            self.assertIn(expected, text)
        section = document.sections[0]
        self.assertEqual((round(section.page_width.mm), round(section.page_height.mm)), (210, 297))
        self.assertEqual(round(section.page_width.mm - section.left_margin.mm - section.right_margin.mm), 156)
        self.assertEqual(round(section.page_height.mm - section.top_margin.mm - section.bottom_margin.mm), 225)
        masthead = document.paragraphs[0].runs[0]  # 版头 in red 小标宋 (小初), the title in 2号
        self.assertEqual((masthead.font.size.pt, masthead.font.name), (36, "方正小标宋简体"))
        title = next(p for p in document.paragraphs if p.text.startswith("关于2026年10月"))
        self.assertEqual((title.runs[0].font.size.pt, title.runs[0].font.name), (22, "方正小标宋简体"))
        self.assertIn("PAGE", section.footer._element.xml)
        self.assertIn(self.red.code, document.tables[0].rows[1].cells[0].text)

    def test_it_exports_xlsx(self):
        bulletin = bulletin_issue(actor=self.supervisor, month=D(2026, 10, 1), today=D(2026, 11, 2))
        values = [
            c
            for row in load_workbook(io.BytesIO(bulletin_xlsx(bulletin))).active.iter_rows(values_only=True)
            for c in row
        ]
        self.assertIn(self.red.code, values)
        self.assertIn("县住房和城乡建设局", values)

    def test_it_stores_unit_scores(self):
        bulletin = bulletin_issue(actor=self.supervisor, month=D(2026, 10, 1), today=D(2026, 11, 2))
        self.assertEqual(UnitScore.objects.get(bulletin=bulletin, unit=self.unit_b).score, 105)

    def test_it_has_a_command(self):
        out = io.StringIO()
        call_command("issue_bulletin", "--month", "2026-10", "--today", "2026-11-02", stdout=out)
        self.assertIn("督查通报 2026年第1期", out.getvalue())

    def test_it_is_issued_only_by_managers(self):
        from django.core.exceptions import PermissionDenied

        with self.assertRaises(PermissionDenied):
            bulletin_issue(actor=self.leader, month=D(2026, 10, 1))


class BulletinMeaningTests(SupervisionTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.make_task(cls, title="农村饮水安全工程", start=D(2026, 6, 1), due=D(2026, 9, 30), assigned=D(2026, 6, 1))

    def test_it_refuses_months_without_meaning(self):
        for month in (D(2026, 5, 1), D(2027, 1, 1)):
            with self.subTest(month=str(month)), self.assertRaises(ValidationError):
                bulletin_issue(actor=self.supervisor, month=month, today=D(2026, 12, 1))
        self.assertFalse(Bulletin.objects.exists())

    def test_it_makes_a_correction_only_with_a_reason_or_new_facts(self):
        bulletin_issue(actor=self.supervisor, month=D(2026, 10, 1), today=D(2026, 11, 2))
        with self.assertRaisesMessage(ValidationError, "更正理由"):
            bulletin_issue(actor=self.supervisor, month=D(2026, 10, 1), today=D(2026, 11, 3))
        self.client.force_login(self.supervisor)
        for _i in range(3):
            self.client.post("/supervision/bulletins/", {"month": "2026-10"})
            self.client.post("/api/v1/bulletins", {"month": "2026-10"}, content_type="application/json")
        self.assertEqual(Bulletin.objects.count(), 1)
        again = bulletin_issue(actor=self.supervisor, month=D(2026, 10, 1), today=D(2026, 11, 3), reason="更正排名")
        self.assertEqual((again.correction, again.correction_reason), (1, "更正排名"))
