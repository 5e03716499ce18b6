"""Getting a test of change (or its attachment) inside a programme, or 404."""

from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404

from mobilise.programmes.models import Programme

from .models import Attachment, PdsaImport, TestOfChange


def test_in_programme(programme: Programme, pk: int, *, include_binned: bool = False) -> TestOfChange:
    manager: Any = TestOfChange.all_objects if include_binned else TestOfChange.objects
    found: TestOfChange = get_object_or_404(
        manager.select_related("change_idea", "site", "created_by", "previous_cycle", "programme"),
        programme=programme,
        pk=pk,
        change_idea__deleted_at__isnull=True,
    )
    return found


def attachment_in_test(test: TestOfChange, pk: int) -> Attachment:
    found: Attachment = get_object_or_404(
        Attachment.objects, test=test, programme_id=test.programme_id, pk=pk
    )
    return found


def import_in_programme(programme: Programme, pk: int) -> PdsaImport:
    found: PdsaImport = get_object_or_404(PdsaImport, programme=programme, pk=pk)
    return found
