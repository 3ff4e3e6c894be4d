import io

from django.core.exceptions import PermissionDenied, ValidationError
from docx import Document

from shuniu.audit.models import AuditRecord
from shuniu.notifications.models import Notification
from shuniu.supervision import services
from shuniu.supervision.models import Extension, Task
from shuniu.supervision.selectors import sign_overdue
from shuniu.supervision.tests.base import D, SupervisionTestCase


class RegisterTests(SupervisionTestCase):
    def test_it_numbers_tasks_per_year(self):
        first = self.make_task(start=D(2026, 3, 1))
        second = self.make_task(start=D(2026, 4, 1))
        other_year = self.make_task(start=D(2027, 1, 5), due=D(2027, 3, 1))
        self.assertEqual((first.code, second.code, other_year.code), ("DB-2026-0001", "DB-2026-0002", "DB-2027-0001"))
        self.assertEqual(first.original_due_date, first.due_date)
        self.assertTrue(AuditRecord.objects.filter(action="register", object_id=str(first.pk)).exists())

    def test_it_refuses_a_due_date_before_the_start_and_writes_nothing(self):
        with self.assertRaises(ValidationError):
            self.make_task(start=D(2026, 5, 1), due=D(2026, 4, 1))
        self.assertFalse(Task.objects.exists())

    def test_it_is_only_for_managers(self):
        for persona in (self.clerk_a, self.leader, self.sysadmin):
            with self.subTest(persona=persona.username), self.assertRaises(PermissionDenied):
                services.task_register(
                    actor=persona,
                    title="x",
                    source="annual",
                    lead_unit=self.unit_a,
                    start_date=D(2026, 1, 5),
                    due_date=D(2026, 2, 5),
                )


class LifecycleTests(SupervisionTestCase):
    def test_it_runs_the_whole_life_cycle(self):
        task = self.make_task(start=D(2026, 9, 1), due=D(2026, 12, 31))
        with self.captureOnCommitCallbacks(execute=True):
            services.task_assign(actor=self.supervisor, task=task, today=D(2026, 9, 1))
        task.refresh_from_db()
        self.assertEqual(task.status, "assigned")
        body = "\n".join(p.text for p in Document(io.BytesIO(task.assignment_notice.read())).paragraphs)
        self.assertIn("督办通知单", body)
        self.assertIn("县发展和改革局", body)
        self.assertTrue(Notification.objects.filter(recipient=self.clerk_a, title__contains="请签收").exists())

        services.task_accept(actor=self.head_a, task=task)
        report = services.report_submit(
            actor=self.clerk_a, task=task, progress=30, done="完成方案", today=D(2026, 9, 28)
        )
        self.assertEqual(report.period_start, D(2026, 9, 1))
        services.report_accept(actor=self.supervisor, report=report)
        task.refresh_from_db()
        self.assertEqual(task.progress, 30)

        services.task_request_close(actor=self.clerk_a, task=task, done="全部完成", today=D(2026, 12, 1))
        with self.assertRaises(ValidationError):
            services.task_return_close(actor=self.supervisor, task=task, reason="")
        services.task_return_close(actor=self.supervisor, task=task, reason="佐证材料不全")
        task.refresh_from_db()
        self.assertEqual((task.status, task.status_reason), ("accepted", "佐证材料不全"))
        services.task_request_close(actor=self.clerk_a, task=task, done="补充了材料", today=D(2026, 12, 2))
        services.task_approve_close(actor=self.supervisor, task=task, today=D(2026, 12, 3))
        task.refresh_from_db()
        self.assertEqual((task.status, task.closed_on, task.light), ("closed", D(2026, 12, 3), "blue"))
        actions = set(AuditRecord.objects.filter(object_type="supervision.task").values_list("action", flat=True))
        self.assertTrue({"register", "assign", "accept", "request_close", "return_close", "close"} <= actions)

    def test_it_refuses_transitions_out_of_order(self):
        task = self.make_task()
        with self.assertRaisesMessage(ValidationError, "不能执行此操作"):
            services.task_accept(actor=self.clerk_a, task=task)  # not assigned yet
        with self.assertRaises(ValidationError):
            services.task_approve_close(actor=self.supervisor, task=task)

    def test_it_lets_only_the_lead_unit_report(self):
        task = self.make_task(assigned=D(2026, 9, 1), co_units=[self.unit_b])
        with self.assertRaises(PermissionDenied):
            services.report_submit(actor=self.clerk_b, task=task, progress=10, done="x")  # cooperating unit
        with self.assertRaises(PermissionDenied):
            services.report_submit(actor=self.leader, task=task, progress=10, done="x")
        with self.assertRaises(ValidationError):
            services.report_submit(actor=self.clerk_a, task=task, progress=120, done="x")

    def test_it_suspends_and_cancels_only_with_a_reason(self):
        task = self.make_task(assigned=D(2026, 9, 1))
        with self.assertRaises(ValidationError):
            services.task_suspend(actor=self.supervisor, task=task, reason="")
        services.task_suspend(actor=self.supervisor, task=task, reason="等待上级政策")
        services.task_resume(actor=self.supervisor, task=task, reason="政策已明确")
        task.refresh_from_db()
        self.assertEqual(task.status, "assigned")
        services.task_cancel(actor=self.supervisor, task=task, reason="并入其他事项")
        task.refresh_from_db()
        self.assertEqual((task.status, task.light), ("cancelled", ""))

    def test_it_flags_a_unit_that_has_not_signed_within_a_working_day(self):
        task = self.make_task(assigned=D(2026, 9, 30))  # the next working day is 10-08
        self.assertFalse(sign_overdue(task, D(2026, 10, 8)))
        self.assertTrue(sign_overdue(task, D(2026, 10, 9)))
        services.task_accept(actor=self.clerk_a, task=task)
        task.refresh_from_db()
        self.assertFalse(sign_overdue(task, D(2026, 10, 9)))


class ExtensionTests(SupervisionTestCase):
    def test_it_moves_the_due_date_when_approved_and_keeps_the_original(self):
        task = self.make_task(start=D(2026, 9, 1), due=D(2026, 10, 30), assigned=D(2026, 9, 1))
        extension = services.extension_request(
            actor=self.clerk_a,
            task=task,
            requested_due_date=D(2026, 11, 30),
            reason="征迁未完成",
            today=D(2026, 10, 20),
        )
        services.extension_decide(actor=self.supervisor, extension=extension, approve=True)
        task.refresh_from_db()
        self.assertEqual((task.due_date, task.original_due_date), (D(2026, 11, 30), D(2026, 10, 30)))

    def test_it_keeps_the_deadline_when_refused(self):
        task = self.make_task(start=D(2026, 9, 1), due=D(2026, 10, 30), assigned=D(2026, 9, 1))
        extension = services.extension_request(
            actor=self.clerk_a,
            task=task,
            requested_due_date=D(2026, 11, 30),
            reason="征迁未完成",
            today=D(2026, 10, 20),
        )
        services.extension_decide(actor=self.supervisor, extension=extension, approve=False, comment="理由不充分")
        task.refresh_from_db()
        self.assertEqual(task.due_date, D(2026, 10, 30))
        self.assertEqual(Extension.objects.get().status, "refused")

    def test_it_must_be_asked_before_the_due_date(self):
        task = self.make_task(start=D(2026, 9, 1), due=D(2026, 10, 30), assigned=D(2026, 9, 1))
        with self.assertRaisesMessage(ValidationError, "已超过截止日期"):
            services.extension_request(
                actor=self.clerk_a, task=task, requested_due_date=D(2026, 11, 30), reason="x", today=D(2026, 11, 2)
            )
        with self.assertRaisesMessage(ValidationError, "应晚于"):
            services.extension_request(
                actor=self.clerk_a, task=task, requested_due_date=D(2026, 10, 1), reason="x", today=D(2026, 10, 2)
            )
        self.assertFalse(Extension.objects.exists())


class InstructionTests(SupervisionTestCase):
    def test_it_creates_tasks_with_the_time_limit_and_records_reading_only_ones(self):
        from shuniu.supervision.instructions import instruction_create_task, instruction_register

        urgent = instruction_register(
            actor=self.supervisor,
            document_title="关于安全生产的报告",
            leader_name="陈志远",
            text="请抓紧落实。",
            instructed_on=D(2026, 9, 30),
            urgency="urgent",
        )
        task = instruction_create_task(
            actor=self.supervisor, instruction=urgent, title="落实批示", lead_unit=self.unit_a
        )
        self.assertEqual(task.due_date, D(2026, 10, 13))  # 5 working days over National Day
        self.assertEqual((task.source, task.instruction), ("instruction", urgent))
        normal = instruction_register(
            actor=self.supervisor,
            document_title="报告",
            leader_name="陈志远",
            text="阅。",
            instructed_on=D(2026, 9, 30),
            for_reading_only=True,
        )
        with self.assertRaisesMessage(ValidationError, "阅知"):
            instruction_create_task(actor=self.supervisor, instruction=normal, title="x", lead_unit=self.unit_a)
        self.assertEqual(normal.tasks.count(), 0)
