"""Background work: sending invitations and reminders, so a long list never holds up a page."""

from __future__ import annotations

from django_tasks import task


@task()
def send_invitation_batch(batch_id: int) -> None:
    from .services import invitation_batch_send

    invitation_batch_send(batch_id=batch_id)
