"""Building surveys, answers and stored analyses for the engagement tests."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from mobilise.engagement.models import AnalysisStatus, NetworkAnalysis, Respondent, RosterEntry, Survey, Tie
from mobilise.engagement.services.surveys import SurveyData, survey_create
from mobilise.programmes.models import Programme


def make_survey(
    programme: Programme, user: Any, *, title: str = "Who we go to", questions: int = 1, days_open: int = 14
) -> Survey:
    today = timezone.localdate()
    return survey_create(
        programme=programme,
        user=user,
        data=SurveyData(
            title=title,
            introduction="",
            consent_statement="We will only share names with convenors.",
            opens_on=today - timedelta(days=1),
            closes_on=today + timedelta(days=days_open),
            questions=[f"Question {i + 1}: who do you go to?" for i in range(questions)],
        ),
    )


def answer(survey: Survey, source: RosterEntry, *targets: RosterEntry, submit: bool = True) -> None:
    """Record that `source` named `targets` in answer to the first question."""
    question = survey.questions.order_by("position").first()
    Tie.objects.bulk_create([Tie(survey=survey, question=question, source=source, target=t) for t in targets])
    if submit:
        Respondent.objects.filter(entry=source).update(
            consented_at=timezone.now(), started_at=timezone.now(), submitted_at=timezone.now()
        )


def stored_analysis(survey: Survey, result: dict[str, Any]) -> NetworkAnalysis:
    now = timezone.now()
    return NetworkAnalysis.objects.create(
        survey=survey,
        status=AnalysisStatus.DONE,
        progress=100,
        result=result,
        started_at=now,
        finished_at=now,
    )


def entry_for(survey: Survey, user: Any) -> RosterEntry:
    return RosterEntry.objects.get(survey=survey, user=user)


def people_columns(keys: list[str], *, in_degree: int = 1, degree: int = 1) -> dict[str, list[Any]]:
    """The stored per-person columns for these roster keys, everyone alike."""
    return {"id": list(keys), "in_degree": [in_degree] * len(keys), "degree": [degree] * len(keys)}
