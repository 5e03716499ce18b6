"""Embedding the library's items in the background, with progress a page can show.

Every item is embedded (its own programme's private items too: a suggestion starts from the item
being looked at), but only shared items of other programmes are ever compared with it; see
`search.similar`. A pass embeds the items whose words changed since their last embedding.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from . import embeddings
from .models import Embedding, EmbeddingRun, SearchEntry

CHUNK = 256


def stale_entry_ids() -> list[int]:
    """Items with no embedding, or one made from words that have since changed."""
    known = dict(Embedding.objects.values_list("entry_id", "digest"))
    rows = SearchEntry.objects.order_by("pk").values_list("pk", "title", "body")
    return [
        pk
        for pk, title, body in rows.iterator(chunk_size=2000)
        if known.get(pk) != embeddings.digest_of(embeddings.text_of(title, body))
    ]


def runs_in_background() -> bool:
    """A real task queue (not the immediate backend tests use): the model never runs in a request."""
    return "Immediate" not in str(settings.TASKS["default"]["BACKEND"])


def request_embeddings() -> EmbeddingRun | None:
    """Queue a pass once the current transaction commits; one waiting pass is enough for many edits."""
    if not embeddings.available():
        return None
    from .tasks import embed_items

    waiting = EmbeddingRun.objects.filter(status=EmbeddingRun.Status.QUEUED).order_by("pk").first()
    if waiting is not None:
        return waiting
    run = EmbeddingRun.objects.create()
    transaction.on_commit(lambda: embed_items.enqueue(run.pk))
    return run


def embed_soon() -> None:
    """Called when an item's words change: ask for a pass if the extra is there and a worker runs."""
    if embeddings.available() and runs_in_background():
        transaction.on_commit(request_embeddings)


def run_embeddings(*, run_id: int) -> None:
    claimed = EmbeddingRun.objects.filter(pk=run_id, status=EmbeddingRun.Status.QUEUED).update(
        status=EmbeddingRun.Status.RUNNING
    )
    if not claimed:
        return
    runs = EmbeddingRun.objects.filter(pk=run_id)
    stale = stale_entry_ids()
    runs.update(total=len(stale), done=0)
    try:
        for start in range(0, len(stale), CHUNK):
            rows = list(
                SearchEntry.objects.filter(pk__in=stale[start : start + CHUNK]).values_list(
                    "pk", "title", "body"
                )
            )
            texts = [embeddings.text_of(title, body) for _, title, body in rows]
            vectors = embeddings.encode(texts)
            Embedding.objects.bulk_create(
                [
                    Embedding(
                        entry_id=pk, vector=embeddings.to_bytes(vector), digest=embeddings.digest_of(text)
                    )
                    for (pk, _, _), text, vector in zip(rows, texts, vectors, strict=True)
                ],
                update_conflicts=True,
                unique_fields=["entry"],
                update_fields=["vector", "digest"],
            )
            runs.update(done=min(len(stale), start + CHUNK))
    except Exception as error:
        runs.update(status=EmbeddingRun.Status.FAILED, error=str(error)[:300], finished_at=timezone.now())
        raise
    runs.update(status=EmbeddingRun.Status.DONE, done=len(stale), finished_at=timezone.now())


def latest_run() -> EmbeddingRun | None:
    return EmbeddingRun.objects.order_by("-pk").first()
