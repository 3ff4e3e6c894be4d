"""Notifications that stay true (issue 10, point 7): a to-do is done when its action happens, the supervisor hears of
reports, success messages say what happened, once."""

from shuniu.governance.requests import services as requests
from shuniu.governance.tests.test_lifecycle import GovernanceTestCase
from shuniu.notifications.models import Notification
from shuniu.supervision import services
from shuniu.supervision.tests.base import D, SupervisionTestCase


class TaskTodoTests(SupervisionTestCase):
    def test_the_sign_for_notice_is_done_when_the_task_is_signed_for(self):
        task = self.make_task()
        with self.captureOnCommitCallbacks(execute=True):
            services.task_assign(actor=self.supervisor, task=task, today=D(2026, 9, 1))
        notice = Notification.objects.get(recipient=self.head_a)
        self.assertTrue(notice.title.startswith("请签收督办事项"))
        self.assertIsNone(notice.done_at)
        self.client.force_login(self.head_a)
        r = self.client.post(f"/supervision/tasks/{task.code}/do/accept/", follow=True)
        self.assertEqual(r.content.decode().count(f"已签收 {task.code}"), 1)  # what happened, once
        notice.refresh_from_db()
        self.assertIsNotNone(notice.done_at)
        self.assertIsNotNone(notice.read_at)  # no longer 待阅
        for other in Notification.objects.filter(recipient=self.clerk_a):  # the unit's other users too
            self.assertIsNotNone(other.done_at)

    def test_the_supervisor_hears_of_a_report_and_the_review_ends_it(self):
        task = self.make_task(assigned=D(2026, 9, 1))
        services.task_accept(actor=self.head_a, task=task)
        with self.captureOnCommitCallbacks(execute=True):
            report = services.report_submit(
                actor=self.head_a, task=task, progress=30, done="完成设计", today=D(2026, 9, 20)
            )
        notice = Notification.objects.get(recipient=self.supervisor)
        self.assertIn("报送了进展", notice.title)
        self.assertIn(task.code, notice.title)
        services.report_accept(actor=self.supervisor, report=report)
        notice.refresh_from_db()
        self.assertIsNotNone(notice.done_at)

    def test_a_close_request_reaches_the_supervisor_and_the_decision_ends_it(self):
        task = self.make_task(assigned=D(2026, 9, 1))
        services.task_accept(actor=self.head_a, task=task)
        with self.captureOnCommitCallbacks(execute=True):
            services.task_request_close(actor=self.head_a, task=task, done="全部完成", today=D(2026, 9, 20))
        notice = Notification.objects.get(recipient=self.supervisor)
        self.assertIn("申请办结", notice.title)
        services.task_approve_close(actor=self.supervisor, task=task, today=D(2026, 9, 21))
        notice.refresh_from_db()
        self.assertIsNotNone(notice.done_at)


class RequestTodoTests(GovernanceTestCase):
    def test_the_new_request_notice_is_done_when_accepted_or_returned(self):
        first, second = self.receive(), self.receive(title="另一件")
        with self.captureOnCommitCallbacks(execute=True):
            requests.request_dispatch(actor=self.operator, req=first, unit=self.unit_a, today=D(2026, 11, 2))
            requests.request_dispatch(actor=self.operator, req=second, unit=self.unit_a, today=D(2026, 11, 2))
        notices = {n.title: n for n in Notification.objects.filter(recipient=self.clerk_a)}
        self.assertEqual(len(notices), 2)
        requests.request_accept(actor=self.clerk_a, req=first)
        requests.request_return(actor=self.clerk_a, req=second, reason="不属于本单位职责")
        for notice in Notification.objects.filter(recipient=self.clerk_a):
            self.assertIsNotNone(notice.done_at, notice.title)
        self.client.force_login(self.clerk_a)
        self.assertContains(self.client.get("/notifications/"), "badge text-bg-success", count=2)
