"""The results of a survey: named for convenors and facilitators, anonymised for every member."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST
from markupsafe import Markup

from mobilise.core.spreadsheets import csv_response
from mobilise.programmes.access import programme_view
from mobilise.programmes.models import Programme
from mobilise.programmes.roles import VIEW, VIEW_NAMED

from .. import reads
from ..models import IntroductionChoice
from ..results import cached_results, people_sheet
from ..services import analyses as services
from .common import page


def _results_page(request: HttpRequest, programme: Programme, pk: int, *, named: bool) -> HttpResponse:
    survey = reads.get_survey_or_404(programme, pk)
    analysis = reads.latest_finished_analysis(survey)
    # The table of everyone is rendered on its own, outside the layout's nested blocks, and both are
    # kept for the next viewer (engagement/results.py).
    results, rows = cached_results(analysis, named=named) if analysis else (None, "")
    return page(
        request,
        "results.jinja",
        programme,
        {
            "survey": survey,
            "results": results,
            "people_rows": Markup(rows),
            "named": named,
            "can_see_names": request.user.has_perm(VIEW_NAMED, programme),
            "latest": reads.latest_analysis(survey),
        },
    )


@require_GET
@programme_view(VIEW_NAMED)
def survey_results(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    return _results_page(request, programme, pk, named=True)


@require_GET
@programme_view(VIEW)
def survey_picture(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    return _results_page(request, programme, pk, named=False)


def _people_csv(programme: Programme, pk: int, *, named: bool) -> HttpResponse:
    survey = reads.get_survey_or_404(programme, pk)
    analysis = reads.latest_finished_analysis(survey)
    rows = people_sheet(analysis, named=named) if analysis else None
    if rows is None:
        raise Http404("There is no table of people for this survey")
    kind = "with-names" if named else "without-names"
    return csv_response(f"network-{survey.pk}-people-{kind}.csv", rows[0], rows[1:])


@require_GET
@programme_view(VIEW_NAMED)
def survey_results_csv(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    """The table of everyone, with names, to sort and follow up in a spreadsheet."""
    return _people_csv(programme, pk, named=True)


@require_GET
@programme_view(VIEW)
def survey_picture_csv(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    """The table of everyone by number, as the page shows it to every member."""
    return _people_csv(programme, pk, named=False)


@require_POST
@programme_view(VIEW_NAMED)
def introduction_decide(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    survey = reads.get_survey_or_404(programme, pk)
    analysis = reads.latest_finished_analysis(survey)
    decision = request.POST.get("decision", "")
    first, second = request.POST.get("first", ""), request.POST.get("second", "")
    suggested = (
        {frozenset(i["pair"]) for i in ((analysis.result or {}).get("suggested_introductions") or [])}
        if analysis
        else set()
    )
    url = (
        reverse("engagement:survey_results", kwargs={"slug": programme.slug, "pk": survey.pk})
        + "#introductions"
    )
    if decision not in IntroductionChoice.values or frozenset((first, second)) not in suggested:
        messages.error(request, "Choose an introduction from the list, then confirm or dismiss it")
        return redirect(url)
    try:
        services.introduction_decide(
            survey=survey, first_key=first, second_key=second, decision=decision, user=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            "Introduction confirmed: worth making."
            if decision == IntroductionChoice.CONFIRMED
            else "Introduction dismissed for now.",
        )
    return redirect(url)
