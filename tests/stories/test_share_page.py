"""The public "share your story or idea" page: no account, consent first, spam and flood checks."""

from __future__ import annotations

import re
import time

from django.core import signing
from django.test import Client
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from mobilise.stories import services
from mobilise.stories.forms import STARTED_SALT, clean_text
from mobilise.stories.models import Story, StoryStatus

from .factories import open_share_page

CONSENT = {"consent_use": "shared", "how_long": "1", "agree": "on"}


def _share_url(cast):
    return reverse(
        "stories:share",
        kwargs={"token": services.share_token(open_share_page(cast.programme, cast.convenor))},
    )


def _started(seconds_ago: float = 30) -> str:
    return signing.dumps(time.time() - seconds_ago, salt=STARTED_SALT)


def _story(**overrides):
    return {
        **CONSENT,
        "step": "story",
        "kind": "patient",
        "title": "The district nurse listened",
        "body": "She sat down and asked what mattered to me.",
        "teller": "Jo",
        "website": "",
        "started": _started(),
    } | overrides


def test_consent_comes_first_and_cannot_be_skipped(cast):
    url = _share_url(cast)
    client = Client(enforce_csrf_checks=False)
    page = client.get(url).content.decode()
    assert "Before you start" in page and "Who may read your story?" in page
    refused = client.post(url, {"step": "consent", "consent_use": "shared", "how_long": "1"})
    assert "Tick the box to say you agree" in refused.content.decode()
    ok = client.post(url, {"step": "consent", **CONSENT})
    assert "Your story or idea" in ok.content.decode()
    # Sending the story without the consent answers goes back to the consent step, saving nothing.
    client.post(url, _story(agree=""))
    assert not Story.objects.exists()


def test_a_story_sent_without_an_account_waits_for_a_convenor_and_is_shown_once_accepted(cast, as_convenor):
    url = _share_url(cast)
    thanks = Client().post(url, _story())
    assert "Thank you: your story has been sent" in thanks.content.decode()
    story = Story.objects.get()
    assert story.status == StoryStatus.WAITING and story.consent_use == "shared" and story.consent_until
    stories = reverse("stories:list", kwargs={"slug": cast.programme.slug})
    assert "The district nurse listened" not in as_convenor.get(stories).content.decode()
    queue = reverse("stories:moderation", kwargs={"slug": cast.programme.slug})
    assert "The district nurse listened" in as_convenor.get(queue).content.decode()
    as_convenor.post(
        reverse("stories:moderate", kwargs={"slug": cast.programme.slug, "pk": story.pk}),
        {"decision": "accept"},
    )
    assert "The district nurse listened" in as_convenor.get(stories).content.decode()
    assert "The district nurse listened" not in as_convenor.get(queue).content.decode()


def test_a_filled_hidden_field_is_thanked_but_nothing_is_saved(cast):
    response = Client().post(_share_url(cast), _story(website="http://spam.example"))
    assert "Thank you" in response.content.decode()
    assert not Story.objects.exists()


def test_a_form_we_never_gave_out_is_not_saved(cast):
    Client().post(_share_url(cast), _story(started="forged"))
    assert not Story.objects.exists()


def test_sending_within_seconds_of_opening_gets_an_honest_error(cast):
    response = Client().post(_share_url(cast), _story(started=_started(seconds_ago=0.5)))
    assert "sent very quickly" in response.content.decode()
    assert not Story.objects.exists()


def test_more_than_two_web_addresses_is_refused_with_a_reason(cast):
    body = "See http://a.example and http://b.example and www.c.example"
    response = Client().post(_share_url(cast), _story(body=body))
    assert "at most 2 web addresses" in response.content.decode()
    assert not Story.objects.exists()


def test_a_story_that_is_too_long_is_refused_with_its_limit(cast):
    response = Client().post(_share_url(cast), _story(body="a" * 5001))
    assert "5,000 characters or fewer" in response.content.decode()


def test_links_in_a_story_are_shown_as_inert_text(cast, as_convenor):
    Client().post(
        _share_url(cast), _story(body='Look at <a href="http://x.example">this</a> http://y.example')
    )
    page = as_convenor.get(
        reverse("stories:moderation", kwargs={"slug": cast.programme.slug})
    ).content.decode()
    assert 'href="http://x.example"' not in page and 'href="http://y.example"' not in page
    assert "http://y.example" in page


def test_one_sender_is_slowed_down_after_five_stories_in_an_hour(cast):
    url = _share_url(cast)
    client = Client()
    for n in range(services.PER_SENDER_PER_HOUR):
        assert client.post(url, _story(title=f"Story {n}")).status_code == 200
    assert client.post(url, _story(title="One too many")).status_code == 429
    assert Story.objects.count() == services.PER_SENDER_PER_HOUR


def test_a_closed_or_renewed_link_no_longer_works(cast, as_convenor):
    url = _share_url(cast)
    services.share_link_open(programme=cast.programme, user=cast.convenor, new_address=True)
    assert Client().get(url).status_code == 404
    services.share_link_close(programme=cast.programme)
    assert Client().get(url).status_code == 404


def test_the_share_settings_page_shows_the_link_and_a_qr_code(cast, as_facilitator_client):
    open_share_page(cast.programme, cast.convenor)
    page = as_facilitator_client.get(
        reverse("stories:share_settings", kwargs={"slug": cast.programme.slug})
    ).content.decode()
    assert "<svg" in page and "/share/" in page


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("<>/\"'= abcscriptimgonerrorhref:")), max_size=80))
def test_no_tag_survives_cleaning(text):
    # A lone "<a" may remain as text (shown escaped); no complete tag ever does.
    assert not re.search(r"</?[A-Za-z][^<>]*>", clean_text(text))


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.characters(blacklist_characters="<&\x00", blacklist_categories=("Cs", "Cc")), max_size=200
    )
)
def test_plain_words_are_kept_exactly(text):
    assert clean_text(text) == text.strip()


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["word", "http://a.example/x", "www.b.example", "care"]), max_size=12))
def test_link_count_rule_refuses_exactly_when_there_are_more_than_two(words):
    from mobilise.stories.forms import PublicStoryForm

    form = PublicStoryForm(
        {"kind": "idea", "title": "An idea", "body": " ".join(words) or "x", "started": _started()}
    )
    links = sum(1 for w in words if w.startswith(("http", "www")))
    assert form.is_valid() == (links <= 2)
