"""Production settings: everything secret or site-specific must come from the environment."""

from mobilise.core.observability import logging_config, start_error_reporting

from .base import *  # noqa: F403
from .env import env_bool, env_int, env_list, env_str
from .storage import storages

DEBUG = False
SECRET_KEY = env_str("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

# Uploaded files: the local file system, or storage shared by several servers (settings/storage.py).
STORAGES = storages(env_str("STORAGE_BACKEND", "local"))

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
ACCOUNT_EMAIL_VERIFICATION = env_str("ACCOUNT_EMAIL_VERIFICATION", "mandatory")

# Database connections are kept between requests (opening one costs more than a small page), and
# checked before reuse so a restarted database or a fail-over is noticed, not served as an error.
DATABASES["default"]["CONN_MAX_AGE"] = env_int("DATABASE_CONN_MAX_AGE", 600)  # noqa: F405
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405

# One JSON object per log line, with the request id (mobilise/core/observability.py).
LOGGING = logging_config(log_format=env_str("LOG_FORMAT", "json"), level=env_str("LOG_LEVEL", "INFO"))

# Unhandled errors go to Sentry (or a compatible service) when SENTRY_DSN is set and sentry-sdk
# is installed; no personal data is sent.
start_error_reporting(env_str("SENTRY_DSN", ""), env_str("SENTRY_ENVIRONMENT", "production"))
