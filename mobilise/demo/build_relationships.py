"""Demo content for relationship surveys: one answered survey, analysed, so a newcomer opening the
demo sees a diagnosis rather than an empty page. Only the neighbourhood-teams programme has one,
to keep the demo quick to build."""

from __future__ import annotations

import random
from datetime import timedelta
from typing import Any

from django.utils import timezone

SLUG = "hebburn-jarrow-neighbourhood-teams"
ANSWERED_SHARE = 0.85


def build(spec: Any, programme: Any, people: Any, clock: Any) -> None:
    if spec.slug != SLUG:
        return
    from mobilise.engagement.analysis import compute
    from mobilise.engagement.models import AnalysisStatus, NetworkAnalysis, Respondent, Tie
    from mobilise.engagement.services.surveys import SurveyData, survey_create
    from mobilise.programmes.models import Membership
    from mobilise.programmes.roles import Role

    convenor = (
        Membership.objects.filter(programme=programme, role=Role.CONVENOR).select_related("user").first()
    )
    today = clock.now.date()
    survey = survey_create(
        programme=programme,
        user=convenor.user if convenor else None,
        data=SurveyData(
            title="Who we turn to (spring round)",
            introduction="Two quick questions about who you go to, so we can see where the teams connect.",
            consent_statement="Names are seen only by the convenors and facilitators.",
            opens_on=today - timedelta(days=20),
            closes_on=today + timedelta(days=10),
            questions=[
                "Who do you go to for advice about someone with complex needs?",
                "Who do you go to when you want to try something new?",
            ],
        ),
    )
    rng = random.Random(2026)  # the same answers every time the demo is built
    entries = list(survey.roster.order_by("key"))
    questions = list(survey.questions.order_by("position"))
    by_org: dict[str, list[Any]] = {}
    for e in entries:
        by_org.setdefault(e.organisation_name, []).append(e)
    answering = [e for e in entries if rng.random() < ANSWERED_SHARE]
    ties = []
    for source in answering:
        near = [e for e in by_org[source.organisation_name] if e.pk != source.pk]
        far = [e for e in entries if e.organisation_name != source.organisation_name]
        for question in questions:
            # Mostly colleagues in their own organisation, sometimes someone across the boundary.
            named = rng.sample(near, min(len(near), rng.randint(1, 3))) + rng.sample(
                far, min(len(far), rng.randint(0, 1))
            )
            ties += [
                Tie(survey=survey, question=question, source=source, target=t)
                for t in {t.pk: t for t in named}.values()
            ]
    Tie.objects.bulk_create(ties)
    when = clock.at(12, "survey answers")
    Respondent.objects.filter(entry__in=answering).update(
        consented_at=when, started_at=when, submitted_at=when
    )
    analysis = NetworkAnalysis.objects.create(survey=survey, step="Waiting to start")
    result = compute(survey, lambda percent, step: None)
    NetworkAnalysis.objects.filter(pk=analysis.pk).update(
        status=AnalysisStatus.DONE,
        progress=100,
        step="Finished",
        result=result,
        started_at=timezone.now(),
        finished_at=timezone.now(),
    )
