"""Tables that belong to the site as a whole rather than to one programme."""

from __future__ import annotations

from django.db import models


class SubmissionKey(models.Model):
    """One submission of one rendered form, so a replay gets the first outcome, not a second save.

    The primary key is the one-time key the form carried: the database's uniqueness check is the
    lock, so it holds across threads and processes on SQLite and PostgreSQL alike.
    """

    key = models.CharField(max_length=64, primary_key=True)
    path = models.CharField(max_length=2000)
    # The signed-in person's id ("" when signed out): a key only replays for whoever first used it.
    owner = models.CharField(max_length=64, blank=True)
    finished = models.BooleanField(default=False)
    status = models.PositiveSmallIntegerField(null=True, blank=True)
    location = models.TextField(blank=True)
    content_type = models.CharField(max_length=200, blank=True)
    body = models.BinaryField(null=True, blank=True)
    created_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.path} ({'finished' if self.finished else 'running'})"
