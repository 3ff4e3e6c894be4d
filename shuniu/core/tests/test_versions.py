from django.db import transaction
from django.test import TestCase, TransactionTestCase

from shuniu.core import versions
from shuniu.core.models import DataVersion
from shuniu.org.services import user_set_roles
from shuniu.org.testing import make_unit, make_user


class VersionTests(TestCase):
    def test_a_domain_starts_at_zero_and_counts_bumps(self):
        self.assertEqual(versions.current("x", "y"), (0, 0))
        versions.bump_now("x")
        versions.bump_now("x")
        self.assertEqual(versions.current("x", "y"), (2, 0))

    def test_many_changes_in_one_atomic_block_bump_once_after_commit(self):
        with self.captureOnCommitCallbacks(execute=True) as callbacks, transaction.atomic():
            for _ in range(5):
                versions.bump("x")
            self.assertEqual(versions.current("x"), (0,))  # not before the commit
        self.assertEqual(len(callbacks), 1)
        self.assertEqual(versions.current("x"), (1,))

    def test_it_computes_once_per_generation(self):
        calls = []

        def compute():
            calls.append(1)
            return b"body %d" % len(calls)

        self.assertEqual(versions.cached(("x",), ["k"], compute), b"body 1")
        self.assertEqual(versions.cached(("x",), ["k"], compute), b"body 1")
        self.assertEqual(versions.cached(("x",), ["other"], compute), b"body 2")
        versions.bump_now("x")
        self.assertEqual(versions.cached(("x",), ["k"], compute), b"body 3")

    def test_units_users_and_roles_bump_the_org_generation(self):
        with self.captureOnCommitCallbacks(execute=True):
            unit = make_unit("县审计局")
        first = versions.current("org")[0]
        self.assertGreater(first, 0)
        with self.captureOnCommitCallbacks(execute=True):
            admin = make_user("admin_v", unit, "secadmin")
            clerk = make_user("clerk_v", unit, "handler")
        second = versions.current("org")[0]
        self.assertGreater(second, first)
        with self.captureOnCommitCallbacks(execute=True):
            user_set_roles(actor=admin, user=clerk, role_slugs=["supervisor"])  # an m2m change of user.groups
        self.assertGreater(versions.current("org")[0], second)


class VersionCommitTests(TransactionTestCase):
    def test_the_bump_runs_after_a_real_commit_and_not_after_a_rollback(self):
        with transaction.atomic():
            versions.bump("x")
        self.assertEqual(DataVersion.objects.get(name="x").value, 1)
        try:
            with transaction.atomic():
                versions.bump("x")
                raise RuntimeError
        except RuntimeError:
            pass
        self.assertEqual(DataVersion.objects.get(name="x").value, 1)
