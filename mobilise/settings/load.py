"""The load test's settings: production's, served over plain HTTP on loopback (bench/load.py).

Everything that costs CPU in production costs it here (sessions in the database, CSP, compression,
kept connections, JSON logs); only what needs TLS or a real mail server is switched off.
"""

from .production import *  # noqa: F403

SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
ACCOUNT_EMAIL_VERIFICATION = "optional"
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Only warnings and errors: a log line per request would be the load generator's work, not ours.
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
