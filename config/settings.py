"""Shuniu settings, driven by environment variables (see README.md, "Configuration")."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("SHUNIU_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", default=False)
# A development key is only accepted with DEBUG on; production must set SECRET_KEY.
SECRET_KEY = os.environ.get("SECRET_KEY") or (
    "dev-insecure-shuniu-key-only-for-local-runs" if DEBUG or env_bool("SHUNIU_DEV") else ""
)
if not SECRET_KEY:
    raise RuntimeError("SECRET_KEY must be set when DEBUG is off (see README.md).")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "whitenoise.runserver_nostatic",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "ninja",  # the API documentation page from its vendored files, no CDN
    "shuniu.core",
    "shuniu.org",
    "shuniu.audit",
    "shuniu.notifications",
    "shuniu.supervision",
    "shuniu.governance",
    "shuniu.information",
    "shuniu.meetings",
    "shuniu.documents",
    "shuniu.leave",
    "shuniu.duty",
    "shuniu.reception",
    "shuniu.inspections",
    "shuniu.goals",
    "shuniu.innovation",
    "shuniu.united_front",
    "shuniu.shell",
    "shuniu.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "shuniu.core.middleware.ApiJsonErrorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "shuniu.core.middleware.SlidingSessionMiddleware",
    "shuniu.core.middleware.ChineseFirstMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "shuniu.core.middleware.LoginRequiredExceptApiMiddleware",
    "shuniu.core.middleware.PasswordChangeRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "shuniu.audit.middleware.AuditRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "shuniu.shell.context_processors.shell",
            ],
        },
    },
]

# SQLite by default; WAL + busy timeout + IMMEDIATE transactions so that the web
# server and the task worker can write at the same time without "database is locked".
SQLITE_OPTIONS = {
    "timeout": 30,
    "transaction_mode": "IMMEDIATE",
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000;",
}
if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=60)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("SQLITE_PATH", str(VAR_DIR / "shuniu.sqlite3")),
            "OPTIONS": SQLITE_OPTIONS,
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# The rates' covering index (INCLUDE columns) is PostgreSQL's; SQLite builds it without them, which is fine there.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

AUTH_USER_MODEL = "org.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "shell:home"
CSRF_FAILURE_VIEW = "shuniu.shell.errors.csrf_failure"
LOGOUT_REDIRECT_URL = "login"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "shuniu.org.password_validation.CharacterClassesValidator", "OPTIONS": {"min_classes": 3}},
    {"NAME": "shuniu.org.password_validation.UsernameNotContainedValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "shuniu.org.backends.CachedPermissionsBackend",
]

# django-axes: 5 failures lock the (username, IP) pair for 15 minutes.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked.html"
# Trusted reverse proxies in front (nginx: 1): the client IP is read from X-Forwarded-For that many hops from the right
# for the audit log, the portal throttle and the login lockout alike (shuniu.audit.context.client_ip).
SHUNIU_PROXY_COUNT = int(os.environ.get("PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "shuniu.audit.context.client_ip_of_request"
AXES_ENABLE_ACCESS_FAILURE_LOG = True

# Idle timeout: every request renews the session, so it expires after this many idle seconds.
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_IDLE_MINUTES", "30")) * 60
# Idle timeout: the session's expiry slides forward when it is saved, at most once a minute
# (shuniu.core.middleware.SlidingSessionMiddleware) rather than on every request.
SESSION_TOUCH_SECONDS = 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not DEBUG
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
PORTAL_SUBMITS_PER_HOUR = int(os.environ.get("PORTAL_SUBMITS_PER_HOUR", "5"))
PORTAL_LOOKUPS_PER_MINUTE = int(os.environ.get("PORTAL_LOOKUPS_PER_MINUTE", "30"))
SHUNIU_MAX_UPLOAD_BYTES = int(os.environ.get("SHUNIU_MAX_UPLOAD_MB", "20")) * 1024 * 1024
# Imports (units, users, tasks): at most this many MB and rows, all or nothing.
SHUNIU_MAX_IMPORT_MB = int(os.environ.get("SHUNIU_MAX_IMPORT_MB", "10"))
SHUNIU_MAX_IMPORT_ROWS = int(os.environ.get("SHUNIU_MAX_IMPORT_ROWS", "20000"))
SHUNIU_IMPORT_BACKGROUND_KB = int(os.environ.get("SHUNIU_IMPORT_BACKGROUND_KB", "256"))

TASKS = {"default": {"BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "shuniu@localhost")

# Field encryption keys (Fernet), newest first; older keys still decrypt during rotation.
FIELD_ENCRYPTION_KEYS = env_list("FIELD_ENCRYPTION_KEYS")
if not FIELD_ENCRYPTION_KEYS and (DEBUG or env_bool("SHUNIU_DEV")):
    # Local runs only: a key derived from the development secret. Production must set its own (checked).
    import base64
    import hashlib

    FIELD_ENCRYPTION_KEYS = [base64.urlsafe_b64encode(hashlib.sha256(SECRET_KEY.encode()).digest()).decode()]

# The audit chain's HMAC keys, newest first (older ones still verify the records they signed): kept outside the
# database, so that whoever can write the database cannot recompute a rewritten chain. Required in production.
AUDIT_HMAC_KEYS = env_list("AUDIT_HMAC_KEY")
if not AUDIT_HMAC_KEYS and (DEBUG or env_bool("SHUNIU_DEV")):
    import hashlib

    AUDIT_HMAC_KEYS = [hashlib.sha256(("audit-chain:" + SECRET_KEY).encode()).hexdigest()]

# Content-Security-Policy: scripts only from our own origin, never inline.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=True)
    CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=True)
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}

# Periodic jobs: each an idempotent management command; `make run` runs them hourly, production daily
# from cron or a systemd timer (see README.md). Later modules append to this list.
# The cache holds generational copies of busy reads (shuniu.core.versions), permission and token lookups, and the
# portal's per-IP throttle counters. Per process by default; with REDIS_URL every worker shares one cache, so the
# throttle counts per IP across workers and a body computed by one worker serves all.
# Throttle counters (portal, Open311, password changes) must count across gunicorn workers: Redis when REDIS_URL is
# set, otherwise the database cache in production (`manage.py createcachetable`, run by `make run` and the deploy
# steps); a per-process memory cache only for development.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": os.environ["REDIS_URL"]}
    }
    CACHES["throttle"] = CACHES["default"]
elif not DEBUG and not env_bool("SHUNIU_DEV"):
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "throttle": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "shuniu_throttle"},
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "throttle": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "throttle"},
    }

# Periodic jobs: each app registers its own (shuniu.core.registry.daily_job); `manage.py daily_jobs --list`.
