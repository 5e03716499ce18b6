"""Getting a test of change (or its attachment) inside a programme, or 404."""

from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404

from mobilise.improvement.models import ChangeIdea
from mobilise.programmes.models import Programme

from .models import Attachment, PdsaImport, TestOfChange


def get_test_or_404(programme: Programme, pk: int, *, include_binned: bool = False) -> TestOfChange:
    manager: Any = TestOfChange.all_objects if include_binned else TestOfChange.objects
    found: TestOfChange = get_object_or_404(
        manager.select_related("change_idea", "site", "created_by", "previous_cycle", "programme"),
        programme=programme,
        pk=pk,
        change_idea__deleted_at__isnull=True,
    )
    return found


def get_attachment_or_404(test: TestOfChange, pk: int) -> Attachment:
    found: Attachment = get_object_or_404(
        Attachment.objects, test=test, programme_id=test.programme_id, pk=pk
    )
    return found


def change_idea_titles(programme: Programme, pks: set[int]) -> dict[int, str]:
    """Titles of this programme's change ideas among `pks` (ids from elsewhere are left out)."""
    return dict(ChangeIdea.objects.filter(programme=programme, pk__in=pks).values_list("pk", "title"))


def get_import_or_404(programme: Programme, pk: int) -> PdsaImport:
    found: PdsaImport = get_object_or_404(PdsaImport, programme=programme, pk=pk)
    return found
