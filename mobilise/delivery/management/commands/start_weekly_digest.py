"""Queue the weekly digest once; each run books the next a week later (`db_worker` must be running)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from mobilise.delivery.tasks import send_weekly_digest


class Command(BaseCommand):
    help = "Queue the weekly delivery digest; it then books itself every seven days."

    def handle(self, *args: Any, **options: Any) -> None:
        result = send_weekly_digest.enqueue()
        self.stdout.write(f"Weekly digest queued ({result.id}).")
