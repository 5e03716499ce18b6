"""Answering through a single-use link, without signing in."""

from __future__ import annotations

import re
from typing import Any

from django.test import Client
from django.urls import reverse

from mobilise.engagement.models import Respondent, Tie
from mobilise.engagement.services import answering as services
from mobilise.engagement.services.answering import link_token

from .factories import StakeholderFactory
from .helpers import make_survey


def _link_for(survey: Any, name: str) -> str:
    respondent = Respondent.objects.get(survey=survey, entry__name=name)
    return reverse("engagement:survey_link", kwargs={"token": link_token(respondent)})


def test_someone_without_an_account_answers_through_their_link_once(cast: Any) -> None:
    StakeholderFactory(programme=cast.programme, name="Pat the practice manager")
    survey = make_survey(cast.programme, cast.convenor)
    url = _link_for(survey, "Pat the practice manager")
    browser = Client()
    convenor = survey.roster.get(user=cast.convenor)

    assert "Before you start" in browser.get(url).content.decode()
    browser.post(url, {"step": "0", "consent": "on"})
    browser.post(url, {"step": "1", "chosen": [convenor.pk], "action": "continue"})
    thanks = browser.post(url, {"step": "2"})
    assert "Thank you: your answers have been sent" in thanks.content.decode()
    assert Tie.objects.filter(source__name="Pat the practice manager", target=convenor).exists()

    again = browser.get(url)
    assert again.status_code == 410
    assert "This link has already been used" in again.content.decode()
    replay = Client().post(url, {"step": "1", "chosen": [], "action": "continue"})
    assert replay.status_code == 410
    assert Tie.objects.filter(source__name="Pat the practice manager").count() == 1


def test_a_changed_or_made_up_link_is_not_found(cast: Any) -> None:
    survey = make_survey(cast.programme, cast.convenor)
    good = _link_for(survey, "Test Member")
    assert Client().get(good[:-3] + "xx/").status_code == 404
    assert Client().get(reverse("engagement:survey_link", kwargs={"token": "not-a-link"})).status_code == 404


def test_a_revoked_link_stops_working(cast: Any) -> None:
    survey = make_survey(cast.programme, cast.convenor)
    url = _link_for(survey, "Test Member")
    Respondent.objects.filter(survey=survey, entry__name="Test Member").update(link_nonce="new")
    assert Client().get(url).status_code == 404


def test_links_stop_working_when_the_survey_is_in_the_bin(cast: Any, as_convenor: Any) -> None:
    survey = make_survey(cast.programme, cast.convenor)
    url = _link_for(survey, "Test Member")
    as_convenor.post(
        reverse("engagement:survey_delete", kwargs={"slug": cast.programme.slug, "pk": survey.pk})
    )
    assert Client().get(url).status_code == 404


def test_the_convenor_sees_everyones_link_and_whether_they_have_answered(cast: Any, as_convenor: Any) -> None:
    StakeholderFactory(programme=cast.programme, name="Pat the practice manager")
    survey = make_survey(cast.programme, cast.convenor)
    page = as_convenor.get(
        reverse("engagement:survey_links", kwargs={"slug": cast.programme.slug, "pk": survey.pk})
    ).content.decode()
    # Tokens carry a timestamp, so compare whom each link opens for rather than the text.
    tokens = re.findall(r"/s/([^/\"<]+)/", page)
    opened = {services.respondent_for_token(t).entry.name for t in tokens}  # type: ignore[union-attr]
    assert "Pat the practice manager" in opened
    assert "Not started" in page
