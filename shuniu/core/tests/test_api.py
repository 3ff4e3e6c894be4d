import io
from unittest import mock

from django.core.management import call_command
from django.test import Client

from shuniu.core.models import ApiToken
from shuniu.core.tokens import token_create, token_revoke
from shuniu.org.services import user_set_roles
from shuniu.org.testing import BaseTestCase


class TokenTests(BaseTestCase):
    def test_it_creates_a_token_by_command_printed_once_and_stored_hashed(self):
        out = io.StringIO()
        call_command("create_token", "alice", stdout=out)
        raw = out.getvalue().strip()
        self.assertTrue(raw.startswith("snu_"))
        token = ApiToken.objects.get(user=self.clerk_a)
        self.assertNotIn(raw, (token.digest, token.hint))
        self.assertEqual(token.digest, ApiToken.digest_of(raw))
        r = self.client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}")
        self.assertEqual(r.json()["username"], "alice")

    def test_it_refuses_revoked_and_unknown_tokens(self):
        token, raw = token_create(user=self.clerk_a, name="脚本")
        token_revoke(actor=self.clerk_a, token=token)
        for value in (raw, "snu_madeup", "garbage"):
            r = self.client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {value}")
            self.assertEqual(r.status_code, 401)

    def test_it_refuses_a_token_of_an_inactive_user(self):
        _token, raw = token_create(user=self.clerk_a, name="脚本")
        type(self.clerk_a).objects.filter(pk=self.clerk_a.pk).update(is_active=False)
        self.assertEqual(self.client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code, 401)

    def test_it_creates_and_revokes_tokens_in_the_ui(self):
        self.client.force_login(self.clerk_a)
        r = self.client.post("/org/account/", {"name": "Excel 宏"})
        raw = r.context["new_token"]
        self.assertContains(r, raw)
        self.assertNotContains(self.client.get("/org/account/"), raw)  # shown once
        token = ApiToken.objects.get(user=self.clerk_a)
        self.client.force_login(self.clerk_b)
        self.assertEqual(self.client.post(f"/org/account/tokens/{token.code}/revoke/").status_code, 404)
        self.client.force_login(self.clerk_a)
        self.client.post(f"/org/account/tokens/{token.code}/revoke/")
        token.refresh_from_db()
        self.assertIsNotNone(token.revoked_at)

    def test_a_cached_token_stops_working_once_revoked_deactivated_or_stripped_of_its_role(self):
        def call(raw):
            return self.client.get(f"/api/v1/units/{self.unit_b.code}", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code

        token, raw = token_create(user=self.supervisor, name="看板")
        self.assertEqual(call(raw), 200)  # the token, the user and the role's permissions are now cached
        with self.captureOnCommitCallbacks(execute=True):
            user_set_roles(actor=self.secadmin, user=self.supervisor, role_slugs=[])
        self.assertEqual(call(raw), 404)  # without the role the other unit is out of sight
        with self.captureOnCommitCallbacks(execute=True):
            token_revoke(actor=self.supervisor, token=token)
        self.assertEqual(call(raw), 401)
        _token, raw = token_create(user=self.clerk_a, name="脚本")
        self.assertEqual(self.client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code, 200)
        with self.captureOnCommitCallbacks(execute=True):
            self.clerk_a.is_active = False
            self.clerk_a.save(update_fields=["is_active"])
        self.assertEqual(self.client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code, 401)

    def test_it_uses_the_visibility_rule_with_a_token(self):
        _token, raw = token_create(user=self.clerk_b, name="x")
        r = self.client.get(f"/api/v1/units/{self.unit_a.code}", HTTP_AUTHORIZATION=f"Bearer {raw}")
        self.assertEqual(r.status_code, 404)


class ApiErrorTests(BaseTestCase):
    def test_it_answers_anonymous_calls_with_401_json_not_a_redirect(self):
        r = self.client.get("/api/v1/units")
        self.assertEqual(r.status_code, 401)
        self.assertEqual(r.json()["error"], "unauthorized")

    def test_it_answers_json_for_unknown_paths_and_wrong_methods(self):
        self.client.force_login(self.clerk_a)
        r = self.client.get("/api/v1/no-such-thing")
        self.assertEqual((r.status_code, r.json()["error"]), (404, "not_found"))
        r = self.client.delete("/api/v1/units")
        self.assertEqual((r.status_code, r.json()["error"]), (405, "method_not_allowed"))

    def test_it_answers_422_json_for_invalid_payloads(self):
        self.client.force_login(self.sysadmin)
        r = self.client.post("/api/v1/units", {"kind": "section"}, content_type="application/json")
        self.assertEqual(r.status_code, 422)
        self.assertIn("detail", r.json())
        r = self.client.get("/api/v1/units/not-a-uuid")
        self.assertEqual(r.status_code, 422)

    def test_it_answers_400_json_for_invalid_values(self):
        self.client.force_login(self.sysadmin)
        r = self.client.post("/api/v1/units", {"name": "x", "kind": "nonsense"}, content_type="application/json")
        self.assertEqual((r.status_code, r.json()["error"]), (400, "bad_request"))

    def test_it_answers_500_json_on_a_crash(self):
        self.client.force_login(self.clerk_a)
        with mock.patch("shuniu.org.api.selectors.unit_list_visible", side_effect=RuntimeError("boom")):
            r = self.client.get("/api/v1/units")
        self.assertEqual((r.status_code, r.json()["error"]), (500, "internal_server_error"))

    def test_it_checks_csrf_for_session_writes(self):
        client = Client(enforce_csrf_checks=True)
        client.force_login(self.sysadmin)
        r = client.post("/api/v1/units", {"name": "x", "kind": "section"}, content_type="application/json")
        self.assertIn(r.status_code, (401, 403))
        self.assertTrue(r["Content-Type"].startswith("application/json"))

    def test_it_serves_openapi(self):
        self.assertEqual(self.client.get("/api/v1/openapi.json").status_code, 401)
        _token, raw = token_create(user=self.clerk_a, name="client")
        r = self.client.get("/api/v1/openapi.json", HTTP_AUTHORIZATION=f"Bearer {raw}")
        self.assertEqual(r.status_code, 200)
        spec = r.json()
        self.assertTrue(spec["openapi"].startswith("3."))
        self.assertIn("/api/v1/units/{code}", spec["paths"])
