"""Benchmark: the facilitator's page across 20 programmes and 140 sessions, and a session's feedback.

    python bench/workshops.py [--runs N]

Seeds a throwaway SQLite database (or a test copy of ``DATABASE_URL`` when that names another
server): a facilitator of 20 programmes, each with a series of 7 sessions (140 in all), 3 actions
and 10 feedback answers per session. Then requests real pages through Django's test client, signed
in, median of N after a warm-up:

- the facilitator's page (target ≤ 200 ms), beside its peer: the same page for a facilitator of one
  programme with 7 sessions, measured in the same run (the ratio shows how it grows with
  programmes; the query counts must match);
- a session's page with its feedback results (10 answers, past the disclosure threshold), beside the
  same page for a session nobody has answered yet (the ratio is the cost of the results).

Wall time is printed beside CPU time (the test client runs in this process, so the process's CPU
time is the server's) because the machine is shared. Exit status 1 if a target is missed.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.harness import configure, cpu_seconds, prepare_database  # noqa: E402 (after the path is set)

N_PROGRAMMES, SESSIONS_EACH, ACTIONS_EACH, ANSWERS_EACH = 20, 7, 3, 10
FACILITATOR_MS = 200.0


def seed(user: Any, programmes: int, prefix: str, answers: int = ANSWERS_EACH) -> list[Any]:
    """`programmes` programmes this person facilitates, each with a series of seven sessions."""
    from mobilise.programmes.models import Membership, Programme
    from mobilise.programmes.roles import Role
    from mobilise.workshops.models import Action, Feedback, Series, Session

    sessions: list[Session] = []
    for p in range(programmes):
        programme = Programme.objects.create(name=f"{prefix} {p:02}", challenge="Work together.")
        Membership.objects.create(programme=programme, user=user, role=Role.FACILITATOR)
        series = Series.objects.create(
            programme=programme, title=f"Workshops with {prefix} {p}", facilitator=user
        )
        for s in range(SESSIONS_EACH):
            sessions.append(
                Session(
                    programme=programme,
                    series=series,
                    title=f"Session {s + 1}",
                    facilitator=user,
                    held_on=date(2026, 1, 5) + timedelta(weeks=4 * s),
                    feedback_token=f"{prefix}-{p}-{s}".replace(" ", "-").lower(),
                )
            )
    Session.objects.bulk_create(sessions)
    Action.objects.bulk_create(
        Action(programme_id=s.programme_id, session=s, text=f"Follow up {i}")
        for s in sessions
        for i in range(ACTIONS_EACH)
    )
    Feedback.objects.bulk_create(
        Feedback(
            programme_id=s.programme_id,
            session=s,
            pace=3,
            usefulness=4,
            facilitation=(i % 5) + 1,
            recommend=(i * 7 + s.pk) % 11,
            change="More time for the tests of change" if i % 3 == 0 else "",
        )
        for s in sessions
        for i in range(answers)
    )
    return sessions


def timed(runs: int, call: Callable[[], Any]) -> tuple[float, float, int, Any]:
    """Median wall ms, median CPU ms, queries, and the last response (after one warm-up)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    result = call()
    assert result.status_code == 200, result.status_code
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), cpu_seconds()
        result = call()
        walls.append((time.perf_counter() - wall) * 1000)
        cpus.append((cpu_seconds() - cpu) * 1000)
    with CaptureQueriesContext(connection) as queries:
        call()
    return statistics.median(walls), statistics.median(cpus), len(queries), result


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    own_sqlite = configure()

    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from tests.factories import UserFactory

    started = time.perf_counter()
    prepare_database(own_sqlite)
    big_user = UserFactory(email="facilitator@bench.example")
    big = seed(big_user, N_PROGRAMMES, "Alliance")
    small_user = UserFactory(email="small@bench.example")
    seed(small_user, 1, "Small alliance")
    quiet_user = UserFactory(email="quiet@bench.example")
    quiet = seed(quiet_user, 1, "Quiet alliance", answers=0)
    print(
        f"Seeded {N_PROGRAMMES} programmes, {len(big)} sessions, {len(big) * ANSWERS_EACH:,} answers on "
        f"{connection.vendor} in {time.perf_counter() - started:.1f} s"
    )

    ok = True
    big_client, small_client, quiet_client = Client(), Client(), Client()
    big_client.force_login(big_user)
    small_client.force_login(small_user)
    quiet_client.force_login(quiet_user)
    page = reverse("workshops:facilitator")
    ms, cpu, queries, response = timed(args.runs, lambda: big_client.get(page))
    assert "Alliance 19" in response.content.decode()
    peer_ms, peer_cpu, peer_queries, _ = timed(args.runs, lambda: small_client.get(page))
    page_ok = ms <= FACILITATOR_MS and queries == peer_queries
    ok &= page_ok
    print(
        f"Facilitator's page, {N_PROGRAMMES} programmes / {len(big)} sessions: median {ms:.1f} ms wall, "
        f"{cpu:.1f} ms CPU (target ≤ {FACILITATOR_MS:.0f} ms); peer (1 programme / {SESSIONS_EACH} sessions) "
        f"{peer_ms:.1f} ms wall, {peer_cpu:.1f} ms CPU; ratio {ms / peer_ms:.2f}; "
        f"{queries} queries (peer {peer_queries})  {'PASS' if page_ok else 'FAIL'}"
    )

    def session_url(session: Any) -> str:
        return reverse("workshops:session", kwargs={"slug": session.programme.slug, "pk": session.pk})

    answered, unanswered = big[0], quiet[0]
    ms, cpu, queries, response = timed(args.runs, lambda: big_client.get(session_url(answered)))
    assert "Likelihood to recommend" in response.content.decode() or "recommend" in response.content.decode()
    peer_ms, peer_cpu, peer_queries, _ = timed(args.runs, lambda: quiet_client.get(session_url(unanswered)))
    print(
        f"A session's feedback results ({ANSWERS_EACH} answers): median {ms:.1f} ms wall, {cpu:.1f} ms CPU; "
        f"peer (the same page with no answers) {peer_ms:.1f} ms wall, {peer_cpu:.1f} ms CPU; "
        f"ratio {ms / peer_ms:.2f}; {queries} queries (peer {peer_queries})"
    )
    print("All workshop targets met" if ok else "A workshop target was missed")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
