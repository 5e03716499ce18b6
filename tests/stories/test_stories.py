from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from mobilise.stories.models import Story

from .factories import add_story


def _url(cast, name, **kw):
    return reverse(f"stories:{name}", kwargs={"slug": cast.programme.slug, **kw})


def test_a_story_is_added_with_consent_and_shown(cast, as_member):
    response = as_member.post(
        _url(cast, "create"),
        {
            "kind": "carer",
            "title": "Caring for Dad",
            "body": "Nobody asked me what I knew about his medicines.",
            "teller": "Sam",
            "consent_by": "Sam",
            "consent_use": "programme",
            "consent_until": "31/12/2099",
            "component": "purpose",
            "version": 0,
        },
    )
    assert response.status_code == 302
    page = as_member.get(_url(cast, "list")).content.decode()
    assert "Caring for Dad" in page and "told by Sam" in page
    detail = as_member.get(response["Location"]).content.decode()
    assert "31 December 2099" in detail


def test_an_anonymised_story_never_shows_who_told_it(cast, as_member):
    story = add_story(cast.programme, cast.member, teller="Mrs Patel", anonymised=True)
    page = as_member.get(_url(cast, "story", pk=story.pk)).content.decode()
    assert "Mrs Patel" not in page
    assert "Anonymous" in page


def test_a_story_whose_consent_has_run_out_is_not_listed(cast, as_member):
    add_story(cast.programme, cast.member, title="Old consent")
    Story.objects.filter(title="Old consent").update(consent_until=timezone.localdate() - timedelta(days=1))
    assert "Old consent" not in as_member.get(_url(cast, "list")).content.decode()


def test_withdrawing_consent_removes_the_words_everywhere_including_history(cast, as_member):
    story = add_story(cast.programme, cast.member, title="A fall at home", body="Unforgettable words.")
    as_member.post(_url(cast, "withdraw", pk=story.pk))
    assert "Unforgettable words." not in as_member.get(_url(cast, "list")).content.decode()
    assert as_member.get(_url(cast, "story", pk=story.pk)).status_code == 404
    assert not Story.history.filter(body__contains="Unforgettable").exists()
    assert not Story.history.filter(title="A fall at home").exists()


def test_html_in_a_story_is_stripped(cast, as_member):
    as_member.post(
        _url(cast, "create"),
        {
            "kind": "staff",
            "title": "<b>Night</b> shift",
            "body": "<script>alert(1)</script>We rang round for beds.",
            "consent_by": "Me",
            "consent_use": "programme",
            "version": 0,
        },
    )
    story = Story.objects.get(programme=cast.programme)
    assert story.title == "Night shift"
    assert "<script>" not in story.body and "We rang round for beds." in story.body
