"""Getting a programme's notes, alignment entries and audiences, or 404: views never query models."""

from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404

from mobilise.programmes.models import Programme

from .models import AlignmentEntry, Audience, Note


def get_note_or_404(programme: Programme, pk: int, *, include_binned: bool = False) -> Note:
    """A note of this programme (404 otherwise); binned notes only if asked, for a 409 on save."""
    manager: Any = Note.all_objects if include_binned else Note.objects
    found: Note = get_object_or_404(manager.select_related("author"), programme=programme, pk=pk)
    return found


def get_alignment_entry_or_404(
    programme: Programme, pk: int, *, include_binned: bool = False
) -> AlignmentEntry:
    manager: Any = AlignmentEntry.all_objects if include_binned else AlignmentEntry.objects
    found: AlignmentEntry = get_object_or_404(
        manager.select_related("created_by"), programme=programme, pk=pk
    )
    return found


def get_audience_or_404(programme: Programme, pk: int) -> Audience:
    found: Audience = get_object_or_404(Audience, programme=programme, pk=pk)
    return found
