"""Review rounds: closing keeps the picture read-only; two closed reviews compare side by side."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from mobilise.delivery.models import Review
from mobilise.delivery.reviews import review_due
from mobilise.workspace.models import ComponentState

from .factories import ActionFactory, RiskFactory

pytestmark = pytest.mark.django_db


def _start(client: Any, cast: Any, title: str) -> Review:
    client.post(
        reverse("delivery:review_create", kwargs={"slug": cast.programme.slug}),
        {"title": title, "held_on": "01/04/2026"},
    )
    return Review.objects.get(title=title)


def _close(client: Any, cast: Any, review: Review) -> None:
    review.refresh_from_db()
    url = reverse("delivery:review_close", kwargs={"slug": cast.programme.slug, "pk": review.pk})
    assert client.post(url, {"version": str(review.version)}).status_code == 302


def test_a_closed_review_keeps_what_it_saw_and_refuses_changes(cast: Any) -> None:
    client = cast.client_for("member")
    ActionFactory(
        programme=cast.programme,
        status="stuck",
        in_the_way="No data sharing agreement",
        title="Share records",
    )
    RiskFactory(programme=cast.programme, likelihood=5, impact=5, title="Winter")
    review = _start(client, cast, "Spring review")
    save = reverse("delivery:review_edit", kwargs={"slug": cast.programme.slug, "pk": review.pk})
    client.post(
        save,
        {"decided": "Ask the ICB about data sharing", "principle_3": "Only two cycles ran", "version": "1"},
    )
    _close(client, cast, review)
    ActionFactory(programme=cast.programme, status="stuck", title="Added after the review")
    page = client.get(
        reverse("delivery:review_detail", kwargs={"slug": cast.programme.slug, "pk": review.pk})
    ).content.decode()
    assert "Share records" in page and "Winter" in page and "Ask the ICB about data sharing" in page
    assert "Only two cycles ran" in page and "Added after the review" not in page
    review.refresh_from_db()
    late = client.post(save, {"decided": "Changed my mind", "version": str(review.version)})
    assert late.status_code == 409
    review.refresh_from_db()
    assert review.decided == "Ask the ICB about data sharing"


def test_two_reviews_compare_side_by_side(cast: Any) -> None:
    client = cast.client_for("member")
    first = _start(client, cast, "Spring review")
    _close(client, cast, first)
    ComponentState.objects.create(programme=cast.programme, component="delivery", status="in_place")
    second = _start(client, cast, "Summer review")
    _close(client, cast, second)
    page = client.get(
        reverse("delivery:review_compare", kwargs={"slug": cast.programme.slug}),
        {"a": first.pk, "b": second.pk},
    )
    text = page.content.decode()
    assert "Spring review" in text and "Summer review" in text
    assert "<strong>In place</strong>" in text


def test_a_review_is_suggested_only_when_needed(cast: Any) -> None:
    today = timezone.localdate()
    assert review_due(cast.programme, today) == ""  # no review yet: nothing to nag about
    Review.objects.create(
        programme=cast.programme,
        title="Old",
        held_on=today - dt.timedelta(days=30),
        status="closed",
        snapshot={"stage": cast.programme.get_stage_display()},
    )
    assert review_due(cast.programme, today) == ""
    assert "90 days" in review_due(cast.programme, today + dt.timedelta(days=91))
    cast.programme.stage = "change"
    assert "new stage" in review_due(cast.programme, today)
