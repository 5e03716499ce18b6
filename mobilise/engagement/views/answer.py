"""Answering a survey: signed in from inside the programme, or through a single-use link.

The link route sits outside the programme and does not ask people to sign in: many of the
people whose relationships matter (partners, patients, volunteers) have no Mobilise account.
The signed token names one respondent; a bad, changed or revoked token gives 404, and once the
answers are sent the link is refused (410).
"""

from __future__ import annotations

import contextlib
from typing import Any
from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from mobilise.programmes.access import programme_view
from mobilise.programmes.models import Programme
from mobilise.programmes.roles import VIEW

from .. import answering, reads
from ..forms.surveys import AnswerForm, ConsentForm
from ..models import Respondent, Survey
from ..services import answering as services


def _render(request: HttpRequest, context: dict[str, Any], status: int = 200) -> HttpResponse:
    return render(request, "engagement/answer.jinja", context, status=status)


def _go(url: str, step: int) -> HttpResponse:
    return redirect(f"{url}?{urlencode({'step': step})}")


def _flow(
    request: HttpRequest,
    survey: Survey,
    respondent: Respondent | None,
    *,
    url: str,
    via_link: bool,
    programme: Programme | None = None,
) -> HttpResponse:
    questions = list(survey.questions.order_by("position"))
    base: dict[str, Any] = {
        "survey": survey,
        "respondent": respondent,
        "action_url": url,
        "via_link": via_link,
        "programme": programme,
        "questions": questions,
    }
    if via_link and respondent is not None and respondent.submitted_at is not None:
        if request.method == "POST" and request.POST.get("step") == str(len(questions) + 1):
            # A replayed "send" (a double click, a resent request) gets the same answer as the first.
            return _render(request, {**base, "state": "thanks"})
        return _render(request, {**base, "state": "used"}, status=410)
    if not survey.is_open_on():
        return _render(
            request,
            {**base, "state": "closed", "opens_later": survey.opens_on > timezone.localdate()},
            status=200 if request.method == "GET" else 400,
        )
    if respondent is not None and respondent.submitted_at is not None and request.GET.get("sent"):
        return _render(request, {**base, "state": "sent"})
    step = answering.step_for(respondent, request.POST.get("step") or request.GET.get("step"), len(questions))
    base["step"] = step
    try:
        if step.is_consent:
            return _consent(request, survey, respondent, base, url=url, via_link=via_link)
        assert respondent is not None
        if step.is_check:
            return _check(request, respondent, base, url=url, via_link=via_link)
        return _question(
            request, survey, respondent, questions[step.question_index], base, url=url, via_link=via_link
        )
    except services.AlreadySent:
        return _render(request, {**base, "state": "used"}, status=410)


def _consent(
    request: HttpRequest,
    survey: Survey,
    respondent: Respondent | None,
    base: dict[str, Any],
    *,
    url: str,
    via_link: bool,
) -> HttpResponse:
    form = ConsentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if respondent is None:
            respondent = services.respondent_join(survey=survey, user=request.user)
            if respondent is None:
                raise Http404("You are not on the list for this survey")
        services.answer_consent(respondent=respondent, via_link=via_link)
        return _go(url, 1)
    return _render(request, {**base, "state": "consent", "form": form})


def _question(
    request: HttpRequest,
    survey: Survey,
    respondent: Respondent,
    question: Any,
    base: dict[str, Any],
    *,
    url: str,
    via_link: bool,
) -> HttpResponse:
    step = base["step"]
    if request.method == "POST":
        valid = list(answering.offered(survey, respondent.entry).values_list("pk", "name"))
        form = AnswerForm(request.POST, choices=valid)
        if form.is_valid():
            try:
                services.answer_save(
                    respondent=respondent,
                    question=question,
                    chosen=set(form.cleaned_data["chosen"]),
                    typed_names=form.typed(),
                    via_link=via_link,
                )
            except ValidationError as error:
                form.add_error("typed_names", error)
            else:
                action = request.POST.get("action")
                if action == "back":
                    return _go(url, step.number - 1) if step.number > 1 else _go(url, 1)
                if action != "find":
                    return _go(url, step.number + 1)
    find = request.POST.get("find", "") if request.method == "POST" else request.GET.get("find", "")
    chosen = answering.chosen_entries(respondent, question)
    listed, searched = answering.listed_entries(survey, respondent.entry, find)
    chosen_ids = {e.pk for e in chosen}
    shown = chosen + [e for e in listed if e.pk not in chosen_ids]
    if request.method != "POST" or form.is_valid():
        form = AnswerForm(
            initial={"chosen": sorted(chosen_ids), "find": find}, choices=[(e.pk, e.name) for e in shown]
        )
    return _render(
        request,
        {
            **base,
            "state": "question",
            "question": question,
            "form": form,
            "shown": shown,
            "chosen_ids": chosen_ids,
            "searched": searched,
            "find": find,
            "listing_all": not searched and bool(listed),
        },
    )


def _check(
    request: HttpRequest, respondent: Respondent, base: dict[str, Any], *, url: str, via_link: bool
) -> HttpResponse:
    if request.method == "POST":
        # A send replayed while the first was being saved finds it sent: the same outcome.
        with contextlib.suppress(services.AlreadySent):
            services.answer_send(respondent=respondent, via_link=via_link)
        if via_link:
            return _render(request, {**base, "state": "thanks"})
        return redirect(f"{url}?sent=1")
    return _render(
        request,
        {**base, "state": "check", "answers": answering.answers_by_question(respondent, base["questions"])},
    )


@require_http_methods(["GET", "POST"])
@programme_view(VIEW)
def survey_answer(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    survey = reads.get_survey_or_404(programme, pk)
    if survey.is_imported:
        raise Http404("This network was imported, so there is nothing to answer")
    respondent = reads.respondent_for_user(survey, request.user)
    url = reverse("engagement:survey_answer", kwargs={"slug": programme.slug, "pk": survey.pk})
    return _flow(request, survey, respondent, url=url, via_link=False, programme=programme)


@require_http_methods(["GET", "POST"])
def survey_link(request: HttpRequest, token: str) -> HttpResponse:
    respondent = services.respondent_for_token(token)
    if respondent is None or respondent.survey.is_imported:
        raise Http404("This link is not valid")
    url = reverse("engagement:survey_link", kwargs={"token": token})
    return _flow(request, respondent.survey, respondent, url=url, via_link=True)
