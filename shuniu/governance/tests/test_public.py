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
        from django.core.cache import cache, caches

        caches["throttle"].clear()
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


class FreeTextPersonalDataTests(GovernanceTestCase):
    """A phone or ID number the citizen typed into the text is masked for every viewer without view_personal_data,
    on every surface; the operator (who has it) reads it whole."""

    def test_it_masks_numbers_in_the_text_for_the_handling_unit(self):
        req = self.receive(title="回电138 1234 5679", content="身份证110105199001011234，手机一三八一二三四五六七四")
        services.request_dispatch(actor=self.operator, req=req, unit=self.unit_a)
        self.client.force_login(self.clerk_a)
        for body in (
            self.client.get(req.get_absolute_url()).content.decode(),
            self.client.get("/governance/requests/").content.decode(),
            self.client.get(f"/api/v1/requests/{req.code}").content.decode(),
            self.client.get("/api/v1/requests").content.decode(),
        ):
            self.assertNotIn("1234 5679", body)
            self.assertNotIn("199001011234", body)
            self.assertNotIn("一三八一二三四五六七四", body)
            self.assertIn("138****5679", body)
        self.client.force_login(self.operator)
        self.assertContains(self.client.get(req.get_absolute_url()), "回电138 1234 5679")

    def test_it_masks_numbers_in_an_escalated_task(self):
        req = self.receive(content="联系我：13912345678")
        services.request_dispatch(actor=self.operator, req=req, unit=self.unit_a)
        task = services.request_escalate(actor=self.supervisor, req=req, reason="督办")
        self.assertIn("139****5678", task.requirements)
        self.assertNotIn("13912345678", task.requirements)
