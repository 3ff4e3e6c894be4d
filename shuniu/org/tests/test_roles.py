"""三员分立 for real: the system administrator manages accounts but grants no roles; the security administrator
grants roles and unlocks accounts; nobody resets an administrator's credentials but that person (or break glass on
the server); every change is audited, in the app and in Django admin; the three administrators see no business
data."""

import io

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from shuniu.audit.models import AuditRecord
from shuniu.org.services import user_reset_password, user_set_roles
from shuniu.org.testing import PASSWORD, BaseTestCase

NEW = "Ny7#kq9Lm2Zx"


class RoleGrantTests(BaseTestCase):
    def test_it_lets_the_security_administrator_assign_ordinary_roles(self):
        user_set_roles(actor=self.secadmin, user=self.clerk_b, role_slugs=["handler", "liaison"])
        self.assertEqual(set(self.clerk_b.groups.values_list("role__slug", flat=True)), {"handler", "liaison"})
        self.assertTrue(AuditRecord.objects.filter(action="set_roles", actor_id=self.secadmin.pk).exists())

    def test_it_refuses_roles_to_the_system_administrator_on_the_page_and_in_the_service(self):
        with self.assertRaises(PermissionDenied):
            user_set_roles(actor=self.sysadmin, user=self.clerk_b, role_slugs=["auditor"])
        self.client.force_login(self.sysadmin)
        self.assertEqual(self.client.get(f"/org/users/{self.clerk_b.code}/roles/").status_code, 403)
        r = self.client.post(f"/org/users/{self.clerk_b.code}/roles/", {"roles": ["auditor"]})
        self.assertEqual(r.status_code, 403)
        self.assertFalse(self.clerk_b.groups.filter(role__slug="auditor").exists())

    def test_it_forbids_granting_oneself_a_role(self):
        with self.assertRaises(PermissionDenied):
            user_set_roles(actor=self.secadmin, user=self.secadmin, role_slugs=["secadmin", "auditor"])
        self.client.force_login(self.secadmin)
        r = self.client.post(f"/org/users/{self.secadmin.code}/roles/", {"roles": ["auditor"]})
        self.assertEqual(r.status_code, 403)

    def test_it_forbids_one_person_holding_two_admin_roles(self):
        with self.assertRaisesMessage(ValidationError, "三员分立"):
            user_set_roles(actor=self.secadmin, user=self.sysadmin, role_slugs=["sysadmin", "auditor"])

    def test_it_keeps_the_auditor_from_changing_users_or_roles(self):
        with self.assertRaises(PermissionDenied):
            user_set_roles(actor=self.auditor, user=self.clerk_a, role_slugs=["sysadmin"])
        self.client.force_login(self.auditor)
        self.assertEqual(self.client.get("/org/users/new/").status_code, 403)
        self.assertEqual(self.client.get("/org/units/new/").status_code, 403)
        self.assertEqual(self.client.get("/admin/").status_code, 302)  # not staff: sent to the admin login

    def test_it_keeps_the_security_administrator_from_managing_accounts(self):
        self.client.force_login(self.secadmin)
        self.assertEqual(self.client.get("/org/users/new/").status_code, 403)
        with self.assertRaises(PermissionDenied):
            user_reset_password(actor=self.secadmin, user=self.clerk_a, new_password=NEW)

    def test_it_shows_the_role_page_with_scopes_to_the_security_administrator(self):
        self.client.force_login(self.secadmin)
        self.assertContains(self.client.get(f"/org/users/{self.clerk_a.code}/roles/"), "承办人（本单位）")


class CredentialTests(BaseTestCase):
    def test_it_lets_the_system_administrator_reset_an_ordinary_password_audited(self):
        user_reset_password(actor=self.sysadmin, user=self.clerk_a, new_password=NEW)
        self.clerk_a.refresh_from_db()
        self.assertTrue(self.clerk_a.check_password(NEW) and self.clerk_a.must_change_password)
        self.assertTrue(AuditRecord.objects.filter(action="password_reset", object_id=str(self.clerk_a.pk)).exists())

    def test_it_refuses_to_reset_an_administrators_password(self):
        for target in (self.auditor, self.secadmin):
            with self.subTest(target.username), self.assertRaises(PermissionDenied):
                user_reset_password(actor=self.sysadmin, user=target, new_password=NEW)
        self.auditor.refresh_from_db()
        self.assertTrue(self.auditor.check_password(PASSWORD))

    def test_it_refuses_the_auditors_password_in_django_admin(self):
        self.client.force_login(self.sysadmin)
        url = f"/admin/org/user/{self.auditor.pk}/password/"
        self.assertEqual(self.client.get(url).status_code, 403)
        r = self.client.post(url, {"password1": NEW, "password2": NEW})
        self.assertEqual(r.status_code, 403)
        self.auditor.refresh_from_db()
        self.assertTrue(self.auditor.check_password(PASSWORD))
        self.client.logout()
        self.client.post("/login/", {"username": "auditor", "password": NEW})
        self.assertEqual(self.client.get("/audit/").status_code, 302)  # not signed in: sent to the login page

    def test_it_resets_an_ordinary_password_in_django_admin_through_the_audited_service(self):
        self.client.force_login(self.sysadmin)
        r = self.client.post(f"/admin/org/user/{self.clerk_a.pk}/password/", {"password1": NEW, "password2": NEW})
        self.assertEqual(r.status_code, 302)
        self.clerk_a.refresh_from_db()
        self.assertTrue(self.clerk_a.must_change_password)
        self.assertTrue(AuditRecord.objects.filter(action="password_reset", actor_id=self.sysadmin.pk).exists())

    def test_it_changes_profiles_in_django_admin_through_the_audited_service_and_grants_nothing(self):
        self.client.force_login(self.sysadmin)
        url = f"/admin/org/user/{self.clerk_a.pk}/change/"
        self.assertEqual(self.client.get(url).status_code, 200)
        data = {"username": "alice", "real_name": "艾丽丝", "unit": self.unit_a.pk, "position": "", "phone": ""}
        data |= {"email": "", "is_active": "on", "groups": ["1"], "is_superuser": "on"}
        self.client.post(url, data)
        self.clerk_a.refresh_from_db()
        self.assertEqual(self.clerk_a.real_name, "艾丽丝")
        self.assertFalse(self.clerk_a.is_superuser)
        self.assertEqual(set(self.clerk_a.groups.values_list("role__slug", flat=True)), {"handler"})
        self.assertTrue(AuditRecord.objects.filter(action="update", actor_id=self.sysadmin.pk).exists())
        for path in ("/admin/auth/group/1/change/", "/admin/org/role/", "/admin/org/user/add/"):
            with self.subTest(path):
                response = self.client.post(path, {"name": "x"})
                self.assertIn(response.status_code, {403, 302} if path.endswith("role/") else {403})

    def test_it_breaks_glass_on_the_server_audited(self):
        out = io.StringIO()
        call_command("break_glass_password", "auditor", "--reason", "审计管理员遗忘密码，经主任批准", stdout=out)
        self.auditor.refresh_from_db()
        self.assertTrue(self.auditor.must_change_password)
        record = AuditRecord.objects.get(action="password_break_glass")
        self.assertEqual((record.actor_id, record.actor_name), (None, "system:break_glass_password"))


class UnlockTests(BaseTestCase):
    def lock(self, username):
        for _i in range(5):
            self.client.post("/login/", {"username": username, "password": "wrong-password"})

    def test_it_lets_the_security_administrator_unlock_audited(self):
        from axes.models import AccessAttempt

        self.lock("alice")
        self.client.force_login(self.secadmin)
        page = self.client.get("/org/locks/")
        self.assertContains(page, "alice")
        attempt = AccessAttempt.objects.get(username="alice")
        self.client.post("/org/locks/", {"attempt": attempt.pk})
        self.assertFalse(AccessAttempt.objects.filter(username="alice").exists())
        self.assertTrue(AuditRecord.objects.filter(action="unlock", object_repr="alice", actor_id=self.secadmin.pk))

    def test_it_keeps_everyone_else_from_unlocking(self):
        from axes.models import AccessAttempt

        self.lock("alice")
        attempt = AccessAttempt.objects.get(username="alice")
        for user in (self.sysadmin, self.auditor, self.supervisor):
            self.client.force_login(user)
            with self.subTest(user.username):
                self.assertEqual(self.client.get("/org/locks/").status_code, 403)
                self.assertEqual(self.client.post("/org/locks/", {"attempt": attempt.pk}).status_code, 403)
        self.client.force_login(self.sysadmin)
        response = self.client.post(f"/admin/axes/accessattempt/{attempt.pk}/delete/", {"post": "yes"})
        self.assertEqual(response.status_code, 403)
        self.assertTrue(AccessAttempt.objects.filter(pk=attempt.pk).exists())


class ForcedPasswordChangeTests(BaseTestCase):
    def test_it_blocks_the_api_until_the_initial_password_is_changed(self):
        from shuniu.core.tokens import token_create

        self.clerk_a.must_change_password = True
        self.clerk_a.save(update_fields=["must_change_password"])
        _token, raw = token_create(user=self.clerk_a, name="脚本")
        response = self.client.get("/api/v1/tasks", HTTP_AUTHORIZATION=f"Bearer {raw}")
        self.assertEqual(response.status_code, 403)
        self.assertIn("修改初始密码", response.json()["detail"])
        self.client.force_login(self.clerk_a)
        self.assertEqual(self.client.get("/api/v1/tasks").status_code, 403)
        with self.captureOnCommitCallbacks(execute=True):  # the org generation moves on commit: tokens look again
            self.client.post(
                "/password/change/", {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW}
            )
        self.assertEqual(self.client.get("/api/v1/tasks").status_code, 200)
        self.assertEqual(self.client.get("/api/v1/tasks", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code, 200)

    def test_it_rate_limits_password_changes_like_logins(self):
        from django.core.cache import cache, caches

        caches["throttle"].clear()
        cache.clear()
        self.client.force_login(self.clerk_a)
        for _i in range(5):
            self.client.post("/password/change/", {"old_password": "wrong", "new_password1": NEW, "new_password2": NEW})
        response = self.client.post(
            "/password/change/", {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW}
        )
        self.assertContains(response, "输错次数过多")
        self.clerk_a.refresh_from_db()
        self.assertTrue(self.clerk_a.check_password(PASSWORD))
        self.assertEqual(AuditRecord.objects.filter(action="password_change_failed").count(), 5)
