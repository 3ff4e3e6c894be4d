"""Behind the documented reverse proxy, the client IP comes from X-Forwarded-For with PROXY_COUNT trusted hops —
for the audit log, the portal throttle and the login lockout alike; throttle counters are shared by workers."""

from django.core.cache.backends.db import DatabaseCache
from django.core.cache.backends.locmem import LocMemCache
from django.core.management import call_command
from django.test import RequestFactory, TransactionTestCase, override_settings

from shuniu.audit.context import client_ip
from shuniu.audit.models import AuditRecord
from shuniu.org.testing import BaseTestCase

NGINX = "10.0.0.2"


class ClientIpTests(BaseTestCase):
    def test_it_reads_the_forwarded_address_only_as_far_as_the_trusted_proxies(self):
        meta = {"REMOTE_ADDR": NGINX, "HTTP_X_FORWARDED_FOR": "6.6.6.6, 203.0.113.7"}
        self.assertEqual(client_ip(meta), NGINX)  # no trusted proxy: the header is ignored
        with override_settings(SHUNIU_PROXY_COUNT=1):
            self.assertEqual(client_ip(meta), "203.0.113.7")  # a spoofed left entry is not trusted
            self.assertEqual(client_ip({"REMOTE_ADDR": NGINX, "HTTP_X_FORWARDED_FOR": "not-an-ip"}), NGINX)
        with override_settings(SHUNIU_PROXY_COUNT=2):
            self.assertEqual(client_ip(meta), "6.6.6.6")

    @override_settings(SHUNIU_PROXY_COUNT=1)
    def test_it_records_the_client_in_the_audit_log_and_the_lockout(self):
        from axes.models import AccessAttempt

        headers = {"REMOTE_ADDR": NGINX, "HTTP_X_FORWARDED_FOR": "203.0.113.7"}
        self.client.post("/login/", {"username": "alice", "password": "wrong"}, **headers)
        self.assertEqual(AuditRecord.objects.filter(action="login_failed").latest("seq").ip, "203.0.113.7")
        self.assertEqual(AccessAttempt.objects.get(username="alice").ip_address, "203.0.113.7")

    @override_settings(SHUNIU_PROXY_COUNT=1, PORTAL_LOOKUPS_PER_MINUTE=2)
    def test_it_throttles_each_client_not_the_proxy(self):
        from django.core.cache import caches

        caches["throttle"].clear()
        url = "/portal/track/?code=ABCDEFGHJK&last4=1234"
        for _i in range(2):
            self.client.get(url, REMOTE_ADDR=NGINX, HTTP_X_FORWARDED_FOR="203.0.113.7")
        self.assertEqual(self.client.get(url, REMOTE_ADDR=NGINX, HTTP_X_FORWARDED_FOR="203.0.113.7").status_code, 429)
        self.assertEqual(self.client.get(url, REMOTE_ADDR=NGINX, HTTP_X_FORWARDED_FOR="198.51.100.9").status_code, 200)


class SharedThrottleTests(TransactionTestCase):
    """Two gunicorn workers are two processes, each with its own cache object: the database cache (production without
    Redis) counts for both; a per-process memory cache would not."""

    def test_it_counts_one_clients_lookups_across_two_workers(self):
        from shuniu.governance.portal.views import TRACK_LIMIT, throttled

        call_command("createcachetable", "shuniu_throttle_test", verbosity=0)
        workers = [DatabaseCache("shuniu_throttle_test", {}), DatabaseCache("shuniu_throttle_test", {})]
        request = RequestFactory().get("/portal/track/", REMOTE_ADDR="203.0.113.7")
        with override_settings(PORTAL_LOOKUPS_PER_MINUTE=3):
            seen = [throttled(request, "track", TRACK_LIMIT, counters=workers[i % 2]) for i in range(4)]
            self.assertEqual(seen, [False, False, False, True])
            alone = [LocMemCache("one", {}), LocMemCache("two", {})]
            apart = [throttled(request, "track", TRACK_LIMIT, counters=alone[i % 2]) for i in range(4)]
            self.assertEqual(apart, [False] * 4)  # per-process memory: each worker lets the limit through again
