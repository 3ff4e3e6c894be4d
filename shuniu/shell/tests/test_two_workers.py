"""The portal throttle counts across gunicorn workers: two worker processes, one client, one limit."""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import tempfile
import time
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
LIMIT = 4


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class TwoWorkerThrottleTests(unittest.TestCase):
    """Production settings (DEBUG off, no Redis: the database cache holds the counters) on a scratch SQLite file."""

    def test_it_throttles_one_client_across_two_gunicorn_workers(self):
        with tempfile.TemporaryDirectory() as work:
            env = {
                **os.environ,
                "DJANGO_SETTINGS_MODULE": "config.settings",
                "DEBUG": "0",
                "SECRET_KEY": "two-worker-test-" + "s" * 40,
                "AUDIT_HMAC_KEY": "two-worker-test-audit-key",
                "FIELD_ENCRYPTION_KEYS": "x1S3nbC4_oyzq8k0dkB5nF4qI3i-8Z2Y2p2bXo8m0hE=",
                "ALLOWED_HOSTS": "127.0.0.1",
                "SECURE_SSL_REDIRECT": "0",
                "SECURE_COOKIES": "0",
                "SQLITE_PATH": f"{work}/db.sqlite3",
                "SHUNIU_VAR_DIR": work,
                "STATIC_ROOT": f"{work}/static",  # DEBUG off: the pages need the collected, hashed static files
                "PORTAL_LOOKUPS_PER_MINUTE": str(LIMIT),
                "LOG_LEVEL": "ERROR",
            }
            for name in ("SHUNIU_DEV", "DATABASE_URL", "REDIS_URL"):
                env.pop(name, None)
            for command in (["migrate", "-v0"], ["createcachetable"], ["collectstatic", "--noinput", "-v0"]):
                subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True)  # noqa: S603
            port = _free_port()
            server = subprocess.Popen(  # noqa: S603
                [sys.executable, "-m", "gunicorn", "config.wsgi", "--workers", "2", "--bind", f"127.0.0.1:{port}"],
                cwd=ROOT,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            try:
                self._wait(port)
                statuses = [self._lookup(port) for _i in range(LIMIT + 3)]
            finally:
                server.terminate()
                server.wait(timeout=20)
        self.assertEqual(statuses[:LIMIT], [200] * LIMIT)
        self.assertEqual(statuses[LIMIT:], [429] * 3)

    @staticmethod
    def _wait(port: int) -> None:
        for _i in range(120):
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                connection.request("GET", "/healthz")
                if connection.getresponse().status == 200:
                    return
            except OSError:
                time.sleep(0.25)
        raise AssertionError("gunicorn did not start")

    @staticmethod
    def _lookup(port: int) -> int:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)  # a new connection: either worker
        connection.request("GET", "/portal/track/?code=ABCDEFGHJK&last4=1234")
        response = connection.getresponse()
        response.read()
        return response.status
