"""The classification guard sits in the services: a marked text is refused whatever the entry point — API, Open311,
the portal, or a service called without any form — and nothing is written."""

import datetime as dt

from django.core.exceptions import ValidationError

from shuniu.core.models import ClassificationRefusal
from shuniu.core.tokens import token_create
from shuniu.governance.legal import services as legal
from shuniu.governance.models import Category, CitizenRequest, LegalWorker, ParticipationEvent, VolunteerActivity
from shuniu.governance.participation import services as events
from shuniu.governance.requests import services
from shuniu.governance.tests.test_lifecycle import GovernanceTestCase
from shuniu.governance.volunteers import services as volunteers
from shuniu.org.testing import make_user

MARK = "附件为秘密★10年文件"


class GuardEntryPointTests(GovernanceTestCase):
    def assert_refused_nothing_written(self, count_before):
        self.assertEqual(CitizenRequest.objects.count(), count_before)
        self.assertTrue(ClassificationRefusal.objects.exists())

    def test_it_refuses_through_the_api(self):
        self.client.force_login(self.operator)
        payload = {
            "channel": "hotline",
            "request_type": "complaint",
            "title": "路灯",
            "content": MARK,
            "anonymous": True,
        }
        response = self.client.post("/api/v1/requests", payload, content_type="application/json")
        self.assertEqual(response.status_code, 400)
        self.assert_refused_nothing_written(0)

    def test_it_refuses_through_open311(self):
        category = Category.objects.create(name="路灯照明", keywords="路灯", default_unit=self.unit_b)
        _token, key = token_create(user=self.operator, name="12345")
        data = {"api_key": key, "service_code": category.pk, "description": "路灯不亮", "address_string": "x"}
        response = self.client.post("/open311/v2/requests.json", {**data, "last_name": MARK})
        self.assertEqual(response.status_code, 400)
        self.assertIn("国家秘密", response.json()[0]["description"])
        self.assert_refused_nothing_written(0)

    def test_it_refuses_through_the_portal(self):
        data = {"title": "噪音", "content": MARK, "request_type": "complaint", "anonymous": "on"}
        self.assertContains(self.client.post("/portal/submit/", data), "国家秘密")
        self.assert_refused_nothing_written(0)

    def test_it_refuses_in_services_called_without_a_form(self):
        admin = make_user("vadmin", None, "volunteer_admin")
        calls = [
            lambda: events.event_create(
                actor=self.operator, kind="evening_talk", title="夜话", held_on=dt.date(2026, 12, 3), place=MARK
            ),
            lambda: volunteers.activity_create(
                actor=admin, title="清洁", held_on=dt.date(2026, 12, 5), place="河边", description=MARK
            ),
            lambda: legal.worker_register(actor=self.operator, name=MARK, role="adviser", village=self.unit_a),
        ]
        for call in calls:
            with self.assertRaisesMessage(ValidationError, "国家秘密"):
                call()
        self.assertFalse(ParticipationEvent.objects.exists())
        self.assertFalse(VolunteerActivity.objects.exists())
        self.assertFalse(LegalWorker.objects.exists())
        activity = VolunteerActivity.objects.create(
            title="清洁", held_on=dt.date(2026, 12, 5), place="河边", created_by=admin
        )
        with self.assertRaisesMessage(ValidationError, "国家秘密"):
            volunteers.signup(activity=activity, name="张三", phone="13900001111", skills=MARK)
        self.assertFalse(activity.signups.exists())
        req = self.receive()
        with self.assertRaisesMessage(ValidationError, "国家秘密"):
            services.request_reject(actor=self.operator, req=req, reason="不属于受理范围", advice=MARK)
        req.refresh_from_db()
        self.assertEqual(req.status, "received")


class CleanTextTests(GovernanceTestCase):
    def test_it_refuses_control_characters_and_lone_surrogates_at_the_service(self):
        self.client.force_login(self.operator)
        for title in ("电梯\x0b坏了", "电梯\x00坏了", "电梯\ud800坏了"):
            with self.subTest(title=repr(title)):
                body = (
                    '{"channel": "hotline", "request_type": "complaint", "title": "%s", "content": "x", '
                    '"anonymous": true}'
                )
                raw = body % title.encode("unicode_escape").decode().replace("\\x", "\\u00")
                response = self.client.post("/api/v1/requests", raw, content_type="application/json")
                self.assertEqual(response.status_code, 400, response.content)
                self.assertIn("控制字符", str(response.json()))
        self.assertFalse(CitizenRequest.objects.exists())
        req = self.receive(content="第一行\r\n第二行\t缩进")  # tab, newline and CR are what people type
        self.assertIn("\t", req.content)
