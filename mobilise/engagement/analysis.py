"""Running the network engine over a survey's answers and storing the result on the survey.

The engine (`mobilise.network`) knows nothing of Django: this module reads the roster and ties,
hands the engine plain people and ties keyed by roster key, and keeps its answer as JSON.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.utils import timezone

from .engine_adapter import EngineInput, analyse_network
from .models import AnalysisStatus, NetworkAnalysis, RosterEntry, Survey, Tie
from .rates import response_rate

logger = logging.getLogger(__name__)
RESULT_VERSION = 1
Progress = Callable[[int, str], None]


def gather(survey: Survey) -> EngineInput:
    """Everyone on the roster (respondents or not) and every tie, combined across questions.

    A tie named in answer to several questions counts once, with a weight of how many named it.
    """
    people = list(
        RosterEntry.objects.filter(survey=survey).values_list(
            "key", "organisation_name", "organisation_type", "formal_authority"
        )
    )
    keys = dict(RosterEntry.objects.filter(survey=survey).values_list("pk", "key"))
    weights: dict[tuple[str, str], float] = {}
    for source, target, weight in Tie.objects.filter(survey=survey).values_list(
        "source_id", "target_id", "weight"
    ):
        pair = (keys[source], keys[target])
        weights[pair] = weights.get(pair, 0.0) + weight
    return EngineInput(people=people, ties=[(s, t, w) for (s, t), w in weights.items()])


def compute(survey: Survey, progress: Progress) -> dict[str, Any]:
    progress(5, "Reading the answers")
    data = gather(survey)
    rate = None if survey.is_imported else response_rate(survey)
    result = analyse_network(data, progress, response_rate=rate.rate if rate else None)
    result.update(
        {
            "version": RESULT_VERSION,
            "computed_at": timezone.now().isoformat(),
            "response_rate": rate.rate if rate else None,
            "asked": rate.asked if rate else None,
            "answered": rate.answered if rate else None,
        }
    )
    return result


def run_analysis(analysis_id: int) -> None:
    """Do one analysis, recording progress as it goes and a plain message if it fails."""
    analysis = NetworkAnalysis.objects.select_related("survey").get(pk=analysis_id)
    rows = NetworkAnalysis.objects.filter(pk=analysis_id)

    def progress(percent: int, step: str) -> None:
        rows.update(progress=percent, step=step[:200], status=AnalysisStatus.RUNNING)

    rows.update(status=AnalysisStatus.RUNNING, started_at=timezone.now(), progress=1, step="Starting")
    try:
        result = compute(analysis.survey, progress)
    except Exception:
        logger.exception("Network analysis %s failed", analysis_id)
        rows.update(
            status=AnalysisStatus.FAILED,
            finished_at=timezone.now(),
            error="Something went wrong while analysing the network. Try again, and if it happens "
            "again, tell the Mobilise team.",
        )
        return
    rows.update(
        status=AnalysisStatus.DONE, finished_at=timezone.now(), progress=100, step="Finished", result=result
    )
