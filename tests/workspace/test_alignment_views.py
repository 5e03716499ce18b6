"""The alignment grid, pair pages and entries, as members, viewers and outsiders see them."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from mobilise.workspace import alignment_services
from mobilise.workspace.models import AlignmentEntry


def add_entry(
    programme,
    first="purpose",
    second="system_drivers",
    relationship="tension",
    status="open",
    description="Goodwill versus paying for activity counts.",
    action="",
    by=None,
):
    by = by or programme.memberships.first().user
    return alignment_services.alignment_entry_create(
        programme=programme,
        first=first,
        second=second,
        relationship=relationship,
        description=description,
        action=action,
        status=status,
        by=by,
    )


def grid_url(cast):
    return reverse("workspace:alignment", kwargs={"slug": cast.programme.slug})


def pair_url(cast, first, second):
    return reverse(
        "workspace:alignment_pair", kwargs={"slug": cast.programme.slug, "first": first, "second": second}
    )


def text_of(response):
    return re.sub(r"\s+", " ", response.content.decode())


def test_grid_summarises_pairs_considered_and_open_tensions_with_what_the_team_will_do(cast, as_viewer):
    add_entry(cast.programme, action="Agree targets with front-line staff.")
    add_entry(cast.programme, "engagement", "system_drivers")
    add_entry(cast.programme, "system_drivers", "engagement", status="settled")
    add_entry(cast.programme, "leadership", "spread", relationship="reinforcing")
    page = text_of(as_viewer.get(grid_url(cast)))
    assert "2 tensions are still open. Would it help to agree what to do about them?" in page
    assert "pairs considered" not in page
    assert "Agree targets with front-line staff." in page
    assert "Nothing agreed yet." in page


def test_grid_cells_say_the_state_in_words_and_symbols_and_link_to_the_pair(cast, as_member):
    add_entry(cast.programme, "leadership", "spread", relationship="reinforcing")
    add_entry(cast.programme, "delivery", "measurement", status="addressed")
    page = text_of(as_member.get(grid_url(cast)))
    link = pair_url(cast, "leadership", "spread")
    # The picture has each pair once; the table in words and the list of entries repeat it.
    assert page.count(f'href="{link}"') == 3
    assert 'aria-label="Leadership for change and Spread of innovation: Reinforcing"' in page
    assert 'aria-label="Rigorous delivery and Transparent measurement: Tension being addressed"' in page
    picture = page.split('<figure class="mobilise-grid-figure">', 1)[1].split("</figure>", 1)[0]
    assert picture.count("<rect ") == 28
    assert page.count(': Not yet considered"') == 26
    assert "Not yet considered" in page


def test_grid_is_a_picture_with_the_pairs_in_words_beside_it(cast, as_member):
    add_entry(cast.programme)
    page = text_of(as_member.get(grid_url(cast)))
    assert '<svg class="mobilise-grid-picture"' in page
    assert "The same pairs in words" in page
    assert "Pairs nobody has talked about yet" in page
    assert "polarity" in page
    assert 'id="all-entries"' in page


def test_grid_queries_do_not_grow_with_the_number_of_entries(cast, as_member, django_assert_max_num_queries):
    add_entry(cast.programme, by=cast.member)
    with django_assert_max_num_queries(10) as few:
        as_member.get(grid_url(cast))
    pairs = [("purpose", "leadership"), ("spread", "delivery"), ("measurement", "engagement")]
    for first, second in pairs * 5:
        add_entry(cast.programme, first, second, by=cast.facilitator)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = as_member.get(grid_url(cast))
    assert "16 tensions are still open." in text_of(response)


def test_the_grid_hides_another_programmes_entries(cast, as_member):
    add_entry(cast.other_programme)
    assert "Nothing recorded yet." in text_of(as_member.get(grid_url(cast)))


def test_pair_in_reverse_order_redirects_to_the_one_page_for_that_pair(cast, as_member):
    response = as_member.get(pair_url(cast, "system_drivers", "purpose"))
    assert response.status_code == 302
    assert response["Location"] == pair_url(cast, "purpose", "system_drivers")


@pytest.mark.parametrize(("first", "second"), [("purpose", "purpose"), ("purpose", "finance"), ("x", "y")])
def test_pair_page_for_no_real_pair_is_404(cast, as_member, first, second):
    assert as_member.get(pair_url(cast, first, second)).status_code == 404


def test_pair_page_lists_entries_and_offers_contributors_the_form(cast, as_member, as_viewer):
    add_entry(cast.programme, description="Targets pull against goodwill.")
    url = pair_url(cast, "purpose", "system_drivers")
    member_page = text_of(as_member.get(url))
    assert "<h1>Our shared purpose and System drivers</h1>" in member_page
    assert "Targets pull against goodwill." in member_page
    assert "Add what you have noticed" in member_page
    viewer_page = text_of(as_viewer.get(url))
    assert "Targets pull against goodwill." in viewer_page
    assert "Add what you have noticed" not in viewer_page


def test_member_adds_an_entry_stored_in_catalogue_order_with_who_did_it(cast, as_member):
    url = reverse(
        "workspace:alignment_create",
        kwargs={"slug": cast.programme.slug, "first": "engagement", "second": "system_drivers"},
    )
    response = as_member.post(
        url,
        {
            "relationship": "tension",
            "description": "Patients want time; tariff pays visits.",
            "action": "Ask commissioners about a year-of-care budget.",
            "status": "open",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == pair_url(cast, "system_drivers", "engagement")
    entry = AlignmentEntry.objects.get(programme=cast.programme)
    assert (entry.first, entry.second) == ("system_drivers", "engagement")
    assert entry.created_by == cast.member
    assert entry.history.first().history_user == cast.member
    page = text_of(as_member.get(grid_url(cast)))
    assert "One tension is still open." in page
    assert "Ask commissioners about a year-of-care budget." in page


def test_adding_without_a_description_or_relationship_says_what_to_enter(cast, as_member):
    url = reverse(
        "workspace:alignment_create",
        kwargs={"slug": cast.programme.slug, "first": "purpose", "second": "spread"},
    )
    response = as_member.post(url, {"relationship": "", "description": "", "status": "open"})
    page = text_of(response)
    assert response.status_code == 200
    assert "Describe how they interact" in page
    assert "Choose whether they reinforce each other or pull apart" in page
    assert not AlignmentEntry.objects.exists()


def test_viewer_cannot_add_an_entry(cast, as_viewer):
    url = reverse(
        "workspace:alignment_create",
        kwargs={"slug": cast.programme.slug, "first": "purpose", "second": "spread"},
    )
    response = as_viewer.post(url, {"relationship": "reinforcing", "description": "Helps.", "status": "open"})
    assert response.status_code == 403
    assert not AlignmentEntry.objects.exists()


def test_editing_saves_the_change_and_records_who_made_it(cast, as_facilitator_client):
    entry = add_entry(cast.programme, by=cast.member)
    url = reverse("workspace:alignment_edit", kwargs={"slug": cast.programme.slug, "pk": entry.pk})
    assert "Goodwill versus paying for activity counts." in text_of(as_facilitator_client.get(url))
    response = as_facilitator_client.post(
        url,
        {
            "relationship": "tension",
            "description": "Goodwill versus activity payments.",
            "action": "Pilot a shared outcome measure.",
            "status": "addressed",
            "version": entry.version,
        },
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.status == "addressed"
    assert entry.version == 2
    assert entry.history.first().history_user == cast.facilitator
    assert "Tension being addressed" in text_of(as_facilitator_client.get(grid_url(cast)))


def test_a_conflicting_edit_is_refused_and_the_persons_text_is_kept(cast, as_member):
    entry = add_entry(cast.programme, by=cast.member)
    url = reverse("workspace:alignment_edit", kwargs={"slug": cast.programme.slug, "pk": entry.pk})
    alignment_services.alignment_entry_update(
        entry=entry,
        expected_version=1,
        relationship="tension",
        description="Their newer words.",
        action="",
        status="open",
        by=cast.facilitator,
    )
    response = as_member.post(
        url,
        {
            "relationship": "tension",
            "description": "My careful words.",
            "action": "My plan.",
            "status": "settled",
            "version": 1,
        },
    )
    page = text_of(response)
    assert response.status_code == 409
    assert "Someone else changed this while you were editing" in page
    assert "My careful words." in page
    assert "Their newer words." in page
    assert '<input type="hidden" name="version" value="2">' in page
    entry.refresh_from_db()
    assert entry.description == "Their newer words."


def test_editing_an_entry_someone_binned_keeps_the_text_and_says_why(cast, as_member):
    entry = add_entry(cast.programme, by=cast.member)
    url = reverse("workspace:alignment_edit", kwargs={"slug": cast.programme.slug, "pk": entry.pk})
    alignment_services.alignment_entry_delete(entry=entry, by=cast.convenor)
    response = as_member.post(
        url, {"relationship": "tension", "description": "My careful words.", "status": "open", "version": 1}
    )
    assert response.status_code == 409
    assert "moved this entry to the bin" in text_of(response)
    assert "My careful words." in text_of(response)


def test_another_programmes_entry_is_404(cast, as_member):
    entry = add_entry(cast.other_programme)
    for name in ("workspace:alignment_edit", "workspace:alignment_delete"):
        response = as_member.get(reverse(name, kwargs={"slug": cast.programme.slug, "pk": entry.pk}))
        assert response.status_code == 404


def test_deleting_asks_first_then_moves_the_entry_to_the_bin(cast, as_member):
    entry = add_entry(cast.programme, description="Soon to go.")
    url = reverse("workspace:alignment_delete", kwargs={"slug": cast.programme.slug, "pk": entry.pk})
    assert "Delete this entry?" in text_of(as_member.get(url))
    response = as_member.post(url)
    assert response.status_code == 302
    binned = AlignmentEntry.all_objects.get(pk=entry.pk)
    assert binned.deleted_at is not None
    assert binned.deleted_by == cast.member
    page = text_of(as_member.get(grid_url(cast)))
    assert "Soon to go." not in page
    assert "Nothing recorded yet." in page


def test_a_convenor_can_restore_a_deleted_entry_from_the_bin(cast, as_convenor):
    entry = add_entry(cast.programme, description="Worth keeping after all.")
    alignment_services.alignment_entry_delete(entry=entry, by=cast.member)
    response = as_convenor.post(
        reverse(
            "programmes:bin_restore",
            kwargs={"slug": cast.programme.slug, "kind": "alignment", "pk": entry.pk},
        )
    )
    assert response.status_code == 302
    assert "Worth keeping after all." in text_of(as_convenor.get(grid_url(cast)))


@pytest.fixture
def as_facilitator_client(cast):
    return cast.client_for("facilitator")
