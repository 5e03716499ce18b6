""" "You're working on that too?" on a change idea, a driver diagram and a story: shared work from other
programmes about the same thing, with the people there who chose to be contactable, and nothing
private from anywhere else."""

from __future__ import annotations

import pytest
from django.urls import reverse

from mobilise.library.services import contactable_set
from mobilise.stories.models import ConsentUse
from tests.factories import MembershipFactory, ProgrammeFactory, UserFactory
from tests.stories.factories import add_story

from .helpers import DiagramFactory, IdeaFactory, shared

CANARY = "wombatcanary"
HEADING = "You're working on that too?"


@pytest.fixture
def elsewhere(cast):
    """Another programme that shared a falls huddle idea and a driver diagram, with one person who
    chose to be contactable and one who did not; a third keeps the same words private."""
    sharing = ProgrammeFactory(name="Tyneside falls alliance")
    contact = UserFactory(full_name="Priya Contact", email="priya@tyneside.example.nhs.uk")
    quiet = UserFactory(full_name="Quentin Quiet", email="quentin@tyneside.example.nhs.uk")
    for person in (contact, quiet):
        MembershipFactory(programme=sharing, user=person, role="facilitator")
    contactable_set(programme=sharing, user=contact, contactable=True)
    diagram = DiagramFactory(programme=sharing, title="Fewer falls at home through huddles")
    shared(
        IdeaFactory(
            diagram=diagram, title="Daily falls huddle on the frailty ward", description="falls huddle"
        )
    )
    shared(diagram)
    private = ProgrammeFactory(name="Private place")
    secret = UserFactory(full_name="Sam Secret", email="sam@private.example.nhs.uk")
    MembershipFactory(programme=private, user=secret, role="convenor")
    contactable_set(programme=private, user=secret, contactable=True)
    hidden = DiagramFactory(programme=private, title=f"Falls huddle {CANARY}")
    IdeaFactory(diagram=hidden, title=f"Daily falls huddle {CANARY}", description=f"falls huddle {CANARY}")
    return sharing


def _page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def _assert_suggests_shared_work_only(page, title="Daily falls huddle on the frailty ward"):
    assert HEADING.replace("'", "&#39;") in page or HEADING in page
    assert title in page
    assert "Tyneside falls alliance" in page
    assert "priya@tyneside.example.nhs.uk" in page
    assert "quentin@tyneside.example.nhs.uk" not in page  # did not choose to be contactable
    assert CANARY not in page.lower()
    assert "Private place" not in page and "sam@private" not in page


def test_a_change_idea_suggests_similar_shared_work_and_who_to_talk_to(cast, elsewhere, as_member):
    diagram = DiagramFactory(programme=cast.programme, title="Fewer falls")
    idea = IdeaFactory(
        diagram=diagram, title="Falls huddle every morning", description="A short falls huddle"
    )
    page = _page(as_member, reverse("improvement:idea", kwargs={"slug": cast.programme.slug, "pk": idea.pk}))
    _assert_suggests_shared_work_only(page)


def test_a_driver_diagram_suggests_similar_shared_work(cast, elsewhere, as_viewer):
    diagram = DiagramFactory(programme=cast.programme, title="Falls huddle for fewer falls")
    page = _page(
        as_viewer, reverse("improvement:diagram", kwargs={"slug": cast.programme.slug, "pk": diagram.pk})
    )
    _assert_suggests_shared_work_only(page, "Fewer falls at home through huddles")


def test_a_story_suggests_similar_shared_work(cast, elsewhere, as_member):
    story = add_story(
        cast.programme, cast.member, title="The falls huddle helped", body="falls huddle at home"
    )
    page = _page(as_member, reverse("stories:story", kwargs={"slug": cast.programme.slug, "pk": story.pk}))
    _assert_suggests_shared_work_only(page)


def test_nothing_is_suggested_when_nobody_shared_anything_similar(cast, as_member):
    diagram = DiagramFactory(programme=cast.programme, title="Fewer falls")
    idea = IdeaFactory(diagram=diagram, title="Falls huddle every morning")
    other = DiagramFactory(programme=cast.other_programme, title="Falls huddle elsewhere")
    IdeaFactory(diagram=other, title="Falls huddle, not shared")
    page = _page(as_member, reverse("improvement:idea", kwargs={"slug": cast.programme.slug, "pk": idea.pk}))
    assert "working on that too" not in page
    assert "not shared" not in page


def test_a_programmes_own_shared_work_is_not_suggested_back_to_it(cast, as_member):
    diagram = DiagramFactory(programme=cast.programme, title="Fewer falls")
    idea = IdeaFactory(diagram=diagram, title="Falls huddle every morning")
    shared(IdeaFactory(diagram=diagram, title="Falls huddle on Fridays"))
    page = _page(as_member, reverse("improvement:idea", kwargs={"slug": cast.programme.slug, "pk": idea.pk}))
    assert "working on that too" not in page


def test_a_story_kept_to_the_programme_is_never_suggested_elsewhere(cast, elsewhere, as_outsider):
    add_story(
        cast.programme,
        cast.member,
        title=f"Falls huddle {CANARY}",
        body="falls huddle",
        consent_use=ConsentUse.PROGRAMME,
    )
    diagram = DiagramFactory(programme=cast.other_programme, title="Falls huddle")
    idea = IdeaFactory(diagram=diagram, title="Falls huddle")
    page = _page(
        as_outsider, reverse("improvement:idea", kwargs={"slug": cast.other_programme.slug, "pk": idea.pk})
    )
    assert "Daily falls huddle on the frailty ward" in page
    assert CANARY not in page.lower()


def test_the_idea_page_with_suggestions_answers_in_few_queries(
    cast, elsewhere, as_member, django_assert_max_num_queries
):
    diagram = DiagramFactory(programme=cast.programme, title="Fewer falls")
    idea = IdeaFactory(diagram=diagram, title="Falls huddle every morning")
    url = reverse("improvement:idea", kwargs={"slug": cast.programme.slug, "pk": idea.pk})
    as_member.get(url)
    with django_assert_max_num_queries(40):
        assert as_member.get(url).status_code == 200
