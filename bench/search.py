"""Benchmark: library search and "similar work elsewhere" over 100,000 items in 200 programmes.

    python bench/search.py [--items N] [--queries N]

Seeds a temporary SQLite database (or a test copy of ``DATABASE_URL`` when that names a
PostgreSQL server), then asks the real search page and the real similar-work page through Django's
test client as a person who belongs to three programmes (so the canary filter is in every query).
Prints the p95 server time of each against its target; exit status 1 if either is missed.

With the embeddings extra installed it then embeds 10,000 items end to end through the real
background task (model loading included) and asks the similar-work page again, now answered by
cosine similarity. The 10,000 are every shared item plus the items asked about (topped up to
10,000); the other items get stand-in vectors with up-to-date digests so the pass has exactly the
10,000 to do — comparing costs the same whatever the vectors hold. The pass's rate is printed
against the bare model encoding a sample of the same texts in the same run, and the similar-work
page by meaning against the same page by words.

Server time is measured two ways: wall-clock, and the CPU time of this process. On SQLite the
database runs inside the process, so CPU time is the whole of the server's work and is what the
target is judged on: on a shared machine (2 cores, many busy neighbours) wall-clock mostly measures
the queue for a core. On PostgreSQL the database works in another process, so wall-clock is judged.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.harness import configure, cpu_seconds, prepare_database  # noqa: E402 (after the path is set)

N_PROGRAMMES = 200
SEARCH_P95_MS = 200.0
SIMILAR_P95_MS = 100.0
EMBED_ITEMS = 10_000
EMBED_SECONDS = 300.0
WORDS = (  # noqa: SIM905  (a paragraph is easier to read than a list)
    "falls frailty discharge delayed bed flow ward community nursing pharmacy medicines review "
    "huddle carers dementia diabetes foot screening clinic referral waiting list outpatient virtual "
    "telephone appointment missed reminder text message primary care practice receptionist triage "
    "urgent emergency ambulance handover corridor sepsis antibiotics infection hand hygiene "
    "pressure ulcer nutrition hydration mouth care mental health crisis liaison school young people "
    "maternity midwife breastfeeding smoking cessation alcohol housing social prescribing "
    "volunteers exercise strength balance chair library loneliness isolation transport parking "
    "interpreter language accessible learning disability autism continuity named nurse ward round "
    "board rounds criteria led discharge home first reablement therapy occupational physiotherapy "
    "equipment care home hospital at home frailty score falls prevention "
).split()


def _text(rng: random.Random, n: int) -> str:
    # A long tail of rarer made-up words beside the common ones, as real text has.
    return " ".join(
        rng.choice(WORDS) if rng.random() < 0.7 else f"term{int(rng.paretovariate(1.2)) % 5000}"
        for _ in range(n)
    )


def seed(n_items: int) -> tuple[object, list[int]]:
    from mobilise.library.index import refresh_vectors
    from mobilise.library.models import SearchEntry
    from mobilise.programmes.models import Membership, Programme
    from mobilise.programmes.roles import Role
    from tests.factories import UserFactory

    rng = random.Random(13)
    programmes = Programme.objects.bulk_create(
        Programme(name=f"Alliance {i:03}", slug=f"alliance-{i:03}", challenge="Work together.")
        for i in range(N_PROGRAMMES)
    )
    user = UserFactory(email="facilitator@bench.example")
    for programme in programmes[:3]:
        Membership.objects.create(programme=programme, user=user, role=Role.FACILITATOR)
    kinds = ["change_idea", "driver_diagram", "measure", "test_of_change", "story"]
    start = datetime(2024, 1, 1, tzinfo=UTC)
    entries = (
        SearchEntry(
            programme=programmes[i % N_PROGRAMMES],
            kind=kinds[i % len(kinds)],
            object_id=i,
            title=_text(rng, 6),
            body=_text(rng, 60),
            url=f"/p/alliance-{i % N_PROGRAMMES:03}/item/{i}/",
            component=("purpose", "leadership", "measurement", "")[i % 4],
            shared=rng.random() < 0.1,
            updated_at=start + timedelta(hours=i % 8000),
        )
        for i in range(n_items)
    )
    SearchEntry.objects.bulk_create(_scoped(entries), batch_size=5000)
    refresh_vectors()
    own = list(SearchEntry.objects.filter(programme=programmes[0]).values_list("pk", flat=True)[:200])
    return user, own


def _scoped(entries: object) -> object:
    from mobilise.library.models import scope_words

    for entry in entries:  # type: ignore[attr-defined]
        entry.scope = scope_words(entry)
        yield entry


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=60)
    parser.add_argument("--embed", type=int, default=EMBED_ITEMS, help="items to embed (0 skips)")
    args = parser.parse_args()
    own_sqlite = configure()

    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    started = time.perf_counter()
    prepare_database(own_sqlite)
    user, own = seed(args.items)
    print(
        f"Seeded {args.items:,} items in {N_PROGRAMMES} programmes on {connection.vendor} "
        f"in {time.perf_counter() - started:.1f} s"
    )

    client = Client()
    client.force_login(user)
    rng = random.Random(7)
    queries = []
    for n in range(args.queries):
        shape = n % 4
        if shape == 0:
            queries.append(rng.choice(WORDS))  # one common word: many matches to rank
        elif shape == 1:
            queries.append(f"{rng.choice(WORDS)} {rng.choice(WORDS)}")
        elif shape == 2:
            queries.append(f"term{rng.randint(1, 400)}")  # a rarer word
        else:
            queries.append(rng.choice(WORDS)[:4])  # still typing: a prefix
    url = reverse("library:search")
    client.get(url, {"q": "falls"})  # warm-up
    judged = "CPU" if own_sqlite else "wall"

    def timed(path: str, params: dict[str, str] | None = None) -> tuple[float, float]:
        wall, cpu = time.perf_counter(), time.process_time()
        response = client.get(path, params or {})
        assert response.status_code == 200
        return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000

    plain = [timed(url, {"q": q}) for q in queries]
    narrowed = {"kind": "measure", "component": "purpose", "since": "1/6/2024"}
    filtered = [timed(url, {"q": q, **narrowed}) for q in queries[:20]]
    similar = [
        timed(reverse("library:similar", kwargs={"slug": "alliance-000", "pk": pk}))
        for pk in own[: args.queries]
    ]

    def report(name: str, runs: list[tuple[float, float]]) -> float:
        walls, cpus = [w for w, _ in runs], [c for _, c in runs]
        print(
            f"{name}: p95 {p95(cpus):.0f} ms CPU (median {statistics.median(cpus):.0f}), "
            f"p95 {p95(walls):.0f} ms wall-clock, over {len(runs)} requests"
        )
        return p95(cpus) if judged == "CPU" else p95(walls)

    search_p95 = report("Search page", plain)
    filtered_p95 = report("Search page with filters", filtered)
    words_p95 = report("Similar work elsewhere page, by words (no embeddings)", similar)
    ok_search = search_p95 <= SEARCH_P95_MS and filtered_p95 <= SEARCH_P95_MS
    print(f"Search target p95 ≤ {SEARCH_P95_MS:.0f} ms ({judged}): {'PASS' if ok_search else 'FAIL'}")
    ok_similar = True
    ok_embed = True
    from mobilise.library import embeddings

    if args.embed and embeddings.available():
        ok_embed = embed(args.embed, own[: args.queries])
        by_meaning = [
            timed(reverse("library:similar", kwargs={"slug": "alliance-000", "pk": pk}))
            for pk in own[: args.queries]
        ]
        meaning_p95 = report("Similar work elsewhere page, by meaning (embeddings)", by_meaning)
        print(f"  by meaning / by words, p95: {meaning_p95 / max(words_p95, 1e-9):.2f}×")
        ok_similar = meaning_p95 <= SIMILAR_P95_MS
        print(
            f"Similar-work target (embeddings exist) p95 ≤ {SIMILAR_P95_MS:.0f} ms ({judged}): "
            f"{'PASS' if ok_similar else 'FAIL'}"
        )
    else:
        print("The embeddings extra is not installed (pip install -e '.[embeddings]'): no embedding figures.")
        ok_similar = words_p95 <= SIMILAR_P95_MS
        print(
            f"Similar-work target p95 ≤ {SIMILAR_P95_MS:.0f} ms by words ({judged}): "
            f"{'PASS' if ok_similar else 'FAIL'}"
        )
    return 0 if ok_search and ok_similar and ok_embed else 1


def embed(n_items: int, asked: list[int]) -> bool:
    """Embed n_items end to end through the background task; print rate, CPU time and the peer."""
    import numpy as np

    from mobilise.library import embeddings
    from mobilise.library.embedding_services import latest_run, request_embeddings
    from mobilise.library.models import Embedding, SearchEntry

    rows = SearchEntry.objects.order_by("pk").values_list("pk", "title", "body", "shared")
    chosen = set(asked) | {pk for pk, _, _, is_shared in rows if is_shared}
    chosen = set(sorted(chosen)[:n_items])
    for pk, _, _, _ in rows:
        if len(chosen) >= n_items:
            break
        chosen.add(pk)
    rng = np.random.default_rng(5)
    stand_ins = []
    for pk, title, body, _ in rows.iterator(chunk_size=5000):
        if pk in chosen:
            continue
        vector = rng.standard_normal(embeddings.DIMENSIONS).astype(np.float32)
        stand_ins.append(
            Embedding(
                entry_id=pk,
                vector=embeddings.to_bytes(vector / np.linalg.norm(vector)),
                digest=embeddings.digest_of(embeddings.text_of(title, body)),
            )
        )
    Embedding.objects.bulk_create(stand_ins, batch_size=5000)

    wall, cpu = time.perf_counter(), cpu_seconds()
    request_embeddings()  # queued on commit; the test settings' task backend runs it here and now
    wall, cpu = time.perf_counter() - wall, cpu_seconds() - cpu
    run = latest_run()
    assert run is not None and run.status == "done", run
    rate = run.done / wall
    print(
        f"Embedding pass through the background task: {run.done:,} items in {wall:.1f} s wall-clock "
        f"({rate:.0f} items/s, model loading included), {cpu:.1f} s CPU on {os.cpu_count()} cores"
    )
    sample = [
        embeddings.text_of(t, b)
        for t, b in SearchEntry.objects.filter(pk__in=sorted(chosen)[:200]).values_list("title", "body")
    ]
    peer_wall, peer_cpu = time.perf_counter(), cpu_seconds()
    embeddings.encode(sample)
    peer_wall, peer_cpu = time.perf_counter() - peer_wall, cpu_seconds() - peer_cpu
    peer_rate = len(sample) / peer_wall
    print(
        f"  peer, the bare model encoding {len(sample):,} of the same texts: {peer_rate:.0f} items/s "
        f"({peer_cpu:.1f} s CPU); the task runs at {rate / peer_rate:.2f}× the bare model's rate"
    )
    # Judged on CPU time spread over the cores, as the search figures are on SQLite: on a shared
    # machine wall-clock mostly measures the queue for a core.
    cores = min(2, os.cpu_count() or 1)
    projected = EMBED_ITEMS * cpu / max(run.done, 1) / cores
    print(
        f"  for {EMBED_ITEMS:,} items: {EMBED_ITEMS / rate:.0f} s at this wall-clock rate; "
        f"{projected:.0f} s from CPU time "
        f"({1000 * cpu / max(run.done, 1):.0f} ms CPU per item over {cores} cores)"
    )
    ok = projected <= EMBED_SECONDS
    print(
        f"Embedding target {EMBED_ITEMS:,} items ≤ {EMBED_SECONDS / 60:.0f} min (CPU): "
        f"{'PASS' if ok else 'FAIL'}"
    )
    return ok


if __name__ == "__main__":
    sys.exit(main())
