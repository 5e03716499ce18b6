"""Every form is saved once, however many times it is sent (mobilise/core/submissions.py).

Pages and POST routes come from the route matrix (the URLconf), so a new form or a new route is
covered without anyone listing it here.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mobilise.core.models import SubmissionKey
from mobilise.core.submissions import FIELD, KEY_PATTERN, forget_expired, keys_in, new_key
from mobilise.workspace.models import Note
from tests.core import shared_cast
from tests.core.page_forms import forms_on, get_pages
from tests.core.route_matrix import Route, build, changes, covered_routes, least_privileged, snapshot
from tests.factories import UserFactory

# The matrix shares one cast per module (rolled back after each test); see tests/core/shared_cast.py.
module_cast = shared_cast.module_cast
cast = shared_cast.cast

PAGES = [pytest.param(r, e, id=r.name) for r, e in get_pages()]
POST_ROUTES = [pytest.param(r, e, id=r.name) for r, e in covered_routes()[3] if "POST" in e["methods"]]


def poster_for(entry: dict[str, Any], cast: Any) -> Client:
    """The least privileged person who may send this form (someone invited, for an invitation)."""
    if entry.get("public"):
        return Client()
    if entry["perm"] == "token":
        client = Client()
        client.force_login(UserFactory(email="invitee@example.nhs.uk"))
        return client
    return cast.client_for(least_privileged(entry["perm"]))


def outcome(response: Any) -> tuple[int, str]:
    return response.status_code, response.get("Location", "")


# Every form carries a key --------------------------------------------------------------------


@pytest.mark.parametrize("route,entry", PAGES)
def test_every_form_on_the_page_carries_its_own_one_time_key(
    route: Route, entry: dict[str, Any], cast: Any
) -> None:
    status, forms = forms_on(route, entry, cast)
    assert status == 200
    without = [str(form) for form in forms if not KEY_PATTERN.fullmatch(form.hidden.get(FIELD, ""))]
    assert not without, "Forms without a submission key:\n" + "\n".join(without)
    keys = [form.hidden[FIELD] for form in forms]
    assert len(set(keys)) == len(keys), "Two forms on one page share a key"


def test_the_page_check_sees_the_forms_people_use(cast: Any) -> None:
    """Guards the guard: the reader finds the note form and the sign-out button on a real page."""
    route, entry = next((r, e) for r, e in get_pages() if r.name == "workspace:note_edit")
    _, forms = forms_on(route, entry, cast)
    assert {form.target[0] for form in forms} >= {"workspace:note_edit", "account_logout"}


def test_a_new_key_each_time_a_page_is_opened(cast: Any) -> None:
    client = cast.client_for("member")
    url = reverse("workspace:note_create", kwargs={"slug": cast.programme.slug, "component": "purpose"})
    first, second = (keys_in(client.get(url).content.decode()) for _ in range(2))
    assert first and second and set(first).isdisjoint(second)


# Replays ------------------------------------------------------------------------------------


@pytest.mark.parametrize("route,entry", POST_ROUTES)
def test_sending_the_same_form_again_changes_nothing_more(
    route: Route, entry: dict[str, Any], cast: Any
) -> None:
    kwargs, data = build(entry, cast)
    url = reverse(route.name, kwargs=kwargs)
    client = poster_for(entry, cast)
    key = new_key()
    before = snapshot()
    first = client.post(url, {**data, FIELD: key})
    after_first = snapshot()
    second = client.post(url, {**data, FIELD: key})
    changed = changes(after_first, snapshot())
    assert not changed, f"Sending {url} twice saved twice:\n" + "\n".join(changed)
    if changes(before, after_first) or 300 <= first.status_code < 400:
        assert outcome(second) == outcome(first), "The repeat did not get the first outcome"
    else:
        # Nothing was saved (a validation error or a refusal): the key is free to try again.
        assert not SubmissionKey.objects.filter(key=key).exists()


def test_a_form_with_mistakes_can_be_corrected_and_sent_with_the_same_key(cast: Any) -> None:
    client = cast.client_for("member")
    url = reverse("workspace:note_create", kwargs={"slug": cast.programme.slug, "component": "purpose"})
    key = keys_in(client.get(url).content.decode())[-1]
    wrong = client.post(url, {"kind": "note", "title": "", "body": "Half written", FIELD: key})
    assert wrong.status_code == 200 and "Enter a title" in wrong.content.decode()
    right = client.post(url, {"kind": "note", "title": "Ward huddles", "body": "", FIELD: key})
    assert right.status_code == 302
    again = client.post(url, {"kind": "note", "title": "Ward huddles", "body": "", FIELD: key})
    assert outcome(again) == outcome(right)
    assert Note.objects.filter(programme=cast.programme, title="Ward huddles").count() == 1


@override_settings(SUBMISSION_WAIT_SECONDS=0)
def test_a_repeat_while_the_first_is_still_saving_is_told_so_and_saves_nothing(cast: Any) -> None:
    url = reverse("workspace:note_create", kwargs={"slug": cast.programme.slug, "component": "purpose"})
    key = new_key()
    SubmissionKey.objects.create(key=key, path=url, owner=str(cast.member.pk), created_at=timezone.now())
    response = cast.client_for("member").post(url, {"kind": "note", "title": "Huddles", FIELD: key})
    assert response.status_code == 409
    assert "Your changes are still being saved" in response.content.decode()
    assert not Note.objects.filter(title="Huddles").exists()


def test_a_submission_abandoned_by_a_crashed_server_can_be_sent_again(cast: Any) -> None:
    url = reverse("workspace:note_create", kwargs={"slug": cast.programme.slug, "component": "purpose"})
    key = new_key()
    long_ago = timezone.now() - timedelta(minutes=10)
    SubmissionKey.objects.create(key=key, path=url, owner=str(cast.member.pk), created_at=long_ago)
    response = cast.client_for("member").post(url, {"kind": "note", "title": "Huddles", FIELD: key})
    assert response.status_code == 302
    assert Note.objects.filter(title="Huddles").count() == 1


def test_someone_else_sending_a_key_does_not_get_the_first_persons_outcome(cast: Any) -> None:
    url = reverse("workspace:note_create", kwargs={"slug": cast.programme.slug, "component": "purpose"})
    key = new_key()
    mine = cast.client_for("member").post(url, {"kind": "note", "title": "Mine", FIELD: key})
    theirs = cast.client_for("facilitator").post(url, {"kind": "note", "title": "Theirs", FIELD: key})
    assert mine.status_code == theirs.status_code == 302
    assert mine["Location"] != theirs["Location"]
    assert set(Note.objects.filter(programme=cast.programme).values_list("title", flat=True)) >= {
        "Mine",
        "Theirs",
    }


def test_posts_without_a_key_still_work(cast: Any) -> None:
    """API clients and scripts post without a key; each post is its own submission."""
    client = cast.client_for("member")
    url = reverse("workspace:note_create", kwargs={"slug": cast.programme.slug, "component": "purpose"})
    for _ in range(2):
        assert client.post(url, {"kind": "note", "title": "Twice on purpose"}).status_code == 302
    assert Note.objects.filter(title="Twice on purpose").count() == 2


# Keys expire ----------------------------------------------------------------------------------


def test_keys_are_forgotten_after_a_day_and_then_the_form_can_be_sent_again(cast: Any) -> None:
    url = reverse("workspace:note_create", kwargs={"slug": cast.programme.slug, "component": "purpose"})
    client = cast.client_for("member")
    old_key, new = new_key(), new_key()
    assert client.post(url, {"kind": "note", "title": "Old", FIELD: old_key}).status_code == 302
    assert client.post(url, {"kind": "note", "title": "New", FIELD: new}).status_code == 302
    SubmissionKey.objects.filter(key=old_key).update(created_at=timezone.now() - timedelta(days=1, minutes=1))
    # A key sent after it expired is a fresh submission, not a replay.
    assert client.post(url, {"kind": "note", "title": "Old", FIELD: old_key}).status_code == 302
    assert Note.objects.filter(title="Old").count() == 2
    SubmissionKey.objects.filter(key=old_key).update(created_at=timezone.now() - timedelta(days=2))
    out = StringIO()
    call_command("forget_submission_keys", stdout=out)
    assert "Deleted 1 expired submission keys." in out.getvalue()
    assert list(SubmissionKey.objects.values_list("key", flat=True)) == [new]
    assert forget_expired() == 0


# The rule, on generated families of double clicks, corrections and resubmissions -------------


@pytest.fixture
def member_client(cast: Any) -> Iterator[tuple[Client, str]]:
    url = reverse("workspace:note_create", kwargs={"slug": cast.programme.slug, "component": "delivery"})
    yield cast.client_for("member"), url


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(sends=st.lists(st.tuples(st.integers(0, 2), st.booleans()), min_size=1, max_size=6))
def test_each_key_saves_at_most_once_whatever_the_order_of_sends(
    member_client: tuple[Client, str], sends: list[tuple[int, bool]]
) -> None:
    """Any mix of valid and invalid sends of up to three rendered forms: one note per key that
    was ever sent valid, and every valid repeat gets the first valid send's redirect."""
    client, url = member_client
    keys = [new_key() for _ in range(3)]
    with transaction.atomic():
        start = Note.objects.count()
        first_redirect: dict[int, str] = {}
        for which, valid in sends:
            title = f"Note from form {which}" if valid else ""
            response = client.post(url, {"kind": "note", "title": title, FIELD: keys[which]})
            if not valid:
                expected_status = 302 if which in first_redirect else 200
                assert response.status_code == expected_status
                continue
            assert response.status_code == 302
            assert response["Location"] == first_redirect.setdefault(which, response["Location"])
        assert Note.objects.count() - start == len(first_redirect)
        transaction.set_rollback(True)
