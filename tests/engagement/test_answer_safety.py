"""Answering safely: names other respondents typed in stay hidden, and replayed posts change nothing."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mobilise.engagement.models import Respondent, RosterEntry, Survey, Tie
from mobilise.engagement.services.answering import link_token

from .factories import StakeholderFactory
from .helpers import entry_for, make_survey

ON_POSTGRES = django_settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
needs_postgres = pytest.mark.skipif(not ON_POSTGRES, reason="real concurrency needs PostgreSQL row locks")


def _link(survey: Survey, name: str) -> str:
    respondent = Respondent.objects.get(survey=survey, entry__name=name)
    return reverse("engagement:survey_link", kwargs={"token": link_token(respondent)})


def _answer_url(cast: Any, survey: Survey) -> str:
    return reverse("engagement:survey_answer", kwargs={"slug": cast.programme.slug, "pk": survey.pk})


def _survey_with_a_typed_name(cast: Any) -> tuple[Survey, RosterEntry]:
    """A survey where the member has typed in "Secret Sam", who is on nobody else's list."""
    StakeholderFactory(programme=cast.programme, name="Pat the practice manager")
    survey = make_survey(cast.programme, cast.convenor)
    member = Client()
    member.force_login(cast.member)
    url = _answer_url(cast, survey)
    member.post(url, {"step": "0", "consent": "on"})
    member.post(url, {"step": "1", "typed_names": "Secret Sam", "action": "continue"})
    return survey, RosterEntry.objects.get(survey=survey, name="Secret Sam")


def test_a_link_holder_cannot_choose_or_read_a_name_someone_else_typed(cast: Any) -> None:
    survey, secret = _survey_with_a_typed_name(cast)
    url = _link(survey, "Pat the practice manager")
    pat = Client()
    pat.post(url, {"step": "0", "consent": "on"})
    refused = pat.post(url, {"step": "1", "chosen": [secret.pk], "action": "continue"})
    assert "Choose people from the list" in refused.content.decode()
    assert "Secret Sam" not in refused.content.decode()
    assert "Secret Sam" not in pat.get(url + "?step=1").content.decode()
    assert "Secret Sam" not in pat.get(url + "?step=2").content.decode()  # the check page
    assert not Tie.objects.filter(target=secret).exclude(source__user=cast.member).exists()


def test_the_person_who_typed_a_name_still_sees_and_keeps_it(cast: Any, as_member: Any) -> None:
    survey, secret = _survey_with_a_typed_name(cast)
    url = _answer_url(cast, survey)
    page = as_member.get(url + "?step=1").content.decode()
    assert "Secret Sam" in page and f'value="{secret.pk}" checked' in page
    as_member.post(url, {"step": "1", "chosen": [secret.pk], "action": "continue"})
    assert Tie.objects.filter(source__user=cast.member, target=secret).exists()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(picks=st.lists(st.integers(min_value=0, max_value=12), max_size=8), made_up=st.booleans())
def test_whatever_ids_are_posted_only_the_list_and_your_own_names_are_kept(
    cast: Any, as_viewer: Any, picks: list[int], made_up: bool
) -> None:
    survey = Survey.objects.first() or _survey_with_a_typed_name(cast)[0]
    url = _answer_url(cast, survey)
    as_viewer.post(url, {"step": "0", "consent": "on"})
    roster = list(survey.roster.order_by("pk").values_list("pk", flat=True))
    posted = [roster[i % len(roster)] for i in picks] + ([max(roster) + 1] if made_up else [])
    page = as_viewer.post(url, {"step": "1", "chosen": posted, "action": "continue"}).content.decode()
    me = entry_for(survey, cast.viewer)
    named = set(Tie.objects.filter(source=me).values_list("target__name", flat=True))
    assert "Secret Sam" not in named and "Secret Sam" not in page
    assert me.name not in named


def test_a_replayed_send_through_a_link_says_thank_you_again(cast: Any) -> None:
    StakeholderFactory(programme=cast.programme, name="Pat the practice manager")
    survey = make_survey(cast.programme, cast.convenor)
    url = _link(survey, "Pat the practice manager")
    pat = Client()
    pat.post(url, {"step": "0", "consent": "on"})
    pat.post(url, {"step": "1", "typed_names": "Sam from the pharmacy", "action": "continue"})
    first, second = pat.post(url, {"step": "2"}), pat.post(url, {"step": "2"})
    assert first.status_code == second.status_code == 200
    assert "Thank you: your answers have been sent" in second.content.decode()
    assert pat.get(url).status_code == 410  # the link is still used up


def test_replaying_an_answer_with_a_typed_name_changes_nothing(cast: Any, as_member: Any) -> None:
    survey = make_survey(cast.programme, cast.convenor)
    url = _answer_url(cast, survey)
    as_member.post(url, {"step": "0", "consent": "on"})
    post = {"step": "1", "typed_names": "Sam from the pharmacy\nsam FROM the pharmacy", "action": "continue"}
    statuses = {as_member.post(url, post).status_code for _ in range(5)}
    assert statuses == {302}
    assert RosterEntry.objects.filter(survey=survey, name__iexact="Sam from the pharmacy").count() == 1
    assert Tie.objects.filter(survey=survey).count() == 1


def _at_once(jobs: list[Callable[[], Any]]) -> list[Any]:
    """Run every job in its own thread, released together; each thread has its own connection."""
    results: list[Any] = [None] * len(jobs)
    gate = threading.Barrier(len(jobs))

    def run(i: int) -> None:
        try:
            gate.wait()
            results[i] = jobs[i]()
        except Exception as error:  # the test reports it
            results[i] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(jobs))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_many_people_typing_the_same_new_name_at_once_add_it_once(cast: Any) -> None:
    for i in range(8):
        StakeholderFactory(programme=cast.programme, name=f"Colleague {i}")
    survey = make_survey(cast.programme, cast.convenor)
    browsers = []
    for i in range(8):
        url, browser = _link(survey, f"Colleague {i}"), Client()
        browser.post(url, {"step": "0", "consent": "on"})
        browsers.append((url, browser))
    post = {"step": "1", "typed_names": "Sam from the pharmacy", "action": "continue"}
    results = _at_once(
        [
            (
                lambda url=url, browser=browser: browser.post(
                    url, {**post, "typed_names": f"{post['typed_names']}\nOnly {url[-6:]}"}
                )
            )
            for url, browser in browsers
        ]
    )
    assert [getattr(r, "status_code", r) for r in results] == [302] * 8
    assert RosterEntry.objects.filter(survey=survey, name="Sam from the pharmacy").count() == 1
    numbers = list(RosterEntry.objects.filter(survey=survey).values_list("number", flat=True))
    assert len(numbers) == len(set(numbers)) == 4 + 8 + 1 + 8


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_the_same_answer_posted_ten_times_at_once_is_saved_once(cast: Any) -> None:
    survey = make_survey(cast.programme, cast.convenor)
    url = _answer_url(cast, survey)
    member = cast.client_for("member")
    member.post(url, {"step": "0", "consent": "on"})
    viewer = entry_for(survey, cast.viewer).pk
    post = {"step": "1", "chosen": [viewer], "typed_names": "Sam from the pharmacy", "action": "continue"}
    results = _at_once([lambda: member.post(url, post) for _ in range(10)])
    assert [getattr(r, "status_code", r) for r in results] == [302] * 10
    assert Tie.objects.filter(survey=survey).count() == 2
    assert RosterEntry.objects.filter(survey=survey, name="Sam from the pharmacy").count() == 1


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_people_joining_at_once_each_get_one_place_on_the_list(cast: Any) -> None:
    survey = make_survey(cast.programme, cast.convenor)
    StakeholderFactory(programme=cast.programme, name="New Volunteer")  # joins the roster on next sync
    url = _answer_url(cast, survey)
    Respondent.objects.filter(survey=survey).exclude(user=cast.convenor).delete()
    RosterEntry.objects.filter(survey=survey).exclude(user=cast.convenor).delete()
    clients = [cast.client_for(who) for who in ("member", "viewer", "facilitator")] * 2
    results = _at_once([lambda c=c: c.post(url, {"step": "0", "consent": "on"}) for c in clients])
    assert [getattr(r, "status_code", r) for r in results] == [302] * 6
    keys = list(survey.roster.values_list("key", flat=True))
    assert len(keys) == len(set(keys)) == 5
