from django.core.cache import cache
from django.test import Client

from shuniu.core.tokens import token_create
from shuniu.org.services import unit_update
from shuniu.supervision.bulletins import bulletin_issue
from shuniu.supervision.models import Task
from shuniu.supervision.services import task_override_light
from shuniu.supervision.tests.base import D, SupervisionTestCase


class TaskApiTests(SupervisionTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.task_a = cls.make_task(
            cls, title="甲单位的事项", start=D(2026, 9, 1), due=D(2026, 9, 30), assigned=D(2026, 9, 1)
        )
        cls.task_b = cls.make_task(
            cls,
            title="乙单位的事项",
            lead=cls.unit_b,
            co_units=[cls.unit_a1],
            start=D(2026, 9, 1),
            due=D(2027, 9, 30),
            assigned=D(2026, 9, 1),
        )

    def make_task(self, **kw):
        return SupervisionTestCase.make_task(self, **kw)

    def test_it_lists_with_filters(self):
        self.client.force_login(self.supervisor)
        data = self.client.get("/api/v1/tasks", {"light": "red"}).json()
        self.assertEqual([t["code"] for t in data["items"]], [self.task_a.code])
        self.assertEqual(data["items"][0]["light"], "red")
        self.assertIn("已超过截止日期", data["items"][0]["light_explanation"])
        self.assertEqual(self.client.get("/api/v1/tasks", {"q": "乙单位"}).json()["count"], 1)
        self.assertEqual(self.client.get("/api/v1/tasks", {"unit": str(self.unit_a1.code)}).json()["count"], 1)
        self.assertEqual(self.client.get("/api/v1/tasks", {"due_before": "2026-10-01"}).json()["count"], 1)
        self.assertEqual(self.client.get("/api/v1/tasks", {"source": "reform"}).json()["count"], 0)

    def test_it_judges_at_a_given_date(self):
        self.client.force_login(self.supervisor)
        r = self.client.get(f"/api/v1/tasks/{self.task_a.code}", {"as_of": "2026-09-02"}).json()
        self.assertIn(r["light"], {"green", "yellow"})
        r = self.client.get(f"/api/v1/tasks/{self.task_a.code}", {"as_of": "2026-10-09"}).json()
        self.assertEqual(r["light"], "red")
        self.assertIn("已超过截止日期2个工作日", r["light_explanation"])
        self.assertEqual(self.client.get(f"/api/v1/tasks/{self.task_a.code}", {"as_of": "not-a-date"}).status_code, 422)

    def test_it_shows_a_unit_only_tasks_it_leads_or_cooperates_on(self):
        self.client.force_login(self.clerk_b)
        codes = {t["code"] for t in self.client.get("/api/v1/tasks").json()["items"]}
        self.assertEqual(codes, {self.task_b.code})
        r = self.client.get(f"/api/v1/tasks/{self.task_a.code}")
        self.assertEqual((r.status_code, r.json()["error"]), (404, "not_found"))
        self.client.force_login(self.clerk_a1)  # a cooperating unit sees it
        self.assertEqual(self.client.get(f"/api/v1/tasks/{self.task_b.code}").status_code, 200)
        self.client.force_login(self.leader)  # county leaders see everything
        self.assertEqual(self.client.get("/api/v1/tasks").json()["count"], 2)

    def test_it_answers_403_to_a_read_only_leader(self):
        self.client.force_login(self.leader)
        r = self.client.post(
            f"/api/v1/tasks/{self.task_a.code}/suspend", {"reason": "x"}, content_type="application/json"
        )
        self.assertEqual(r.status_code, 403)
        r = self.client.post("/api/v1/tasks", {}, content_type="application/json")
        self.assertEqual(r.status_code, 422)

    def test_it_creates_and_moves_a_task_through_the_api(self):
        _t, token = token_create(user=self.supervisor, name="脚本")
        api = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
        payload = {
            "title": "接口立项",
            "source": "assigned",
            "lead_unit_code": str(self.unit_a.code),
            "co_unit_codes": [str(self.unit_b.code)],
            "start_date": "2026-10-08",
            "due_date": "2026-12-31",
            "area_tags": ["民生"],
            "milestones": [{"date": "2026-11-30", "description": "完成设计", "planned_progress": 50}],
        }
        r = api.post("/api/v1/tasks", payload, content_type="application/json")
        self.assertEqual(r.status_code, 201, r.content)
        code = r.json()["code"]
        self.assertEqual(
            api.post(f"/api/v1/tasks/{code}/assign", content_type="application/json").json()["status"], "assigned"
        )
        _t, clerk_token = token_create(user=self.clerk_a, name="脚本")
        clerk = Client(HTTP_AUTHORIZATION=f"Bearer {clerk_token}")
        self.assertEqual(clerk.post(f"/api/v1/tasks/{code}/accept", content_type="application/json").status_code, 200)
        r = clerk.post(
            f"/api/v1/tasks/{code}/reports", {"progress": 30, "done": "完成初步设计"}, content_type="application/json"
        )
        self.assertEqual(r.status_code, 201)
        report_code = r.json()["code"]
        self.assertEqual(
            clerk.post(f"/api/v1/reports/{report_code}/accept", {}, content_type="application/json").status_code, 403
        )
        r = api.post(f"/api/v1/reports/{report_code}/accept", {"comment": "好"}, content_type="application/json")
        self.assertEqual(r.json()["status"], "accepted")
        self.assertEqual(len(api.get(f"/api/v1/tasks/{code}/reports").json()), 1)
        r = clerk.post(
            f"/api/v1/tasks/{code}/extensions",
            {"requested_due_date": "2027-03-31", "reason": "资金"},
            content_type="application/json",
        )
        self.assertEqual(r.status_code, 201)
        r = api.post(
            f"/api/v1/extensions/{r.json()['code']}/decide", {"approve": True}, content_type="application/json"
        )
        self.assertEqual(r.json()["status"], "approved")
        self.assertEqual(api.get(f"/api/v1/tasks/{code}").json()["due_date"], "2027-03-31")

    def test_it_rejects_bad_input_with_json(self):
        self.client.force_login(self.supervisor)
        payload = {
            "title": "x",
            "source": "assigned",
            "lead_unit_code": str(self.unit_a.code),
            "start_date": "2026-10-08",
            "due_date": "2026-01-01",
        }
        r = self.client.post("/api/v1/tasks", payload, content_type="application/json")
        self.assertEqual(r.status_code, 400)
        self.assertEqual(Task.objects.count(), 2)
        r = self.client.post(f"/api/v1/tasks/{self.task_a.code}/fly", content_type="application/json")
        self.assertEqual(r.status_code, 404)

    def test_it_runs_a_constant_number_of_queries(self):
        self.client.force_login(self.supervisor)
        self.client.get("/api/v1/tasks")
        cache.clear()
        # session, user, versions (list, read once for the page and its count), versions + 2× permissions (cold),
        # the page's ids (from the index), its rows, co-units with tags — on PostgreSQL those three are one query —,
        # count (the session was saved by the first call and is not saved again within the minute).
        from django.db import connection

        expected = 8 if connection.vendor == "postgresql" else 10
        with self.assertNumQueries(expected):
            self.client.get("/api/v1/tasks", {"limit": 100})
        for i in range(15):
            self.make_task(title=f"更多事项{i}", co_units=[self.unit_b])
        cache.clear()
        with self.assertNumQueries(expected):
            self.client.get("/api/v1/tasks", {"limit": 100})
        # Asked again with nothing changed: session, user, versions.
        with self.assertNumQueries(3):
            self.client.get("/api/v1/tasks", {"limit": 100})

    def test_it_serves_a_cached_list_until_the_data_changes(self):
        self.client.force_login(self.supervisor)
        first = self.client.get("/api/v1/tasks").json()
        self.assertEqual(first["count"], 2)
        with self.captureOnCommitCallbacks(execute=True):
            self.make_task(title="新交办事项")
        after_create = self.client.get("/api/v1/tasks").json()
        self.assertEqual(after_create["count"], 3)
        with self.captureOnCommitCallbacks(execute=True):
            task_override_light(actor=self.supervisor, task=self.task_a, light="yellow", reason="已整改，观察一周")
        row = next(t for t in self.client.get("/api/v1/tasks").json()["items"] if t["code"] == str(self.task_a.code))
        self.assertEqual(row["light"], "yellow")
        with self.captureOnCommitCallbacks(execute=True):
            unit_update(actor=self.sysadmin, unit=self.unit_a, name="县发展和改革委员会（新）")
        row = next(t for t in self.client.get("/api/v1/tasks").json()["items"] if t["code"] == str(self.task_a.code))
        self.assertEqual(row["lead_unit"], "县发展和改革委员会（新）")
        # The cache is per user: a unit clerk asking the same question sees only the tasks of her unit.
        self.client.force_login(self.clerk_b)
        codes = {t["code"] for t in self.client.get("/api/v1/tasks").json()["items"]}
        self.assertEqual(codes, {str(self.task_b.code)})


class BulletinApiTests(SupervisionTestCase):
    def test_it_serves_bulletins_as_json_and_files(self):
        self.make_task(start=D(2026, 9, 1), due=D(2026, 9, 30), assigned=D(2026, 9, 1))
        bulletin_issue(actor=self.supervisor, month=D(2026, 10, 1), today=D(2026, 11, 2))
        self.client.force_login(self.clerk_b)
        r = self.client.get("/api/v1/bulletins/2026-10").json()
        self.assertEqual((r["title"], r["snapshot"]["totals"]["red"]), ("督查通报 2026年第1期", 1))
        docx = self.client.get("/api/v1/bulletins/2026-10/docx")
        self.assertEqual(
            docx["Content-Type"], "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        )
        self.assertEqual(self.client.get("/api/v1/bulletins/2026-10/xlsx").status_code, 200)
        self.assertEqual(self.client.get("/api/v1/bulletins/2026-09").status_code, 404)
        r = self.client.post("/api/v1/bulletins", {"month": "2026-10"}, content_type="application/json")
        self.assertEqual(r.status_code, 403)
        self.client.force_login(self.supervisor)
        r = self.client.post("/api/v1/bulletins", {"month": "2026-10"}, content_type="application/json")
        self.assertEqual(r.status_code, 400)  # nothing changed and no reason: no correction
        payload = {"month": "2026-10", "reason": "更正一处单位名称"}
        r = self.client.post("/api/v1/bulletins", payload, content_type="application/json")
        self.assertEqual((r.status_code, r.json()["correction"]), (201, 1))
        bad = self.client.post("/api/v1/bulletins", {"month": "10/2026"}, content_type="application/json")
        self.assertEqual((bad.status_code, bad.json()["detail"]), (400, "月份格式应为 YYYY-MM，例如 2026-10。"))
        listed = self.client.get("/api/v1/bulletins").json()  # newest correction first, totals without snapshots
        self.assertEqual([(b["month"], b["correction"]) for b in listed], [("2026-10", 1), ("2026-10", 0)])
        self.assertEqual(listed[0]["totals"]["red"], 1)
        self.assertNotIn("snapshot", listed[0])
