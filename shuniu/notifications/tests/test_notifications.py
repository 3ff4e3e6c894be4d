from django.db import transaction

from shuniu.notifications.models import Notification
from shuniu.notifications.services import notify
from shuniu.org.testing import BaseTestCase


class NotifyTests(BaseTestCase):
    def test_it_delivers_through_a_task_only_after_commit(self):
        with self.captureOnCommitCallbacks(execute=False) as callbacks:
            notify(recipients=[self.clerk_a, self.head_a], title="请签收督办事项", url="/")
            self.assertFalse(Notification.objects.exists())
        self.assertEqual(len(callbacks), 1)
        callbacks[0]()
        self.assertEqual(Notification.objects.count(), 2)

    def test_it_sends_nothing_when_the_transaction_rolls_back(self):
        with self.captureOnCommitCallbacks(execute=True):
            try:
                with transaction.atomic():
                    notify(recipients=[self.clerk_a], title="x")
                    raise RuntimeError
            except RuntimeError:
                pass
        self.assertFalse(Notification.objects.exists())

    def test_it_rate_limits_by_dedupe_key_per_day(self):
        for _ in range(3):
            with self.captureOnCommitCallbacks(execute=True):
                notify(recipients=[self.clerk_a], title="催办", dedupe_key="task:1:overdue")
        self.assertEqual(Notification.objects.count(), 1)

    def test_it_emails_users_with_an_address(self):
        from django.core import mail

        type(self.clerk_a).objects.filter(pk=self.clerk_a.pk).update(email="alice@example.cn")
        with self.captureOnCommitCallbacks(execute=True):
            notify(recipients=[self.clerk_a, self.clerk_b], title="会议通知")
        self.assertEqual(len(mail.outbox), 1)
        self.assertEqual(mail.outbox[0].to, ["alice@example.cn"])


class InboxTests(BaseTestCase):
    def setUp(self):
        with self.captureOnCommitCallbacks(execute=True):
            notify(recipients=[self.clerk_a], title="请于周五前报送材料", body="详见附件")
        self.note = Notification.objects.get()

    def test_it_lists_my_notifications_and_shows_them_on_home(self):
        self.client.force_login(self.clerk_a)
        self.assertContains(self.client.get("/notifications/"), "请于周五前报送材料")
        home = self.client.get("/")
        self.assertContains(home, 'id="unread-count">1<')  # the 待阅 tab's count
        self.assertContains(home, 'id="unread-badge"')
        self.assertContains(self.client.get("/?tab=unread"), "请于周五前报送材料")

    def test_it_marks_read(self):
        self.client.force_login(self.clerk_a)
        self.client.post(f"/notifications/{self.note.code}/read/", HTTP_HX_REQUEST="true")
        self.note.refresh_from_db()
        self.assertIsNotNone(self.note.read_at)

    def test_it_hides_other_peoples_notifications(self):
        self.client.force_login(self.clerk_b)
        self.assertNotContains(self.client.get("/notifications/"), "请于周五前报送材料")
        self.assertEqual(self.client.post(f"/notifications/{self.note.code}/read/").status_code, 404)

    def test_it_runs_constant_queries(self):
        self.client.force_login(self.clerk_a)
        with self.assertNumQueries(11):  # cold permission cache: org version + 2 permission queries
            self.client.get("/notifications/")
        with self.captureOnCommitCallbacks(execute=True):
            notify(recipients=[self.clerk_a], title="再一条")
            notify(recipients=[self.clerk_a], title="第三条")
        with self.assertNumQueries(6):  # warm: the permissions now come from the cache
            self.client.get("/notifications/")
