"""三员分立: the system, security and audit administrators see no business data — tasks, requests, cases, volunteers —
in pages, API, dashboards or exports; the hotline operator sees citizen requests, not supervision tasks."""

import datetime as dt

from shuniu.governance.legal import services as legal
from shuniu.governance.models import LegalWorker
from shuniu.governance.requests import services as gov
from shuniu.org.testing import make_user
from shuniu.supervision.bulletins import bulletin_issue
from shuniu.supervision.tests.base import D, SupervisionTestCase


class NoBusinessDataTests(SupervisionTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.operator = make_user("operator", cls.office, "operator")
        cls.task = cls.make_task(cls, title="甲单位的事项", assigned=D(2026, 9, 1))
        cls.req = gov.request_receive(
            actor=cls.operator,
            channel="hotline",
            request_type="complaint",
            title="路灯坏了",
            content="x",
            phone="13812341234",
        )
        gov.request_dispatch(actor=cls.operator, req=cls.req, unit=cls.unit_a)
        worker = LegalWorker.objects.create(name="许正平", role="mediator", village=cls.unit_a)
        cls.case = legal.case_open(
            actor=cls.operator, applicant="甲", respondent="乙", dispute_type="neighbour", facts="纠纷", mediator=worker
        )
        bulletin_issue(actor=cls.supervisor, month=D(2026, 10, 1), today=dt.date(2026, 11, 2))

    def test_it_shows_the_three_administrators_no_business_data(self):
        for admin in (self.sysadmin, self.secadmin, self.auditor):
            self.client.force_login(admin)
            with self.subTest(admin.username):
                self.assertEqual(self.client.get("/api/v1/tasks").json()["count"], 0)
                self.assertEqual(self.client.get("/api/v1/requests").json(), [])
                self.assertEqual(self.client.get(f"/api/v1/tasks/{self.task.code}").status_code, 404)
                self.assertEqual(self.client.get(f"/api/v1/requests/{self.req.code}").status_code, 404)
                self.assertEqual(self.client.get("/api/v1/bulletins").json(), [])
                self.assertNotContains(self.client.get("/supervision/tasks/"), self.task.title)
                self.assertNotContains(self.client.get("/supervision/tasks/?export=xlsx"), "甲单位".encode())
                self.assertNotContains(self.client.get("/governance/requests/"), self.req.title)
                self.assertEqual(self.client.get(self.task.get_absolute_url()).status_code, 404)
                self.assertEqual(self.client.get(self.req.get_absolute_url()).status_code, 404)
                self.assertEqual(self.client.get(self.case.get_absolute_url()).status_code, 404)
                for url in (
                    "/supervision/scores/",
                    "/governance/rates/",
                    "/governance/mediation/",
                    "/governance/volunteers/",
                ):
                    self.assertEqual(self.client.get(url).status_code, 403, url)
                self.assertEqual(self.client.get("/supervision/bulletins/2026-10/").status_code, 404)
                nav = [item["name"] for item in self.client.get("/").context["nav_items"]]
                self.assertNotIn("supervision:task-list", nav)
                self.assertNotIn("governance:home", nav)

    def test_it_shows_the_operator_requests_and_no_tasks(self):
        self.client.force_login(self.operator)
        self.assertContains(self.client.get("/governance/requests/"), self.req.title)
        self.assertEqual(self.client.get("/api/v1/tasks").json()["count"], 0)
        self.assertEqual(self.client.get(self.task.get_absolute_url()).status_code, 404)
        self.assertNotIn("supervision:task-list", [i["name"] for i in self.client.get("/").context["nav_items"]])
