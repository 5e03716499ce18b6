"""Setting up relationship surveys, following responses, importing edge lists and starting analyses."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from mobilise.core.concurrency import EditConflict
from mobilise.core.spreadsheets import csv_response
from mobilise.programmes.access import programme_view
from mobilise.programmes.models import Programme
from mobilise.programmes.roles import RUN_SURVEYS, VIEW, VIEW_NAMED

from .. import reads
from ..edge_list import read_edge_list
from ..forms.surveys import DEFAULT_CONSENT, DEFAULT_QUESTIONS, ImportForm, SurveyForm
from ..models import Survey
from ..rates import rates_by_organisation, response_rate, with_rates
from ..replays import form_key_for, posted_key
from ..services import analyses as analysis_services
from ..services import sending
from ..services import surveys as services
from ..services.answering import link_token
from ..services.imports import ImportRefused, network_import
from .common import page

CONFLICT_MESSAGE = (
    "Someone else changed this survey while you were editing. Your changes are below. "
    "Check the survey page to see theirs, then save again if you want yours to replace them."
)


def _survey_url(programme: Programme, survey: Survey) -> str:
    return reverse("engagement:survey_detail", kwargs={"slug": programme.slug, "pk": survey.pk})


def _flags(request: HttpRequest, programme: Programme) -> dict[str, bool]:
    return {
        "can_run": request.user.has_perm(RUN_SURVEYS, programme),
        "can_see_names": request.user.has_perm(VIEW_NAMED, programme),
    }


@require_GET
@programme_view(VIEW)
def surveys(request: HttpRequest, programme: Programme) -> HttpResponse:
    listed = list(with_rates(reads.surveys_in(programme)))
    return page(
        request,
        "surveys.jinja",
        programme,
        {
            "surveys": [(s, response_rate(s) if not s.is_imported else None) for s in listed],
            "today": timezone.localdate(),
            **_flags(request, programme),
        },
    )


@require_GET
@programme_view(VIEW)
def survey_detail(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    survey = reads.get_survey_or_404(programme, pk)
    mine = reads.respondent_for_user(survey, request.user)
    return page(
        request,
        "survey_detail.jinja",
        programme,
        {
            "survey": survey,
            "questions": list(survey.questions.order_by("position")),
            "mine": mine,
            "rate": response_rate(survey),
            "by_organisation": rates_by_organisation(
                survey, named=request.user.has_perm(VIEW_NAMED, programme)
            ),
            "sending": reads.sending_summary(survey),
            "analysis": reads.latest_analysis(survey),
            "finished": reads.latest_finished_analysis(survey),
            **_flags(request, programme),
        },
    )


@require_GET
@programme_view(VIEW)
def survey_rate(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    """The live response rate, as a fragment the survey page refreshes every few seconds."""
    survey = reads.get_survey_or_404(programme, pk)
    return page(
        request,
        "partials/rate.jinja",
        programme,
        {
            "survey": survey,
            "rate": response_rate(survey),
            "by_organisation": rates_by_organisation(
                survey, named=request.user.has_perm(VIEW_NAMED, programme)
            ),
            **_flags(request, programme),
        },
    )


def _survey_form_page(
    request: HttpRequest,
    programme: Programme,
    form: SurveyForm,
    survey: Survey | None,
    version: int,
    *,
    status: int = 200,
    problem: str = "",
) -> HttpResponse:
    return page(
        request,
        "survey_form.jinja",
        programme,
        {
            "form": form,
            "survey": survey,
            "version": version,
            "problem": problem,
            "form_key": "" if survey else form_key_for(request),
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
@programme_view(RUN_SURVEYS)
def survey_create(request: HttpRequest, programme: Programme) -> HttpResponse:
    today = timezone.localdate()
    form = SurveyForm(
        request.POST or None,
        initial={
            "questions": DEFAULT_QUESTIONS,
            "consent_statement": DEFAULT_CONSENT,
            "opens_on": today.strftime("%d/%m/%Y"),
            "closes_on": (today + timedelta(days=21)).strftime("%d/%m/%Y"),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            survey = services.survey_create(
                programme=programme, data=form.data_object(), user=request.user, form_key=posted_key(request)
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Survey created. Send people the link to answer it.")
            return redirect(_survey_url(programme, survey))
    return _survey_form_page(request, programme, form, None, 0)


@require_http_methods(["GET", "POST"])
@programme_view(RUN_SURVEYS)
def survey_edit(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    survey = reads.get_survey_or_404(programme, pk)
    questions = "\n".join(q.text for q in survey.questions.order_by("position"))
    form = SurveyForm(
        request.POST or None,
        initial={
            "title": survey.title,
            "introduction": survey.introduction,
            "questions": questions,
            "consent_statement": survey.consent_statement,
            "opens_on": survey.opens_on.strftime("%d/%m/%Y"),
            "closes_on": survey.closes_on.strftime("%d/%m/%Y"),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.survey_update(
                survey=survey,
                data=form.data_object(),
                user=request.user,
                expected_version=form.cleaned_data["version"],
            )
        except EditConflict as conflict:
            return _survey_form_page(
                request,
                programme,
                form,
                survey,
                getattr(conflict.current, "version", 0),
                status=409,
                problem=CONFLICT_MESSAGE,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Survey saved.")
            return redirect(_survey_url(programme, survey))
    return _survey_form_page(request, programme, form, survey, survey.version)


@require_http_methods(["GET", "POST"])
@programme_view(RUN_SURVEYS)
def survey_delete(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    # A replayed "move to the bin" finds it already there and gets the same answer.
    survey = reads.get_survey_or_404(programme, pk, include_binned=request.method == "POST")
    if request.method == "POST":
        services.survey_bin(survey=survey, user=request.user)
        messages.success(
            request, f"“{survey.title}” moved to the bin. A convenor can restore it within 30 days."
        )
        return redirect("engagement:surveys", slug=programme.slug)
    return page(request, "survey_delete.jinja", programme, {"survey": survey})


@require_GET
@programme_view(RUN_SURVEYS)
def survey_links(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    """Single-use links for everyone on the roster, for people who answer without signing in."""
    survey = reads.get_survey_or_404(programme, pk)
    respondents = reads.respondents_with_entries(survey)
    rows = [
        (r, request.build_absolute_uri(reverse("engagement:survey_link", kwargs={"token": link_token(r)})))
        for r in respondents
    ]
    return page(request, "survey_links.jinja", programme, {"survey": survey, "rows": rows})


@require_http_methods(["GET", "POST"])
@programme_view(RUN_SURVEYS)
def network_import_view(request: HttpRequest, programme: Programme) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    errors: list[Any] = []
    if request.method == "POST" and form.is_valid():
        edge_list = read_edge_list(form.cleaned_data["file"].read())
        try:
            survey = network_import(
                programme=programme,
                title=form.cleaned_data["title"],
                edge_list=edge_list,
                user=request.user,
                form_key=posted_key(request),
            )
        except ImportRefused as refused:
            errors = refused.edge_list.errors
        else:
            messages.success(
                request, f"Imported {len(edge_list.ties):,} ties between {len(edge_list.names):,} people."
            )
            return redirect(_survey_url(programme, survey))
    return page(
        request,
        "network_import.jinja",
        programme,
        {"form": form, "errors": errors, "form_key": form_key_for(request)},
    )


@require_POST
@programme_view(VIEW_NAMED)
def survey_analyse(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    survey = reads.get_survey_or_404(programme, pk)
    try:
        analysis = analysis_services.analysis_start(survey=survey, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(_survey_url(programme, survey))
    return redirect("engagement:analysis_status", slug=programme.slug, pk=survey.pk, analysis=analysis.pk)


@require_GET
@programme_view(VIEW_NAMED)
def analysis_status(request: HttpRequest, programme: Programme, pk: int, analysis: int) -> HttpResponse:
    survey = reads.get_survey_or_404(programme, pk)
    found = reads.get_analysis_or_404(survey, analysis)
    template = "partials/progress.jinja" if request.headers.get("HX-Request") else "analysis_status.jinja"
    return page(request, template, programme, {"survey": survey, "analysis": found})


def _base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


@require_POST
@programme_view(RUN_SURVEYS)
def survey_send(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    """Email everyone on the roster their own link, in one step (sent by the background worker)."""
    survey = reads.get_survey_or_404(programme, pk)
    try:
        queued = sending.survey_send_to_roster(survey=survey, user=request.user, base_url=_base_url(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(_survey_url(programme, survey))
    if queued.emails:
        messages.success(request, f"The survey is on its way to {queued.emails:,} people by email.")
    else:
        messages.info(request, "Everyone with an email address has already been sent the survey.")
    if queued.without_email:
        messages.info(
            request,
            f"{queued.without_email:,} people on the list have no email address: download their links "
            "to hand out or send another way.",
        )
    return redirect(_survey_url(programme, survey))


@require_POST
@programme_view(RUN_SURVEYS)
def survey_remind(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    survey = reads.get_survey_or_404(programme, pk)
    try:
        count = sending.survey_remind(survey=survey, user=request.user, base_url=_base_url(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(_survey_url(programme, survey))
    if count:
        messages.success(request, f"A reminder is on its way to {count:,} people who have not answered.")
    else:
        messages.info(
            request,
            f"Nobody is due a reminder. Reminders go to people who have not answered "
            f"{settings.REMIND_AFTER_DAYS} days after being emailed, at most {settings.MAX_REMINDERS} times.",
        )
    return redirect(_survey_url(programme, survey))


@require_GET
@programme_view(RUN_SURVEYS)
def survey_links_csv(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    """Everyone's own link as a spreadsheet, for people without email (post, text, a printed card).

    Every cell goes through the spreadsheet-formula guard, the email too: an address may start
    with ``=`` or ``+``."""
    survey = reads.get_survey_or_404(programme, pk)
    rows = (
        (
            r.entry.name,
            r.entry.organisation_name,
            reads.email_of(r),
            "yes" if r.submitted_at else "no",
            request.build_absolute_uri(reverse("engagement:survey_link", kwargs={"token": link_token(r)})),
        )
        for r in reads.respondents_with_entries(survey, with_users=True)
    )
    return csv_response(
        f"survey-{survey.pk}-links.csv", ["name", "organisation", "email", "answered", "link"], rows
    )
