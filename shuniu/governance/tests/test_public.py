"""One public rule (request_policy.public()): a request whose reply was not published shows nothing of its text
through any public path — portal, Open311 search, Open311 single request."""

from shuniu.governance.models import CitizenRequest
from shuniu.governance.requests import services
from shuniu.governance.requests.policies import request_policy
from shuniu.governance.tests.test_lifecycle import GovernanceTestCase

SECRET_TEXT = "邻居家的狗每晚叫到凌晨"
SECRET_REPLY = "已约谈养犬户并限期整改"


class PublicRuleTests(GovernanceTestCase):
    def answered(self, *, publish):
        req = self.receive(title=f"犬吠扰民{publish}", content=SECRET_TEXT, address="凤鸣新村9栋")
        services.request_dispatch(actor=self.operator, req=req, unit=self.unit_a)
        services.request_accept(actor=self.clerk_a, req=req)
        return services.request_reply(actor=self.clerk_a, req=req, reply=SECRET_REPLY, publish=publish)

    def test_it_shows_an_unpublished_request_only_by_status_and_service(self):
        hidden = self.answered(publish=False)
        self.assertFalse(request_policy.public().filter(pk=hidden.pk).exists())
        self.client.logout()
        bodies = [
            self.client.get("/portal/").content.decode(),
            self.client.get("/open311/v2/requests.json").content.decode(),
            self.client.get("/open311/v2/requests.json", {"service_request_id": hidden.code}).content.decode(),
            self.client.get(f"/open311/v2/requests/{hidden.code}.json").content.decode(),
        ]
        for body in bodies:
            self.assertNotIn(SECRET_TEXT, body)
            self.assertNotIn(SECRET_REPLY, body)
            self.assertNotIn("凤鸣新村", body)
        single = self.client.get(f"/open311/v2/requests/{hidden.code}.json").json()[0]
        self.assertEqual((single["status"], single["description"]), ("open", ""))
        self.assertEqual(single["status_notes"], str(CitizenRequest.Status.REPLIED.label))

    def test_it_shows_a_published_answer_with_personal_data_masked(self):
        shown = self.answered(publish=True)
        self.client.logout()
        single = self.client.get(f"/open311/v2/requests/{shown.code}.json").json()[0]
        self.assertEqual((single["description"], single["status_notes"]), (SECRET_TEXT, SECRET_REPLY))
        self.assertContains(self.client.get("/portal/"), SECRET_REPLY)


class Open311PagingTests(GovernanceTestCase):
    def setUp(self):
        from django.core.cache import cache

        cache.clear()

    def test_it_pages_the_search(self):
        for i in range(5):
            self.receive(title=f"第{i}件")
        self.client.logout()
        first = self.client.get("/open311/v2/requests.json", {"page_size": 2}).json()
        third = self.client.get("/open311/v2/requests.json", {"page_size": 2, "page": 3}).json()
        self.assertEqual((len(first), len(third)), (2, 1))
        self.assertEqual(self.client.get("/open311/v2/requests.json", {"page_size": 500}).status_code, 400)
        self.assertEqual(self.client.get("/open311/v2/requests.json", {"page": "0"}).status_code, 400)

    def test_it_throttles_lookups_like_the_portal(self):
        from django.test import override_settings

        req = self.receive()
        self.client.logout()
        with override_settings(PORTAL_LOOKUPS_PER_MINUTE=3):
            codes = [self.client.get(f"/open311/v2/requests/{req.code}.json").status_code for _i in range(3)]
            self.assertEqual(codes, [200, 200, 200])
            self.assertEqual(self.client.get(f"/open311/v2/requests/{req.code}.json").status_code, 429)
            self.assertEqual(self.client.get("/open311/v2/requests.json").status_code, 429)
            self.assertEqual(self.client.get(f"/open311/v2/tokens/{req.code}.json").status_code, 429)
