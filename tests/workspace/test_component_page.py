"""A component page: prompts, the team's own status, and what the team has written."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mobilise.core.history import save_as
from mobilise.programmes.roles import Role
from mobilise.purpose.models import SharedPurpose
from mobilise.workspace.components import BY_KEY
from mobilise.workspace.models import ComponentState, NoteKind, Status
from tests.factories import MembershipFactory, UserFactory

from .factories import ComponentStateFactory, NoteFactory


def _url(cast, component="leadership") -> str:
    return reverse("workspace:component", kwargs={"slug": cast.programme.slug, "component": component})


def _status_url(cast, component="leadership") -> str:
    return reverse("workspace:component_status", kwargs={"slug": cast.programme.slug, "component": component})


def test_the_page_shows_the_prompts_as_questions(cast, as_viewer):
    page = as_viewer.get(_url(cast)).content.decode()
    assert "<h1>Leadership for change</h1>" in page
    assert "Questions to think about" in page
    for prompt in BY_KEY["leadership"].prompts:
        assert prompt.replace("'", "&#39;") in page
    assert "<textarea" not in page


def test_an_unknown_component_is_404(cast, as_member):
    assert as_member.get(_url(cast, "finance")).status_code == 404


def test_notes_are_grouped_by_kind_with_markdown_and_who_wrote_them(cast, as_member):
    author = UserFactory(full_name="Priya Shah")
    NoteFactory(
        programme=cast.programme,
        kind=NoteKind.DECISION,
        title="Weekly huddles",
        author=author,
        body="We agreed **weekly** huddles.\n\n<script>alert(1)</script>",
    )
    NoteFactory(programme=cast.programme, kind=NoteKind.EVIDENCE, title="Staff survey")
    NoteFactory(programme=cast.programme, component="delivery", title="Somewhere else")
    page = as_member.get(_url(cast)).content.decode()
    assert "Decisions (1)" in page and "Evidence (1)" in page and "Notes (0)" in page
    assert "<strong>weekly</strong>" in page
    assert "<script>alert(1)" not in page
    assert "Added by Priya Shah" in page
    assert "Somewhere else" not in page


def test_contributors_see_edit_and_delete_links_and_viewers_do_not(cast, as_member, as_viewer):
    note = NoteFactory(programme=cast.programme)
    edit = reverse("workspace:note_edit", kwargs={"slug": cast.programme.slug, "pk": note.pk})
    assert edit in as_member.get(_url(cast)).content.decode()
    viewer_page = as_viewer.get(_url(cast)).content.decode()
    assert edit not in viewer_page
    assert "Save status" not in viewer_page


def test_a_member_sets_the_team_status_and_it_is_kept_in_history(cast, as_member):
    response = as_member.post(_status_url(cast), {"status": Status.EXPLORING, "version": "0"}, follow=True)
    assert "Status saved: Exploring." in response.content.decode()
    state = ComponentState.objects.get(programme=cast.programme, component="leadership")
    assert state.status == Status.EXPLORING
    as_member.post(_status_url(cast), {"status": Status.IN_PLACE, "version": str(state.version)})
    state.refresh_from_db()
    assert state.status == Status.IN_PLACE
    assert [h.status for h in state.history.order_by("history_id")] == ["exploring", "in_place"]
    assert state.history.first().history_user == cast.member


def test_a_viewer_cannot_change_the_status(cast, as_viewer):
    response = as_viewer.post(_status_url(cast), {"status": Status.IN_PLACE, "version": "0"})
    assert response.status_code == 403
    assert not ComponentState.objects.filter(programme=cast.programme).exists()


def test_choosing_no_status_says_what_to_do(cast, as_member):
    response = as_member.post(_status_url(cast), {"version": "0"})
    assert "Choose where the team thinks this stands" in response.content.decode()
    assert not ComponentState.objects.exists()


def test_a_status_changed_meanwhile_is_not_overwritten(cast, as_member):
    ComponentStateFactory(programme=cast.programme, status=Status.IN_PLACE)
    response = as_member.post(_status_url(cast), {"status": Status.NEEDS_ATTENTION, "version": "0"})
    assert response.status_code == 409
    assert "Someone else changed it to “In place”" in response.content.decode()
    assert ComponentState.objects.get(programme=cast.programme).status == Status.IN_PLACE


def test_the_purpose_component_shows_the_statement(cast, as_member):
    SharedPurpose.objects.create(programme=cast.programme, statement="Care closer to home.")
    page = as_member.get(_url(cast, "purpose")).content.decode()
    assert "Care closer to home." in page
    assert reverse("purpose:detail", kwargs={"slug": cast.programme.slug}) in page


def test_component_page_queries_do_not_grow_with_notes_or_members(
    cast, as_member, django_assert_max_num_queries
):
    ComponentStateFactory(programme=cast.programme, updated_by=cast.member)
    NoteFactory(programme=cast.programme)
    with CaptureQueriesContext(connection) as small:
        as_member.get(_url(cast))
    for i in range(30):
        note = NoteFactory(programme=cast.programme, kind=NoteKind.values[i % 3], author=UserFactory())
        note.title = f"Edited {i}"
        note.version = 2
        save_as(note, by=UserFactory())
        MembershipFactory(programme=cast.programme, role=Role.MEMBER)
    with django_assert_max_num_queries(len(small)):
        page = as_member.get(_url(cast)).content.decode()
    assert "Edited 29" in page and "Last changed by" in page
