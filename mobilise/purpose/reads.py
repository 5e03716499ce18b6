"""Reading the shared purpose and its revisions, always within one programme."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from mobilise.programmes.models import Programme

from .models import SharedPurpose


def get_purpose(programme: Programme) -> SharedPurpose | None:
    """The programme's purpose, or None while nobody has written it."""
    return SharedPurpose.objects.select_related("updated_by").filter(programme=programme).first()


def revisions_newest_first(programme: Programme) -> list[Any]:
    """Every saved revision with who saved it, in one query."""
    return list(
        SharedPurpose.history.filter(programme_id=programme.pk)
        .select_related("history_user")
        .order_by("-history_date", "-history_id")
    )


def revision_count(programme: Programme) -> int:
    return int(SharedPurpose.history.filter(programme_id=programme.pk).count())


def get_revision_or_404(programme: Programme, history_id: int) -> Any:
    """A revision of this programme's purpose; an unknown or other-programme id is a 404."""
    revision = (
        SharedPurpose.history.filter(programme_id=programme.pk, history_id=history_id)
        .select_related("history_user")
        .first()
    )
    if revision is None:
        raise Http404("No such version of the shared purpose")
    return revision
