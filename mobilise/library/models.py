"""The search index: one row per searchable item, kept up to date by the apps that own the items.

On SQLite an FTS5 table mirrors the title and body (triggers in migration 0001); on PostgreSQL a
weighted tsvector column with a GIN index does the same job. `search.py` hides the difference.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models

from mobilise.programmes.models import Programme


class SearchEntry(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=32)
    object_id = models.BigIntegerField()
    title = models.CharField(max_length=300)
    body = models.TextField(blank=True)
    component = models.CharField(max_length=32, blank=True)
    topic = models.CharField(max_length=64, blank=True)
    url = models.CharField(max_length=300)
    # Whether the owning app allows this item to leave its programme (a story needs consent for it).
    can_share = models.BooleanField(default=True)
    shared = models.BooleanField(default=False)
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    shared_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField()
    # Words only the engine reads: who may see the entry (p<programme id>, "shared") and its filters
    # (k<kind>, c<component>, t<topic>). Searching them inside the full-text match lets SQLite rank only
    # what the person may see, instead of ranking everything and filtering afterwards.
    scope = models.TextField(blank=True, editable=False)
    # PostgreSQL only (its GIN index is made in migration 0002); SQLite leaves it empty.
    vector = SearchVectorField(null=True, editable=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="one_entry_per_item")]
        indexes = [
            models.Index(fields=["programme", "kind"]),
            models.Index(fields=["shared", "kind"]),
            models.Index(fields=["shared", "shared_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.title}"


class Contactable(models.Model):
    """A person who is happy for people in other programmes to contact them about their work."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "programme"], name="one_contactable_each")]

    def __str__(self) -> str:
        return f"{self.user} may be contacted about {self.programme}"


class Copy(models.Model):
    """Where a copied item came from, for attribution."""

    kind = models.CharField(max_length=32)
    object_id = models.BigIntegerField()
    source_programme_name = models.CharField(max_length=200)
    source_title = models.CharField(max_length=300)
    to_programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="+")
    copied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    copied_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.source_title} from {self.source_programme_name}"


def scope_token(prefix: str, value: str) -> str:
    return prefix + "".join(ch for ch in value.lower() if ch.isalnum())


def scope_words(entry: SearchEntry) -> str:
    words = [f"p{entry.programme_id}", scope_token("k", entry.kind)]
    if entry.component:
        words.append(scope_token("c", entry.component))
    if entry.topic:
        words.append(scope_token("t", entry.topic))
    if entry.shared:
        words.append("shared")
    return " ".join(words)


class WorkedExample(models.Model):
    """A programme every signed-in person may read (read-only), as an example of the work done well."""

    programme = models.OneToOneField(Programme, on_delete=models.CASCADE, related_name="+")
    note = models.CharField(max_length=300, blank=True)
    marked_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.programme} is a worked example"


class Embedding(models.Model):
    """An item's meaning as a sentence embedding (float32 bytes, unit length), for similar work.

    Made in the background by the optional embeddings extra; `digest` says which words it was made
    from, so an edited item is embedded again. Comparing embeddings needs only numpy.
    """

    entry = models.OneToOneField(SearchEntry, on_delete=models.CASCADE, primary_key=True, related_name="+")
    vector = models.BinaryField()
    digest = models.CharField(max_length=32)

    def __str__(self) -> str:
        return f"embedding of entry {self.entry_id}"


class EmbeddingRun(models.Model):
    """One background pass that embeds every item whose words changed: its progress for the page."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Working"
        DONE = "done", "Finished"
        FAILED = "failed", "Stopped"

    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"embedding run {self.pk}: {self.status} {self.done}/{self.total}"

    @property
    def percent(self) -> int:
        return 100 if not self.total else min(100, round(100 * self.done / self.total))

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
