"""Reading the programme's story and its stories, always within one programme."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from mobilise.programmes.models import Programme
from mobilise.workspace.models import Audience

from .models import AudienceNarrative, Narrative, ShareLink, Story, StoryStatus, shown_q


def get_narrative(programme: Programme) -> Narrative | None:
    return Narrative.objects.select_related("updated_by").filter(programme=programme).first()


def audience_versions(programme: Programme) -> list[tuple[Audience, AudienceNarrative | None]]:
    """Every audience the programme has named, with its version of the story if one is written."""
    audiences = list(Audience.objects.filter(programme=programme))
    versions = {v.audience_id: v for v in AudienceNarrative.objects.filter(programme=programme)}
    return [(a, versions.get(a.pk)) for a in audiences]


def get_audience_or_404(programme: Programme, pk: int) -> Audience:
    audience = Audience.objects.filter(programme=programme, pk=pk).first()
    if audience is None:
        raise Http404("No such audience")
    return audience


def get_audience_version(programme: Programme, audience: Audience) -> AudienceNarrative | None:
    return AudienceNarrative.objects.filter(programme=programme, audience=audience).first()


def revisions_newest_first(programme: Programme) -> list[Any]:
    return list(
        Narrative.history.filter(programme_id=programme.pk)
        .select_related("history_user")
        .order_by("-history_date", "-history_id")
    )


def get_revision_or_404(programme: Programme, history_id: int) -> Any:
    revision = (
        Narrative.history.filter(programme_id=programme.pk, history_id=history_id)
        .select_related("history_user")
        .first()
    )
    if revision is None:
        raise Http404("No such version of the story")
    return revision


def shown_stories(programme: Programme) -> list[Story]:
    return list(Story.objects.filter(programme=programme).filter(shown_q()).order_by("-created_at"))


def waiting_stories(programme: Programme) -> list[Story]:
    return list(
        Story.objects.filter(
            programme=programme, status=StoryStatus.WAITING, withdrawn_at__isnull=True
        ).order_by("created_at")
    )


def get_story_or_404(programme: Programme, pk: int) -> Story:
    """A story of this programme that has not been withdrawn (a withdrawn story is gone)."""
    story = (
        Story.objects.filter(programme=programme, pk=pk, withdrawn_at__isnull=True)
        .prefetch_related("measures", "tests_of_change")
        .first()
    )
    if story is None:
        raise Http404("No such story")
    return story


def get_waiting_story_or_404(programme: Programme, pk: int) -> Story:
    story = Story.objects.filter(
        programme=programme, pk=pk, status=StoryStatus.WAITING, withdrawn_at__isnull=True
    ).first()
    if story is None:
        raise Http404("No such story waiting to be read")
    return story


def get_share_link(programme: Programme) -> ShareLink | None:
    return ShareLink.objects.filter(programme=programme).first()
