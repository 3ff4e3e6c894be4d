import io

from openpyxl import load_workbook

from shuniu.org.testing import xlsx
from shuniu.supervision.excel import COLUMNS, EXPORT_COLUMNS, tasks_export, tasks_import
from shuniu.supervision.models import Task
from shuniu.supervision.tests.base import D, SupervisionTestCase

GOOD = [
    "推进老旧小区改造",
    "年度重点工作",
    "县住房和城乡建设局",
    "县发展和改革局",
    "陈书记",
    "2026-03-01",
    "2026年12月31日",
    "每月",
    "城市更新、民生",
    "完成12个小区",
    "政府工作报告",
]


class ImportTests(SupervisionTestCase):
    def test_it_imports_rows(self):
        report = tasks_import(actor=self.supervisor, fileobj=xlsx([COLUMNS, GOOD]))
        self.assertTrue(report.ok, report.errors)
        task = Task.objects.get()
        self.assertEqual((task.source, task.lead_unit, task.due_date), ("annual", self.unit_b, D(2026, 12, 31)))
        self.assertEqual(list(task.co_units.all()), [self.unit_a])
        self.assertEqual(sorted(task.area_tags.values_list("name", flat=True)), ["城市更新", "民生"])

    def test_it_reports_every_bad_row_and_imports_nothing(self):
        bad = [
            GOOD,
            ["x", "外星来源", "县住房和城乡建设局", "", "", "2026-03-01", "2026-12-31", "", "", "", ""],
            ["y", "交办事项", "不存在的局", "也不存在", "", "2026-03-01", "2026-12-31", "", "", "", ""],
            ["z", "交办事项", "县住房和城乡建设局", "", "", "2026-13-01", "2026-02-30", "每天", "", "", ""],
            ["w", "交办事项", "县住房和城乡建设局", "", "", "2026-05-01", "2026-04-01", "", "", "", ""],
            ["机密★专项", "交办事项", "县住房和城乡建设局", "", "", "2026-05-01", "2026-06-01", "", "", "", ""],
        ]
        report = tasks_import(actor=self.supervisor, fileobj=xlsx([COLUMNS, *bad]))
        cells = {(e.row, e.column) for e in report.errors}
        self.assertEqual(
            cells,
            {
                (3, "来源"),
                (4, "牵头单位"),
                (4, "配合单位"),
                (5, "开始日期"),
                (5, "截止日期"),
                (5, "报送周期"),
                (6, "截止日期"),
                (7, "标题"),
            },
        )
        self.assertFalse(Task.objects.exists())

    def test_it_refuses_a_broken_file(self):
        report = tasks_import(actor=self.supervisor, fileobj=io.BytesIO(b"PK\x03\x04 broken"))
        self.assertIn("无法读取文件", report.errors[0].problem)

    def test_it_round_trips_an_export(self):
        tasks_import(
            actor=self.supervisor,
            fileobj=xlsx(
                [COLUMNS, GOOD, [*GOOD[:2], "县发展和改革局", "", "", "2026-04-01", "2026-09-30", "一次性", "", "", ""]]
            ),
        )
        exported = tasks_export(Task.objects.order_by("code"))
        rows = list(load_workbook(io.BytesIO(exported)).active.iter_rows(values_only=True))
        self.assertEqual(list(rows[0]), EXPORT_COLUMNS)
        Task.objects.all().delete()
        report = tasks_import(actor=self.supervisor, fileobj=io.BytesIO(exported))
        self.assertTrue(report.ok, report.errors)
        again = Task.objects.order_by("code")
        self.assertEqual(
            [(t.title, t.lead_unit_id, t.start_date, t.due_date, t.report_cycle) for t in again],
            [
                ("推进老旧小区改造", self.unit_b.pk, D(2026, 3, 1), D(2026, 12, 31), "monthly"),
                ("推进老旧小区改造", self.unit_a.pk, D(2026, 4, 1), D(2026, 9, 30), "once"),
            ],
        )

    def test_it_serves_the_template_and_refuses_clerks(self):
        self.client.force_login(self.supervisor)
        template = load_workbook(io.BytesIO(self.client.get("/supervision/tasks/import/?template=1").content)).active
        self.assertEqual([c.value for c in template[1]], COLUMNS)
        self.client.force_login(self.clerk_a)
        self.assertEqual(self.client.get("/supervision/tasks/import/").status_code, 403)
