"""A programme's own workshop themes: seeded for every programme, edited, reordered and retired,
without ever rewriting the sessions already planned from them."""

from __future__ import annotations

import importlib
from typing import Any

import pytest
from django.apps import apps
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mobilise.core.concurrency import EditConflict
from mobilise.core.submissions import FIELD, new_key
from mobilise.programmes.services import programme_create
from mobilise.workshops import services
from mobilise.workshops.models import Session, Theme
from mobilise.workshops.themes import THEMES
from tests.factories import ProgrammeFactory, UserFactory

from .factories import SessionFactory

STARTER_TITLES = [t.title for t in THEMES]


def _url(name: str, cast: Any, **kwargs: Any) -> str:
    return reverse(f"workshops:{name}", kwargs={"slug": cast.programme.slug, **kwargs})


def _themes(cast: Any) -> list[Theme]:
    services.themes_start(cast.programme, None)
    return list(Theme.objects.filter(programme=cast.programme))


def _live_titles(cast: Any) -> list[str]:
    return list(Theme.objects.filter(programme=cast.programme).live().values_list("title", flat=True))


def _plan(cast: Any, themes: list[Theme], role: str = "facilitator") -> Any:
    return cast.client_for(role).post(
        _url("series_new", cast),
        {
            "title": "Workshops with the alliance",
            "themes": [str(t.pk) for t in themes],
            "first_on_day": "2",
            "first_on_month": "3",
            "first_on_year": "2026",
            "weeks_between": "4",
        },
    )


def test_a_new_programme_starts_with_the_six_themes_each_tied_to_a_component(db: Any) -> None:
    convenor = UserFactory()
    programme = programme_create(name="Hebburn and Jarrow", challenge="Join up care", created_by=convenor)
    themes = list(Theme.objects.filter(programme=programme))
    assert [t.title for t in themes] == STARTER_TITLES
    assert [t.component for t in themes] == [
        "purpose",
        "leadership",
        "engagement",
        "measurement",
        "system_drivers",
        "methodology",
    ]
    assert all(t.agenda and not t.archived for t in themes)
    assert themes[0].history.first().history_user == convenor


def test_existing_programmes_get_their_themes_and_their_sessions_are_linked_once(db: Any) -> None:
    migration = importlib.import_module("mobilise.workshops.migrations.0004_starter_themes")
    older = ProgrammeFactory()
    session = SessionFactory(programme=older, theme="data", title="Our data session")
    migration.add_themes(apps, None)
    migration.add_themes(apps, None)  # running it again adds nothing
    assert list(Theme.objects.filter(programme=older).values_list("title", flat=True)) == STARTER_TITLES
    session.refresh_from_db()
    assert session.planned_from is not None and session.planned_from.key == "data"
    assert session.title == "Our data session"


def test_planning_offers_the_live_themes_in_their_order(cast: Any) -> None:
    themes = _themes(cast)
    page = cast.client_for("member").get(_url("series_new", cast)).content.decode()
    assert all(title in page for title in STARTER_TITLES)
    assert page.index(STARTER_TITLES[0]) < page.index(STARTER_TITLES[3])
    assert _plan(cast, [themes[0], themes[3]], role="member").status_code == 302
    sessions = list(Session.objects.filter(programme=cast.programme).order_by("held_on"))
    assert [s.planned_from for s in sessions] == [themes[0], themes[3]]
    assert [s.title for s in sessions] == [themes[0].title, themes[3].title]
    assert sessions[1].agenda == themes[3].agenda


def test_changing_a_theme_changes_later_sessions_but_never_those_already_planned(cast: Any) -> None:
    data = _themes(cast)[3]
    _plan(cast, [data])
    before = Session.objects.get(planned_from=data)
    response = cast.client_for("facilitator").post(
        _url("theme_edit", cast, pk=data.pk),
        {"title": "Data for better decisions", "component": "measurement", "agenda": "SPC", "version": "1"},
    )
    assert response.status_code == 302
    page = cast.client_for("viewer").get(_url("themes", cast)).content.decode()
    assert "Data for better decisions" in page
    planned = Session.objects.get(pk=before.pk)
    assert (planned.title, planned.agenda) == (before.title, before.agenda)
    _plan(cast, [data])
    later = Session.objects.filter(planned_from=data).exclude(pk=before.pk).get()
    assert (later.title, later.agenda) == ("Data for better decisions", "SPC")
    # The older session keeps its own title but says which theme it came from, by the theme's name now.
    shown = cast.client_for("viewer").get(_url("session", cast, pk=before.pk)).content.decode()
    assert "Planned from the theme" in shown and "Data for better decisions" in shown


def test_a_new_theme_needs_a_name_and_a_component_and_goes_last(cast: Any) -> None:
    _themes(cast)
    client = cast.client_for("convenor")
    response = client.post(_url("theme_new", cast), {"title": " ", "agenda": "Tea"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Enter the name of the theme" in page
    assert "Choose the part of the Change Model this theme is about" in page
    response = client.post(
        _url("theme_new", cast), {"title": "Working with the voluntary sector", "component": "engagement"}
    )
    assert response.status_code == 302
    assert _live_titles(cast) == [*STARTER_TITLES, "Working with the voluntary sector"]


def test_an_edit_from_an_old_page_is_refused_with_the_persons_text_kept(cast: Any) -> None:
    theme = _themes(cast)[0]
    client = cast.client_for("facilitator")
    url = _url("theme_edit", cast, pk=theme.pk)
    first = client.post(url, {"title": "Our purpose", "component": "purpose", "version": "1"})
    assert first.status_code == 302
    second = client.post(url, {"title": "Why we are here", "component": "purpose", "version": "1"})
    assert second.status_code == 409
    assert "Why we are here" in second.content.decode()
    assert "Someone else changed this theme" in second.content.decode()
    assert Theme.objects.get(pk=theme.pk).title == "Our purpose"


def test_members_may_plan_from_themes_but_not_change_them(cast: Any) -> None:
    theme = _themes(cast)[0]
    member = cast.client_for("member")
    assert member.get(_url("themes", cast)).status_code == 200
    assert "Add a theme" not in member.get(_url("themes", cast)).content.decode()
    assert member.post(_url("theme_archive", cast, pk=theme.pk), {"archived": "1"}).status_code == 403
    assert member.get(_url("theme_edit", cast, pk=theme.pk)).status_code == 403
    assert "Add a theme" in cast.client_for("facilitator").get(_url("themes", cast)).content.decode()


def test_an_archived_theme_leaves_planning_but_past_sessions_keep_it(cast: Any) -> None:
    themes = _themes(cast)
    value = themes[4]
    _plan(cast, [value])
    client = cast.client_for("convenor")
    for _ in range(2):  # archiving twice is the same as once
        assert client.post(_url("theme_archive", cast, pk=value.pk), {"archived": "1"}).status_code == 302
    assert Theme.objects.get(pk=value.pk).version == 2
    client.get(_url("themes", cast))  # shows (and so clears) the "archived" message
    assert value.title not in client.get(_url("series_new", cast)).content.decode()
    refused = _plan(cast, [value])
    assert refused.status_code == 200 and "Choose themes from the list" in refused.content.decode()
    session = Session.objects.get(planned_from=value)
    assert session.title == value.title
    assert "(now archived)" in client.get(_url("session", cast, pk=session.pk)).content.decode()
    page = client.get(_url("themes", cast)).content.decode()
    assert page.index("Archived themes") < page.index(value.title)

    assert client.post(_url("theme_archive", cast, pk=value.pk), {"archived": "0"}).status_code == 302
    assert _live_titles(cast)[-1] == value.title


def test_a_move_sent_twice_from_the_same_page_moves_the_theme_once(cast: Any) -> None:
    themes = _themes(cast)
    client = cast.client_for("facilitator")
    url = _url("theme_move", cast, pk=themes[2].pk)
    first = client.post(url, {"direction": "up", "version": "1"})
    second = client.post(url, {"direction": "up", "version": "1"})
    assert first.status_code == 302 and second.status_code == 409
    assert "has not been moved" in second.content.decode()
    expected = STARTER_TITLES[:]
    expected[1], expected[2] = expected[2], expected[1]
    assert _live_titles(cast) == expected
    # A replay of the very same form (same submission key) gets the first answer and does nothing.
    key = new_key()
    data = {"direction": "down", "version": "2", FIELD: key}
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302
    assert _live_titles(cast) == STARTER_TITLES


moves = st.lists(st.tuples(st.integers(0, 6), st.booleans(), st.booleans()), max_size=12)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(moves)
def test_any_run_of_moves_and_archiving_keeps_one_clear_order(cast: Any, steps: list[Any]) -> None:
    """Moves swap a theme with its live neighbour; archiving takes it out; restoring puts it last."""
    Theme.objects.filter(programme=cast.programme).delete()
    themes = _themes(cast)
    live = [t.pk for t in themes]
    archived: list[int] = []
    for index, up, archive in steps:
        theme = Theme.objects.get(pk=themes[index % len(themes)].pk)
        if archive:
            now_archived = theme.pk not in archived
            services.theme_archive(theme=theme, archived=now_archived, user=None)
            if now_archived:
                live.remove(theme.pk)
                archived.append(theme.pk)
            else:
                archived.remove(theme.pk)
                live.append(theme.pk)
        elif theme.pk in live:
            services.theme_move(theme=theme, up=up, user=None, expected_version=theme.version)
            i = live.index(theme.pk)
            j = i - 1 if up else i + 1
            if 0 <= j < len(live):
                live[i], live[j] = live[j], live[i]
    assert list(Theme.objects.filter(programme=cast.programme).live().values_list("pk", flat=True)) == live
    gone = Theme.objects.filter(programme=cast.programme, archived=True).values_list("pk", flat=True)
    assert sorted(gone) == sorted(archived)


def test_moving_from_a_stale_version_raises_and_changes_nothing(cast: Any) -> None:
    theme = _themes(cast)[1]
    services.theme_update(
        theme=theme,
        data={"title": "Leading together", "component": "leadership"},
        user=None,
        expected_version=1,
    )
    with pytest.raises(EditConflict):
        services.theme_move(theme=theme, up=True, user=None, expected_version=1)
    assert _live_titles(cast)[1] == "Leading together"


def test_a_single_session_can_start_from_a_live_theme(cast: Any) -> None:
    themes = _themes(cast)
    narrative = themes[2]
    client = cast.client_for("member")
    page = client.get(_url("session_new", cast)).content.decode()
    assert "Workshop theme (optional)" in page and narrative.title in page
    data = {
        "title": "Stories from carers",
        "kind": "workshop",
        "held_on_day": "2",
        "held_on_month": "3",
        "held_on_year": "2026",
        "planned_from": str(narrative.pk),
    }
    assert client.post(_url("session_new", cast), data).status_code == 302
    session = Session.objects.get(title="Stories from carers")
    assert session.planned_from == narrative
    assert (session.agenda, session.component) == (narrative.agenda, "engagement")

    services.theme_archive(theme=narrative, archived=True, user=None)
    refused = client.post(_url("session_new", cast), {**data, "title": "Again"})
    assert refused.status_code == 200 and "Choose a theme from the list" in refused.content.decode()
    edit = client.get(_url("session_edit", cast, pk=session.pk)).content.decode()
    assert "Workshop theme (optional)" not in edit
