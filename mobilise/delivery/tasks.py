"""Background work: the weekly digest, sent from the database queue and booked again for next week."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from django_tasks import default_task_backend, task

from .digest import send_digests

WEEK = timedelta(days=7)


@task()
def send_weekly_digest() -> int:
    """Send this week's digests, then queue next week's (where the queue can wait)."""
    now = timezone.now()
    sent = send_digests(timezone.localdate(), now)
    if default_task_backend.supports_defer:
        send_weekly_digest.using(run_after=now + WEEK).enqueue()
    return sent
