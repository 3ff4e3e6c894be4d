import datetime as dt
import io

from django.core.management import call_command
from django.utils import timezone

from shuniu.governance.models import Category, CitizenRequest
from shuniu.governance.smart.topics import hot_keywords, surges
from shuniu.governance.tests.test_lifecycle import GovernanceTestCase
from shuniu.notifications.models import Notification

D = dt.date


class TopicTests(GovernanceTestCase):
    def make(self, title, day, category=None):
        req = self.receive(title=title, content=title, category=category)
        at = timezone.make_aware(dt.datetime.combine(day, dt.time(10)))
        CitizenRequest.objects.filter(pk=req.pk).update(created_at=at)

    def test_it_finds_hot_words(self):
        for i in range(3):
            self.make(f"南关菜市场占道摆摊{i}", D(2026, 10, 20))
        self.make("小区路灯坏了", D(2026, 10, 20))
        words = dict(hot_keywords(D(2026, 10, 14), D(2026, 10, 20)))
        self.assertEqual(words["占道"], 3)
        self.assertEqual(words.get("路灯"), 1)

    def test_it_keeps_hot_words_for_an_hour_and_the_hourly_job_refreshes_them(self):
        from shuniu.governance.models import HotWords

        self.make("南关菜市场占道摆摊", D(2026, 10, 20))
        self.assertEqual(dict(hot_keywords(D(2026, 10, 14), D(2026, 10, 20)))["占道"], 1)
        self.make("南关菜市场又有人占道", D(2026, 10, 19))
        self.assertEqual(dict(hot_keywords(D(2026, 10, 14), D(2026, 10, 20)))["占道"], 1)  # kept (< 1 hour old)
        HotWords.objects.update(computed_at=timezone.now() - dt.timedelta(minutes=61))
        self.assertEqual(dict(hot_keywords(D(2026, 10, 14), D(2026, 10, 20)))["占道"], 2)  # stale: recomputed
        out = io.StringIO()
        call_command("refresh_hot_words", "--date", "2026-10-20", stdout=out)
        call_command("refresh_hot_words", "--date", "2026-10-20", stdout=out)  # idempotent
        HotWords.objects.create(start=D(2026, 9, 1), end=D(2026, 9, 7), computed_at=timezone.now())  # long past
        call_command("refresh_hot_words", "--date", "2026-10-20", stdout=out)  # prunes it
        self.assertIn("占道", out.getvalue())
        self.assertEqual(
            set(HotWords.objects.values_list("start", "end")),
            {(D(2026, 10, 14), D(2026, 10, 20)), (D(2026, 9, 21), D(2026, 10, 20))},
        )

    def test_it_detects_a_surge_against_the_four_week_average_and_warns_once(self):
        water = Category.objects.create(name="停水")
        for week in range(4):
            self.make("停水", D(2026, 9, 25) + dt.timedelta(days=7 * week), water)
        for _ in range(6):
            self.make("又停水了", D(2026, 10, 28), water)
        [surge] = surges(D(2026, 10, 29))
        self.assertEqual((surge.category, surge.count, surge.average), ("停水", 6, 1.0))
        self.assertIn("停水", surge.text)
        with self.captureOnCommitCallbacks(execute=True):
            call_command("detect_surges", "--date", "2026-10-29", stdout=io.StringIO())
            call_command("detect_surges", "--date", "2026-10-29", stdout=io.StringIO())
        self.assertEqual(Notification.objects.filter(recipient=self.operator, title__contains="停水").count(), 1)

    def test_it_shows_the_page_and_api_to_the_office_only(self):
        self.make("噪音扰民", timezone.localdate())
        self.client.force_login(self.operator)
        self.assertContains(self.client.get("/governance/topics/"), "噪音")
        self.assertEqual(self.client.get("/api/v1/requests/hot-topics").json()["keywords"][0]["word"], "噪音扰民")
        self.client.force_login(self.clerk_a)
        self.assertEqual(self.client.get("/governance/topics/").status_code, 403)
        self.assertEqual(self.client.get("/api/v1/requests/hot-topics").status_code, 403)
