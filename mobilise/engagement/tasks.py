"""Background work: network analyses can take a while on big surveys."""

from __future__ import annotations

from django_tasks import task

from .analysis import run_analysis


@task()
def analyse_survey(analysis_id: int) -> None:
    run_analysis(analysis_id)


@task()
def send_survey_emails(survey_id: int, base_url: str, sender: str) -> None:
    from .services.sending import survey_emails_send

    survey_emails_send(survey_id=survey_id, base_url=base_url, sender=sender)
