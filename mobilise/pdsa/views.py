"""Tests of change."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from mobilise.programmes.access import programme_view
from mobilise.programmes.models import Programme
from mobilise.programmes.roles import VIEW


@require_GET
@programme_view(VIEW)
def wall(request: HttpRequest, programme: Programme) -> HttpResponse:
    return render(request, "pdsa/wall.jinja", {"programme": programme})
