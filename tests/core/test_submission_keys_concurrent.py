"""Double clicks that really overlap: several threads send the same form at once, on PostgreSQL.

Each thread has its own database connection and commits as a web worker would. For every POST
route of the matrix, sending a form once saves some rows; sending it four times at once with
one key must save no more than that, and every sender gets the same outcome.
"""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.urls import reverse

from mobilise.core.models import SubmissionKey
from mobilise.core.submissions import FIELD, new_key
from mobilise.programmes.roles import Role
from tests.conftest import Cast
from tests.core.route_matrix import Route, build, covered_routes, least_privileged
from tests.factories import MembershipFactory, ProgrammeFactory, UserFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="real concurrent writers need PostgreSQL; SQLite's test database is one in-memory file",
    ),
]

SENDERS = 4
POST_ROUTES = [(r, e) for r, e in covered_routes()[3] if "POST" in e["methods"]]


def row_counts() -> dict[str, int]:
    # `all_objects` where there is one, so rows moved to the bin still count.
    return {
        model._meta.label: getattr(model, "all_objects", model._default_manager).count()
        for model in apps.get_models()
        if model is not SubmissionKey and model._meta.label != "sessions.Session"
    }


def grew(before: dict[str, int], after: dict[str, int]) -> dict[str, int]:
    return {label: after[label] - before[label] for label in before if after[label] != before[label]}


def send_together(client: Client, url: str, data: dict[str, Any], senders: int) -> list[tuple[int, str]]:
    """Send the same form from `senders` threads at the same moment; their outcomes."""
    start = threading.Barrier(senders)
    outcomes: list[tuple[int, str]] = []
    lock = threading.Lock()

    def send() -> None:
        twin = Client()  # the same browser, so the same person and session
        twin.cookies.load({name: morsel.value for name, morsel in client.cookies.items()})
        try:
            start.wait()
            response = twin.post(url, a_copy(data))
            with lock:
                outcomes.append((response.status_code, response.get("Location", "")))
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(senders)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def a_cast() -> Cast:
    """The matrix's people and programmes, with fresh emails so a test can have two of them."""
    programme, other = ProgrammeFactory(), ProgrammeFactory()
    people = {}
    for role in (Role.CONVENOR, Role.FACILITATOR, Role.MEMBER, Role.VIEWER):
        people[role.value] = UserFactory()
        MembershipFactory(programme=programme, user=people[role.value], role=role)
    outsider = UserFactory()
    MembershipFactory(programme=other, user=outsider, role=Role.CONVENOR)
    return Cast(programme=programme, other_programme=other, outsider=outsider, **people)


def a_copy(data: dict[str, Any]) -> dict[str, Any]:
    """Each browser sends its own copy of any file in the form."""
    copied: dict[str, Any] = {}
    for name, value in data.items():
        if hasattr(value, "read"):
            value.seek(0)
            value = SimpleUploadedFile(value.name, value.read(), getattr(value, "content_type", None))
        copied[name] = value
    return copied


@pytest.mark.parametrize("route,entry", [pytest.param(r, e, id=r.name) for r, e in POST_ROUTES])
def test_the_same_form_sent_four_times_at_once_saves_at_most_once(
    route: Route, entry: dict[str, Any]
) -> None:
    invitee = UserFactory(email="invitee@example.nhs.uk")
    counts: list[dict[str, int]] = []
    outcomes: list[tuple[int, str]] = []
    for senders in (1, SENDERS):  # once, alone, in one programme; then at once in another
        cast = a_cast()
        client = Client()
        if not entry.get("public"):
            perm = entry["perm"]
            client.force_login(invitee if perm == "token" else getattr(cast, least_privileged(perm)))
        kwargs, data = build(entry, cast)
        before = row_counts()
        outcomes = send_together(
            client, reverse(route.name, kwargs=kwargs), {**data, FIELD: new_key()}, senders
        )
        counts.append(grew(before, row_counts()))
    once, together = counts
    assert len(set(outcomes)) == 1, f"The senders got different outcomes: {sorted(set(outcomes))}"
    extra = {label: n for label, n in together.items() if n > once.get(label, 0)}
    assert not extra, f"Saved more than one submission does: {extra} (once: {once})"
