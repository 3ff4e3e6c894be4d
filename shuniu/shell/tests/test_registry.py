"""Registries instead of central lists: every app contributes its navigation, role grants, jobs, encrypted fields,
pages and API router in its AppConfig.ready(); the central files name no app above org."""

from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import Group
from django.test import TestCase

from shuniu.core import registry
from shuniu.org.roles import ROLE_BY_SLUG, ROLE_DEFS

ROOT = Path(settings.BASE_DIR)


class RegistryTests(TestCase):
    def test_it_collects_every_apps_contributions(self):
        nav = [item.url_name for item in registry.nav_items()]
        self.assertEqual(nav[0], "shell:home")
        self.assertIn("supervision:task-list", nav)
        self.assertIn("governance:home", nav)
        self.assertEqual(
            registry.daily_jobs()[:5],
            [
                "clearsessions",
                "axes_reset_logs --age 180",
                "prune_db_task_results --min-age-days 30",
                "refresh_lights",
                "send_reminders",
            ],
        )
        self.assertIn("escalate_requests", registry.daily_jobs())
        self.assertEqual(registry.url_modules()[-1], ("", "shuniu.shell.urls"))
        self.assertIn(("governance/", "shuniu.governance.urls"), registry.url_modules())
        self.assertIn("shuniu.supervision.api", registry.api_routers())
        self.assertIn("governance.mediate_case", registry.grants_for("mediator"))

    def test_it_gives_the_roles_what_the_apps_grant(self):
        mediator = Group.objects.get(name=ROLE_BY_SLUG["mediator"].name)
        self.assertTrue(mediator.permissions.filter(codename="mediate_case").exists())
        supervisor = Group.objects.get(name=ROLE_BY_SLUG["supervisor"].name)
        self.assertTrue(supervisor.permissions.filter(codename="manage_task").exists())

    def test_it_keeps_the_central_files_free_of_apps_above_org(self):
        for definition in ROLE_DEFS:
            self.assertTrue(all(p.split(".")[0] in {"org", "audit"} for p in definition.perms), definition.slug)
        for name in ("config/urls.py", "config/api.py", "shuniu/org/roles.py"):
            text = (ROOT / name).read_text()
            self.assertNotIn("supervision", text, name)
            self.assertNotIn("governance", text, name)
        self.assertNotIn("SHUNIU_DAILY_JOBS", (ROOT / "config/settings.py").read_text())
