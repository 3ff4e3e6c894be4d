"""The task list API integrators use (issue 10, point 11): status=open, overdue=true, sort with a stable tiebreak,
the per-unit filter as two index scans, deep pages from an index."""

import unittest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from shuniu.supervision.models import Task
from shuniu.supervision.tests.base import D, SupervisionTestCase


class TaskListApiTests(SupervisionTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        make = SupervisionTestCase.make_task
        cls.late = make(cls, title="超期未办", start=D(2026, 1, 5), due=D(2026, 3, 31), assigned=D(2026, 1, 5))
        cls.later = make(cls, title="未到期", start=D(2026, 1, 5), due=D(2099, 3, 31), assigned=D(2026, 1, 5))
        cls.co = make(cls, title="配合的事项", lead=cls.unit_b, co_units=[cls.unit_a], due=D(2099, 3, 31))
        cls.suspended = make(cls, title="中止的事项", start=D(2026, 1, 5), due=D(2026, 2, 1))
        cls.closed = make(cls, title="已办结", start=D(2026, 1, 5), due=D(2026, 2, 1))
        Task.objects.filter(pk=cls.suspended.pk).update(status="suspended")
        Task.objects.filter(pk=cls.closed.pk).update(status="closed")
        cls.same_day = [make(cls, title=f"同一天截止{i}", due=D(2098, 6, 30)) for i in range(7)]

    def codes(self, **params):
        self.client.force_login(self.supervisor)
        r = self.client.get("/api/v1/tasks", params)
        self.assertEqual(r.status_code, 200, r.content)
        return [t["code"] for t in r.json()["items"]]

    def test_open_is_every_state_before_closing_and_overdue_is_open_past_due(self):
        opened = set(self.codes(status="open", limit=100))
        self.assertIn(self.late.code, opened)
        self.assertNotIn(self.suspended.code, opened)
        self.assertNotIn(self.closed.code, opened)
        self.assertEqual(self.codes(status="open", overdue="true"), [self.late.code])
        self.assertEqual(self.codes(overdue="true"), [self.late.code])  # suspended and closed are never overdue

    def test_the_unit_filter_finds_what_it_leads_and_cooperates_on(self):
        found = set(self.codes(unit=str(self.unit_a.code), limit=100))
        self.assertIn(self.co.code, found)  # co-operates
        self.assertIn(self.late.code, found)  # leads
        self.assertNotIn(self.co.code, set(self.codes(unit=str(self.unit_b.code), limit=100)) - {self.co.code})

    def test_sorts_are_stable_and_pages_never_overlap(self):
        for key in ("due_date", "-due_date", "code", "updated_at", "-updated_at"):
            with self.subTest(key):
                whole = self.codes(sort=key, limit=100)
                pages = [c for offset in range(0, len(whole), 3) for c in self.codes(sort=key, limit=3, offset=offset)]
                self.assertEqual(pages, whole)
                self.assertEqual(len(set(whole)), len(whole))
        self.assertEqual(self.codes(sort="code", limit=100), sorted(self.codes(sort="code", limit=100)))
        due = self.codes(sort="-due_date", limit=2)
        self.assertEqual(
            due, [self.later.code, self.co.code] if self.later.pk > self.co.pk else [self.co.code, self.later.code]
        )

    def test_a_units_pages_merge_what_it_leads_and_cooperates_on_in_sort_order(self):
        unit = str(self.unit_a.code)
        for key in ("due_date", "-due_date", "code", "-updated_at"):
            with self.subTest(key):
                whole = self.codes(unit=unit, sort=key, limit=100)
                self.assertIn(self.co.code, whole)
                pages = [c for o in range(0, len(whole), 2) for c in self.codes(unit=unit, sort=key, limit=2, offset=o)]
                self.assertEqual(pages, whole)
                everything = self.codes(sort=key, limit=100)
                self.assertEqual(whole, [c for c in everything if c in set(whole)])  # the same order as the full list
        self.assertEqual(self.codes(unit="not-a-code"), [])
        self.client.force_login(self.clerk_b)  # the unit filter never widens what a user may see
        r = self.client.get("/api/v1/tasks", {"unit": unit, "limit": 100})
        self.assertEqual([t["code"] for t in r.json()["items"]], [self.co.code])
        self.assertEqual(r.json()["count"], 1)

    def test_a_bad_sort_is_a_clear_400_and_a_unit_user_sees_only_theirs(self):
        self.client.force_login(self.supervisor)
        r = self.client.get("/api/v1/tasks", {"sort": "password"})
        self.assertEqual(r.status_code, 400)
        self.assertIn("排序方式", r.content.decode())
        self.client.force_login(self.clerk_b)
        codes = [t["code"] for t in self.client.get("/api/v1/tasks", {"status": "open", "limit": 100}).json()["items"]]
        self.assertEqual(codes, [self.co.code])

    @unittest.skipUnless(connection.vendor == "postgresql", "query plans are PostgreSQL's")
    def test_the_unit_filter_and_deep_pages_read_indexes_not_the_table(self):
        self.client.force_login(self.supervisor)
        with connection.cursor() as cursor:
            cursor.execute("SET enable_seqscan = off")  # the tables are tiny: ask what the plan can be
        try:
            with CaptureQueriesContext(connection) as ctx:
                self.codes(unit=str(self.unit_a.code), limit=5)
                self.codes(status="open", overdue="true", limit=5)
                self.codes(limit=5, offset=5)
            listing = [
                q["sql"] for q in ctx.captured_queries if 'FROM "supervision_task"' in q["sql"] and "LIMIT" in q["sql"]
            ]
            self.assertTrue(listing)
            with connection.cursor() as cursor:
                for sql in listing:
                    cursor.execute("EXPLAIN " + sql)
                    plan = "\n".join(row[0] for row in cursor.fetchall())
                    self.assertNotIn("Seq Scan on supervision_task ", plan + " ", plan)
        finally:
            with connection.cursor() as cursor:
                cursor.execute("SET enable_seqscan = on")
