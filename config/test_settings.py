"""Settings for the test suite: the production settings with fast, local replacements."""

import os

os.environ.setdefault("SHUNIU_DEV", "1")

from config.settings import *  # noqa: F403

SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Argon2 is the production hasher (see test_login_security); tests hash many passwords, so MD5 first.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.MD5PasswordHasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
FIELD_ENCRYPTION_KEYS = ["x1S3nbC4_oyzq8k0dkB5nF4qI3i-8Z2Y2p2bXo8m0hE="]
AUDIT_HMAC_KEYS = ["test-audit-chain-key"]
# Live-server threads must not keep connections open past a request (PostgreSQL test-database teardown).
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
