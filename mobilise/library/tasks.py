"""Background work: embedding the library's items for similar-work suggestions."""

from __future__ import annotations

from django_tasks import task


@task()
def embed_items(run_id: int) -> None:
    from .embedding_services import run_embeddings

    run_embeddings(run_id=run_id)
