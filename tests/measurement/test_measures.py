"""Measures and their data: create, edit without lost updates, bin, points, annotations, phases."""

from __future__ import annotations

import csv
import io
from datetime import date

from django.urls import reverse

from mobilise.measurement import reads
from mobilise.measurement.models import Annotation, DataPoint, Measure, Phase

from .factories import AnnotationFactory, MeasureFactory, PhaseFactory, measure_with_points, monthly

STABLE = [20, 22, 19, 21, 20, 23, 18, 21, 22, 20, 19, 21, 20, 22, 21, 19, 20, 22, 21, 20]
NEW_MEASURE = {
    "name": "Days from referral to first visit",
    "type": "process",
    "unit": "days",
    "improvement": "decrease",
    "target": "5",
    "frequency": "week",
    "chart": "xmr",
    "data_owner": "Jarrow data team",
    "component": "measurement",
    "definition": "Working days.",
}


def _url(cast, name, measure=None, **kwargs):
    if measure is not None:
        kwargs["pk"] = measure.pk
    return reverse(f"measurement:{name}", kwargs={"slug": cast.programme.slug, **kwargs})


def test_a_member_adds_a_measure(cast, as_member):
    response = as_member.post(_url(cast, "measure_create"), NEW_MEASURE)
    measure = Measure.objects.get()
    assert response.status_code == 302 and response["Location"] == _url(cast, "measure", measure)
    assert (measure.programme, measure.target, measure.created_by) == (cast.programme, 5.0, cast.member)
    assert measure.history.get().history_user == cast.member
    page = as_member.get(response["Location"]).content.decode()
    assert "Measure added: Days from referral to first visit" in page and "No data yet" in page


def test_a_measure_needs_a_name_and_a_readable_target(cast, as_member):
    response = as_member.post(_url(cast, "measure_create"), {**NEW_MEASURE, "name": " ", "target": "lots"})
    page = response.content.decode()
    assert "There is a problem" in page and "Enter a measure name" in page and "This is not a number" in page
    response = as_member.post(_url(cast, "measure_create"), {**NEW_MEASURE, "name": "x" * 201})
    assert "Name must be 200 characters or fewer" in response.content.decode()
    assert not Measure.objects.exists()


def test_a_second_edit_from_an_old_version_is_refused_with_the_text_kept(cast, as_member, as_convenor):
    measure = MeasureFactory(programme=cast.programme, name="Falls")
    as_convenor.post(
        _url(cast, "measure_edit", measure), {**NEW_MEASURE, "name": "Falls (all wards)", "version": "1"}
    )
    response = as_member.post(
        _url(cast, "measure_edit", measure), {**NEW_MEASURE, "name": "Falls with harm", "version": "1"}
    )
    page = response.content.decode()
    assert response.status_code == 409
    assert "Someone else changed this measure while you were editing" in page
    assert 'value="Falls with harm"' in page and "Falls (all wards)" in page
    measure.refresh_from_db()
    assert measure.name == "Falls (all wards)" and measure.version == 2
    response = as_member.post(
        _url(cast, "measure_edit", measure), {**NEW_MEASURE, "name": "Falls with harm", "version": "2"}
    )
    measure.refresh_from_db()
    assert response.status_code == 302 and measure.name == "Falls with harm"


def test_a_binned_measure_disappears_and_a_convenor_can_restore_it(cast, as_member, as_convenor):
    measure = measure_with_points(STABLE, programme=cast.programme, name="Falls")
    response = as_member.post(_url(cast, "measure_delete", measure))
    assert response["Location"] == _url(cast, "dashboard")
    assert "Falls</a>" not in as_member.get(_url(cast, "dashboard")).content.decode()
    assert as_member.get(_url(cast, "measure", measure)).status_code == 404
    bin_page = as_convenor.get(
        reverse("programmes:bin", kwargs={"slug": cast.programme.slug})
    ).content.decode()
    assert "Measure: Falls" in bin_page
    as_convenor.post(
        reverse(
            "programmes:bin_restore",
            kwargs={"slug": cast.programme.slug, "kind": "measure", "pk": measure.pk},
        )
    )
    assert as_member.get(_url(cast, "measure", measure)).status_code == 200
    assert DataPoint.objects.filter(measure=measure).count() == len(STABLE)


def test_the_measure_page_shows_the_chart_sentence_icons_and_data_table(cast, as_viewer):
    measure = measure_with_points(
        [*STABLE[:13], 26, 27, 25, 26, 28, 27, 26],
        programme=cast.programme,
        name="Visits within 2 days",
        improvement="increase",
        unit="%",
        target=30,
    )
    AnnotationFactory(measure=measure, period=monthly(20)[13], text="Same-day triage started")
    page = as_viewer.get(_url(cast, "measure", measure)).content.decode()
    assert "Special cause improvement: the last 7 points are above the mean." in page
    assert "Special cause improvement: higher" in page and "Will consistently miss the target" in page
    assert "<svg" in page and 'role="img"' in page
    assert "1. February 2024: Same-day triage started" in page  # the marker's text equivalent
    assert 'class="nhsuk-details__summary-text">The data as a table' in page
    assert '<th scope="row">January 2023</th><td>20</td>' in page
    assert "Download the data as CSV" in page
    assert "Add a value" not in page and "Change<span" not in page  # a viewer reads only


def test_the_csv_download_has_centre_limits_and_point_types(cast, as_viewer):
    measure = measure_with_points(
        [*STABLE, 40], programme=cast.programme, name="Falls", improvement="increase"
    )
    AnnotationFactory(measure=measure, period=monthly(21)[-1], text='=HYPERLINK("x")')
    response = as_viewer.get(_url(cast, "measure_csv", measure))
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"] == 'attachment; filename="falls.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == [
        "period",
        "value",
        "numerator",
        "denominator",
        "centre",
        "lower_limit",
        "upper_limit",
        "point_type",
        "special_cause",
        "phase",
        "annotation",
    ]
    assert rows[1][:2] == ["2023-01-01", "20.0"] and rows[1][7] == "common_cause" and rows[1][9] == "1"
    assert rows[-1][7] == "special_cause_improvement" and rows[-1][8] == "above_ucl"
    assert rows[-1][10] == '\'=HYPERLINK("x")'  # a formula is written as text, not run by a spreadsheet
    assert float(rows[1][4]) == float(rows[-1][4])


def test_adding_a_value_then_correcting_it_keeps_the_old_one(cast, as_member):
    measure = MeasureFactory(programme=cast.programme, name="Falls")
    response = as_member.post(_url(cast, "point_add", measure), {"period": "15/03/2024", "value": "1,204"})
    point = DataPoint.objects.get()
    assert response.status_code == 302 and point.period == date(2024, 3, 1) and point.value == 1204
    page = as_member.post(
        _url(cast, "point_add", measure), {"period": "March 2024", "value": "3"}
    ).content.decode()
    assert "There is already a value for March 2024. Change that value instead" in page
    edit = _url(cast, "point_edit", measure, point_pk=point.pk)
    as_member.post(edit, {"value": "1,250", "reason": "Late returns from ward 4"})
    point.refresh_from_db()
    assert point.value == 1250
    page = as_member.get(edit).content.decode()
    assert "History of this value" in page and "Late returns from ward 4" in page and "1204" in page


def test_a_value_must_be_a_number_and_a_period_a_date(cast, as_member):
    measure = MeasureFactory(programme=cast.programme, name="Falls")
    page = as_member.post(
        _url(cast, "point_add", measure), {"period": "13/13/2024", "value": "many"}
    ).content.decode()
    assert "There is no month 13" in page and "This is not a number" in page
    assert not DataPoint.objects.exists()


def test_a_p_chart_point_needs_a_numerator_no_larger_than_its_denominator(cast, as_member):
    measure = MeasureFactory(programme=cast.programme, name="Screened", chart="p")
    page = as_member.post(
        _url(cast, "point_add", measure), {"period": "Jan 2024", "numerator": "12", "denominator": "10"}
    ).content.decode()
    assert "The numerator cannot be larger than the denominator" in page
    assert not DataPoint.objects.exists()


def test_annotations_are_added_to_the_chart_and_removed(cast, as_member):
    measure = measure_with_points(STABLE, programme=cast.programme, name="Falls")
    page = as_member.post(_url(cast, "annotation_add", measure), {"period": "", "text": ""}).content.decode()
    assert "Enter when it happened" in page and "Enter what happened" in page
    as_member.post(_url(cast, "annotation_add", measure), {"period": "04/03/2023", "text": "Huddles began"})
    note = Annotation.objects.get()
    assert (note.period, note.created_by) == (date(2023, 3, 4), cast.member)
    assert "Huddles began" in as_member.get(_url(cast, "measure", measure)).content.decode()
    as_member.post(_url(cast, "annotation_delete", measure, annotation_pk=note.pk))
    assert not Annotation.objects.exists() and Annotation.history.count() == 2


def test_rebasing_needs_a_reason_first(cast, as_member):
    measure = measure_with_points(
        [*STABLE, 30, 31, 29, 30, 32, 31, 30], programme=cast.programme, name="Falls"
    )
    start = monthly(27)[20]
    page = as_member.post(_url(cast, "phase_add", measure), {"starts": start.isoformat(), "reason": " "})
    assert "Explain why the process changed before you rebase" in page.content.decode()
    assert not Phase.objects.exists()
    as_member.post(
        _url(cast, "phase_add", measure),
        {"starts": start.isoformat(), "reason": "Same-day triage adopted at every site"},
    )
    phase = Phase.objects.get()
    assert (phase.starts, phase.created_by) == (start, cast.member)
    page = as_member.get(_url(cast, "measure", measure)).content.decode()
    assert ">Phase 2</text>" in page and "Same-day triage adopted at every site" in page
    assert "Common cause variation: no signals" in page  # the new phase has its own limits
    as_member.post(_url(cast, "phase_delete", measure, phase_pk=phase.pk))
    assert not Phase.objects.exists()


def test_the_baseline_can_be_fixed_to_the_first_points(cast, as_member):
    measure = measure_with_points(STABLE, programme=cast.programme, name="Falls")
    page = as_member.post(_url(cast, "baseline", measure), {"points": "50", "version": "1"}).content.decode()
    assert "The measure has only 20 points" in page
    response = as_member.post(_url(cast, "baseline", measure), {"points": "12", "version": "1"})
    measure.refresh_from_db()
    assert response.status_code == 302 and measure.baseline_points == 12 and measure.version == 2
    assert (
        "Fixed to the first 12 points of each phase"
        in as_member.get(_url(cast, "measure", measure)).content.decode()
    )
    response = as_member.post(_url(cast, "baseline", measure), {"points": "15", "version": "1"})
    assert response.status_code == 409


def test_a_viewer_cannot_change_data(cast, as_viewer):
    measure = measure_with_points(STABLE, programme=cast.programme, name="Falls")
    point = DataPoint.objects.filter(measure=measure).first()
    for response in (
        as_viewer.post(_url(cast, "point_add", measure), {"period": "Jan 2030", "value": "1"}),
        as_viewer.post(_url(cast, "point_edit", measure, point_pk=point.pk), {"value": "99"}),
        as_viewer.post(_url(cast, "annotation_add", measure), {"period": "Jan 2023", "text": "x"}),
        as_viewer.post(_url(cast, "measure_edit", measure), {**NEW_MEASURE, "version": "1"}),
        as_viewer.post(_url(cast, "measure_delete", measure)),
    ):
        assert response.status_code == 403
    point.refresh_from_db()
    assert point.value == 20 and not Annotation.objects.exists()


def test_points_of_a_measure_in_another_programme_are_not_found(cast, as_member):
    theirs = measure_with_points([1, 2, 3], programme=cast.other_programme, name="Theirs")
    point = DataPoint.objects.filter(measure=theirs).first()
    assert as_member.get(_url(cast, "measure", theirs)).status_code == 404
    assert (
        as_member.post(_url(cast, "point_edit", theirs, point_pk=point.pk), {"value": "9"}).status_code == 404
    )


def test_tests_of_change_appear_only_when_that_app_has_them(cast):
    measure = MeasureFactory(programme=cast.programme)
    assert reads.tests_of_change(measure) == []  # works whether or not the tests-of-change app has models yet


def test_aims_using_the_measure_are_listed(cast, as_member):
    from mobilise.improvement.models import DriverDiagram

    measure = measure_with_points(STABLE, programme=cast.programme, name="Falls")
    DriverDiagram.objects.create(
        programme=cast.programme,
        title="Fewer falls at home",
        aim_what="Falls",
        aim_how_much="a third fewer",
        measure=measure,
    )
    page = as_member.get(_url(cast, "measure", measure)).content.decode()
    assert "Aims that use this measure" in page and "Fewer falls at home" in page and "a third fewer" in page
    other = measure_with_points(STABLE, programme=cast.programme, name="Waits")
    assert "Aims that use this measure" not in as_member.get(_url(cast, "measure", other)).content.decode()


def test_phases_from_the_factory_show_their_reason(cast, as_viewer):
    measure = measure_with_points(STABLE, programme=cast.programme, name="Falls")
    PhaseFactory(measure=measure, starts=monthly(20)[10], reason="New falls pathway")
    assert "New falls pathway" in as_viewer.get(_url(cast, "measure", measure)).content.decode()


def test_tests_of_change_on_a_linked_change_idea_are_marked_on_the_chart(cast, as_member):
    from django.apps import apps

    try:
        test_model = apps.get_model("pdsa", "TestOfChange")
    except LookupError:
        return  # the tests-of-change app has no model yet: nothing to show, nothing to break
    from mobilise.improvement.models import ChangeIdea, DriverDiagram

    measure = measure_with_points(STABLE, programme=cast.programme, name="Falls")
    diagram = DriverDiagram.objects.create(programme=cast.programme, title="Fewer falls", aim_what="Falls")
    idea = ChangeIdea.objects.create(programme=cast.programme, diagram=diagram, title="Falls mats")
    idea.measures.add(measure)
    test_model.objects.create(
        programme=cast.programme,
        change_idea=idea,
        title="Mats on ward 4",
        planned_start=monthly(20)[5],
        tested_on=monthly(20)[5],
    )
    assert reads.tests_of_change(measure) == [(monthly(20)[5], "Test: Mats on ward 4")]
    page = as_member.get(_url(cast, "measure", measure)).content.decode()
    assert "June 2023: Test: Mats on ward 4" in page
