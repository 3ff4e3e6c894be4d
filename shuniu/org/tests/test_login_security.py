import datetime as dt
import time
from unittest import mock

from axes.models import AccessLog
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils import timezone

from shuniu.org.services import user_create
from shuniu.org.testing import PASSWORD, BaseTestCase


class PasswordPolicyTests(BaseTestCase):
    def test_it_hashes_with_argon2_in_production(self):
        import config.settings as production

        self.assertEqual(production.PASSWORD_HASHERS[0], "django.contrib.auth.hashers.Argon2PasswordHasher")

    def test_it_requires_ten_characters_three_classes_and_no_username(self):
        for bad in ["Sh0rt!", "alllowercase1", "Alice-Passw0rd", "abcdefghijk"]:
            with self.subTest(password=bad), self.assertRaises(ValidationError):
                validate_password(bad, self.clerk_a)
        validate_password("Hubei-2026-ok", self.clerk_a)

    def test_it_makes_a_new_user_change_the_password_first(self):
        user = user_create(
            actor=self.sysadmin, username="newbie", real_name="新人", password="Xy7#kq9Lm2", unit=self.unit_a
        )
        self.client.force_login(user)
        r = self.client.get("/")
        self.assertRedirects(r, "/password/change/")
        self.assertContains(self.client.get("/password/change/"), "首次登录")
        r = self.client.post(
            "/password/change/", {"old_password": "Xy7#kq9Lm2", "new_password1": "weak", "new_password2": "weak"}
        )
        self.assertEqual(r.status_code, 200)
        r = self.client.post(
            "/password/change/",
            {"old_password": "Xy7#kq9Lm2", "new_password1": "Better#Pass2026", "new_password2": "Better#Pass2026"},
        )
        self.assertRedirects(r, "/")
        user.refresh_from_db()
        self.assertFalse(user.must_change_password)
        self.assertEqual(self.client.get("/").status_code, 200)


class LockoutTests(BaseTestCase):
    def _fail(self, ip="10.0.0.1"):
        return self.client.post("/login/", {"username": "alice", "password": "nope-nope"}, REMOTE_ADDR=ip)

    def test_it_locks_after_five_failures_for_that_username_and_ip(self):
        for _ in range(4):
            self.assertEqual(self._fail().status_code, 200)
        locked = self._fail()
        self.assertEqual(locked.status_code, 429)
        self.assertContains(locked, "锁定15分钟", status_code=429)
        # Even the right password is refused while locked.
        r = self.client.post("/login/", {"username": "alice", "password": PASSWORD}, REMOTE_ADDR="10.0.0.1")
        self.assertEqual(r.status_code, 429)
        # The same user from another address is not locked.
        r = self.client.post("/login/", {"username": "alice", "password": PASSWORD}, REMOTE_ADDR="10.0.0.2")
        self.assertEqual(r.status_code, 302)

    def test_it_is_configured_for_fifteen_minutes(self):
        self.assertEqual(settings.AXES_FAILURE_LIMIT, 5)
        self.assertEqual(settings.AXES_COOLOFF_TIME, dt.timedelta(minutes=15))
        self.assertEqual(settings.AXES_LOCKOUT_PARAMETERS, [["username", "ip_address"]])


class SessionTests(BaseTestCase):
    def test_it_expires_idle_sessions_after_thirty_minutes(self):
        self.assertEqual(settings.SESSION_COOKIE_AGE, 30 * 60)
        self.assertFalse(settings.SESSION_SAVE_EVERY_REQUEST)  # the sliding middleware saves instead

    def test_activity_pushes_the_expiry_forward_at_most_once_a_minute(self):
        from django.contrib.sessions.models import Session

        self.client.force_login(self.clerk_a)
        key = self.client.session.session_key
        start = time.time()
        with mock.patch("shuniu.core.middleware.time.time", return_value=start):
            self.client.get("/")  # first touch: saved
        first = Session.objects.get(session_key=key).expire_date
        with mock.patch("shuniu.core.middleware.time.time", return_value=start + 30):
            self.client.get("/")
        self.assertEqual(Session.objects.get(session_key=key).expire_date, first)  # within the minute: no write
        with (
            mock.patch("shuniu.core.middleware.time.time", return_value=start + 61),
            mock.patch("django.utils.timezone.now", return_value=timezone.now() + dt.timedelta(seconds=61)),
        ):
            self.client.get("/")
        self.assertGreater(Session.objects.get(session_key=key).expire_date, first)

    def test_it_logs_in_and_shows_the_users_own_login_history(self):
        r = self.client.post(
            "/login/",
            {"username": "alice", "password": PASSWORD},
            REMOTE_ADDR="10.9.9.9",
            HTTP_USER_AGENT="TestBrowser/1.0",
        )
        self.assertEqual(r.status_code, 302)
        AccessLog.objects.create(
            username="bob", ip_address="10.7.7.7", user_agent="x", attempt_time="2026-11-01T00:00Z"
        )
        page = self.client.get("/org/account/")
        self.assertContains(page, "10.9.9.9")
        self.assertNotContains(page, "10.7.7.7")
