"""The permission matrix judges a route by what it takes, not by what its entry claims.

A view under p/<slug>/ protected only by `login_required`, listing another programme's data and
labelled "signed_in", is added through a temporary URLconf (tests/core/leaky_views.py). The real
matrix checks from tests/test_permissions.py are run on it and must fail; the same page written
with the programme's access check must pass them, so the failures are about the leak.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.test import override_settings
from django.urls import reverse

import tests.test_permissions as matrix
from tests.core.route_matrix import Route, covered_routes, perm_of, scoped_pairs
from tests.measurement.factories import MeasureFactory

LEAKY_SETTINGS = {
    "ROOT_URLCONF": "tests.core.leaky_views",
    "MATRIX_EXTRA_ROUTE_MODULES": ["tests.core.leaky_views"],
}


@pytest.fixture
def leaky_urls() -> Iterator[dict[str, tuple[Route, dict[str, Any]]]]:
    with override_settings(**LEAKY_SETTINGS):
        _, entries, problems, pairs = covered_routes()
        assert not problems
        yield {route.name: (route, entry) for route, entry in pairs if route.name in entries}


def test_the_leaky_page_really_shows_another_programmes_data(leaky_urls: Any, cast: Any) -> None:
    MeasureFactory(programme=cast.programme, name="Falls in care homes")
    with override_settings(**LEAKY_SETTINGS):
        page = cast.client_for("outsider").get(
            reverse("leaky_measures", kwargs={"slug": cast.programme.slug})
        )
    assert page.status_code == 200
    assert "Falls in care homes" in page.content.decode()


def test_the_matrix_tests_a_slug_route_as_programme_scoped_whatever_its_label(leaky_urls: Any) -> None:
    route, entry = leaky_urls["leaky_measures"]
    assert entry["perm"] == "signed_in"
    assert perm_of(route, entry) == "view"
    assert (route, entry) in scoped_pairs(list(leaky_urls.values()))


def test_the_matrix_fails_the_signed_in_label_on_a_slug_route(leaky_urls: Any, cast: Any) -> None:
    route, entry = leaky_urls["leaky_measures"]
    with (
        override_settings(**LEAKY_SETTINGS),
        pytest.raises(AssertionError, match="labelled 'signed_in' but takes"),
    ):
        matrix.check_entry_fits_route(route, entry, cast)


@pytest.mark.parametrize("label", ["signed_in", "view"])
def test_the_matrix_fails_the_leaky_page_for_an_outsider_whatever_the_label(
    leaky_urls: Any, cast: Any, label: str, caplog: pytest.LogCaptureFixture
) -> None:
    route, entry = leaky_urls["leaky_measures"]
    with override_settings(**LEAKY_SETTINGS), pytest.raises(AssertionError, match="gave 200"):
        matrix.test_outsider_gets_404_and_changes_nothing(
            route, {**entry, "perm": label}, "GET", cast, caplog
        )


def test_the_same_page_written_properly_passes_the_same_checks(
    leaky_urls: Any, cast: Any, caplog: pytest.LogCaptureFixture
) -> None:
    route, entry = leaky_urls["sealed_measures"]
    with override_settings(**LEAKY_SETTINGS):
        matrix.check_entry_fits_route(route, entry, cast)
        matrix.test_outsider_gets_404_and_changes_nothing(route, entry, "GET", cast, caplog)
        matrix.test_unknown_programme_gets_404(route, entry, cast, caplog)
        matrix.test_every_role_with_the_permission_can_open_the_page(route, entry, cast)
