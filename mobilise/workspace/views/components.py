"""The wheel, component pages, notes, the team's status and the stage of the cycle."""

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
def activity(request: HttpRequest, programme: Programme) -> HttpResponse:
    return render(request, "workspace/home.jinja", {"programme": programme})
