import io

from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document

from shuniu.supervision.bulletins import bulletin_issue
from shuniu.supervision.models import ProgressReport, SupervisionConfig, Task
from shuniu.supervision.tests.base import D, SupervisionTestCase


class TaskListPageTests(SupervisionTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.task = SupervisionTestCase.make_task(cls, title="甲单位的事项", assigned=D(2026, 9, 1))
        SupervisionTestCase.make_task(cls, title="乙单位的事项", lead=cls.unit_b)

    def test_it_lists_visible_tasks_with_filters(self):
        self.client.force_login(self.clerk_a)
        r = self.client.get("/supervision/tasks/")
        self.assertEqual([t.title for t in r.context["page"]], ["甲单位的事项"])
        self.client.force_login(self.supervisor)
        r = self.client.get("/supervision/tasks/", {"q": "乙单位", "due_before": "2027-01-01"})
        self.assertEqual([t.title for t in r.context["page"]], ["乙单位的事项"])
        r = self.client.get("/supervision/tasks/", {"due_before": "20261301"})  # bad input: ignored, no crash
        self.assertEqual(r.status_code, 200)

    def test_it_runs_a_constant_number_of_queries(self):
        self.client.force_login(self.supervisor)
        self.client.get("/supervision/tasks/")
        with self.assertNumQueries(11):  # warm: permissions cached; leaders and units fill the filters
            self.client.get("/supervision/tasks/")
        for i in range(20):
            SupervisionTestCase.make_task(self, title=f"更多{i}", co_units=[self.unit_b])
        with self.assertNumQueries(11):
            self.client.get("/supervision/tasks/")

    def test_it_exports_the_filtered_list(self):
        self.client.force_login(self.supervisor)
        r = self.client.get("/supervision/tasks/", {"q": "甲单位", "export": "xlsx"})
        from openpyxl import load_workbook

        rows = list(load_workbook(io.BytesIO(r.content)).active.iter_rows(values_only=True))
        self.assertEqual(len(rows), 2)
        self.assertEqual(rows[1][0], "甲单位的事项")


class TaskPageTests(SupervisionTestCase):
    def test_it_explains_the_light_and_its_history(self):
        task = self.make_task(start=D(2026, 9, 1), due=D(2026, 9, 30), assigned=D(2026, 9, 1))
        self.client.force_login(self.clerk_a)
        r = self.client.get(f"/supervision/tasks/{task.code}/", {"as_of": "2026-10-09"})
        self.assertContains(r, "已超过截止日期2个工作日")
        self.assertContains(r, 'id="light-history"')

    def test_it_answers_404_to_an_outsider_and_403_to_a_read_only_user(self):
        task = self.make_task(assigned=D(2026, 9, 1))
        self.client.force_login(self.clerk_b)
        self.assertEqual(self.client.get(f"/supervision/tasks/{task.code}/").status_code, 404)
        self.assertEqual(self.client.post(f"/supervision/tasks/{task.code}/do/accept/").status_code, 404)
        self.assertEqual(self.client.get(f"/supervision/tasks/{task.code}/notice.docx").status_code, 404)
        self.client.force_login(self.leader)
        self.assertEqual(self.client.get(f"/supervision/tasks/{task.code}/").status_code, 200)
        self.assertEqual(self.client.post(f"/supervision/tasks/{task.code}/do/accept/").status_code, 403)
        self.assertEqual(
            self.client.post(f"/supervision/tasks/{task.code}/do/cancel/", {"comment": "x"}).status_code, 403
        )
        self.assertEqual(self.client.get("/supervision/tasks/new/").status_code, 403)

    def test_it_runs_the_clerk_and_supervisor_flow_on_pages(self):
        task = self.make_task(assigned=D(2026, 9, 1))
        self.client.force_login(self.clerk_a)
        notice = Document(io.BytesIO(self.client.get(f"/supervision/tasks/{task.code}/notice.docx").content))
        self.assertIn("督办通知单", notice.paragraphs[0].text)
        upload = SimpleUploadedFile("进展.docx", _docx("本月完成方案设计"))
        r = self.client.post(
            f"/supervision/tasks/{task.code}/do/report/", {"progress": "35", "done": "完成方案", "attachment": upload}
        )
        self.assertEqual(r.status_code, 302)
        report = ProgressReport.objects.get()
        self.client.force_login(self.supervisor)
        self.client.post(f"/supervision/reports/{report.code}/accept/", {"comment": "好"})
        report.refresh_from_db()
        self.assertEqual(report.status, "accepted")
        task.refresh_from_db()
        self.assertEqual(task.progress, 35)

    def test_it_refuses_a_bad_report_with_a_message_and_saves_nothing(self):
        task = self.make_task(assigned=D(2026, 9, 1))
        self.client.force_login(self.clerk_a)
        r = self.client.post(f"/supervision/tasks/{task.code}/do/report/", {"progress": "150", "done": ""}, follow=True)
        self.assertContains(r, "alert-danger")
        upload = SimpleUploadedFile("进展.docx", _docx("内容（秘密★1年）"))
        r = self.client.post(
            f"/supervision/tasks/{task.code}/do/report/",
            {"progress": "10", "done": "x", "attachment": upload},
            follow=True,
        )
        self.assertContains(r, "国家秘密标志")
        self.assertFalse(ProgressReport.objects.exists())

    def test_it_creates_a_task_from_the_form_with_milestones_as_rows(self):
        self.client.force_login(self.supervisor)
        form = {
            "title": "新建事项",
            "source": "annual",
            "lead_unit": self.unit_a.pk,
            "start_date": "2026-10-08",
            "due_date": "2026-12-31",
            "report_cycle": "monthly",
            "area_tags": "民生、城市更新",
            "ms-TOTAL_FORMS": "2",
            "ms-INITIAL_FORMS": "0",
            "ms-0-date": "2026-11-30",
            "ms-0-description": "完成设计",
            "ms-0-planned_progress": "40",
        }
        page = self.client.get("/supervision/tasks/new/").content.decode()
        self.assertIn('data-picker="unit"', page)  # the searchable unit tree picker (vendored Tom Select)
        self.assertIn('data-picker="person"', page)
        self.assertIn("vendor/tom-select/tom-select.complete.min.js", page)
        r = self.client.post("/supervision/tasks/new/", form)
        self.assertEqual(r.status_code, 302, r.content[:2000])
        task = Task.objects.get()
        self.assertEqual(task.milestones.get().planned_progress, 40)
        bad = {**form, "title": "坏节点", "ms-0-date": "明天", "ms-1-date": "2026-12-01", "ms-1-description": "x"}
        r = self.client.post("/supervision/tasks/new/", bad)
        self.assertContains(r, "有效的日期")
        self.assertEqual(Task.objects.count(), 1)
        backwards = {
            **form,
            "title": "进度倒退",
            "ms-1-date": "2026-12-15",
            "ms-1-description": "验收",
            "ms-1-planned_progress": "20",
        }
        self.assertContains(self.client.post("/supervision/tasks/new/", backwards), "节点的计划进度应随日期递增")
        self.assertEqual(Task.objects.count(), 1)


def _docx(text):
    document = Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


class OtherPagesTests(SupervisionTestCase):
    def test_it_renders_bulletins_scores_lists_and_dashboard(self):
        task = self.make_task(source="reform", assigned=D(2026, 9, 1), start=D(2026, 9, 1), due=D(2026, 9, 30))
        bulletin_issue(actor=self.supervisor, month=D(2026, 10, 1), today=D(2026, 11, 2))
        self.client.force_login(self.clerk_b)
        self.assertContains(self.client.get("/supervision/bulletins/"), "督查通报 2026年第1期")
        self.assertContains(self.client.get("/supervision/bulletins/2026-10/"), task.code)
        self.assertEqual(self.client.get("/supervision/bulletins/2026-10/file.docx").status_code, 200)
        self.assertEqual(self.client.get("/supervision/bulletins/2026-13/").status_code, 404)
        self.assertEqual(self.client.post("/supervision/bulletins/", {"month": "2026-10"}).status_code, 403)
        self.assertContains(self.client.get("/supervision/scores/", {"year": "2026"}), "县发展和改革局")
        self.client.force_login(self.supervisor)
        self.assertContains(self.client.get("/supervision/lists/reform/"), "0 / 1")
        self.assertEqual(self.client.get("/supervision/lists/nonsense/").status_code, 404)
        r = self.client.get("/supervision/dashboard/")
        self.assertContains(r, 'id="dashboard-data"')
        self.assertEqual(r.context["data"]["units"][0]["label"], "县发展和改革局")
        # Served from the cache until the tasks change; a new task shows at once.
        before = sum(self.client.get("/supervision/dashboard/").context["counts"].values())
        with self.captureOnCommitCallbacks(execute=True):
            self.make_task(title="新交办的事项", lead=self.unit_b)
        r = self.client.get("/supervision/dashboard/")
        self.assertEqual(sum(r.context["counts"].values()), before + 1)
        self.assertIn("县住房和城乡建设局", [u["label"] for u in r.context["data"]["units"]])
        r = self.client.post("/supervision/bulletins/", {"month": "2026-10"})
        self.assertEqual(r.status_code, 302)
        self.assertEqual(self.client.get("/supervision/scores/", {"export": "xlsx"}).status_code, 200)

    def test_it_lets_the_director_change_the_rules_with_an_audit_record(self):
        from shuniu.audit.models import AuditRecord

        self.client.force_login(self.supervisor)
        self.assertEqual(self.client.get("/supervision/rules/").status_code, 403)
        self.client.force_login(self.sysadmin)
        data = {
            f: getattr(SupervisionConfig.current(), f)
            for f in (
                "due_soon_days",
                "behind_yellow",
                "behind_red",
                "missing_red",
                "sign_days",
                "window_start_day",
                "limit_urgent",
                "limit_normal",
                "limit_complex",
                "deduct_yellow",
                "deduct_red",
                "deduct_missing",
                "deduct_late_close",
                "bonus_county",
                "bonus_city",
            )
        }
        data["due_soon_days"] = 5
        with self.captureOnCommitCallbacks(execute=True):
            self.assertEqual(self.client.post("/supervision/rules/", data).status_code, 302)
        self.assertEqual(SupervisionConfig.current().due_soon_days, 5)
        self.assertEqual(
            AuditRecord.objects.filter(object_type="supervision.supervisionconfig").get().changes,
            {"due_soon_days": [3, 5]},
        )

    def test_it_registers_instructions_and_tasks_from_them(self):
        self.client.force_login(self.supervisor)
        r = self.client.post(
            "/supervision/instructions/",
            {
                "document_title": "关于防汛的报告",
                "leader_name": "陈志远",
                "text": "请水利局牵头落实。",
                "instructed_on": "2026-09-30",
                "urgency": "urgent",
            },
        )
        self.assertEqual(r.status_code, 302)
        r = self.client.post(r["Location"], {"title": "落实防汛批示", "lead_unit": self.unit_a.pk})
        task = Task.objects.get()
        self.assertEqual(task.due_date, D(2026, 10, 13))
        self.client.force_login(self.clerk_a)
        self.assertEqual(self.client.get("/supervision/instructions/").status_code, 403)


class CommendationTests(SupervisionTestCase):
    def test_it_records_a_commendation_through_its_service(self):
        from shuniu.audit.models import AuditRecord

        self.client.force_login(self.supervisor)
        r = self.client.post(
            "/supervision/scores/?year=2026",
            {"unit": self.unit_a.pk, "level": "city", "awarded_on": "2026-10-15", "reason": "市委肯定"},
        )
        self.assertEqual(r.status_code, 302)
        self.assertTrue(AuditRecord.objects.filter(action="commend").exists())
        self.client.force_login(self.leader)
        self.assertEqual(self.client.post("/supervision/scores/", {"unit": self.unit_a.pk}).status_code, 403)
