"""A review is suggested only when one would help, each reason once, and reviews can go to the bin."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mobilise.core.bin import restore_from_bin
from mobilise.delivery.models import PromptDismissal, Review
from mobilise.delivery.reviews import DUE_AFTER_DAYS, SEVERAL_SIGNALS, prompts_for, review_prompts
from mobilise.programmes.models import Stage
from tests.measurement.factories import measure_with_points

pytestmark = pytest.mark.django_db

ICONS = ["common_cause", "improvement_high", "improvement_low", "concern_high", "concern_low", ""]
STAGES = [label for _, label in Stage.choices]
TODAY = dt.date(2026, 6, 1)


def _review(cast: Any, **kwargs: Any) -> Review:
    defaults: dict[str, Any] = {"title": "Review", "held_on": timezone.localdate(), "status": "closed"}
    return Review.objects.create(programme=cast.programme, **{**defaults, **kwargs})


histories = st.lists(
    st.tuples(
        st.integers(0, 400),  # days before today it was held
        st.booleans(),  # closed?
        st.booleans(),  # binned?
        st.sampled_from(STAGES),  # stage it saw
    ),
    max_size=6,
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(histories, st.sampled_from(Stage.values))
def test_reasons_follow_the_last_closed_review_in_any_history(cast: Any, history: Any, stage: str) -> None:
    Review.all_objects.filter(programme=cast.programme).delete()
    today = timezone.localdate()
    cast.programme.stage = stage
    for days, closed, binned, seen in history:
        review = _review(
            cast,
            held_on=today - dt.timedelta(days=days),
            status="closed" if closed else "open",
            snapshot={"stage": seen} if closed else {},
        )
        if binned:
            Review.all_objects.filter(pk=review.pk).update(deleted_at=timezone.now())
    kept = [(d, s) for d, closed, binned, s in history if closed and not binned]
    keys = {p.key.split(":")[0] for p in review_prompts(cast.programme, today, cast.member)}
    if not kept:
        assert keys == set()  # no review yet: nothing to nag about
        return
    days, seen = min(kept, key=lambda pair: pair[0])
    same_day = [s for d, s in kept if d == days]
    assert ("days" in keys) == (days > DUE_AFTER_DAYS)
    moved = cast.programme.get_stage_display() not in same_day
    if len(set(same_day)) == 1:  # with two closed the same day either may be "the last"
        assert ("stage" in keys) == moved
    assert "signals" not in keys


signals = st.dictionaries(st.sampled_from([str(i) for i in range(8)]), st.sampled_from(ICONS), max_size=8)


@given(signals, signals, st.integers(0, 200), st.sets(st.sampled_from(["days", "stage", "signals"])))
def test_several_measures_must_change_signal_and_a_dismissed_reason_stays_away(
    before: dict[str, str], now: dict[str, str], days: int, dismissed_kinds: set[str]
) -> None:
    last = Review(
        pk=7,
        title="Last",
        held_on=TODAY - dt.timedelta(days=days),
        snapshot={"stage": "Plan", "signals": before},
    )
    everything = prompts_for(last=last, stage="Plan", today=TODAY, icons_now=now)
    changed = [pk for pk, icon in now.items() if icon and before.get(pk) and before[pk] != icon]
    assert any(p.key.startswith("signals:") for p in everything) == (len(changed) >= SEVERAL_SIGNALS)
    assert any(p.key.startswith("days:") for p in everything) == (days > DUE_AFTER_DAYS)
    dismissed = {p.key for p in everything if p.key.split(":")[0] in dismissed_kinds}
    left = prompts_for(last=last, stage="Plan", today=TODAY, icons_now=now, dismissed=dismissed)
    assert {p.key for p in left} == {p.key for p in everything} - dismissed
    assert prompts_for(last=None, stage="Plan", today=TODAY, icons_now=now) == []


def test_measures_that_change_signal_prompt_a_review_on_the_home_until_dismissed(cast: Any) -> None:
    flat = [10, 11, 9, 10, 12, 8, 10, 11, 9, 10, 11, 9, 10, 12, 8, 10]
    measures = [measure_with_points(flat, programme=cast.programme, name=f"Measure {i}") for i in range(3)]
    client = cast.client_for("member")
    review = _review(cast, status="open")
    closed = client.post(
        reverse("delivery:review_close", kwargs={"slug": cast.programme.slug, "pk": review.pk}),
        {"version": str(review.version)},
    )
    assert closed.status_code == 302
    review.refresh_from_db()
    assert set(review.snapshot["signals"]) == {str(m.pk) for m in measures}
    home = reverse("workspace:home", kwargs={"slug": cast.programme.slug})
    assert "showing a different signal" not in client.get(home).content.decode()
    from mobilise.measurement.models import DataPoint

    for measure in measures[:2]:  # a run of high values: a shift on two measures
        DataPoint.objects.bulk_create(
            DataPoint(measure=measure, period=dt.date(2024, 5 + i, 1), value=30) for i in range(8)
        )
    page = client.get(home).content.decode()
    assert "2 measures are showing a different signal" in page
    dismiss = client.post(
        reverse("delivery:review_prompt_dismiss", kwargs={"slug": cast.programme.slug}),
        {"reason": f"signals:{review.pk}", "back": "home"},
    )
    assert dismiss.status_code == 302 and dismiss["Location"] == home
    assert "showing a different signal" not in client.get(home).content.decode()
    # Dismissing is personal: the convenor still sees it.
    assert "showing a different signal" in cast.client_for("convenor").get(home).content.decode()
    again = client.post(
        reverse("delivery:review_prompt_dismiss", kwargs={"slug": cast.programme.slug}),
        {"reason": f"signals:{review.pk}", "back": "home"},
    )
    assert again.status_code == 302
    assert PromptDismissal.objects.filter(user=cast.member).count() == 1


def test_prompt_on_the_reviews_page_and_overview(cast: Any) -> None:
    _review(cast, held_on=timezone.localdate() - dt.timedelta(days=120), snapshot={"stage": "x"})
    client = cast.client_for("viewer")
    for name in ("delivery:reviews", "delivery:overview"):
        page = client.get(reverse(name, kwargs={"slug": cast.programme.slug})).content.decode()
        assert "over 90 days since the last review" in page and "new stage" in page
        assert "Not now" in page


def test_an_open_review_goes_to_the_bin_and_comes_back(cast: Any) -> None:
    review = _review(cast, status="open", title="Draft review")
    url = reverse("delivery:review_delete", kwargs={"slug": cast.programme.slug, "pk": review.pk})
    client = cast.client_for("member")
    assert "Move to the bin" in client.get(url).content.decode()
    stale = client.post(url, {"version": str(review.version - 1)})
    assert stale.status_code == 409 and "Someone changed this review" in stale.content.decode()
    assert client.post(url, {"version": str(review.version)}).status_code == 302
    assert not Review.objects.filter(pk=review.pk).exists()
    assert Review.all_objects.get(pk=review.pk).deleted_at is not None
    listing = client.get(reverse("delivery:reviews", kwargs={"slug": cast.programme.slug})).content.decode()
    assert f"/reviews/{review.pk}/" not in listing and "moved to the bin" in listing
    bin_page = cast.client_for("convenor").get(
        reverse("programmes:bin", kwargs={"slug": cast.programme.slug})
    )
    assert "Review: Draft review" in bin_page.content.decode()
    restore_from_bin(Review.all_objects.get(pk=review.pk), by=cast.convenor)
    assert Review.objects.get(pk=review.pk).title == "Draft review"


def test_only_a_convenor_may_bin_a_closed_review(cast: Any) -> None:
    review = _review(cast, title="Spring review")
    url = reverse("delivery:review_delete", kwargs={"slug": cast.programme.slug, "pk": review.pk})
    member = cast.client_for("member")
    page = member.get(url).content.decode()
    assert "Only a convenor" in page and "Move to the bin</button>" not in page
    assert member.post(url, {"version": str(review.version)}).status_code == 403
    assert Review.objects.filter(pk=review.pk).exists()
    assert cast.client_for("convenor").post(url, {"version": str(review.version)}).status_code == 302
    assert not Review.objects.filter(pk=review.pk).exists()
