import os
import subprocess
import sys
from pathlib import Path

from django.test import SimpleTestCase

from shuniu.org.testing import BaseTestCase

ROOT = Path(__file__).resolve().parents[3]


class ShellTests(BaseTestCase):
    def test_it_renders_chinese_by_default(self):
        self.client.force_login(self.clerk_a)
        r = self.client.get("/")
        self.assertContains(r, '<html lang="zh-hans">')
        self.assertContains(r, "待阅")

    def test_it_switches_to_english(self):
        self.client.force_login(self.clerk_a)
        self.client.post("/i18n/setlang/", {"language": "en", "next": "/"})
        r = self.client.get("/")
        self.assertContains(r, '<html lang="en">')
        self.assertContains(r, "To read")
        self.assertContains(r, "Organisation")

    def test_it_shows_the_login_page_anonymously(self):
        self.assertContains(self.client.get("/login/"), "县委办公室工作平台")

    def test_it_hides_modules_not_built_yet(self):
        self.client.force_login(self.supervisor)
        r = self.client.get("/")
        labels = [item["label"] for item in r.context["nav_items"]]
        self.assertIn("组织机构", labels)
        self.assertNotIn("信息报送", labels)
        self.assertNotIn("审计日志", labels)
        self.client.force_login(self.auditor)
        labels = [item["label"] for item in self.client.get("/").context["nav_items"]]
        self.assertIn("审计日志", labels)

    def test_it_sends_a_csp_without_inline_scripts(self):
        self.client.force_login(self.clerk_a)
        r = self.client.get("/")
        csp = r["Content-Security-Policy"]
        script_src = next(d for d in csp.split(";") if d.strip().startswith("script-src"))
        self.assertNotIn("unsafe-inline", script_src)
        self.assertNotIn("<script>", r.content.decode())

    def test_it_serves_vendored_assets(self):
        for name in ("bootstrap/bootstrap.min.css", "htmx/htmx.min.js", "echarts/echarts.min.js"):
            self.assertTrue((ROOT / "static/vendor" / name).is_file(), name)
            self.assertTrue((ROOT / "static/vendor" / name.split("/")[0] / "LICENSE").is_file())

    def test_it_has_a_health_check(self):
        self.assertEqual(self.client.get("/healthz").json(), {"status": "ok"})

    def test_it_sends_favicon_requests_to_the_svg_icon_without_a_login(self):
        r = self.client.get("/favicon.ico")
        self.assertEqual(r.status_code, 301)
        self.assertTrue(r["Location"].startswith("/static/shuniu/favicon"))


class DeployCheckTests(SimpleTestCase):
    def test_it_passes_check_deploy_in_production_settings(self):
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DEBUG": "0",
            "SECRET_KEY": "a-production-secret-" + "x7Qk2" * 12,
            "ALLOWED_HOSTS": "shuniu.example.gov.cn",
            "FIELD_ENCRYPTION_KEYS": "x1S3nbC4_oyzq8k0dkB5nF4qI3i-8Z2Y2p2bXo8m0hE=",
            "AUDIT_HMAC_KEY": "a-production-audit-key-" + "k9" * 20,
        }
        env.pop("SHUNIU_DEV", None)
        env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        result = subprocess.run(
            [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertIn("no issues", result.stdout)

    def test_it_fails_check_deploy_without_the_audit_key(self):
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DEBUG": "0",
            "SECRET_KEY": "a-production-secret-" + "x7Qk2" * 12,
            "ALLOWED_HOSTS": "shuniu.example.gov.cn",
            "FIELD_ENCRYPTION_KEYS": "x1S3nbC4_oyzq8k0dkB5nF4qI3i-8Z2Y2p2bXo8m0hE=",
        }
        for name in ("SHUNIU_DEV", "DJANGO_ALLOW_ASYNC_UNSAFE", "AUDIT_HMAC_KEY"):
            env.pop(name, None)
        result = subprocess.run(
            [sys.executable, "manage.py", "check", "--deploy"], cwd=ROOT, env=env, capture_output=True, text=True
        )
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("shuniu.E002", result.stdout + result.stderr)

    def test_it_refuses_to_start_without_a_secret_key_in_production(self):
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", "DEBUG": "0", "SECRET_KEY": ""}
        env.pop("SHUNIU_DEV", None)
        result = subprocess.run(
            [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, check=False
        )
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("SECRET_KEY", result.stderr)


class HonestHomeTests(BaseTestCase):
    def test_every_role_finds_its_module_built(self):
        """信息报送, 办文/办会 and 值班/请销假 exist now: no home says a module is still being built."""
        from shuniu.org.testing import make_user

        for slug, url in (("info_officer", "/information/"), ("duty_officer", "/duty/"), ("section_head", "/leave/")):
            user = make_user(f"u_{slug}", self.office, slug)
            self.client.force_login(user)
            page = self.client.get("/")
            with self.subTest(slug):
                self.assertNotContains(page, "正在建设")
                self.assertContains(page, f'href="{url}"')

    def test_it_puts_the_rules_pages_in_the_menu_of_who_may_edit_them(self):
        self.client.force_login(self.sysadmin)
        names = [i["name"] for i in self.client.get("/").context["nav_items"]]
        self.assertIn("supervision:rules", names)
        self.assertIn("governance:rules", names)
        self.client.force_login(self.supervisor)
        names = [i["name"] for i in self.client.get("/").context["nav_items"]]
        self.assertNotIn("governance:rules", names)


class AuditDisplayTests(BaseTestCase):
    def test_many_to_many_and_reverse_relations_in_changes_are_read_by_name(self):
        """Changes that name a relation with a list of ids (co-units, a meeting's breaches) render, by name."""
        from shuniu.audit import services as audit
        from shuniu.shell.audit_display import readable
        from shuniu.supervision.models import Task

        record = audit.record(
            actor=self.supervisor,
            action="update",
            object_type="supervision.task",
            object_id="1",
            changes={
                "co_units": [[self.unit_a.pk], [self.unit_a.pk, self.unit_b.pk]],
                "lead_unit": [None, "县住房和城乡建设局"],  # a name written under a relation's name
            },
        )
        rows = readable([record], self.auditor)
        text = str(rows[0].__dict__)
        self.assertIn(self.unit_b.name, text)
        self.assertTrue(Task._meta.get_field("co_units").many_to_many)
