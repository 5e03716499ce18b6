"""The demo: each programme has a workshop series with feedback, an action carried over, and a paper."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from mobilise.boardpaper.models import Paper
from mobilise.demo.seed import DEMO_SLUGS, seed_demo
from mobilise.programmes.models import Programme
from mobilise.workshops.models import Session

pytestmark = pytest.mark.django_db


def test_the_demo_facilitator_sees_series_trends_and_carried_actions() -> None:
    seed_demo()
    programmes = Programme.objects.filter(slug__in=DEMO_SLUGS)
    assert Paper.objects.filter(programme__in=programmes, number=1).count() == len(DEMO_SLUGS)
    facilitator = Session.objects.filter(programme__in=programmes).first().facilitator  # type: ignore[union-attr]
    client = Client()
    client.force_login(facilitator)
    page = client.get(reverse("workshops:facilitator")).content.decode()
    assert "Practical workshops with the alliance" in page and "net-recommend score" in page
    third = Session.objects.filter(programme__in=programmes, theme="data").first()
    assert third is not None
    detail = client.get(reverse("workshops:session", kwargs={"slug": third.programme.slug, "pk": third.pk}))
    assert "housing team" in detail.content.decode()
