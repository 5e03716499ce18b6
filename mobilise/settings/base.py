"""Settings shared by every environment. Values that vary come from the environment."""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF

from mobilise.core.observability import logging_config

from .env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
PROJECT_DIR = BASE_DIR.parent

SECRET_KEY = env_str("SECRET_KEY", "dev-only-insecure-key-change-me-in-production-0123456789")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "csp",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "simple_history",
    "django_tasks",
    "django_tasks_db",
    "rules.apps.AutodiscoverRulesConfig",
    "mobilise.core",
    "mobilise.accounts",
    "mobilise.programmes",
    "mobilise.purpose",
    "mobilise.workspace",
    "mobilise.measurement",
    "mobilise.improvement",
    "mobilise.pdsa",
    "mobilise.engagement",
    "mobilise.library",
    "mobilise.pulse",
    "mobilise.delivery",
    "mobilise.adoption",
    "mobilise.stories",
    "mobilise.workshops",
    "mobilise.boardpaper",
    # django-ninja serves the API docs' own scripts and styles from its static files (no CDN).
    "ninja",
    "mobilise.api",
]

MIDDLEWARE = [
    # First: every log line of the request carries its id (mobilise/core/observability.py).
    "mobilise.core.observability.RequestIdMiddleware",
    # Load balancers' probes are answered before host checks and the HTTPS redirect.
    "mobilise.core.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "mobilise.core.policies.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Compresses pages at gzip level 4 (core/compression.py); WhiteNoise serves static files precompressed.
    "mobilise.core.compression.PageCompressionMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "mobilise.core.sessions.SessionTimeoutMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # After authentication: runs each submitted form once (mobilise/core/submissions.py).
    "mobilise.core.submissions.SubmissionKeyMiddleware",
    "mobilise.core.refusals.RefusalLogMiddleware",
]

ROOT_URLCONF = "mobilise.urls"
WSGI_APPLICATION = "mobilise.wsgi.application"

TEMPLATES = [
    {
        # Our own pages: Jinja2 with the NHS.UK frontend macros.
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "environment": "mobilise.core.jinja2env.environment",
            # Adds a one-time submission key to every `{{ csrf_input }}` (mobilise/core/submissions.py).
            "context_processors": ["mobilise.core.submissions.form_inputs"],
        },
    },
    {
        # django-allauth's pages keep Django templates; we restyle their layout and elements.
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "core" / "django_templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{PROJECT_DIR / 'mobilise.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web process and the background worker share the embedded database.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }

# Rendered pieces of pages (dashboard rows, survey results), keyed on what they were made from, so
# each process keeps its own and nothing needs invalidating across processes (docs/deployment.md).
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "default"},
    "rendered": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "rendered",
        "OPTIONS": {"MAX_ENTRIES": env_int("RENDERED_CACHE_ENTRIES", 20_000)},
    },
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# django-allauth: email and password, no usernames.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
# Sign-up also asks for a name, organisation and job role, so nobody appears as a bare address.
ACCOUNT_SIGNUP_FORM_CLASS = "mobilise.accounts.forms.SignupDetailsForm"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = env_str("ACCOUNT_EMAIL_VERIFICATION", "optional")
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_PASSWORD_MIN_LENGTH = 12
ACCOUNT_RATE_LIMITS = {
    # Throttle failed sign-ins per address and per account.
    "login_failed": "5/5m/ip,5/5m/key",
    "signup": "20/h/ip",
    "reset_password": "5/h/ip,3/h/key",
}
ACCOUNT_ADAPTER = "mobilise.accounts.adapter.AccountAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Mobilise"
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "programmes:list"
ACCOUNT_LOGOUT_REDIRECT_URL = "account_login"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = PROJECT_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]

MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(PROJECT_DIR / "media")))
MEDIA_URL = "/media/"

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Mobilise <no-reply@mobilise.localhost>")

# Background work (imports, big analyses) queues in the database: no extra service needed.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# How long a programme invitation link stays valid.
INVITATION_MAX_AGE_DAYS = env_int("INVITATION_MAX_AGE_DAYS", 14)
# Limits on sending, so a slip cannot flood people's inboxes: invitations per programme per day,
# the days before an unanswered invitation may be reminded, and the most reminders each.
INVITATIONS_PER_DAY = env_int("INVITATIONS_PER_DAY", 2000)
REMIND_AFTER_DAYS = env_int("REMIND_AFTER_DAYS", 3)
MAX_REMINDERS = env_int("MAX_REMINDERS", 2)
# How long a shared join link works unless revoked sooner.
JOIN_LINK_DAYS = env_int("JOIN_LINK_DAYS", 30)
# The background worker sends email in batches of this many over one connection.
EMAIL_BATCH_SIZE = env_int("EMAIL_BATCH_SIZE", 100)
# How long deleted content waits in a programme's bin before it is purged.
BIN_RETENTION_DAYS = 30

# Refused requests (403, 404, 409) are one line each from "mobilise.refused" (see
# mobilise/core/refusals.py); Django's own records of them, with tracebacks, are dropped.
LOGGING = logging_config(log_format=env_str("LOG_FORMAT", "text"), level=env_str("LOG_LEVEL", "INFO"))
CSRF_FAILURE_VIEW = "mobilise.core.refusals.csrf_failure"

# Pulses: the key for the HMAC of single-use answer links (kept outside the database; derived from
# SECRET_KEY when unset). Changing it makes links already sent stop working.
PULSE_LINK_KEY = env_str("PULSE_LINK_KEY", "")

# Sessions end after an hour unused or twelve hours after sign-in (mobilise/core/sessions.py).
SESSION_IDLE_SECONDS = env_int("SESSION_IDLE_SECONDS", 60 * 60)
SESSION_ABSOLUTE_SECONDS = env_int("SESSION_ABSOLUTE_SECONDS", 12 * 60 * 60)
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_SECONDS

# Content-Security-Policy (django-csp): this site's own scripts, styles, images and fonts only;
# the NHS.UK template's one inline script carries the request's nonce. See mobilise/core/policies.py.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        # The NHS.UK typeface comes from the NHS's own asset service; Arial stands in without it.
        "font-src": [SELF, "https://assets.nhs.uk"],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "report-uri": "/csp-report",
    }
}
# The API takes up to 100,000 data points in one request (about 4 MB of JSON); forms stay far below.
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
API_REQUESTS_PER_MINUTE = env_int("API_REQUESTS_PER_MINUTE", 600)
