from django.core.exceptions import PermissionDenied, ValidationError

from shuniu.org.services import user_set_roles
from shuniu.org.testing import BaseTestCase


class ThreeAdminsTests(BaseTestCase):
    """三员分立: the system, security and audit administrators are separate people."""

    def test_it_lets_the_system_administrator_assign_ordinary_roles(self):
        user_set_roles(actor=self.sysadmin, user=self.clerk_b, role_slugs=["handler", "liaison"])
        self.assertEqual(set(self.clerk_b.groups.values_list("role__slug", flat=True)), {"handler", "liaison"})

    def test_it_forbids_granting_oneself_a_role(self):
        with self.assertRaises(PermissionDenied):
            user_set_roles(actor=self.sysadmin, user=self.sysadmin, role_slugs=["sysadmin", "auditor"])
        self.client.force_login(self.sysadmin)
        r = self.client.post(f"/org/users/{self.sysadmin.code}/roles/", {"roles": ["auditor"]})
        self.assertEqual(r.status_code, 403)
        self.assertFalse(self.sysadmin.groups.filter(role__slug="auditor").exists())

    def test_it_forbids_one_person_holding_two_admin_roles(self):
        with self.assertRaisesMessage(ValidationError, "三员分立"):
            user_set_roles(actor=self.sysadmin, user=self.secadmin, role_slugs=["secadmin", "auditor"])

    def test_it_keeps_the_auditor_from_changing_users_or_roles(self):
        with self.assertRaises(PermissionDenied):
            user_set_roles(actor=self.auditor, user=self.auditor, role_slugs=["sysadmin"])
        with self.assertRaises(PermissionDenied):
            user_set_roles(actor=self.auditor, user=self.clerk_a, role_slugs=["sysadmin"])
        self.client.force_login(self.auditor)
        self.assertEqual(self.client.get("/org/users/new/").status_code, 403)
        self.assertEqual(self.client.get("/org/units/new/").status_code, 403)
        self.assertEqual(self.client.get("/admin/").status_code, 302)  # not staff: sent to the admin login

    def test_it_keeps_the_security_administrator_from_changing_users(self):
        with self.assertRaises(PermissionDenied):
            user_set_roles(actor=self.secadmin, user=self.clerk_a, role_slugs=["handler"])

    def test_it_shows_the_role_page_with_scopes(self):
        self.client.force_login(self.sysadmin)
        r = self.client.get(f"/org/users/{self.clerk_a.code}/roles/")
        self.assertContains(r, "承办人（本单位）")

    def test_it_lets_the_system_administrator_into_django_admin(self):
        self.client.force_login(self.sysadmin)
        self.assertEqual(self.client.get("/admin/").status_code, 200)
        self.assertEqual(self.client.get("/admin/org/user/").status_code, 200)
