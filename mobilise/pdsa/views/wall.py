"""The learning wall: one programme's tests, and a facilitator's view across all their programmes."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from mobilise.programmes.access import programme_view
from mobilise.programmes.models import Programme
from mobilise.programmes.reads import programmes_for
from mobilise.programmes.roles import EDIT, VIEW

from .. import presenters, wall
from ..wall_filters import WallFilterForm
from ..wall_learning import wall_learning


@require_GET
@programme_view(VIEW)
def wall_page(request: HttpRequest, programme: Programme) -> HttpResponse:
    form = wall.programme_filter_form(request.GET, programme.pk)
    tests, is_filtered = wall.filtered(wall.wall_tests([programme.pk]), form)
    counts = wall.wall_counts([programme.pk])
    page = wall.feed_page(tests, request.GET.get("page"), known_count=None if is_filtered else counts.tests)
    return render(
        request,
        "pdsa/wall.jinja",
        {
            "programme": programme,
            "form": form,
            "page": page,
            "cards": presenters.cards(page.object_list),
            "is_filtered": is_filtered,
            "counts": counts,
            "query": _query_without_page(request),
            "can_edit": request.user.has_perm(EDIT, programme),
            "other_learning": wall_learning(programme),
        },
    )


@require_GET
@login_required
def my_wall(request: HttpRequest) -> HttpResponse:
    programmes = list(programmes_for(request.user).order_by("name").values_list("pk", "name"))
    ids = [pk for pk, _ in programmes]
    form = WallFilterForm(request.GET, programmes=programmes)
    tests, is_filtered = wall.filtered(wall.wall_tests(ids), form)
    counts = wall.wall_counts(ids)
    page = wall.feed_page(tests, request.GET.get("page"), known_count=None if is_filtered else counts.tests)
    return render(
        request,
        "pdsa/my_wall.jinja",
        {
            "programme_count": len(ids),
            "form": form,
            "page": page,
            "cards": presenters.cards(page.object_list),
            "is_filtered": is_filtered,
            "counts": counts,
            "query": _query_without_page(request),
        },
    )


def _query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()
