"""A facilitator's series: planning from themes, who came, actions carried over, what came of it."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.urls import reverse
from django.utils import timezone

from mobilise.programmes.models import Programme
from mobilise.workshops.models import Action, Session, Theme
from mobilise.workshops.services import themes_start
from mobilise.workspace.models import Note
from tests.factories import OrganisationFactory

from .factories import ActionFactory, SeriesFactory, SessionFactory


def _plan(client: Any, slug: str, keys: list[str]) -> Any:
    """Plan a series from the programme's own copies of the starter themes with these keys."""
    programme = Programme.objects.get(slug=slug)
    themes_start(programme, None)
    by_key = {t.key: t.pk for t in Theme.objects.filter(programme=programme)}
    themes = [str(by_key[key]) for key in keys]
    return client.post(
        reverse("workshops:series_new", kwargs={"slug": slug}),
        {
            "title": "Workshops with the alliance",
            "themes": themes,
            "first_on_day": "2",
            "first_on_month": "3",
            "first_on_year": "2026",
            "weeks_between": "4",
            "place": "Jarrow Focus, room 2",
        },
    )


def test_planning_a_series_makes_a_session_per_theme_four_weeks_apart(cast: Any) -> None:
    response = _plan(cast.client_for("facilitator"), cast.programme.slug, ["vision", "data", "value"])
    assert response.status_code == 302
    sessions = list(Session.objects.filter(programme=cast.programme).order_by("held_on"))
    assert [s.held_on for s in sessions] == [date(2026, 3, 2), date(2026, 3, 30), date(2026, 4, 27)]
    assert [s.component for s in sessions] == ["purpose", "measurement", "system_drivers"]
    assert all(s.facilitator == cast.facilitator and s.place == "Jarrow Focus, room 2" for s in sessions)
    page = cast.client_for("viewer").get(response["Location"]).content.decode()
    assert "Better decisions with data" in page and "Not shown until 8 people have answered" in page


def test_a_series_needs_a_theme_and_says_so(cast: Any) -> None:
    response = _plan(cast.client_for("member"), cast.programme.slug, [])
    assert response.status_code == 200
    assert "Choose at least one theme" in response.content.decode()
    assert not Session.objects.exists()


def test_unfinished_actions_are_carried_into_the_next_sessions_agenda_until_done(cast: Any) -> None:
    series = SeriesFactory(programme=cast.programme)
    first = SessionFactory(programme=cast.programme, series=series, held_on=date(2026, 3, 2))
    second = SessionFactory(programme=cast.programme, series=series, held_on=date(2026, 3, 30))
    client = cast.client_for("member")
    client.post(
        reverse("workshops:action_add", kwargs={"slug": cast.programme.slug, "pk": first.pk}),
        {"text": "Invite the council's housing lead", "owner": "Priya"},
    )
    client.post(
        reverse("workshops:action_add", kwargs={"slug": cast.programme.slug, "pk": first.pk}),
        {"text": "Share the run chart", "owner": ""},
    )
    url = reverse("workshops:session", kwargs={"slug": cast.programme.slug, "pk": second.pk})
    page = client.get(url).content.decode()
    assert "Carried over from earlier sessions" in page
    assert "Invite the council&#39;s housing lead" in page and "Share the run chart" in page

    chart = Action.objects.get(text="Share the run chart")
    client.post(
        reverse(
            "workshops:action_done",
            kwargs={"slug": cast.programme.slug, "pk": first.pk, "action_pk": chart.pk},
        ),
        {"done": "on", "version": str(chart.version), "back": str(second.pk)},
    )
    page = client.get(url).content.decode()
    assert "Share the run chart" not in page
    assert "housing lead" in page
    # The first session's own page still lists both, one done.
    first_page = client.get(
        reverse("workshops:session", kwargs={"slug": cast.programme.slug, "pk": first.pk})
    )
    assert first_page.content.decode().count("Mark as not done") == 1


def test_a_stale_tick_is_refused_and_the_action_left_as_it_is(cast: Any) -> None:
    action = ActionFactory(session=SessionFactory(programme=cast.programme))
    url = reverse(
        "workshops:action_done",
        kwargs={"slug": cast.programme.slug, "pk": action.session.pk, "action_pk": action.pk},
    )
    client = cast.client_for("member")
    client.post(url, {"done": "on", "version": "1"})
    client.post(url, {"version": "1"})  # a second tab, still showing version 1, tries to untick
    action.refresh_from_db()
    assert action.is_done


def test_the_page_names_the_partners_who_did_not_come(cast: Any) -> None:
    came, missing = (
        OrganisationFactory(name="Hebburn surgery"),
        OrganisationFactory(name="South Tyneside Council"),
    )
    cast.programme.partners.add(came, missing)
    session = SessionFactory(programme=cast.programme)
    session.organisations.add(came)
    page = cast.client_for("viewer").get(
        reverse("workshops:session", kwargs={"slug": cast.programme.slug, "pk": session.pk})
    )
    text = page.content.decode()
    assert "Partners not there:</strong> South Tyneside Council" in text


def test_notes_made_on_the_day_show_as_what_came_out_of_the_session(cast: Any) -> None:
    today = timezone.localdate()
    session = SessionFactory(programme=cast.programme, held_on=today)
    Note.objects.create(
        programme=cast.programme, component="purpose", kind="decision", title="Agreed our purpose"
    )
    other = SessionFactory(programme=cast.programme, held_on=date(2020, 1, 6))
    url = reverse("workshops:session", kwargs={"slug": cast.programme.slug, "pk": session.pk})
    assert "Decision: <a" in cast.client_for("viewer").get(url).content.decode()
    other_url = reverse("workshops:session", kwargs={"slug": cast.programme.slug, "pk": other.pk})
    assert "Agreed our purpose" not in cast.client_for("viewer").get(other_url).content.decode()


def test_an_edit_from_an_old_page_is_refused_with_the_persons_text_kept(cast: Any) -> None:
    session = SessionFactory(programme=cast.programme, title="Huddle")
    url = reverse("workshops:session_edit", kwargs={"slug": cast.programme.slug, "pk": session.pk})
    base = {
        "kind": "huddle",
        "held_on_day": "2",
        "held_on_month": "3",
        "held_on_year": "2026",
        "version": "1",
    }
    client = cast.client_for("member")
    assert client.post(url, {**base, "title": "First tab"}).status_code == 302
    response = client.post(url, {**base, "title": "Second tab", "learnt": "Words I typed"})
    assert response.status_code == 409
    assert "Words I typed" in response.content.decode()
    session.refresh_from_db()
    assert session.title == "First tab"
    assert session.history.count() == 2


def test_a_deleted_session_goes_to_the_bin_and_its_feedback_link_stops(cast: Any) -> None:
    session = SessionFactory(programme=cast.programme)
    url = reverse("workshops:session_delete", kwargs={"slug": cast.programme.slug, "pk": session.pk})
    assert cast.client_for("member").post(url).status_code == 302
    assert Session.all_objects.get(pk=session.pk).in_bin
    link = reverse("workshops:feedback", kwargs={"token": session.feedback_token})
    assert cast.client_for("viewer").get(link).status_code == 404


def test_facilitators_page_covers_every_programme_in_a_fixed_number_of_queries(
    cast: Any, django_assert_max_num_queries: Any
) -> None:
    from mobilise.programmes.models import Membership
    from tests.factories import ProgrammeFactory

    for i in range(6):
        programme = ProgrammeFactory(name=f"Alliance {i}")
        Membership.objects.create(programme=programme, user=cast.facilitator, role="facilitator")
        series = SeriesFactory(programme=programme)
        for _ in range(3):
            ActionFactory(
                session=SessionFactory(programme=programme, series=series, facilitator=cast.facilitator)
            )
    client = cast.client_for("facilitator")
    client.get(reverse("workshops:facilitator"))  # warm the session and sign-in caches
    with django_assert_max_num_queries(12):
        page = client.get(reverse("workshops:facilitator"))
    text = page.content.decode()
    assert all(f"Alliance {i}" in text for i in range(6))
    assert text.count("3 actions not yet done") == 6


def test_what_a_debrief_learnt_is_on_the_learning_wall(cast: Any) -> None:
    SessionFactory(
        programme=cast.programme, kind="debrief", title="Debrief after week one", learnt="Ask patients first"
    )
    SessionFactory(programme=cast.programme, kind="workshop", learnt="Not a small space, so not on the wall")
    page = cast.client_for("viewer").get(reverse("pdsa:wall", kwargs={"slug": cast.programme.slug}))
    text = page.content.decode()
    assert "Learnt in huddles, debriefs and peer assists" in text
    assert "Ask patients first" in text and "Not a small space" not in text


def test_recent_sessions_and_their_score_go_into_the_board_paper(cast: Any) -> None:
    from mobilise.workshops import services

    session = SessionFactory(programme=cast.programme, held_on=timezone.localdate(), title="Data workshop")
    for i in range(8):
        services.feedback_send(
            session=session,
            data={"pace": 3, "usefulness": 4, "facilitation": 4, "recommend": 10, "change": ""},
            device=str(i),
        )
    page = cast.client_for("viewer").get(reverse("boardpaper:draft", kwargs={"slug": cast.programme.slug}))
    text = page.content.decode()
    assert "Workshops and what people said" in text and "Data workshop" in text
    assert "net-recommend score was 100" in text
