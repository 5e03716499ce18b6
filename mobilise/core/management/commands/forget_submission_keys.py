"""Delete one-time form keys older than a day (the web process also does this now and then)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from mobilise.core.submissions import forget_expired


class Command(BaseCommand):
    help = "Delete form submission keys older than a day."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"Deleted {forget_expired()} expired submission keys.")
