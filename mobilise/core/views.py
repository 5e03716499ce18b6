"""Site-wide pages: the front door and friendly error pages."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render


def home(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("programmes:list")
    return render(request, "core/home.jinja")


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(
        request,
        "core/error.jinja",
        {
            "title": "Page not found",
            "message": "The page may have moved, or you may not have access to it. "
            "Check the address, or go back to your programmes.",
        },
        status=404,
    )


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(
        request,
        "core/error.jinja",
        {
            "title": "You cannot do that here",
            "message": str(exception)
            if exception and str(exception)
            else "Your role in this programme does not allow this. Ask a convenor if you need it.",
        },
        status=403,
    )


def server_error(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "core/error.jinja",
        {
            "title": "Sorry, there is a problem with the service",
            "message": "Nothing you saved has been lost. Try again later.",
        },
        status=500,
    )
