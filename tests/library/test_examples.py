from __future__ import annotations

from django.urls import reverse

from mobilise.library import search
from mobilise.library.examples import example_mark

from .helpers import MeasureFactory


def test_anyone_signed_in_reads_a_worked_example_but_cannot_change_it(cast, as_outsider):
    example_mark(programme=cast.programme, example=True)
    slug = cast.programme.slug
    assert cast.programme.name in as_outsider.get(reverse("library:examples")).content.decode()
    assert as_outsider.get(reverse("workspace:home", kwargs={"slug": slug})).status_code == 200
    assert as_outsider.get(reverse("purpose:detail", kwargs={"slug": slug})).status_code == 200
    assert as_outsider.get(reverse("purpose:edit", kwargs={"slug": slug})).status_code == 403
    assert (
        as_outsider.post(reverse("stories:create", kwargs={"slug": slug}), {"title": "x"}).status_code == 403
    )


def test_a_programme_that_is_not_an_example_stays_private(cast, as_outsider):
    assert as_outsider.get(reverse("workspace:home", kwargs={"slug": cast.programme.slug})).status_code == 404
    example_mark(programme=cast.programme, example=True)
    example_mark(programme=cast.programme, example=False)
    assert as_outsider.get(reverse("workspace:home", kwargs={"slug": cast.programme.slug})).status_code == 404


def test_a_worked_examples_work_is_found_in_search(cast):
    MeasureFactory(programme=cast.programme, name="Falls per 1,000 bed days")
    assert search.search(cast.outsider, "falls").total == 0
    example_mark(programme=cast.programme, example=True)
    assert search.search(cast.outsider, "falls").total == 1


def test_anonymous_visitors_still_cannot_read_a_worked_example(cast, client):
    example_mark(programme=cast.programme, example=True)
    response = client.get(reverse("workspace:home", kwargs={"slug": cast.programme.slug}))
    assert response.status_code == 302
