"""Every declared request transition refuses a 机密★ text through the API and the page, and writes nothing; the
page, the API and the policy offer the same actions."""

from django.utils import timezone

from shuniu.audit.models import AuditRecord
from shuniu.core.models import ClassificationRefusal
from shuniu.governance.models import CitizenRequest, Extension
from shuniu.governance.requests import services
from shuniu.governance.requests.policies import request_policy
from shuniu.governance.requests.transitions import REQUEST_FLOW
from shuniu.governance.tests.test_lifecycle import D, GovernanceTestCase

MARK = "本件属机密★一年，请勿外传"


class RequestTransitionGuardTests(GovernanceTestCase):
    def request_in(self, state):
        req = self.receive()
        CitizenRequest.objects.filter(pk=req.pk).update(
            status=state, handling_unit=self.unit_a, due_date=D(2027, 1, 29), dispatched_at=timezone.now()
        )
        req.refresh_from_db()
        return req

    def actor_for(self, transition):
        return self.operator if transition.permission in request_policy.manage_actions else self.clerk_a

    def page_data(self, name):
        other = self.receive(title="另一件诉求")
        return {
            "dispatch": {"unit": self.unit_a.pk},
            "duplicate": {"original": other.code},
            "reject": {"advice": MARK},
            "reply": {"reply": MARK},
            "callback": {"satisfaction": "satisfied", "resolution": "resolved"},
            "request_extension": {"requested_due_date": "2027-03-31"},
        }.get(name, {})

    def written(self, req):
        req.refresh_from_db()
        fields = ("status", "status_reason", "reply", "redirect_advice", "duplicate_of_id", "handling_unit_id")
        return (
            AuditRecord.objects.exclude(action__in=["classification_refused", "receive"]).count(),
            Extension.objects.count(),
            tuple(getattr(req, f) for f in fields),
        )

    def test_it_refuses_a_marked_text_on_every_transition_through_the_api(self):
        for transition in REQUEST_FLOW:
            with self.subTest(transition.name):
                req = self.request_in(sorted(transition.sources)[0])
                self.client.force_login(self.actor_for(transition))
                before, refusals = self.written(req), ClassificationRefusal.objects.count()
                if transition.name == "duplicate":  # page only: the service is the gate
                    with self.assertRaisesMessage(Exception, "国家秘密"):
                        services.request_link_duplicate(
                            actor=self.operator, req=req, original=self.receive(), reason=MARK
                        )
                else:
                    route = "extensions" if transition.name == "request_extension" else transition.slug
                    payload = {
                        "reason": MARK,
                        "advice": MARK,
                        "reply": MARK,
                        "unit_code": str(self.unit_a.code),
                        "satisfaction": "satisfied",
                        "resolution": "resolved",
                        "requested_due_date": "2027-03-31",
                    }
                    response = self.client.post(
                        f"/api/v1/requests/{req.code}/{route}", payload, content_type="application/json"
                    )
                    self.assertEqual(response.status_code, 400, response.content)
                    self.assertIn("国家秘密", str(response.json()))
                self.assertEqual(self.written(req), before)
                self.assertGreater(ClassificationRefusal.objects.count(), refusals)

    def test_it_refuses_a_marked_text_on_every_transition_through_the_page(self):
        for transition in REQUEST_FLOW:
            with self.subTest(transition.name):
                req = self.request_in(sorted(transition.sources)[0])
                data = {"reason": MARK, **self.page_data(transition.name)}
                self.client.force_login(self.actor_for(transition))
                before, refusals = self.written(req), ClassificationRefusal.objects.count()
                response = self.client.post(f"/governance/requests/{req.code}/do/{transition.name}/", data, follow=True)
                self.assertContains(response, "国家秘密")
                self.assertEqual(self.written(req), before)
                self.assertGreater(ClassificationRefusal.objects.count(), refusals)

    def test_it_offers_the_same_actions_on_the_page_the_api_and_the_policy(self):
        req = self.request_in(CitizenRequest.Status.DISPATCHED)
        self.assertEqual(request_policy.allowed_actions(self.clerk_a, req), ["accept", "return", "request_extension"])
        self.assertEqual(request_policy.allowed_actions(self.clerk_b, req), [])
        self.assertEqual(request_policy.allowed_actions(self.leader, req), [])
        self.client.force_login(self.clerk_a)
        page = self.client.get(req.get_absolute_url()).content.decode()
        for name in request_policy.allowed_actions(self.clerk_a, req):
            self.assertIn(f"/do/{name}/", page)
        self.assertNotIn("/do/dispatch/", page)
        for step in ("no-such-step", "refuse_return", "duplicate"):
            response = self.client.post(f"/api/v1/requests/{req.code}/{step}", {}, content_type="application/json")
            self.assertEqual(response.status_code, 404, step)

    def test_it_runs_the_extension_pair_through_the_api(self):
        req = self.request_in(CitizenRequest.Status.ACCEPTED)
        self.client.force_login(self.clerk_a)
        response = self.client.post(
            f"/api/v1/requests/{req.code}/extensions",
            {"requested_due_date": "2027-02-26", "reason": "需协调三个部门"},
            content_type="application/json",
        )
        self.assertEqual(response.status_code, 201, response.content)
        code = response.json()["code"]
        self.assertEqual(
            self.client.post(
                f"/api/v1/requests/extensions/{code}/decide", {"approve": True}, content_type="application/json"
            ).status_code,
            403,
        )
        self.client.force_login(self.clerk_b)
        self.assertEqual(
            self.client.post(
                f"/api/v1/requests/extensions/{code}/decide", {"approve": True}, content_type="application/json"
            ).status_code,
            404,
        )
        self.client.force_login(self.operator)
        data = self.client.post(
            f"/api/v1/requests/extensions/{code}/decide",
            {"approve": True, "comment": "同意延期"},
            content_type="application/json",
        ).json()
        self.assertEqual((data["status"], data["decision_comment"]), ("approved", "同意延期"))
        self.assertIsNotNone(data["decided_at"])
        req.refresh_from_db()
        self.assertEqual(req.due_date, D(2027, 2, 26))


class RequestTransitionTableTests(GovernanceTestCase):
    def test_it_names_a_service_and_a_form_that_exist_for_every_transition(self):
        from django.utils.module_loading import import_string

        for transition in REQUEST_FLOW:
            self.assertTrue(callable(REQUEST_FLOW.service_of(transition)), transition.name)
            if transition.form:
                import_string(transition.form)


class RequestPageQueryTests(GovernanceTestCase):
    def test_it_offers_the_buttons_in_a_fixed_number_of_queries(self):
        req = self.receive()
        services.request_dispatch(actor=self.operator, req=req, unit=self.unit_a)
        self.client.force_login(self.clerk_a)
        self.client.get(req.get_absolute_url())  # warm the session and per-process caches
        with self.assertNumQueries(12):  # 12th: the duty-log entries it was raised from (registry.backlinks)
            response = self.client.get(req.get_absolute_url())
        for name in ("accept", "return", "request_extension"):
            self.assertContains(response, f"/do/{name}/")
