"""Deliberately bad views, for proving the permission matrix and the scoping linter catch them.

Never part of the real URLconf: tests/core/test_matrix_cannot_be_fooled.py swaps this module in
as ROOT_URLCONF, and tests/core/test_scoping_lint.py lints this file.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, path

from mobilise.measurement.models import Measure
from mobilise.measurement.reads import measures_in
from mobilise.programmes.access import programme_view
from mobilise.programmes.models import Programme
from mobilise.urls import urlpatterns as real_urlpatterns


@login_required
def leaky_measures(request: HttpRequest, slug: str) -> HttpResponse:
    """Signed in is all it checks, and it lists every programme's measures: a leak."""
    names = Measure.objects.order_by("name").values_list("name", flat=True)
    return HttpResponse("\n".join(names), content_type="text/plain")


@programme_view()
def sealed_measures(request: HttpRequest, programme: Programme) -> HttpResponse:
    """The same page written properly: the programme's access check and its reads helper."""
    names = measures_in(programme).values_list("name", flat=True)
    return HttpResponse("\n".join(names), content_type="text/plain")


urlpatterns: list[URLPattern | URLResolver] = [
    *real_urlpatterns,
    path("p/<slug:slug>/leaky-measures/", leaky_measures, name="leaky_measures"),
    path("p/<slug:slug>/sealed-measures/", sealed_measures, name="sealed_measures"),
]


def _slug(cast: Any) -> dict[str, Any]:
    return {"slug": cast.programme.slug}


# Matrix entries as a careless author would write them: the leaky page claims "signed_in".
ROUTES: dict[str, dict[str, Any]] = {
    "leaky_measures": {"kwargs": _slug, "methods": ["GET"], "perm": "signed_in"},
    "sealed_measures": {"kwargs": _slug, "methods": ["GET"], "perm": "view"},
}
