"""The stakeholder register: adding, editing without lost updates, history, the bin and the map."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from mobilise.core.bin import BIN_REGISTRY
from mobilise.engagement.models import Stakeholder

from .factories import StakeholderFactory

VALID = {
    "name": "Cllr Jo Bell",
    "kind": "person",
    "role": "Cabinet member for adult care",
    "organisation_name": "South Tyneside Council",
    "organisation_type": "local_authority",
    "formal_authority": "high",
    "informal_influence": "medium",
    "engagement_current": "for",
    "engagement_desired": "with",
    "stance": "supporter",
    "interest": "Fewer delayed discharges",
    "last_contact": "03/02/2026",
    "notes": "Met at the January board.",
    "version": "0",
}


def _url(name: str, cast: Any, **kwargs: Any) -> str:
    return reverse(f"engagement:{name}", kwargs={"slug": cast.programme.slug, **kwargs})


def test_member_adds_a_stakeholder_and_sees_them_in_the_register(cast: Any, as_member: Any) -> None:
    response = as_member.post(_url("stakeholder_create", cast), {**VALID, "owner": cast.member.pk})
    stakeholder = Stakeholder.objects.get(programme=cast.programme)
    assert response.status_code == 302
    assert stakeholder.owner == cast.member
    page = as_member.get(_url("stakeholders", cast)).content.decode()
    assert "Cllr Jo Bell" in page and "South Tyneside Council" in page and "1 step to go" in page


def test_missing_name_and_future_contact_date_get_clear_messages(cast: Any, as_member: Any) -> None:
    response = as_member.post(
        _url("stakeholder_create", cast), {**VALID, "name": "", "last_contact": "01/01/2099"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Enter a name" in page
    assert "The date of last contact must be today or in the past" in page
    assert not Stakeholder.objects.exists()


def test_owner_must_be_a_member_of_the_programme(cast: Any, as_member: Any) -> None:
    response = as_member.post(_url("stakeholder_create", cast), {**VALID, "owner": cast.outsider.pk})
    assert "Choose a member of the programme to keep in touch with them" in response.content.decode()
    assert not Stakeholder.objects.exists()


def test_every_edit_is_kept_in_the_history_with_who_made_it(
    cast: Any, as_member: Any, as_convenor: Any
) -> None:
    as_member.post(_url("stakeholder_create", cast), VALID)
    stakeholder = Stakeholder.objects.get()
    as_convenor.post(
        _url("stakeholder_edit", cast, pk=stakeholder.pk),
        {**VALID, "engagement_current": "with", "version": stakeholder.version},
    )
    page = as_member.get(_url("stakeholder_detail", cast, pk=stakeholder.pk)).content.decode()
    assert stakeholder.history.count() == 2
    assert "Engagement now: FOR: change is done for them → WITH: change is done with them" in page
    assert "Test Convenor" in page and "Added to the register" in page


def test_an_edit_that_would_overwrite_a_newer_one_is_refused_with_409(
    cast: Any, as_member: Any, as_convenor: Any
) -> None:
    stakeholder = StakeholderFactory(programme=cast.programme, name="Dr Amira Khan")
    as_convenor.post(
        _url("stakeholder_edit", cast, pk=stakeholder.pk),
        {**VALID, "name": "Dr Amira Khan", "stance": "champion", "version": 1},
    )
    response = as_member.post(
        _url("stakeholder_edit", cast, pk=stakeholder.pk), {**VALID, "name": "Dr A. Khan", "version": 1}
    )
    page = response.content.decode()
    assert response.status_code == 409
    assert "Someone else changed this while you were editing" in page
    assert "Dr A. Khan" in page  # their own text is kept
    assert Stakeholder.objects.get().stance == "champion"


def test_deleting_moves_the_stakeholder_to_the_bin_where_a_convenor_can_restore_them(
    cast: Any, as_member: Any, as_convenor: Any
) -> None:
    stakeholder = StakeholderFactory(programme=cast.programme, name="Healthwatch lead")
    as_member.post(_url("stakeholder_delete", cast, pk=stakeholder.pk))
    assert ">Healthwatch lead</a>" not in as_member.get(_url("stakeholders", cast)).content.decode()
    assert BIN_REGISTRY["stakeholder"] is Stakeholder
    bin_page = as_convenor.get(
        reverse("programmes:bin", kwargs={"slug": cast.programme.slug})
    ).content.decode()
    assert "Stakeholder: Healthwatch lead" in bin_page


def test_editing_a_stakeholder_binned_meanwhile_keeps_the_persons_text(cast: Any, as_member: Any) -> None:
    stakeholder = StakeholderFactory(programme=cast.programme)
    as_member.post(_url("stakeholder_delete", cast, pk=stakeholder.pk))
    response = as_member.post(
        _url("stakeholder_edit", cast, pk=stakeholder.pk), {**VALID, "name": "My careful edit", "version": 1}
    )
    assert response.status_code == 409
    assert "My careful edit" in response.content.decode()


def test_a_stakeholder_in_another_programme_is_not_found(cast: Any, as_member: Any) -> None:
    elsewhere = StakeholderFactory(programme=cast.other_programme)
    assert as_member.get(_url("stakeholder_detail", cast, pk=elsewhere.pk)).status_code == 404


def test_the_map_places_each_stakeholder_in_their_cell_as_a_link(cast: Any, as_viewer: Any) -> None:
    StakeholderFactory(
        programme=cast.programme, name="Ward sister", formal_authority="none", informal_influence="high"
    )
    StakeholderFactory(
        programme=cast.programme, name="Chief executive", formal_authority="high", informal_influence="low"
    )
    page = as_viewer.get(_url("map", cast)).content.decode()
    ward_cell = page.split("engagement-map__cell--none-high")[1].split("</td>")[0]
    chief_cell = page.split("engagement-map__cell--high-low")[1].split("</td>")[0]
    assert "Ward sister" in ward_cell and "Informal influencers" in ward_cell
    assert "Chief executive" in chief_cell
    assert "Move" not in ward_cell  # viewers cannot move people


def test_moving_someone_on_the_map_is_a_plain_form(cast: Any, as_member: Any) -> None:
    stakeholder = StakeholderFactory(programme=cast.programme, name="Practice manager")
    response = as_member.post(
        _url("stakeholder_move", cast, pk=stakeholder.pk),
        {"formal_authority": "some", "informal_influence": "high", "version": 1},
    )
    stakeholder.refresh_from_db()
    assert response.status_code == 302
    assert (stakeholder.formal_authority, stakeholder.informal_influence) == ("some", "high")
    page = as_member.get(_url("map", cast)).content.decode()
    assert "Practice manager" in page.split("engagement-map__cell--some-high")[1].split("</td>")[0]


def test_a_stale_move_is_refused(cast: Any, as_member: Any) -> None:
    stakeholder = StakeholderFactory(programme=cast.programme, version=3)
    response = as_member.post(
        _url("stakeholder_move", cast, pk=stakeholder.pk),
        {"formal_authority": "high", "informal_influence": "high", "version": 1},
    )
    assert response.status_code == 409
    assert Stakeholder.objects.get().formal_authority == "none"


def test_register_and_map_pages_use_a_fixed_number_of_queries(
    cast: Any, as_member: Any, django_assert_max_num_queries: Any
) -> None:
    StakeholderFactory.create_batch(30, programme=cast.programme, owner=cast.member)
    for name in ("stakeholders", "map", "critical_mass", "movement"):
        with django_assert_max_num_queries(12):
            assert as_member.get(_url(name, cast)).status_code == 200


def test_the_stakeholder_page_says_authority_and_influence_in_plain_words(
    cast: Any, as_member: Any, as_convenor: Any
) -> None:
    as_member.post(_url("stakeholder_create", cast), {**VALID, "formal_authority": "none"})
    stakeholder = Stakeholder.objects.get()
    as_convenor.post(
        _url("stakeholder_edit", cast, pk=stakeholder.pk),
        {**VALID, "formal_authority": "some", "version": stakeholder.version},
    )
    page = as_member.get(_url("stakeholder_detail", cast, pk=stakeholder.pk)).content.decode()
    assert "No formal role in the programme → Some say through their position" in page
    assert "Some colleagues look to them" in page
    assert "formal authority none" not in page.lower() and "Formal authority" not in page


def test_a_stakeholder_email_is_checked_kept_from_viewers_and_gets_a_pulse_link(
    cast: Any, as_member: Any, as_viewer: Any
) -> None:
    from mobilise.pulse import services as pulse_services

    bad = as_member.post(_url("stakeholder_create", cast), {**VALID, "email": "not an address"})
    assert "Enter an email address like name@example.nhs.uk" in bad.content.decode()
    as_member.post(_url("stakeholder_create", cast), {**VALID, "email": "Jo.Bell@Council.example"})
    stakeholder = Stakeholder.objects.get()
    assert (
        "Jo.Bell@Council.example"
        in as_member.get(_url("stakeholder_detail", cast, pk=stakeholder.pk)).content.decode()
    )
    assert (
        "Council.example"
        not in as_viewer.get(_url("stakeholder_detail", cast, pk=stakeholder.pk)).content.decode()
    )
    assert "jo.bell@council.example" in pulse_services.recipients(cast.programme)
