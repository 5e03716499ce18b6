"""The canary rule: nothing private to one programme appears in another's search, suggestions,
counts or snippets. A canary word is planted in every kind of private item of one programme, then
looked for from every other vantage point."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mobilise.library import search
from mobilise.library.models import SearchEntry
from mobilise.stories.models import ConsentUse
from tests.factories import MembershipFactory, ProgrammeFactory, UserFactory
from tests.stories.factories import add_story

from .helpers import IdeaFactory, MeasureFactory, entry_for, shared, small_diagram

CANARY = "quokkacanary"


@pytest.fixture
def planted(cast):
    """The cast's programme holds the canary in private work, and shares one unrelated item."""
    programme = cast.programme
    MeasureFactory(programme=programme, name=f"Falls {CANARY}", definition=f"Counted {CANARY} monthly")
    parts = small_diagram(programme)
    IdeaFactory(diagram=parts.diagram, title=f"Falls huddle {CANARY}", description=f"{CANARY} falls huddle")
    add_story(programme, cast.member, title=f"Story {CANARY}", body=f"falls at home {CANARY}")
    add_story(
        programme, cast.member, title="Consented", body=f"falls {CANARY}", consent_use=ConsentUse.PROGRAMME
    )
    # Shared work that shares words with the canary items, so suggestions have something to rank.
    shared(
        MeasureFactory(
            programme=programme, name="Falls per 1,000 bed days", definition="falls huddle monthly"
        )
    )
    return programme


def _others(cast):
    """Every vantage point outside the programme: an outsider, a member elsewhere, a new programme."""
    elsewhere = ProgrammeFactory(name="Somewhere else")
    member = UserFactory(email="elsewhere@example.nhs.uk")
    MembershipFactory(programme=elsewhere, user=member, role="member")
    MeasureFactory(programme=elsewhere, name="Falls huddle at home", definition=f"falls {CANARY[:6]} monthly")
    loner = UserFactory(email="loner@example.nhs.uk")
    return [cast.outsider, member, loner]


def test_members_find_their_own_private_work(cast, planted):
    found = search.search(cast.viewer, CANARY)
    assert found.total >= 4
    assert all(CANARY in (h.title + h.snippet).lower() for h in found.hits)


def test_no_one_outside_the_programme_sees_the_canary_in_results_counts_or_snippets(cast, planted):
    for person in _others(cast):
        for query in (CANARY, CANARY[:5], f"falls {CANARY}", "falls", "falls huddle monthly"):
            found = search.search(person, query)
            text = " ".join(h.title + h.snippet + h.url for h in found.hits)
            assert CANARY not in text.lower()
            assert all(h.programme_id != planted.pk or h.shared for h in found.hits)
        assert search.search(person, CANARY).total == 0
        client = Client()
        client.force_login(person)
        page = client.get(reverse("library:search"), {"q": CANARY}).content.decode()
        assert CANARY not in page.lower().replace(f"search: {CANARY}", "").replace(f'value="{CANARY}"', "")
        assert "0 results" in page


def test_suggestions_for_other_programmes_never_offer_private_work(cast, planted):
    for person in _others(cast):
        for programme_id in set(person.memberships.values_list("programme_id", flat=True)):
            for entry in SearchEntry.objects.filter(programme_id=programme_id):
                for hit in search.similar(entry, person):
                    assert hit.shared and CANARY not in (hit.title + hit.snippet).lower()


def test_private_items_cannot_be_opened_or_copied_from_outside(cast, planted):
    private = entry_for(planted.driver_diagrams.first())
    client = cast.client_for("outsider")
    assert client.get(reverse("library:item", kwargs={"pk": private.pk})).status_code == 404
    copy = reverse("library:copy", kwargs={"slug": cast.other_programme.slug, "pk": private.pk})
    assert client.get(copy).status_code == 404
    assert client.post(copy).status_code == 404


def test_a_story_without_consent_for_wider_use_cannot_be_shared(cast, planted):
    entry = SearchEntry.objects.get(kind="story", title="Consented")
    response = cast.client_for("member").post(
        reverse("library:share", kwargs={"slug": planted.slug, "pk": entry.pk}), {"share": "yes"}
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert not entry.shared


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.sampled_from(["falls", CANARY, CANARY[:4], "huddle", "monthly", "home", "story", "*", '"', "OR"]),
        min_size=1,
        max_size=5,
    )
)
def test_any_query_from_outside_shows_no_private_words(cast, planted, words):
    found = search.search(cast.outsider, " ".join(words))
    assert all(h.shared for h in found.hits)
    assert all(CANARY not in (h.title + h.snippet).lower() for h in found.hits)
