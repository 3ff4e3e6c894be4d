from shuniu.org.models import Unit
from shuniu.org.policies import unit_policy, user_policy
from shuniu.org.testing import BaseTestCase


class UnitVisibilityTests(BaseTestCase):
    def test_it_scopes_units_by_role(self):
        self.assertEqual(set(unit_policy.visible(self.clerk_a)), {self.unit_a})
        self.assertEqual(set(unit_policy.visible(self.head_a)), {self.unit_a, self.unit_a1})
        self.assertEqual(unit_policy.visible(self.supervisor).count(), Unit.objects.count())
        self.assertEqual(unit_policy.visible(self.leader).count(), Unit.objects.count())

    def test_it_scopes_users_by_role(self):
        self.assertEqual(set(user_policy.visible(self.clerk_a)), {self.clerk_a, self.head_a})
        self.assertEqual(set(user_policy.visible(self.head_a)), {self.clerk_a, self.head_a, self.clerk_a1})
        self.assertNotIn(self.clerk_b, user_policy.visible(self.head_a))

    def test_it_shows_own_unit_page(self):
        self.client.force_login(self.clerk_a)
        r = self.client.get(f"/org/units/{self.unit_a.code}/")
        self.assertContains(r, "县发展和改革局")

    def test_it_answers_404_to_an_outsider(self):
        self.client.force_login(self.clerk_b)
        self.assertEqual(self.client.get(f"/org/units/{self.unit_a.code}/").status_code, 404)
        self.assertEqual(self.client.get(f"/org/users/{self.clerk_a.code}/").status_code, 404)
        self.assertEqual(self.client.get(f"/org/units/{self.unit_a.code}/edit/").status_code, 404)

    def test_it_answers_403_to_a_read_only_user(self):
        self.client.force_login(self.leader)  # sees every unit, may change none
        self.assertEqual(self.client.get(f"/org/units/{self.unit_a.code}/").status_code, 200)
        self.assertEqual(self.client.get(f"/org/units/{self.unit_a.code}/edit/").status_code, 403)
        self.assertEqual(self.client.post(f"/org/units/{self.unit_a.code}/edit/", {"name": "x"}).status_code, 403)
        self.assertEqual(self.client.get("/org/units/new/").status_code, 403)
        self.assertEqual(self.client.get(f"/org/users/{self.clerk_a.code}/edit/").status_code, 403)
        self.assertEqual(self.client.get("/org/users/import/").status_code, 403)

    def test_it_keeps_the_unit_list_to_what_the_user_sees(self):
        self.client.force_login(self.head_a)
        r = self.client.get("/org/units/")
        self.assertEqual({u.name for u in r.context["page"]}, {"县发展和改革局", "价格监督检查科"})

    def test_it_runs_a_constant_number_of_queries_on_lists(self):
        self.client.force_login(self.supervisor)
        self.client.get("/org/units/")
        with self.assertNumQueries(7):  # warm: permissions cached under the org version
            self.client.get("/org/units/")
        with self.assertNumQueries(8):
            self.client.get("/org/users/")
        for i in range(30):
            Unit.objects.create(name=f"单位{i}", kind="department", parent=self.county, path=f"/x{i}/")
        with self.assertNumQueries(7):
            self.client.get("/org/units/")

    def test_it_requires_login(self):
        r = self.client.get("/org/units/")
        self.assertEqual(r.status_code, 302)
        self.assertIn("/login/", r["Location"])


class UnitEditTests(BaseTestCase):
    def test_it_creates_and_moves_a_unit_keeping_the_tree(self):
        self.client.force_login(self.sysadmin)
        r = self.client.post(
            "/org/units/new/", {"name": "改革办", "kind": "section", "parent": self.unit_a.pk, "sort_order": 1}
        )
        self.assertEqual(r.status_code, 302)
        unit = Unit.objects.get(name="改革办")
        self.assertEqual(unit.path, f"{self.unit_a.path}0001{unit.pk:08d}/")
        data = {"name": "县发展和改革局", "kind": "department", "parent": self.office.pk, "sort_order": 0}
        r = self.client.post(f"/org/units/{self.unit_a.code}/edit/", data)
        self.assertEqual(r.status_code, 302)
        unit.refresh_from_db()
        self.assertTrue(unit.path.startswith(self.office.path))
        self.assertEqual(unit.depth, 3)

    def test_it_refuses_a_cycle_with_a_clear_message(self):
        self.client.force_login(self.sysadmin)
        data = {"name": "县发展和改革局", "kind": "department", "parent": self.unit_a1.pk, "sort_order": 0}
        r = self.client.post(f"/org/units/{self.unit_a.code}/edit/", data)
        self.assertContains(r, "不能把单位移到它自己或它的下级单位之下")
        self.unit_a.refresh_from_db()
        self.assertEqual(self.unit_a.parent, self.county)

    def test_it_rejects_a_duplicate_name_in_the_same_parent(self):
        self.client.force_login(self.sysadmin)
        r = self.client.post(
            "/org/units/new/", {"name": "价格监督检查科", "kind": "section", "parent": self.unit_a.pk, "sort_order": 0}
        )
        self.assertEqual(r.status_code, 200)
        self.assertEqual(Unit.objects.filter(name="价格监督检查科").count(), 1)

    def test_it_escapes_script_in_names(self):
        self.client.force_login(self.sysadmin)
        self.client.post(
            "/org/units/new/",
            {"name": "<script>alert(1)</script>", "kind": "section", "parent": self.unit_a.pk, "sort_order": 0},
        )
        r = self.client.get("/org/units/")
        self.assertNotContains(r, "<script>alert(1)</script>")
        self.assertContains(r, "&lt;script&gt;")


class ApiVisibilityTests(BaseTestCase):
    def test_it_lists_only_visible_units(self):
        self.client.force_login(self.head_a)
        names = {u["name"] for u in self.client.get("/api/v1/units").json()}
        self.assertEqual(names, {"县发展和改革局", "价格监督检查科"})

    def test_it_answers_404_json_to_an_outsider(self):
        self.client.force_login(self.clerk_b)
        r = self.client.get(f"/api/v1/units/{self.unit_a.code}")
        self.assertEqual(r.status_code, 404)
        self.assertEqual(r.json()["error"], "not_found")
        self.assertEqual(self.client.get(f"/api/v1/users/{self.clerk_a.code}").status_code, 404)

    def test_it_answers_403_json_to_a_read_only_user(self):
        self.client.force_login(self.leader)
        r = self.client.post("/api/v1/units", {"name": "新单位", "kind": "section"}, content_type="application/json")
        self.assertEqual(r.status_code, 403)
        self.assertEqual(r.json()["error"], "forbidden")
        self.assertFalse(Unit.objects.filter(name="新单位").exists())

    def test_it_creates_a_unit_for_the_system_administrator(self):
        self.client.force_login(self.sysadmin)
        data = {"name": "新单位", "kind": "section", "parent_code": str(self.unit_a.code)}
        r = self.client.post("/api/v1/units", data, content_type="application/json")
        self.assertEqual(r.status_code, 201)
        self.assertEqual(r.json()["parent_code"], str(self.unit_a.code))

    def test_it_runs_constant_queries_on_the_list(self):
        self.client.force_login(self.supervisor)
        # session, user, role scope, rows (+ the session's first save: 3); users add one prefetch of groups.
        with self.assertNumQueries(7):
            self.client.get("/api/v1/units")
        with self.assertNumQueries(5):
            self.client.get("/api/v1/users")
        for i in range(30):
            Unit.objects.create(name=f"单位{i}", kind="department", parent=self.county, path=f"/x{i}/")
        with self.assertNumQueries(4):
            self.client.get("/api/v1/units")
