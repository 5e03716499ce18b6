"""The anonymous forms people answer on their phones, by link or QR code, without signing in.

A random cookie marks the device; only a keyed hash of it is kept, beside the form it answered,
so the same phone cannot answer twice and nothing points back to a person.
"""

from __future__ import annotations

import secrets
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from .. import reads, services
from ..forms import EvaluationForm, FeedbackForm
from ..models import DeviceReceipt

DEVICE_COOKIE = "mobilise_device"
ONE_YEAR = 365 * 24 * 3600


def _device(request: HttpRequest) -> tuple[str, bool]:
    """The device's random id and whether it is new (so the response must set the cookie)."""
    found = request.COOKIES.get(DEVICE_COOKIE, "")
    if len(found) == 32 and found.isalnum():
        return found, False
    return secrets.token_hex(16), True


def _answered(scope: str, device: str) -> bool:
    return DeviceReceipt.objects.filter(scope=scope, digest=services.device_digest(scope, device)).exists()


def _finish(request: HttpRequest, response: HttpResponse, device: str, new: bool) -> HttpResponse:
    if new:
        response.set_cookie(
            DEVICE_COOKIE, device, max_age=ONE_YEAR, httponly=True, samesite="Lax", secure=request.is_secure()
        )
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "same-origin"  # "no-referrer" would send Origin: null and fail CSRF
    response["X-Robots-Tag"] = "noindex"
    return response


def _answer_flow(
    request: HttpRequest,
    *,
    scope: str,
    form_class: type[Any],
    send: Any,
    context: dict[str, Any],
    is_open: bool,
) -> HttpResponse:
    device, new = _device(request)
    status = 200
    if not is_open:
        context["closed"] = True
        status = 410 if request.method == "POST" else 200
        return _finish(
            request, render(request, "workshops/answer.jinja", context, status=status), device, new
        )
    if _answered(scope, device):
        context["thanks"] = True
        return _finish(request, render(request, "workshops/answer.jinja", context), device, new)
    form = form_class(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            send(form.cleaned_data, device)
        except services.AlreadyAnswered:
            pass
        except services.TooManyAnswers:
            context["busy"] = True
            return _finish(
                request, render(request, "workshops/answer.jinja", context, status=429), device, new
            )
        return _finish(request, redirect(request.path), device, new)
    context["form"] = form
    return _finish(request, render(request, "workshops/answer.jinja", context), device, new)


@require_http_methods(["GET", "POST"])
def feedback(request: HttpRequest, token: str) -> HttpResponse:
    session = reads.session_for_token(token)
    if session is None:
        raise Http404("This feedback link is no longer in use. Ask the facilitator for the current one")
    return _answer_flow(
        request,
        scope=f"s{session.pk}",
        form_class=FeedbackForm,
        send=lambda data, device: services.feedback_send(session=session, data=data, device=device),
        context={
            "heading": f"Feedback on “{session.title}”",
            "what": "session",
            "page_title": "Your feedback",
        },
        is_open=session.feedback_open,
    )


@require_http_methods(["GET", "POST"])
def evaluation(request: HttpRequest, token: str) -> HttpResponse:
    found = reads.evaluation_for_token(token)
    if found is None:
        raise Http404("This evaluation link is not valid")
    return _answer_flow(
        request,
        scope=f"e{found.pk}",
        form_class=EvaluationForm,
        send=lambda data, device: services.evaluation_answer(evaluation=found, data=data, device=device),
        context={
            "heading": f"How is {found.programme.name} going?",
            "what": "evaluation",
            "page_title": "Your view of the programme",
        },
        is_open=found.is_open,
    )
