"""Starting a network analysis, and recording what people decide about suggested introductions."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from mobilise.core.history import save_as

from ..models import AnalysisStatus, IntroductionDecision, NetworkAnalysis, RosterEntry, Survey
from .roster import lock_survey

STALE_AFTER = timedelta(minutes=30)


@transaction.atomic
def analysis_start(*, survey: Survey, user: Any) -> NetworkAnalysis:
    """Queue an analysis, or return the one already under way (a stuck one is replaced)."""
    from ..tasks import analyse_survey

    if not survey.ties.exists():
        raise ValidationError("There are no answers to analyse yet")
    lock_survey(survey)  # two clicks at once would otherwise both find nothing under way
    under_way = (
        survey.analyses.select_for_update()
        .filter(
            status__in=[AnalysisStatus.QUEUED, AnalysisStatus.RUNNING],
            created_at__gte=timezone.now() - STALE_AFTER,
        )
        .first()
    )
    if under_way is not None:
        return under_way
    analysis = NetworkAnalysis.objects.create(survey=survey, requested_by=user, step="Waiting to start")
    # The database queue commits the task with this transaction, so the worker never sees it early.
    analyse_survey.enqueue(analysis.pk)
    analysis.refresh_from_db()
    return analysis


@transaction.atomic
def introduction_decide(
    *, survey: Survey, first_key: str, second_key: str, decision: str, user: Any
) -> IntroductionDecision:
    entries = {e.key: e for e in RosterEntry.objects.filter(survey=survey, key__in=[first_key, second_key])}
    if first_key == second_key or len(entries) != 2:
        raise ValidationError("Choose an introduction from the list")
    a, b = sorted([entries[first_key], entries[second_key]], key=lambda e: e.pk)
    found, _ = IntroductionDecision.objects.select_for_update().get_or_create(
        survey=survey, first=a, second=b, defaults={"decision": decision, "decided_by": user}
    )
    found.decision, found.decided_by = decision, user
    save_as(found, by=user)
    return found
