"""Getting a programme's published board papers (or 404)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from mobilise.programmes.models import Programme

from .models import Paper


def get_paper_or_404(programme: Programme, number: int) -> Paper:
    found: Paper = get_object_or_404(Paper, programme=programme, number=number)
    return found


def papers_in(programme: Programme) -> QuerySet[Paper]:
    return (
        Paper.objects.filter(programme=programme)
        .select_related("published_by")
        .only(
            "number",
            "title",
            "published_at",
            "published_by__full_name",
            "published_by__email",
            "programme_id",
        )
    )
