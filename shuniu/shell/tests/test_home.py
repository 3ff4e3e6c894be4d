"""A home page per role: 待办 / 待阅 / 已办, the leader's own tasks and lights, the operator's desk (issue 10.3)."""

import datetime as dt
import importlib

from django.apps import apps
from django.core.exceptions import ValidationError

from shuniu.org.testing import BaseTestCase, make_user
from shuniu.supervision import services
from shuniu.supervision.models import Task

D = dt.date
migration = importlib.import_module("shuniu.supervision.migrations.0006_task_leader")


class HomeTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.director = make_user("director", cls.office, "office_director", real_name="刘主任")

    def _task(self, **extra):
        return services.task_register(
            actor=self.supervisor,
            title=extra.pop("title", "推进老旧小区改造"),
            source="annual",
            lead_unit=self.unit_a,
            start_date=D(2026, 9, 1),
            due_date=extra.pop("due_date", D(2026, 12, 31)),
            **extra,
        )

    def test_a_typed_leader_name_links_to_the_leader_account_and_only_leaders_qualify(self):
        task = self._task(responsible_leader="陈书记")
        self.assertEqual(task.leader, self.leader)
        self.assertEqual(self._task(responsible_leader="不存在的领导").leader, None)
        with self.assertRaises(ValidationError):
            self._task(leader=self.clerk_a)
        self.assertEqual(self._task(leader=self.director).responsible_leader, "刘主任")

    def test_the_migration_links_existing_names(self):
        task = self._task(responsible_leader="陈书记")
        Task.objects.filter(pk=task.pk).update(leader=None)
        migration.link_leaders(apps, None)
        task.refresh_from_db()
        self.assertEqual(task.leader, self.leader)

    def test_the_leader_sees_his_own_tasks_and_the_lights(self):
        mine = self._task(leader=self.leader, title="我负责的事项甲")
        other = self._task(title="别人的事项")
        Task.objects.filter(pk=mine.pk).update(light="red", status="accepted")
        Task.objects.filter(pk=other.pk).update(light="green", status="accepted")
        self.client.force_login(self.leader)
        page = self.client.get("/").content.decode()
        self.assertIn('id="home-lights"', page)
        self.assertIn('id="red-count">1<', page)
        self.assertIn(mine.code, page.split('id="my-tasks"')[1].split("</ul>")[0])
        self.assertNotIn("别人的事项", page.split('id="my-tasks"')[1].split("</ul>")[0])
        detail = self.client.get(mine.get_absolute_url()).content.decode()
        self.assertIn(f"?leader={self.leader.username}", detail)  # 责任领导 is a link to his tasks
        listed = self.client.get(f"/supervision/tasks/?leader={self.leader.username}").content.decode()
        self.assertIn(mine.code, listed)
        self.assertNotIn("别人的事项", listed)
        self.client.force_login(self.director)
        self.assertContains(self.client.get("/"), 'id="home-lights"')
        self.client.force_login(self.head_a)  # a liaison: no leaders' card
        self.assertNotContains(self.client.get("/"), 'id="home-lights"')

    def test_the_liaison_inbox_is_by_deadline_and_done_lists_what_i_did(self):
        late = self._task(title="较晚截止", due_date=D(2026, 12, 31))
        early = self._task(title="较早截止", due_date=D(2026, 11, 30))
        for task in (late, early):
            services.task_assign(actor=self.supervisor, task=task, today=D(2026, 11, 2))
        self.client.force_login(self.head_a)
        page = self.client.get("/").content.decode()
        self.assertIn('id="todo-count">2<', page)
        self.assertLess(page.index(late.code), page.index(early.code))  # 签收 deadlines: assigned in that order
        self.client.force_login(self.supervisor)
        done = self.client.get("/?tab=done").content.decode()
        self.assertIn('id="done-list"', done)
        self.assertIn(early.get_absolute_url(), done)
        self.assertIn("立项", done)

    def test_the_home_page_runs_the_same_queries_however_many_items(self):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        def queries():
            with CaptureQueriesContext(connection) as ctx:
                self.assertEqual(self.client.get("/").status_code, 200)
            return len(ctx.captured_queries)

        self.client.force_login(self.head_a)
        services.task_assign(actor=self.supervisor, task=self._task(title="事项"), today=D(2026, 11, 2))
        self.client.get("/")
        few = queries()
        for i in range(8):
            services.task_assign(actor=self.supervisor, task=self._task(title=f"事项{i}"), today=D(2026, 11, 2))
        self.assertEqual(queries(), few)
        self.assertLessEqual(few, 25)  # one per module's to-dos at most (办会, 办文 and 请销假 added one each)
