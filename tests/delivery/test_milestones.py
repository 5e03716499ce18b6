"""Milestones: past dates allowed but flagged; the timeline has a table with every milestone."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from mobilise.delivery.models import Milestone
from mobilise.delivery.presenters import TIMELINE_LEFT, TIMELINE_WIDTH, timeline

pytestmark = pytest.mark.django_db


class _M:
    def __init__(self, due_on: dt.date) -> None:
        self.due_on, self.reached_on = due_on, None


@given(
    st.lists(st.dates(dt.date(2000, 1, 1), dt.date(2100, 1, 1)), max_size=40),
    st.dates(dt.date(2000, 1, 1), dt.date(2100, 1, 1)),
)
def test_every_milestone_and_today_sit_on_the_line_in_date_order(
    dates: list[dt.date], today: dt.date
) -> None:
    marks, today_x = timeline([_M(d) for d in sorted(dates)], today)
    xs = [m.x for m in marks]
    assert xs == sorted(xs)
    assert all(TIMELINE_LEFT <= x <= TIMELINE_LEFT + TIMELINE_WIDTH for x in xs)
    assert today_x is None if not dates else TIMELINE_LEFT <= today_x <= TIMELINE_LEFT + TIMELINE_WIDTH


def test_a_milestone_in_the_past_is_recorded_and_flagged(cast: Any) -> None:
    client = cast.client_for("member")
    url = reverse("delivery:milestone_create", kwargs={"slug": cast.programme.slug})
    response = client.post(url, {"title": "Partners signed the compact", "due_on": "01/02/2020"}, follow=True)
    assert Milestone.objects.get().due_on == dt.date(2020, 2, 1)
    page = response.content.decode()
    assert "That date is in the past" in page
    assert "Partners signed the compact" in page and "date passed" in page
