"""On-the-day feedback from phones: anonymous, one answer per device, added up only past 8 answers."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from mobilise.workshops import services
from mobilise.workshops.models import DeviceReceipt, Evaluation, Feedback
from mobilise.workshops.views.answering import DEVICE_COOKIE

from .factories import SessionFactory

ANSWER = {
    "pace": "3",
    "usefulness": "4",
    "facilitation": "5",
    "recommend": "9",
    "change": "More time for tests",
}


@pytest.fixture(autouse=True)
def fresh_rate_limits() -> None:
    cache.clear()


def phone() -> Client:
    """A phone that has never been here: no cookies, not signed in, CSRF checked."""
    return Client(enforce_csrf_checks=True)


def answer(client: Client, url: str, data: dict[str, str] | None = None) -> Any:
    page = client.get(url)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())
    key = re.search(r'name="submission_key" value="([^"]+)"', page.content.decode())
    fields = {**(data or ANSWER)}
    if token:
        fields["csrfmiddlewaretoken"] = token.group(1)
    if key:
        fields["submission_key"] = key.group(1)
    return client.post(url, fields), fields


def test_a_phone_answers_once_without_signing_in_and_nothing_says_who(cast: Any) -> None:
    session = SessionFactory(programme=cast.programme)
    url = reverse("workshops:feedback", kwargs={"token": session.feedback_token})
    client = phone()
    response, sent = answer(client, url)
    assert response.status_code == 302
    assert Feedback.objects.filter(session=session).count() == 1
    assert "Thank you" in client.get(url).content.decode()
    # Sending the same form again (a double tap, a retry) keeps one answer.
    assert client.post(url, sent).status_code == 302
    # So does a fresh form from the same phone.
    answer(client, url)
    assert Feedback.objects.filter(session=session).count() == 1
    # No field of a stored answer holds a person, a time or an address.
    names = {f.name for f in Feedback._meta.get_fields()}
    assert names == {
        "id",
        "programme",
        "session",
        "pace",
        "usefulness",
        "facilitation",
        "recommend",
        "change",
    }
    device = client.cookies[DEVICE_COOKIE].value
    assert not DeviceReceipt.objects.filter(digest__contains=device).exists()


def test_each_phone_in_the_room_counts_once(cast: Any) -> None:
    session = SessionFactory(programme=cast.programme)
    url = reverse("workshops:feedback", kwargs={"token": session.feedback_token})
    for _ in range(5):
        answer(phone(), url)
    assert Feedback.objects.filter(session=session).count() == 5


def test_unanswerable_choices_are_refused_with_a_message(cast: Any) -> None:
    session = SessionFactory(programme=cast.programme)
    url = reverse("workshops:feedback", kwargs={"token": session.feedback_token})
    response, _ = answer(phone(), url, {**ANSWER, "recommend": "11", "pace": ""})
    text = response.content.decode()
    assert response.status_code == 200
    assert "Choose a number from 0 to 10" in text and "Choose how the pace felt" in text
    assert not Feedback.objects.exists()


def test_a_made_up_link_finds_nothing(cast: Any) -> None:
    assert phone().get(reverse("workshops:feedback", kwargs={"token": "not-a-real-token"})).status_code == 404


def test_a_flood_of_answers_on_one_link_is_slowed(cast: Any) -> None:
    session = SessionFactory(programme=cast.programme)
    data = {"pace": 3, "usefulness": 4, "facilitation": 4, "recommend": 8, "change": ""}
    for i in range(services.ANSWERS_PER_MINUTE):
        services.feedback_send(session=session, data=data, device=f"device-{i}")
    with pytest.raises(services.TooManyAnswers):
        services.feedback_send(session=session, data=data, device="one-too-many")
    assert Feedback.objects.filter(session=session).count() == services.ANSWERS_PER_MINUTE
    # The refused device may try again later: its receipt was not kept.
    assert not DeviceReceipt.objects.filter(
        digest=services.device_digest(f"s{session.pk}", "one-too-many")
    ).exists()


def _feed(session: Any, scores: list[int]) -> None:
    for i, score in enumerate(scores):
        data = {"pace": 3, "usefulness": 4, "facilitation": 5, "recommend": score, "change": f"Idea {i}"}
        services.feedback_send(session=session, data=data, device=f"{session.pk}-{i}")


def test_totals_and_comments_appear_only_once_eight_people_have_answered(cast: Any) -> None:
    session = SessionFactory(programme=cast.programme)
    url = reverse("workshops:session", kwargs={"slug": cast.programme.slug, "pk": session.pk})
    _feed(session, [10] * 7)
    for role in ("facilitator", "viewer"):
        text = cast.client_for(role).get(url).content.decode()
        assert "Fewer than 8 answers" in text and "Idea 3" not in text
    _feed_more = [10, 0]
    for i, score in enumerate(_feed_more):
        services.feedback_send(
            session=session,
            data={"pace": 3, "usefulness": 4, "facilitation": 5, "recommend": score, "change": ""},
            device=f"late-{i}",
        )
    text = cast.client_for("viewer").get(url).content.decode()
    assert "About 10 answers" in text  # counts are rounded to the nearest 5
    assert ">78<" in text  # 8 promoters, 1 detractor of 9: 89% − 11%
    assert "Idea 3" in text


def test_a_series_shows_the_trend_across_sessions(cast: Any) -> None:
    from .factories import SeriesFactory

    series = SeriesFactory(programme=cast.programme)
    first = SessionFactory(programme=cast.programme, series=series)
    second = SessionFactory(programme=cast.programme, series=series)
    _feed(first, [6] * 4 + [10] * 4)
    _feed(second, [10] * 8)
    url = reverse("workshops:series", kwargs={"slug": cast.programme.slug, "pk": series.pk})
    text = cast.client_for("member").get(url).content.decode()
    assert "rose from 0 to 100 across 2 sessions" in text


def test_programme_evaluation_is_anonymous_and_shown_from_eight_answers(cast: Any) -> None:
    found = Evaluation.objects.create(programme=cast.programme, title="After six months")
    link = reverse("workshops:evaluation_answer", kwargs={"token": found.token})
    response, _ = answer(phone(), link, {"slower": "3", "helped": "Protected time", "hindered": ""})
    assert response.status_code == 302
    page = reverse("workshops:evaluation", kwargs={"slug": cast.programme.slug, "pk": found.pk})
    assert "Fewer than 8 answers" in cast.client_for("viewer").get(page).content.decode()
    for i in range(7):
        services.evaluation_answer(
            evaluation=found, data={"slower": 3 if i < 4 else 1, "helped": "", "hindered": ""}, device=str(i)
        )
    text = cast.client_for("viewer").get(page).content.decode()
    assert "Much slower" in text and "62%" in text and "Protected time" in text


def test_a_series_total_leaves_out_hidden_sessions_so_nothing_can_be_worked_out_by_subtraction(
    cast: Any,
) -> None:
    from mobilise.workshops.reads import answers_by_session, series_rows

    from .factories import SeriesFactory

    series = SeriesFactory(programme=cast.programme)
    shown = SessionFactory(programme=cast.programme, series=series)
    hidden = SessionFactory(programme=cast.programme, series=series)
    _feed(shown, [10] * 8)
    _feed(hidden, [0] * 3)
    sessions = [shown, hidden]
    (row,) = series_rows(sessions, answers_by_session([s.pk for s in sessions]))
    assert [s.shown for s in row.summaries] == [True, False]
    assert row.overall.answers == 8 and row.overall.net_recommend == 100


def _link(client: Client, session: Any, change: str, version: int | None = None) -> Any:
    url = reverse("workshops:feedback_link", kwargs={"slug": session.programme.slug, "pk": session.pk})
    session.refresh_from_db()
    return client.post(
        url, {"change": change, "version": str(session.version if version is None else version)}
    )


def test_a_closed_link_turns_answers_away_kindly_and_can_open_again(cast: Any) -> None:
    session = SessionFactory(programme=cast.programme)
    url = reverse("workshops:feedback", kwargs={"token": session.feedback_token})
    facilitator = cast.client_for("facilitator")
    in_the_room = phone()
    form_page = in_the_room.get(url).content.decode()  # opened before the link was closed
    fields = {
        **ANSWER,
        "csrfmiddlewaretoken": re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', form_page)[0],
    }
    assert _link(facilitator, session, "close").status_code == 302
    assert _link(facilitator, session, "close").status_code == 302  # a second click changes nothing
    session.refresh_from_db()
    assert session.feedback_open is False
    assert session.history.filter(history_change_reason="Feedback link closed").count() == 1
    page = phone().get(url)
    assert page.status_code == 200 and "This form is closed" in page.content.decode()
    refused = in_the_room.post(url, fields)
    assert refused.status_code == 410 and "This form is closed" in refused.content.decode()
    assert not Feedback.objects.filter(session=session).exists()
    detail = facilitator.get(
        reverse("workshops:session", kwargs={"slug": cast.programme.slug, "pk": session.pk})
    ).content.decode()
    assert "The feedback link is closed" in detail and "Open the feedback link again" in detail
    _link(facilitator, session, "open")
    sent, _ = answer(phone(), url)
    assert sent.status_code == 302 and Feedback.objects.filter(session=session).count() == 1


def test_a_renewed_link_replaces_the_old_one_once_however_often_it_is_sent(cast: Any) -> None:
    session = SessionFactory(programme=cast.programme)
    old_url = reverse("workshops:feedback", kwargs={"token": session.feedback_token})
    facilitator = cast.client_for("facilitator")
    version = session.version
    assert _link(facilitator, session, "renew", version).status_code == 302
    session.refresh_from_db()
    new_token = session.feedback_token
    assert _link(facilitator, session, "renew", version).status_code == 302  # replay from the old page
    session.refresh_from_db()
    assert session.feedback_token == new_token  # still the one new link
    gone = phone().get(old_url)
    assert gone.status_code == 404
    fresh = reverse("workshops:feedback", kwargs={"token": new_token})
    sent, _ = answer(phone(), fresh)
    assert sent.status_code == 302 and Feedback.objects.filter(session=session).count() == 1
    assert (
        cast.client_for("viewer")
        .post(
            reverse("workshops:feedback_link", kwargs={"slug": cast.programme.slug, "pk": session.pk}),
            {"change": "renew", "version": str(session.version)},
        )
        .status_code
        == 403
    )
