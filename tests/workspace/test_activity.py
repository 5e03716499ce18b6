"""Recent changes: who changed what across the programme."""

from __future__ import annotations

from django.urls import reverse

from mobilise.core.history import save_as
from mobilise.programmes.models import Stage
from mobilise.purpose.models import SharedPurpose
from mobilise.workspace import services
from mobilise.workspace.models import AlignmentEntry, NoteKind
from tests.factories import UserFactory

from .factories import NoteFactory


def _feed(client, cast) -> str:
    response = client.get(reverse("workspace:activity", kwargs={"slug": cast.programme.slug}))
    assert response.status_code == 200
    return response.content.decode()


def test_the_feed_names_who_added_what_and_where(cast, as_viewer):
    priya = UserFactory(full_name="Priya Shah")
    services.note_create(
        programme=cast.programme,
        component="leadership",
        kind=NoteKind.DECISION,
        title="Monthly board slot",
        body="",
        user=priya,
    )
    page = _feed(as_viewer, cast)
    assert "Priya Shah added a decision to Leadership for change" in page
    assert "Monthly board slot" in page


def test_binning_and_restoring_are_described(cast, as_member, as_convenor):
    note = services.note_create(
        programme=cast.programme,
        component="spread",
        kind=NoteKind.EVIDENCE,
        title="Site visit",
        body="",
        user=cast.member,
    )
    as_member.post(reverse("workspace:note_delete", kwargs={"slug": cast.programme.slug, "pk": note.pk}))
    as_convenor.post(
        reverse("programmes:bin_restore", kwargs={"slug": cast.programme.slug, "kind": "note", "pk": note.pk})
    )
    page = _feed(as_member, cast)
    assert "Test Member added evidence to Spread of innovation" in page
    assert "Test Member moved evidence in Spread of innovation to the bin" in page
    assert "Test Convenor restored evidence in Spread of innovation from the bin" in page
    assert page.index("restored evidence") < page.index("moved evidence") < page.index("added evidence")


def test_status_stage_and_purpose_changes_appear(cast, as_member):
    services.component_status_set(
        programme=cast.programme, component="delivery", status="in_place", user=cast.member
    )
    services.programme_stage_set(
        programme=cast.programme, stage=Stage.CHANGE, cycle_round=2, outcome="", note="", user=cast.convenor
    )
    purpose = SharedPurpose(programme=cast.programme, statement="Care closer to home")
    save_as(purpose, by=cast.facilitator)
    page = _feed(as_member, cast)
    assert "Test Member set the status of Rigorous delivery to “in place”" in page
    assert "Test Convenor moved the programme on to “making changes” (round 2)" in page
    assert "Test Facilitator started the shared purpose" in page


def test_other_programmes_changes_are_not_shown(cast, as_member):
    NoteFactory(programme=cast.other_programme, title="Their secret plan")
    assert "Their secret plan" not in _feed(as_member, cast)


def test_the_feed_uses_a_fixed_number_of_queries(cast, as_member, django_assert_max_num_queries):
    for i in range(60):
        services.note_create(
            programme=cast.programme,
            component="methodology",
            kind=NoteKind.NOTE,
            title=f"Test of change {i}",
            body="",
            user=cast.member,
        )
    AlignmentEntry.objects.create(
        programme=cast.programme,
        first="purpose",
        second="system_drivers",
        relationship="tension",
        description="Targets versus values",
    )
    with django_assert_max_num_queries(16):
        page = _feed(as_member, cast)
    assert page.count('<li class="nhsuk-u-margin-bottom-3">') == 50
    assert "Test of change 59" in page and "Test of change 5<" not in page
