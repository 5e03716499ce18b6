"""Audience words: contributors write them, any member chooses whose words they see."""

from __future__ import annotations

import re

from django.urls import reverse

from mobilise.workspace import vocabulary_services
from mobilise.workspace.models import Audience, AudienceChoice, Term


def text_of(response):
    return re.sub(r"\s+", " ", response.content.decode())


def url(cast, name, **kwargs):
    return reverse(f"workspace:{name}", kwargs={"slug": cast.programme.slug, **kwargs})


def make_audience(programme, name="Clinicians", by=None, **terms):
    by = by or programme.memberships.first().user
    audience = vocabulary_services.audience_create(programme=programme, name=name, by=by)
    vocabulary_services.audience_update(audience=audience, name=name, terms=terms, by=by)
    return audience


def test_choosing_an_audience_renames_things_everywhere_for_that_member_only(cast, as_member):
    response = as_member.post(url(cast, "audience_create"), {"name": "Clinicians"})
    audience = Audience.objects.get(programme=cast.programme, name="Clinicians")
    assert response["Location"] == url(cast, "audience_edit", pk=audience.pk)
    response = as_member.post(
        url(cast, "audience_edit", pk=audience.pk),
        {
            "name": "Clinicians",
            "term_leadership": "Who leads the change",
            "term_purpose": "Why we are doing this",
            "term_tension": "pull",
        },
    )
    assert response.status_code == 302

    assert "Who leads the change" not in text_of(as_member.get(url(cast, "alignment")))
    as_member.post(url(cast, "vocabulary_choose"), {"audience": str(audience.pk)})

    grid = text_of(as_member.get(url(cast, "alignment")))
    assert "and Who leads the change: " in grid
    assert "Leadership for change" not in grid
    assert "Nothing recorded yet." in grid
    # The programme menu, on any page, uses the audience's words too.
    menu = text_of(as_member.get(url(cast, "vocabulary")))
    assert 'aria-current="page">Audience words' in menu
    assert ">Why we are doing this</a>" in menu
    assert "Showing the words for <strong>Clinicians</strong>" in menu

    facilitator = cast.client_for("facilitator")
    other = text_of(facilitator.get(url(cast, "alignment")))
    assert "and Leadership for change: " in other
    assert "Who leads the change" not in other
    assert ">Our shared purpose</a>" in text_of(facilitator.get(url(cast, "vocabulary")))


def test_switching_back_to_plain_english(cast, as_member):
    audience = make_audience(cast.programme, leadership="Who leads the change")
    as_member.post(url(cast, "vocabulary_choose"), {"audience": str(audience.pk)})
    response = as_member.post(url(cast, "vocabulary_choose"), {"audience": ""})
    assert response.status_code == 302
    assert not AudienceChoice.objects.filter(user=cast.member).exists()
    assert "and Leadership for change: " in text_of(as_member.get(url(cast, "alignment")))


def test_a_viewer_may_choose_words_for_themselves_but_not_write_them(cast, as_viewer):
    audience = make_audience(cast.programme, leadership="Who leads the change")
    response = as_viewer.post(url(cast, "vocabulary_choose"), {"audience": str(audience.pk)})
    assert response.status_code == 302
    assert AudienceChoice.objects.get(user=cast.viewer).audience == audience
    assert as_viewer.post(url(cast, "audience_create"), {"name": "Board"}).status_code == 403
    edit = as_viewer.post(url(cast, "audience_edit", pk=audience.pk), {"name": "Changed"})
    assert edit.status_code == 403
    assert not Audience.objects.filter(name__in=["Board", "Changed"]).exists()
    page = text_of(as_viewer.get(url(cast, "vocabulary")))
    assert "Add an audience" not in page
    assert "Change the words" not in page


def test_another_programmes_audience_cannot_be_chosen(cast, as_member):
    theirs = make_audience(cast.other_programme, name="Their board")
    response = as_member.post(url(cast, "vocabulary_choose"), {"audience": str(theirs.pk)})
    assert response.status_code == 200
    assert "Choose plain English or one of the audiences" in text_of(response)
    assert not AudienceChoice.objects.filter(user=cast.member).exists()
    assert as_member.get(url(cast, "audience_edit", pk=theirs.pk)).status_code == 404


def test_over_long_words_get_a_clear_message_and_nothing_is_saved(cast, as_member):
    audience = make_audience(cast.programme)
    response = as_member.post(
        url(cast, "audience_edit", pk=audience.pk),
        {"name": "Clinicians", "term_measurement": "x" * 121, "term_spread": "Copying what works"},
    )
    page = text_of(response)
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "The words for “Transparent measurement” must be 120 characters or fewer" in page
    assert not Term.objects.filter(audience=audience).exists()


def test_a_blank_box_goes_back_to_plain_english(cast, as_member):
    audience = make_audience(cast.programme, leadership="Who leads the change", spread="Copying what works")
    edit_page = text_of(as_member.get(url(cast, "audience_edit", pk=audience.pk)))
    assert 'value="Who leads the change"' in edit_page
    as_member.post(
        url(cast, "audience_edit", pk=audience.pk),
        {"name": "Clinicians", "term_spread": "Copying what works"},
    )
    assert dict(audience.terms.values_list("key", "text")) == {"spread": "Copying what works"}
    assert Term.history.filter(key="leadership", history_type="-").first().history_user == cast.member


def test_audience_needs_a_name_that_is_not_already_used(cast, as_member):
    make_audience(cast.programme, name="Board")
    blank = as_member.post(url(cast, "audience_create"), {"name": " "})
    assert "Enter a name for the audience" in text_of(blank)
    response = as_member.post(url(cast, "audience_create"), {"name": "board"})
    assert "There is already an audience called board" in text_of(response)
    assert Audience.objects.filter(programme=cast.programme).count() == 1


def test_deleting_an_audience_bins_it_and_its_choosers_see_plain_english(cast, as_member):
    audience = make_audience(cast.programme, leadership="Who leads the change")
    as_member.post(url(cast, "vocabulary_choose"), {"audience": str(audience.pk)})
    confirm = as_member.get(url(cast, "audience_delete", pk=audience.pk))
    assert "Delete the words for Clinicians?" in text_of(confirm)
    response = as_member.post(url(cast, "audience_delete", pk=audience.pk))
    assert response.status_code == 302
    assert Audience.all_objects.get(pk=audience.pk).deleted_by == cast.member
    page = text_of(as_member.get(url(cast, "alignment")))
    assert "and Leadership for change: " in page
    words_page = text_of(as_member.get(url(cast, "vocabulary")))
    assert "<h3>Clinicians</h3>" not in words_page
    assert "You are seeing plain English" in words_page


def test_a_convenor_can_restore_a_deleted_audience_with_its_words(cast, as_convenor):
    audience = make_audience(cast.programme, leadership="Who leads the change")
    vocabulary_services.audience_delete(audience=audience, by=cast.member)
    as_convenor.post(
        reverse(
            "programmes:bin_restore",
            kwargs={"slug": cast.programme.slug, "kind": "audience", "pk": audience.pk},
        )
    )
    assert "Who leads the change" in text_of(as_convenor.get(url(cast, "vocabulary")))


def test_words_page_lists_audiences_with_bounded_queries(cast, as_member, django_assert_max_num_queries):
    make_audience(cast.programme, name="Board", purpose="Our ambition")
    with django_assert_max_num_queries(12) as few:
        as_member.get(url(cast, "vocabulary"))
    for name in ("Clinicians", "Public", "Councillors"):
        make_audience(cast.programme, name=name, purpose=f"Purpose for {name}", leadership="Leads")
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = text_of(as_member.get(url(cast, "vocabulary")))
    assert "Purpose for Councillors" in page
    assert "Our ambition" in page
