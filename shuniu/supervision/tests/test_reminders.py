import io

from django.core.management import call_command

from shuniu.notifications.models import Notification
from shuniu.supervision import services
from shuniu.supervision.reminders import send_reminders
from shuniu.supervision.tests.base import D, SupervisionTestCase


class ReminderTests(SupervisionTestCase):
    def test_it_sends_each_kind_once_per_day(self):
        task = self.make_task(start=D(2026, 9, 1), due=D(2026, 10, 12), assigned=D(2026, 9, 1))
        services.task_accept(actor=self.clerk_a, task=task)
        with self.captureOnCommitCallbacks(execute=True):
            sent = send_reminders(D(2026, 10, 9))  # due 10-12: within 3 working days (10-10 make-up, 10-12)
        self.assertIn("due_soon", sent)
        count = Notification.objects.filter(recipient=self.clerk_a).count()
        self.assertGreater(count, 0)
        with self.captureOnCommitCallbacks(execute=True):
            send_reminders(D(2026, 10, 9))
        self.assertEqual(Notification.objects.filter(recipient=self.clerk_a).count(), count)
        self.assertFalse(Notification.objects.filter(recipient=self.clerk_b).exists())

    def test_it_escalates_red_tasks_with_a_duban_notice(self):
        task = self.make_task(start=D(2026, 9, 1), due=D(2026, 9, 30), assigned=D(2026, 9, 1))
        services.task_accept(actor=self.clerk_a, task=task)
        with self.captureOnCommitCallbacks(execute=True):
            sent = send_reminders(D(2026, 10, 9))
        self.assertIn("overdue", sent)
        self.assertIn("duban", sent)
        self.assertTrue(Notification.objects.filter(recipient=self.head_a, title__startswith="督办单").exists())

    def test_it_opens_and_closes_the_report_window(self):
        task = self.make_task(start=D(2026, 9, 1), due=D(2027, 6, 30), assigned=D(2026, 9, 1))
        services.task_accept(actor=self.clerk_a, task=task)
        with self.captureOnCommitCallbacks(execute=True):
            self.assertIn("window_open", send_reminders(D(2026, 11, 25)))
            self.assertIn("window_close", send_reminders(D(2026, 11, 30)))

    def test_it_flags_unsigned_tasks(self):
        self.make_task(start=D(2026, 9, 1), due=D(2027, 6, 30), assigned=D(2026, 9, 30))
        with self.captureOnCommitCallbacks(execute=True):
            self.assertIn("sign", send_reminders(D(2026, 10, 9)))

    def test_it_has_a_command(self):
        out = io.StringIO()
        call_command("send_reminders", "--date", "2026-10-09", stdout=out)
        self.assertIn("Reminders for 2026-10-09", out.getvalue())
