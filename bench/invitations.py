"""Benchmark: inviting 1,000 people from one upload, and the people page of a 1,000-member programme.

    python bench/invitations.py [--runs N]

Seeds a temporary SQLite database (or a test copy of ``DATABASE_URL`` when that names another
server). Then, through Django's test client and the real views:

- uploads a CSV of 1,000 people to the "invite a list" page with the database task queue, and
  times the whole request: read, checked row by row, recorded and queued (target ≤ 5 s);
- runs the queued task as the worker would and times the sending (reported, no target);
- renders the people page, the stakeholder register and the orientation page of a programme with 1,000 members
  (each also in the register)
  (median of N, target ≤ 200 ms each) and checks that 100 and 1,000 members take the same number
  of queries.

Prints each figure against its target; exit status 1 if any is missed.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.harness import configure  # noqa: E402 (after the path is set)

N_INVITED = 1000
N_MEMBERS = 1000
UPLOAD_TARGET_S = 5.0
PAGE_TARGET_MS = 200.0


def add_members(programme: object, start: int, count: int) -> None:
    from mobilise.accounts.models import Organisation, User
    from mobilise.programmes.models import Membership

    orgs = list(Organisation.objects.all())
    users = User.objects.bulk_create(
        User(email=f"member{i}@bench.example", full_name=f"Member {i:04}", job_title="Nurse", password="!")
        for i in range(start, start + count)
    )
    users = list(User.objects.filter(email__in=[u.email for u in users]))
    Membership.objects.bulk_create(
        Membership(programme=programme, user=u, organisation=orgs[i % len(orgs)]) for i, u in enumerate(users)
    )
    from mobilise.engagement.models import Stakeholder

    stances = ("champion", "supporter", "observer", "sceptic", "opponent")
    Stakeholder.objects.bulk_create(
        Stakeholder(
            programme=programme,
            name=u.full_name,
            role=u.job_title,
            organisation_name=orgs[i % len(orgs)].name,
            member=u,
            stance=stances[i % 5],
            engagement_current=("to", "for", "with", "by")[i % 4],
            interest=f"Shorter waits for the people on ward {i % 30}, and time to train new staff.",
        )
        for i, u in enumerate(users)
    )


def time_page(client: object, url: str, runs: int) -> tuple[float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    assert client.get(url).status_code == 200  # type: ignore[attr-defined]
    timings = []
    for _ in range(runs):
        begin = time.perf_counter()
        client.get(url)  # type: ignore[attr-defined]
        timings.append((time.perf_counter() - begin) * 1000)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)  # type: ignore[attr-defined]
    return statistics.median(timings), len(queries)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    own_sqlite = configure()

    from django.core import mail
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings, setup_databases, setup_test_environment
    from django.urls import reverse

    from mobilise.accounts.models import Organisation
    from mobilise.programmes.models import Invitation, InvitationBatch, Membership, Programme
    from mobilise.programmes.roles import Role
    from mobilise.programmes.services import invitation_batch_send
    from tests.factories import UserFactory

    setup_test_environment()  # the in-memory mail outbox
    if own_sqlite:
        call_command("migrate", verbosity=0)
    else:
        setup_databases(verbosity=0, interactive=False)
    ok = True
    Organisation.objects.bulk_create(Organisation(name=f"Partner {i}", type="nhs_trust") for i in range(20))
    convenor = UserFactory(email="convenor@bench.example", full_name="Bench Convenor")
    programme = Programme.objects.create(name="Bench alliance", challenge="A hundred leaders, not ten.")
    Membership.objects.create(programme=programme, user=convenor, role=Role.CONVENOR)
    client = Client()
    client.force_login(convenor)

    # 1. One upload of 1,000 people, through the real view, queued on the database task queue.
    lines = ["email,name,organisation,role,job title"] + [
        f"person{i}@bench.example,Person {i},Partner {i % 20},member,Role {i}" for i in range(N_INVITED)
    ]
    upload = SimpleUploadedFile("people.csv", "\n".join(lines).encode())
    url = reverse("programmes:invite_list", kwargs={"slug": programme.slug})
    queue = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    with override_settings(TASKS=queue):
        begin = time.perf_counter()
        response = client.post(url, {"upload": upload, "role": Role.MEMBER, "message": "Join us."})
        upload_s = time.perf_counter() - begin
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Invitation.objects.filter(programme=programme, sent_at=None).count() == N_INVITED
    assert mail.outbox == []
    passed = upload_s <= UPLOAD_TARGET_S
    ok &= passed
    print(
        f"Invite {N_INVITED:,} people from one CSV upload, checked and queued ({connection.vendor}): "
        f"{upload_s:.2f} s; target ≤ {UPLOAD_TARGET_S:.0f} s: {'PASS' if passed else 'FAIL'}"
    )
    batch = InvitationBatch.objects.get(programme=programme)
    begin = time.perf_counter()
    sent = invitation_batch_send(batch_id=batch.pk)
    send_s = time.perf_counter() - begin
    assert sent == N_INVITED and len(mail.outbox) == N_INVITED
    print(f"The worker sends them ({sent:,} emails, in-memory mail backend): {send_s:.2f} s (no target)")

    # 2. The people page and the register with 1,000 members: fast, and queries fixed.
    add_members(programme, 0, 99)
    people_url = reverse("programmes:members", kwargs={"slug": programme.slug})
    register_url = reverse("engagement:stakeholders", kwargs={"slug": programme.slug})
    orientation_url = reverse("purpose:orientation", kwargs={"slug": programme.slug})
    _, people_q_100 = time_page(client, people_url, 1)
    _, register_q_100 = time_page(client, register_url, 1)
    _, orientation_q_100 = time_page(client, orientation_url, 1)
    add_members(programme, 99, N_MEMBERS - 100)
    for name, page_url, q_100 in (
        ("People page", people_url, people_q_100),
        ("Stakeholder register", register_url, register_q_100),
        ("Orientation page", orientation_url, orientation_q_100),
    ):
        median, queries = time_page(client, page_url, args.runs)
        passed = median <= PAGE_TARGET_MS and queries == q_100
        ok &= passed
        print(
            f"{name}, {N_MEMBERS:,} members (and {N_INVITED:,} invitations waiting): median {median:.0f} ms "
            f"over {args.runs} runs, {queries} queries (100 members: {q_100}); "
            f"target ≤ {PAGE_TARGET_MS:.0f} ms with a fixed query count: {'PASS' if passed else 'FAIL'}"
        )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
