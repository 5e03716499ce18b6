"""Background work: large imports run here, away from the web request."""

from __future__ import annotations

from django_tasks import task


@task()
def run_import(job_id: int) -> None:
    from .services.imports import import_run

    import_run(job_id=job_id)
