"""Rebuild the library's search index from every app's rows (what was shared stays shared)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from mobilise.library.index import refresh_vectors, reindex_all


class Command(BaseCommand):
    help = "Rebuild the search index from every app that registered searchable work."

    def handle(self, *args: Any, **options: Any) -> None:
        count = reindex_all()
        refresh_vectors()
        self.stdout.write(f"Indexed {count:,} items.")
