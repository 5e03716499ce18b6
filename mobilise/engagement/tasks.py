"""Background work: network analyses can take a while on big surveys."""

from __future__ import annotations

from django_tasks import task

from .analysis import run_analysis


@task()
def analyse_survey(analysis_id: int) -> None:
    run_analysis(analysis_id)
