"""Queue a background pass that embeds every item whose words changed (needs the embeddings extra)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from mobilise.library import embeddings
from mobilise.library.embedding_services import latest_run, request_embeddings


class Command(BaseCommand):
    help = "Embed the library's items for similar-work suggestions, on the background task queue."

    def handle(self, *args: Any, **options: Any) -> None:
        if not embeddings.available():
            self.stdout.write("The embeddings extra is not installed: suggestions use matching words.")
            return
        request_embeddings()
        run = latest_run()
        if run is not None:
            self.stdout.write(
                f"Embedding pass {run.pk}: {run.get_status_display()}, {run.done:,} of {run.total:,} items."
            )
