"""The Change Model workspace: the wheel, components, alignment and audience words."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from mobilise.programmes.access import programme_view
from mobilise.programmes.models import Programme
from mobilise.programmes.roles import VIEW


@require_GET
@programme_view(VIEW)
def home(request: HttpRequest, programme: Programme) -> HttpResponse:
    return render(request, "workspace/home.jinja", {"programme": programme})


@require_GET
@programme_view(VIEW)
def alignment(request: HttpRequest, programme: Programme) -> HttpResponse:
    return render(request, "workspace/home.jinja", {"programme": programme})


@require_GET
@programme_view(VIEW)
def vocabulary_page(request: HttpRequest, programme: Programme) -> HttpResponse:
    return render(request, "workspace/home.jinja", {"programme": programme})


@require_GET
@programme_view(VIEW)
def activity(request: HttpRequest, programme: Programme) -> HttpResponse:
    return render(request, "workspace/home.jinja", {"programme": programme})
