"""Pulse pages: results for everyone in the programme; setting up, waves, reminders and the
redaction queue for convenors and facilitators; the public single-use answer link."""

from __future__ import annotations

import csv
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from mobilise.core.concurrency import EditConflict
from mobilise.core.spreadsheets import neutralise
from mobilise.programmes.access import programme_view
from mobilise.programmes.models import Programme
from mobilise.programmes.roles import RUN_PULSES, VIEW

from . import reads, services
from . import results as rates
from .charts import agree_svg, trend_svg
from .forms import AnswerForm, PulseForm, QuestionForm, WaveForm
from .models import ORG_TYPES, ROLE_GROUPS, Kind
from .results import export_rows, fmt_mean, fmt_share, pulse_results
from .starter import SHORT_NAMES


def _posted(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


def _base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


@require_GET
@programme_view(VIEW)
def pulses(request: HttpRequest, programme: Programme) -> HttpResponse:
    found = reads.pulses_in(programme)
    return render(
        request,
        "pulse/pulses.jinja",
        {"programme": programme, "pulses": found, "can_run": request.user.has_perm(RUN_PULSES, programme)},
    )


@require_http_methods(["GET", "POST"])
@programme_view(RUN_PULSES)
def pulse_create(request: HttpRequest, programme: Programme) -> HttpResponse:
    form = PulseForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        pulse = services.pulse_create(
            programme=programme,
            name=form.cleaned_data["name"],
            cadence=form.cleaned_data["cadence"],
            threshold=form.cleaned_data["threshold"],
            user=request.user,
        )
        messages.success(
            request, "Pulse set up with the starter questions. Add your own, then send the first wave."
        )
        return redirect("pulse:manage", slug=programme.slug, pk=pulse.pk)
    return render(request, "pulse/pulse_form.jinja", {"programme": programme, "form": form, "pulse": None})


@require_http_methods(["GET", "POST"])
@programme_view(RUN_PULSES)
def pulse_edit(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    pulse = reads.get_pulse_or_404(programme, pk)
    initial = {
        "name": pulse.name,
        "cadence": pulse.cadence,
        "threshold": pulse.threshold,
        "version": pulse.version,
    }
    form = PulseForm(_posted(request), initial=initial, floor=pulse.threshold)
    problem = ""
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.pulse_edit(pulse=pulse, data=form.cleaned_data, user=request.user)
        except EditConflict:
            problem = (
                "Someone else changed this pulse while you were editing. "
                "Your changes are below: save again to keep them."
            )
            status = 409
            pulse.refresh_from_db()
        else:
            messages.success(request, "Pulse saved.")
            return redirect("pulse:manage", slug=programme.slug, pk=pulse.pk)
    return render(
        request,
        "pulse/pulse_form.jinja",
        {"programme": programme, "form": form, "pulse": pulse, "problem": problem, "version": pulse.version},
        status=status,
    )


@require_http_methods(["GET", "POST"])
@programme_view(RUN_PULSES)
def pulse_delete(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    pulse = reads.get_pulse_or_404(programme, pk)
    if request.method == "POST":
        services.pulse_delete(pulse=pulse, user=request.user)
        messages.success(request, f"“{pulse.name}” is in the bin. A convenor can restore it within 30 days.")
        return redirect("pulse:pulses", slug=programme.slug)
    return render(request, "pulse/delete.jinja", {"programme": programme, "pulse": pulse})


@require_GET
@programme_view(RUN_PULSES)
def manage(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    pulse = reads.get_pulse_or_404(programme, pk)
    waves = list(pulse.waves.order_by("-number"))
    rates = []
    for wave in waves:
        share = None
        if wave.invited:
            from mobilise.disclosure import Rules, rounded_share

            share = rounded_share(wave.answered, wave.invited, Rules(pulse.threshold))
        rates.append((wave, fmt_share(share), _rounded(wave.answered, pulse.threshold)))
    context = {
        "programme": programme,
        "pulse": pulse,
        "waves": waves,
        "sending": reads.sending_of(waves),
    }
    if request.headers.get("HX-Request"):
        # The progress of emails still going out, asked for again every few seconds until done.
        return render(request, "pulse/_sending.jinja", context)
    return render(
        request,
        "pulse/manage.jinja",
        {
            **context,
            "questions": list(pulse.questions.all()),
            "rates": rates,
            "question_form": QuestionForm(),
            "to_review": reads.comments_to_review(pulse),
            "short": SHORT_NAMES,
        },
    )


def _rounded(n: int, threshold: int) -> str:
    from mobilise.disclosure import Rules, protect_counts

    shown = protect_counts([n], Rules(threshold)).shown()[0]
    return f"fewer than {threshold}" if shown is None else f"{shown:,}"


@require_POST
@programme_view(RUN_PULSES)
def question_add(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    pulse = reads.get_pulse_or_404(programme, pk)
    form = QuestionForm(request.POST)
    if form.is_valid():
        services.question_add(
            pulse=pulse, text=form.cleaned_data["text"], kind=form.cleaned_data["kind"], user=request.user
        )
        messages.success(request, "Question added. Choose it when you send the next wave.")
        return redirect("pulse:manage", slug=programme.slug, pk=pulse.pk)
    return render(
        request,
        "pulse/question_form.jinja",
        {"programme": programme, "pulse": pulse, "form": form},
        status=400,
    )


@require_http_methods(["GET", "POST"])
@programme_view(RUN_PULSES)
def wave_create(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    pulse = reads.get_pulse_or_404(programme, pk)
    opens, closes = services.next_dates(pulse, timezone.localdate())
    initial = {
        "questions": [q.pk for q in pulse.questions.all() if q.asked_by_default],
        "opens_on": opens,
        "closes_on": closes,
    }
    form = WaveForm(_posted(request), pulse=pulse, initial=initial)
    problem, status = "", 200
    if request.method == "POST" and form.is_valid():
        try:
            sent = services.wave_open(
                pulse=pulse,
                questions=list(form.cleaned_data["questions"]),
                opens_on=form.cleaned_data["opens_on"],
                closes_on=form.cleaned_data["closes_on"],
                user=request.user,
                base_url=_base_url(request),
                version=form.cleaned_data.get("version"),
            )
        except EditConflict:
            problem = (
                "A wave was sent for this pulse from another tab or by someone else just now, "
                "so this one has not been sent. Check the waves before sending again."
            )
            status = 409
            pulse.refresh_from_db()
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                f"Wave {sent.wave.number} is on its way to {sent.wave.invited:,} people, each with their "
                "own link. The emails go out in the background: watch them go below.",
            )
            return redirect("pulse:manage", slug=programme.slug, pk=pulse.pk)
    return render(
        request,
        "pulse/wave_form.jinja",
        {
            "programme": programme,
            "pulse": pulse,
            "form": form,
            "recipients": len(services.recipients(programme)),
            "problem": problem,
            "version": pulse.version,
        },
        status=status,
    )


@require_POST
@programme_view(RUN_PULSES)
def wave_remind(request: HttpRequest, programme: Programme, pk: int, wave: int) -> HttpResponse:
    pulse = reads.get_pulse_or_404(programme, pk)
    found = reads.get_wave_or_404(pulse, wave)
    sent = services.wave_remind(wave=found, user=request.user, base_url=_base_url(request))
    if sent:
        messages.success(
            request,
            f"A reminder with a fresh link is on its way to {sent:,} people who have not answered yet.",
        )
    else:
        messages.info(
            request, "Nobody is waiting for a reminder: everyone has answered or is already queued."
        )
    return redirect("pulse:manage", slug=programme.slug, pk=pulse.pk)


@require_GET
@programme_view(VIEW)
def wave_rate(request: HttpRequest, programme: Programme, pk: int, wave: int) -> HttpResponse:
    """How many have answered a wave: a page that works without JavaScript, and the fragment the
    results page asks for again every 30 seconds while it is on screen."""
    pulse = reads.get_pulse_or_404(programme, pk)
    found = reads.get_wave_or_404(pulse, wave)
    context = {
        "programme": programme,
        "pulse": pulse,
        "wave": found,
        "rate": rates.wave_rate(found, pulse.threshold),
        "checked_at": timezone.now(),
    }
    template = "pulse/_rate.jinja" if request.headers.get("HX-Request") else "pulse/wave_rate.jinja"
    return render(request, template, context)


@require_GET
@programme_view(RUN_PULSES)
def comments(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    pulse = reads.get_pulse_or_404(programme, pk)
    rows = reads.comments_of(pulse)
    return render(
        request,
        "pulse/comments.jinja",
        {"programme": programme, "pulse": pulse, "rows": rows, "short": SHORT_NAMES},
    )


@require_POST
@programme_view(RUN_PULSES)
def comment_redact(request: HttpRequest, programme: Programme, pk: int, comment: int) -> HttpResponse:
    pulse = reads.get_pulse_or_404(programme, pk)
    found = reads.get_comment_or_404(pulse, comment)
    redact = request.POST.get("redact", "yes") != "no"
    services.comment_redact(comment=found, user=request.user, redacted=redact)
    messages.success(request, "Comment hidden from results." if redact else "Comment shown in results again.")
    return redirect("pulse:comments", slug=programme.slug, pk=pulse.pk)


def _filters(request: HttpRequest) -> tuple[str | None, str | None]:
    org = request.GET.get("org_type")
    role = request.GET.get("role_group")
    org_type = org if org is not None and org in dict(ORG_TYPES) and org != "all" else None
    role_group = role if role is not None and role in dict(ROLE_GROUPS) and role != "all" else None
    return org_type, role_group


@require_GET
@programme_view(VIEW)
def results(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    pulse = reads.get_pulse_or_404(programme, pk)
    org_type, role_group = _filters(request)
    found = pulse_results(pulse, org_type=org_type, role_group=role_group)
    charts = [(t, trend_svg(t), agree_svg(t)) for t in found.trends]
    today = timezone.localdate()
    live = next((w for w in reversed(found.waves) if w.opens_on <= today <= w.closes_on), None)
    return render(
        request,
        "pulse/results.jinja",
        {
            "programme": programme,
            "pulse": pulse,
            "results": found,
            "charts": charts,
            "org_type": org_type,
            "role_group": role_group,
            "org_types": ORG_TYPES[1:],
            "role_groups": ROLE_GROUPS[1:],
            "fmt_mean": fmt_mean,
            "fmt_share": fmt_share,
            "can_run": request.user.has_perm(RUN_PULSES, programme),
            "live_wave": live,
            "rate": rates.wave_rate(live, pulse.threshold) if live else None,
            "checked_at": timezone.now(),
        },
    )


@require_GET
@programme_view(VIEW)
def export(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    pulse = reads.get_pulse_or_404(programme, pk)
    org_type, role_group = _filters(request)
    found = pulse_results(pulse, org_type=org_type, role_group=role_group)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="pulse-{pulse.pk}.csv"'
    writer = csv.writer(response)
    if found.refusal and all(p.refused for t in found.trends for p in t.points):
        writer.writerow(["not shown", neutralise(found.refusal)])
        return response
    writer.writerows(export_rows(found))
    return response


# The public link ------------------------------------------------------------------------------


def _answer_page(request: HttpRequest, context: dict[str, Any], status: int = 200) -> HttpResponse:
    return render(request, "pulse/answer.jinja", context, status=status)


@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, token: str) -> HttpResponse:
    """A single-use link: no sign-in, no name. A bad link is 404; a used one says so plainly (410)."""
    invitation = services.invitation_for(token)
    if invitation is None:
        raise Http404("No such link")
    wave = invitation.wave
    pulse = wave.pulse
    base: dict[str, Any] = {"pulse": pulse, "wave": wave, "programme_name": pulse.programme.name}
    if invitation.used:
        return _answer_page(request, {**base, "state": "used"}, status=410)
    today = timezone.localdate()
    if not (wave.opens_on <= today <= wave.closes_on):
        return _answer_page(
            request, {**base, "state": "closed"}, status=200 if request.method == "GET" else 400
        )
    questions = list(services.wave_questions(wave).values())
    form = AnswerForm(_posted(request), questions=questions)
    if request.method == "POST" and form.is_valid():
        try:
            services.answer_submit(
                invitation=invitation,
                scores=form.scores(),
                texts=form.texts(),
                org_type=form.cleaned_data.get("org_type") or "",
                role_group=form.cleaned_data.get("role_group") or "",
                today=today,
            )
        except services.LinkUsed:
            return _answer_page(request, {**base, "state": "used"}, status=410)
        except services.WaveClosed:
            return _answer_page(request, {**base, "state": "closed"}, status=400)
        return _answer_page(request, {**base, "state": "thanks"})
    scale = [form[f"q{q.pk}"] for q in questions if q.kind == Kind.SCALE]
    texts = [form[f"q{q.pk}"] for q in questions if q.kind == Kind.TEXT]
    return _answer_page(
        request,
        {**base, "state": "form", "form": form, "scale": scale, "texts": texts},
        status=400 if request.method == "POST" else 200,
    )
