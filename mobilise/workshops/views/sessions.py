"""A programme's sessions: planning a series, recording each session, its actions, and its QR code."""

from __future__ import annotations

import io
from typing import Any

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from markupsafe import Markup

from mobilise.core.concurrency import EditConflict, form_for_second_save
from mobilise.programmes.access import programme_view
from mobilise.programmes.models import Programme
from mobilise.programmes.roles import EDIT, VIEW
from mobilise.workspace.models import COMPONENT_CHOICES

from .. import reads, services
from ..forms import ActionDoneForm, ActionForm, FeedbackLinkForm, SeriesForm, SessionForm
from ..models import Session
from ..results import trend_sentence
from ..themes import SMALL_SPACES

CONFLICT_MESSAGE = (
    "Someone else changed this session while you were editing. Your text is below. Check it against "
    "the session as it is now (open it in a new tab), then save again if you want yours to replace it."
)
COMPONENT_NAMES = dict(COMPONENT_CHOICES)


def posted(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


def feedback_url(request: HttpRequest, session: Session) -> str:
    return request.build_absolute_uri(reverse("workshops:feedback", kwargs={"token": session.feedback_token}))


def qr_svg(request: HttpRequest, session: Session, *, standalone: bool = False) -> str:
    """The feedback link as a QR code, drawn as SVG on the server (segno; nothing fetched)."""
    qr = segno.make(feedback_url(request, session), error="m")
    title = f"QR code for the feedback form on {session.title}"
    if standalone:
        buffer = io.BytesIO()
        qr.save(buffer, kind="svg", scale=8, title=title, border=4)
        return buffer.getvalue().decode()
    return str(qr.svg_inline(scale=5, title=title, svgclass="workshops-qr", border=4))


@require_GET
@login_required
def facilitator(request: HttpRequest) -> HttpResponse:
    page = reads.facilitator_page(request.user, timezone.localdate())
    return render(
        request,
        "workshops/facilitator.jinja",
        {
            "page": page,
            "page_title": "Your workshops",
            "today": timezone.localdate(),
            "trend": trend_sentence,
        },
    )


@require_GET
@programme_view(VIEW)
def overview(request: HttpRequest, programme: Programme) -> HttpResponse:
    sessions = reads.programme_sessions(programme)
    answers = reads.answers_by_session([s.pk for s in sessions])
    rows = reads.series_rows(sessions, answers)
    return render(
        request,
        "workshops/overview.jinja",
        {
            "programme": programme,
            "rows": rows,
            "evaluations": reads.evaluations_in(programme),
            "small_spaces": SMALL_SPACES,
            "trend": trend_sentence,
            "can_edit": request.user.has_perm(EDIT, programme),
            "today": timezone.localdate(),
        },
    )


@require_http_methods(["GET", "POST"])
@programme_view(EDIT)
def series_new(request: HttpRequest, programme: Programme) -> HttpResponse:
    form = SeriesForm(posted(request), programme=programme)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            series = services.series_plan(
                programme=programme,
                title=data["title"],
                themes=data["themes"],
                first_on=data["first_on"],
                weeks_between=data["weeks_between"],
                place=data["place"],
                user=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, f"{series.sessions.count()} sessions planned. Change any of them as you go."
            )
            return redirect("workshops:series", slug=programme.slug, pk=series.pk)
    return render(request, "workshops/series_form.jinja", {"programme": programme, "form": form})


@require_GET
@programme_view(VIEW)
def series_detail(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    series = reads.get_series_or_404(programme, pk)
    sessions = list(series.sessions.select_related("series").order_by("held_on", "pk"))
    answers = reads.answers_by_session([s.pk for s in sessions])
    rows = reads.series_rows(sessions, answers)
    return render(
        request,
        "workshops/series.jinja",
        {
            "programme": programme,
            "series": series,
            "row": rows[0] if rows else None,
            "trend": trend_sentence,
            "components": COMPONENT_NAMES,
            "can_edit": request.user.has_perm(EDIT, programme),
        },
    )


def _form_page(request: HttpRequest, programme: Programme, form: SessionForm, **extra: Any) -> HttpResponse:
    status = extra.pop("status", 200)
    return render(
        request,
        "workshops/session_form.jinja",
        {"programme": programme, "form": form, **extra},
        status=status,
    )


@require_http_methods(["GET", "POST"])
@programme_view(EDIT)
def session_new(request: HttpRequest, programme: Programme) -> HttpResponse:
    initial: dict[str, Any] = {"held_on": timezone.localdate(), "kind": request.GET.get("kind", "huddle")}
    form = SessionForm(posted(request), programme=programme, initial=initial, creating=True)
    if request.method == "POST" and form.is_valid():
        try:
            session = services.session_create(programme=programme, data=form.cleaned_data, user=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Session saved.")
            return redirect("workshops:session", slug=programme.slug, pk=session.pk)
    return _form_page(request, programme, form, session=None)


@require_GET
@programme_view(VIEW)
def session_detail(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    session = reads.get_session_or_404(programme, pk)
    came = list(session.organisations.order_by("name"))
    summary = reads.session_summary(session)
    return render(
        request,
        "workshops/session.jinja",
        {
            "programme": programme,
            "session": session,
            "came": came,
            "missing": reads.missing_partners(session, came),
            "carried": reads.carried_over(session),
            "actions": list(session.actions.all()),
            "outcomes": reads.outcomes(session),
            "summary": summary,
            "changes": reads.changes_suggested(session, summary),
            "feedback_url": feedback_url(request, session),
            "qr": Markup(qr_svg(request, session)),
            "component": COMPONENT_NAMES.get(session.component, ""),
            "action_form": ActionForm(),
            "can_edit": request.user.has_perm(EDIT, programme),
        },
    )


def _initial(session: Session) -> dict[str, Any]:
    names = (
        "title",
        "kind",
        "series",
        "component",
        "held_on",
        "place",
        "agenda",
        "people_count",
        "notes",
        "learnt",
    )
    values: dict[str, Any] = {name: getattr(session, name) for name in names}
    values["series"] = session.series_id
    values["organisations"] = list(session.organisations.values_list("pk", flat=True))
    values["version"] = session.version
    return values


@require_http_methods(["GET", "POST"])
@programme_view(EDIT)
def session_edit(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    session = reads.get_session_or_404(programme, pk)
    form = SessionForm(posted(request), programme=programme, initial=_initial(session))
    if request.method == "POST" and form.is_valid():
        try:
            services.session_update(
                session=session,
                data=form.cleaned_data,
                user=request.user,
                expected_version=form.cleaned_data["version"],
            )
        except EditConflict as conflict:
            theirs: Any = conflict.current
            form = form_for_second_save(
                lambda data: SessionForm(data, programme=programme), request.POST, theirs.version
            )
            return _form_page(request, programme, form, session=session, problem=CONFLICT_MESSAGE, status=409)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Session saved.")
            return redirect("workshops:session", slug=programme.slug, pk=session.pk)
    return _form_page(request, programme, form, session=session)


@require_http_methods(["GET", "POST"])
@programme_view(EDIT)
def session_delete(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    session = reads.get_session_or_404(programme, pk)
    if request.method == "POST":
        services.session_bin(session=session, user=request.user)
        messages.success(
            request, f"“{session.title}” moved to the bin. A convenor can restore it within 30 days."
        )
        return redirect("workshops:overview", slug=programme.slug)
    return render(request, "workshops/session_delete.jinja", {"programme": programme, "session": session})


@require_POST
@programme_view(EDIT)
def action_add(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    session = reads.get_session_or_404(programme, pk)
    form = ActionForm(request.POST)
    if form.is_valid():
        services.action_add(
            session=session,
            text=form.cleaned_data["text"],
            owner=form.cleaned_data["owner"],
            user=request.user,
        )
        messages.success(request, "Action added. Until it is done it will be on the next session's agenda.")
    else:
        messages.error(request, str(next(iter(form.errors.values()))[0]))
    return redirect(
        reverse("workshops:session", kwargs={"slug": programme.slug, "pk": session.pk}) + "#actions"
    )


@require_POST
@programme_view(EDIT)
def action_done(request: HttpRequest, programme: Programme, pk: int, action_pk: int) -> HttpResponse:
    session = reads.get_session_or_404(programme, pk)
    action = reads.get_action_or_404(session, action_pk)
    form = ActionDoneForm(request.POST)
    form.is_valid()
    back = request.POST.get("back", "")
    try:
        services.action_mark(
            action=action,
            done=bool(form.cleaned_data.get("done")),
            user=request.user,
            expected_version=form.cleaned_data.get("version"),
        )
    except EditConflict:
        messages.error(request, "Someone else changed this action a moment ago. It is shown as it is now.")
    target = reads.get_session_or_404(programme, int(back)) if back.isdigit() else session
    return redirect(
        reverse("workshops:session", kwargs={"slug": programme.slug, "pk": target.pk}) + "#actions"
    )


@require_GET
@programme_view(VIEW)
def session_qr(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    session = reads.get_session_or_404(programme, pk)
    response = HttpResponse(qr_svg(request, session, standalone=True), content_type="image/svg+xml")
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
@programme_view(EDIT)
def feedback_link(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    """Close, reopen or renew a session's feedback link."""
    session = reads.get_session_or_404(programme, pk)
    form = FeedbackLinkForm(request.POST)
    back = redirect(
        reverse("workshops:session", kwargs={"slug": programme.slug, "pk": session.pk}) + "#feedback"
    )
    if not form.is_valid():
        messages.warning(request, "Choose what to do with the feedback link, then try again.")
        return back
    change = form.cleaned_data["change"]
    if change == "renew":
        try:
            services.feedback_link_renew(
                session=session, user=request.user, expected_version=form.cleaned_data["version"]
            )
        except EditConflict:
            messages.info(
                request,
                "The session changed while you were looking at it, so no new link was made. "
                "The link below is the current one: renew it again if you still want a fresh one.",
            )
            return back
        messages.success(request, "New feedback link made. The old link and QR code no longer work.")
    else:
        services.feedback_link_open(session=session, is_open=change == "open", user=request.user)
        messages.success(
            request,
            "Feedback is open again."
            if change == "open"
            else "Feedback closed: new answers are turned away kindly.",
        )
    return back
