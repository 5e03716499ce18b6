"""The demo includes an answered relationship survey, so a newcomer sees a diagnosis, not an empty page."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse

from mobilise.accounts.models import User
from mobilise.demo.seed import CONVENOR_EMAIL, seed_demo
from mobilise.engagement.models import AnalysisStatus, Survey


def test_the_demo_has_an_answered_survey_with_a_diagnosis(db: Any) -> None:
    seed_demo()
    survey = Survey.objects.get(programme__slug="hebburn-jarrow-neighbourhood-teams")
    assert survey.analyses.get().status == AnalysisStatus.DONE
    client = Client()
    client.force_login(User.objects.get(email=CONVENOR_EMAIL))
    url = reverse("engagement:survey_results", kwargs={"slug": survey.programme.slug, "pk": survey.pk})
    page = client.get(url).content.decode()
    assert "No diagnosis was possible" not in page and "The diagnosis is held back" not in page
    assert 'nhsuk-card__heading--feature">' in page
