import io

from django.core.management import call_command
from django.test import TestCase

from shuniu.demo import county
from shuniu.org.models import Role, Unit, User
from shuniu.org.roles import ROLE_DEFS


class LoadDemoTests(TestCase):
    def test_it_builds_the_county_and_is_idempotent(self):
        call_command("load_demo", stdout=io.StringIO())
        units, users = Unit.objects.count(), User.objects.count()
        call_command("load_demo", stdout=io.StringIO())
        self.assertEqual((Unit.objects.count(), User.objects.count()), (units, users))
        departments = set(Unit.objects.filter(kind=Unit.Kind.DEPARTMENT).values_list("name", flat=True))
        self.assertEqual(departments, set(county.DEPARTMENTS))
        self.assertEqual(len(departments), 20)
        self.assertEqual(Unit.objects.filter(kind=Unit.Kind.TOWN).count(), 12)
        self.assertTrue(Unit.objects.filter(kind=Unit.Kind.GRID).exists())
        self.assertEqual(
            set(Unit.objects.get(name="县委办公室").children.values_list("name", flat=True)),
            set(county.OFFICE_SECTIONS),
        )

    def test_it_has_a_user_for_every_role_who_can_log_in(self):
        call_command("load_demo", stdout=io.StringIO())
        held = set(Role.objects.filter(group__user__isnull=False).values_list("slug", flat=True))
        self.assertEqual(held, {r.slug for r in ROLE_DEFS})
        r = self.client.post("/login/", {"username": "duchayuan", "password": county.DEMO_PASSWORD})
        self.assertEqual(r.status_code, 302)

    def test_it_skips_a_database_with_data_when_asked(self):
        Unit.objects.create(name="已有单位", kind="department", path="/1/")
        out = io.StringIO()
        call_command("load_demo", "--if-empty", stdout=out)
        self.assertIn("not loaded", out.getvalue())
        self.assertEqual(Unit.objects.count(), 1)


class SupervisionDemoTests(TestCase):
    def test_it_shows_every_light_status_special_list_and_two_bulletins(self):
        from shuniu.supervision.models import Bulletin, Task

        call_command("load_demo", stdout=io.StringIO())
        lights = set(Task.objects.values_list("light", flat=True))
        self.assertTrue({"blue", "green", "yellow", "red"} <= lights)
        self.assertEqual(set(Task.objects.values_list("status", flat=True)), set(Task.Status.values))
        self.assertTrue({"reform", "research", "people"} <= set(Task.objects.values_list("source", flat=True)))
        self.assertEqual(Bulletin.objects.count(), 2)
        self.assertTrue(Task.objects.exclude(research_report="").exists())
        self.assertTrue(Task.objects.exclude(override_light="").exists())


class GovernanceDemoTests(TestCase):
    def test_it_loads_two_thousand_requests_in_every_state(self):
        from shuniu.governance.models import CitizenRequest

        call_command("load_demo", stdout=io.StringIO())
        self.assertEqual(CitizenRequest.objects.count(), 2000)
        self.assertEqual(
            set(CitizenRequest.objects.values_list("status", flat=True)), set(CitizenRequest.Status.values)
        )
        self.assertGreaterEqual(CitizenRequest.objects.values("category").distinct().count(), 20)
        self.assertFalse(
            CitizenRequest.objects.filter(phone_encrypted__contains="13")
            .exclude(phone_encrypted="")
            .filter(phone_encrypted__regex=r"^1[3578]\d{9}$")
            .exists()
        )
        # The demo 调解员 works his community's mediation case (he got 403 before the mediation policy).
        from shuniu.governance.models import MediationCase
        from shuniu.org.models import User

        case = MediationCase.objects.get()
        self.client.force_login(User.objects.get(username="tiaojie"))
        self.assertContains(self.client.get("/governance/mediation/"), case.code)
        self.assertEqual(self.client.get(case.get_absolute_url()).status_code, 200)
        self.assertContains(self.client.get("/"), "基层治理")
        self.assertRedirects(self.client.get("/governance/"), "/governance/mediation/")
