"""The SQLite default must survive two processes writing at once (web server and worker): no "database is locked"."""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from django.conf import settings
from django.test import SimpleTestCase

ROOT = Path(__file__).resolve().parents[3]
WRITER = """
from shuniu.audit.services import record
for i in range(60):
    record(actor=None, actor_name="{name}", action="concurrency", object_type="test", object_id=str(i))
print("ok")
"""


class SqliteConcurrentWritesTests(SimpleTestCase):
    def test_it_keeps_the_chain_intact_under_two_concurrent_writers(self):
        if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
            self.skipTest("SQLite-specific")
        with tempfile.TemporaryDirectory() as tmp:
            env = {
                **os.environ,
                "DJANGO_SETTINGS_MODULE": "config.settings",
                "SHUNIU_DEV": "1",
                "SQLITE_PATH": str(Path(tmp) / "c.sqlite3"),
            }
            env.pop("DATABASE_URL", None)
            manage = [sys.executable, "manage.py"]
            subprocess.run([*manage, "migrate", "-v0"], cwd=ROOT, env=env, check=True)  # noqa: S603
            writers = [
                subprocess.Popen(  # noqa: S603
                    [*manage, "shell", "-c", WRITER.format(name=name)],
                    cwd=ROOT,
                    env=env,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE,
                    text=True,
                )
                for name in ("web", "worker")
            ]
            results = [w.communicate(timeout=120) for w in writers]
            for (_out, err), writer in zip(results, writers, strict=True):
                self.assertEqual(writer.returncode, 0, err)
                self.assertNotIn("database is locked", err)
            check = subprocess.run(  # noqa: S603
                [*manage, "verify_audit"], cwd=ROOT, env=env, capture_output=True, text=True, check=False
            )
            self.assertEqual(check.returncode, 0, check.stderr)
            self.assertIn("120 records", check.stdout)
