from shuniu.supervision.lights import compute_light, expected_progress, light_of, report_facts, task_refresh_light
from shuniu.supervision.models import SupervisionConfig, Task
from shuniu.supervision.services import task_override_light
from shuniu.supervision.tests.base import D, SupervisionTestCase


class ExpectedProgressTests(SupervisionTestCase):
    def test_it_counts_working_days_across_national_day(self):
        # 2026-09-30 → 2026-10-13 is 5 working days; by 10-09 two have passed (10-08, 10-09).
        task = self.make_task(start=D(2026, 9, 30), due=D(2026, 10, 13))
        self.assertEqual(expected_progress(task, [], D(2026, 10, 5)), 0)
        self.assertEqual(expected_progress(task, [], D(2026, 10, 9)), 40)
        self.assertEqual(expected_progress(task, [], D(2026, 10, 10)), 60)  # the make-up Saturday counts
        self.assertEqual(expected_progress(task, [], D(2026, 10, 13)), 100)

    def test_it_follows_the_current_milestone(self):
        task = self.make_task(start=D(2026, 9, 1), due=D(2026, 12, 31), milestones=[(D(2026, 9, 30), "方案", 50)])
        milestones = list(task.milestones.all())
        self.assertEqual(expected_progress(task, milestones, D(2026, 9, 30)), 50)
        self.assertLess(expected_progress(task, milestones, D(2026, 9, 15)), 50)


class ComputeLightTests(SupervisionTestCase):
    def judge(self, task, as_of):
        task.refresh_from_db()
        return compute_light(
            task,
            as_of=as_of,
            config=SupervisionConfig.current(),
            facts=report_facts(task.reports.all()),
            milestones=list(task.milestones.all()),
        )

    def test_it_is_green_on_schedule(self):
        task = self.make_task(start=D(2026, 9, 30), due=D(2026, 10, 30), assigned=D(2026, 9, 30))
        self.accepted_report(task, period=D(2026, 10, 1), progress=30, reviewed=D(2026, 10, 12))
        result = self.judge(task, D(2026, 10, 13))
        self.assertEqual(result.light, "green", result.reason)

    def test_it_is_yellow_when_due_within_three_working_days(self):
        task = self.make_task(start=D(2026, 9, 30), due=D(2026, 10, 13), assigned=D(2026, 9, 30), cycle="once")
        self.accepted_report(task, period=D(2026, 10, 1), progress=60, reviewed=D(2026, 10, 9))
        result = self.judge(task, D(2026, 10, 9))  # 10-10 (make-up), 10-12, 10-13 remain
        self.assertEqual(result.light, "yellow")
        self.assertIn("距截止还有3个工作日", result.reason)

    def test_it_explains_a_yellow_light_in_words(self):
        task = self.make_task(start=D(2026, 9, 1), due=D(2026, 12, 31), assigned=D(2026, 9, 1))
        for month, progress in ((9, 10), (10, 20)):
            self.accepted_report(task, period=D(2026, month, 1), progress=progress, reviewed=D(2026, month, 28))
        self.accepted_report(task, period=D(2026, 11, 1), progress=40, reviewed=D(2026, 11, 20))
        result = self.judge(task, D(2026, 11, 20))
        expected = result.expected
        self.assertEqual(result.light, "yellow" if 10 <= expected - 40 <= 30 else result.light)
        self.assertEqual(result.reason, f"进度40%，序时进度{expected}%，落后{expected - 40}个百分点，亮黄灯。")

    def test_it_is_red_when_far_behind(self):
        task = self.make_task(start=D(2026, 9, 1), due=D(2026, 12, 31), assigned=D(2026, 9, 1))
        for month in (9, 10):
            self.accepted_report(task, period=D(2026, month, 1), progress=5, reviewed=D(2026, month, 28))
        result = self.judge(task, D(2026, 11, 20))
        self.assertEqual(result.light, "red")
        self.assertGreater(result.behind, 30)

    def test_it_is_red_when_overdue(self):
        task = self.make_task(start=D(2026, 9, 1), due=D(2026, 9, 30), assigned=D(2026, 9, 1))
        result = self.judge(task, D(2026, 10, 9))
        self.assertEqual(result.light, "red")
        self.assertEqual(result.overdue_days, 2)  # 10-08 and 10-09: the holiday does not count
        self.assertIn("已超过截止日期2个工作日", result.reason)

    def test_it_counts_missing_reports(self):
        task = self.make_task(start=D(2026, 7, 1), due=D(2027, 6, 30), assigned=D(2026, 7, 1))
        self.assertEqual(self.judge(task, D(2026, 10, 9)).missing, 3)  # July, August, September
        self.assertEqual(self.judge(task, D(2026, 10, 9)).light, "red")
        self.accepted_report(task, period=D(2026, 7, 1), progress=20, reviewed=D(2026, 7, 28))
        self.accepted_report(task, period=D(2026, 8, 1), progress=25, reviewed=D(2026, 8, 28))
        result = self.judge(task, D(2026, 10, 9))
        self.assertEqual((result.missing, result.light), (1, "yellow"))
        self.assertIn("连续1期未报送", result.reason)

    def test_it_ignores_returned_reports(self):
        task = self.make_task(start=D(2026, 9, 1), due=D(2026, 12, 31), assigned=D(2026, 9, 1))
        report = self.accepted_report(task, period=D(2026, 9, 1), progress=90, reviewed=D(2026, 9, 28))
        Task.objects.filter(pk=task.pk)
        report.status = "returned"
        report.save()
        self.assertEqual(self.judge(task, D(2026, 10, 9)).progress, 0)

    def test_it_judges_at_a_past_date(self):
        task = self.make_task(start=D(2026, 9, 1), due=D(2026, 9, 30), assigned=D(2026, 9, 1))
        self.accepted_report(task, period=D(2026, 9, 1), progress=80, reviewed=D(2026, 9, 20))
        self.assertEqual(self.judge(task, D(2026, 9, 10)).progress, 0)  # not yet accepted then
        self.assertEqual(self.judge(task, D(2026, 9, 25)).progress, 80)

    def test_it_is_blue_when_closed_and_nothing_when_cancelled(self):
        task = self.make_task()
        Task.objects.filter(pk=task.pk).update(status="closed", closed_on=D(2026, 10, 20))
        self.assertEqual(self.judge(task, D(2026, 10, 21)).light, "blue")
        self.assertNotEqual(self.judge(task, D(2026, 10, 19)).light, "blue")  # not closed yet at that date
        Task.objects.filter(pk=task.pk).update(status="cancelled")
        self.assertEqual(self.judge(task, D(2026, 10, 21)).light, "")

    def test_it_uses_the_configured_rules(self):
        task = self.make_task(start=D(2026, 9, 30), due=D(2026, 10, 13), cycle="once")
        config = SupervisionConfig.current()
        config.due_soon_days = 1
        config.save()
        self.accepted_report(task, period=D(2026, 10, 1), progress=60, reviewed=D(2026, 10, 9))
        self.assertEqual(self.judge(task, D(2026, 10, 9)).light, "green")


class LightHistoryTests(SupervisionTestCase):
    def test_it_records_each_change_with_its_reason(self):
        task = self.make_task(start=D(2026, 9, 1), due=D(2026, 9, 30), assigned=D(2026, 9, 1))
        task_refresh_light(task, as_of=D(2026, 9, 2))
        task_refresh_light(task, as_of=D(2026, 10, 9))
        change = task.light_changes.first()
        self.assertEqual((change.new_light, change.trigger), ("red", "auto"))
        self.assertIn("已超过截止日期", change.reason)
        rows = task.light_changes.count()
        task_refresh_light(task, as_of=D(2026, 10, 9))  # no change, no new row
        self.assertEqual(task.light_changes.count(), rows)

    def test_it_keeps_a_supervisors_override_with_its_reason(self):
        task = self.make_task(start=D(2026, 9, 1), due=D(2027, 9, 30), assigned=D(2026, 9, 1))
        from django.core.exceptions import ValidationError

        with self.assertRaises(ValidationError):
            task_override_light(actor=self.supervisor, task=task, light="red", reason=" ")
        task_override_light(actor=self.supervisor, task=task, light="red", reason="群众反映强烈")
        task.refresh_from_db()
        self.assertEqual(task.light, "red")
        self.assertIn("群众反映强烈", light_of(task).reason)
        change = task.light_changes.first()
        self.assertEqual((change.trigger, change.actor), ("override", self.supervisor))
