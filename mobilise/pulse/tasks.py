"""Background work: a wave's emails go from the database task queue, not from the request."""

from __future__ import annotations

from django_tasks import task


@task()
def send_wave_emails(wave_id: int, base_url: str) -> None:
    from .sending import wave_emails_send

    wave_emails_send(wave_id=wave_id, base_url=base_url)
