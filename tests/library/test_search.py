from __future__ import annotations

from django.urls import reverse

from mobilise.improvement.models import ChangeIdea, Driver, DriverDiagram
from mobilise.library import search
from mobilise.library.models import Copy, SearchEntry
from mobilise.measurement.models import Measure

from .helpers import MeasureFactory, entry_for, shared, small_diagram


def test_results_are_ranked_and_the_matching_words_highlighted(cast):
    MeasureFactory(programme=cast.programme, name="Bed days", definition="Falls are counted once a month.")
    MeasureFactory(programme=cast.programme, name="Falls per 1,000 bed days", definition="Falls on the ward.")
    found = search.search(cast.member, "falls")
    top = found.hits[0].title.replace("<mark>", "").replace("</mark>", "")
    assert top == "Falls per 1,000 bed days"
    assert "<mark>Falls</mark>" in found.hits[0].title
    assert "<mark>" in found.hits[1].snippet


def test_markup_in_items_is_escaped_in_snippets(cast):
    MeasureFactory(programme=cast.programme, name="<script>falls</script>", definition="<b>falls</b>")
    hit = search.search(cast.member, "falls").hits[0]
    assert "<script>" not in hit.title and "&lt;script&gt;" in hit.title


def test_filters_narrow_by_type_part_of_the_model_and_date(cast):
    MeasureFactory(programme=cast.programme, name="Falls measure", component="purpose")
    small_diagram(cast.programme)
    assert {h.kind for h in search.search(cast.member, "falls", search.Filters(kind="measure")).hits} == {
        "measure"
    }
    assert search.search(cast.member, "falls", search.Filters(component="purpose")).total == 1
    assert search.search(cast.member, "falls", search.Filters(topic="aim")).total == 1
    from datetime import date

    assert search.search(cast.member, "falls", search.Filters(since=date(2999, 1, 1))).total == 0


def test_filter_by_organisation_type_uses_the_programmes_partners(cast):
    from tests.factories import OrganisationFactory

    MeasureFactory(programme=cast.programme, name="Falls measure")
    assert search.search(cast.member, "falls", search.Filters(org_type="gp_practice")).total == 0
    cast.programme.partners.add(OrganisationFactory(type="gp_practice"))
    assert search.search(cast.member, "falls", search.Filters(org_type="gp_practice")).total == 1


def test_binned_work_leaves_the_index(cast):
    measure = MeasureFactory(programme=cast.programme, name="Falls measure")
    from mobilise.core.bin import move_to_bin

    move_to_bin(measure, by=cast.member)
    assert not SearchEntry.objects.filter(kind="measure", object_id=measure.pk).exists()


def test_a_facilitator_finds_a_shared_diagram_elsewhere_and_copies_it_with_attribution(cast, as_outsider):
    parts = small_diagram(cast.programme)
    entry = shared(parts.diagram, cast.convenor)
    page = as_outsider.get(reverse("library:search"), {"q": "falls home"}).content.decode()
    assert "Fewer falls at home" in page and "Copy to Another alliance" in page
    copy_url = reverse("library:copy", kwargs={"slug": cast.other_programme.slug, "pk": entry.pk})
    response = as_outsider.post(copy_url)
    assert response.status_code == 302
    copy = DriverDiagram.objects.get(programme=cast.other_programme)
    assert copy.title == "Fewer falls at home"
    assert Driver.objects.filter(diagram=copy).count() == 4
    assert set(ChangeIdea.objects.filter(diagram=copy).values_list("title", flat=True)) == {
        "Chair-based exercise at the library",
        "Pharmacist home visits",
        "Falls huddle each week",
    }
    assert Copy.objects.get(to_programme=cast.other_programme).source_programme_name == "Neighbourhood teams"
    assert (
        "Copied from Neighbourhood teams"
        in DriverDiagram.history.filter(id=copy.pk).first().history_change_reason
    )


def test_a_measure_definition_is_copied_without_its_data(cast, as_outsider):
    measure = MeasureFactory(
        programme=cast.programme, name="Falls per 1,000 bed days", definition="Falls / bed days"
    )
    entry = shared(measure)
    as_outsider.post(reverse("library:copy", kwargs={"slug": cast.other_programme.slug, "pk": entry.pk}))
    copy = Measure.objects.get(programme=cast.other_programme)
    assert copy.name == measure.name and "Definition from Neighbourhood teams" in copy.definition


def test_similar_work_elsewhere_names_people_who_chose_to_be_contacted(cast, as_outsider, as_member):
    theirs = MeasureFactory(
        programme=cast.programme, name="Falls huddle each week", definition="falls at home"
    )
    shared(theirs)
    as_member.post(
        reverse("library:contactable", kwargs={"slug": cast.programme.slug}), {"contactable": "yes"}
    )
    mine = MeasureFactory(
        programme=cast.other_programme, name="Weekly falls huddle", definition="falls at home"
    )
    page = as_outsider.get(
        reverse("library:similar", kwargs={"slug": cast.other_programme.slug, "pk": entry_for(mine).pk})
    ).content.decode()
    assert "Falls huddle each week" in page
    assert "member@example.nhs.uk" in page
    assert "convenor@example.nhs.uk" not in page


def test_search_page_answers_in_a_fixed_number_of_queries(cast, as_member, django_assert_max_num_queries):
    for n in range(30):
        MeasureFactory(programme=cast.programme, name=f"Falls measure {n}")
    with django_assert_max_num_queries(12):
        as_member.get(reverse("library:search"), {"q": "falls"})


def test_the_reindex_command_rebuilds_a_lost_index_and_keeps_sharing(cast):
    from io import StringIO

    from django.core.management import call_command

    measure = MeasureFactory(programme=cast.programme, name="Falls measure")
    shared(measure)
    SearchEntry.objects.filter(kind="measure").update(title="stale")
    out = StringIO()
    call_command("library_reindex", stdout=out)
    entry = entry_for(measure)
    assert entry.shared and "Indexed" in out.getvalue()
    assert search.search(cast.outsider, "falls").total == 1
