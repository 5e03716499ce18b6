"""Refuse a save that would overwrite somebody else's newer edit (no lost updates).

Editable content carries a `version` number. The form sends back the version the person
started from; if the stored version has moved on, the save is refused and their text kept.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django import forms
from django.db import models
from django.http import QueryDict


class EditConflict(Exception):
    """Somebody else saved this item after the person opened it."""

    def __init__(self, current: models.Model) -> None:
        super().__init__("Someone else changed this while you were editing.")
        self.current = current


class VersionedModel(models.Model):
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True


M = TypeVar("M", bound="VersionedModel")


def lock_for_edit(obj: M, expected_version: int | None) -> M:
    """Re-read `obj` locked for update and check nobody saved since `expected_version`.

    Call inside `transaction.atomic()`. Returns the locked, current row with its version
    already bumped, ready for the caller to change and save.
    """
    current = type(obj)._default_manager.select_for_update().get(pk=obj.pk)
    if expected_version is not None and current.version != expected_version:
        raise EditConflict(current)
    current.version += 1
    return current


F = TypeVar("F", bound=forms.BaseForm)


def form_for_second_save(make_form: Callable[[QueryDict], F], posted: QueryDict, version: int) -> F:
    """The form re-shown after an `EditConflict`, holding everything the person typed.

    Only the version moves on, to the one saved meanwhile: the page shows both texts, and a second
    save from it is a deliberate choice to replace theirs. The form is validated so its own errors
    show as well.
    """
    data = posted.copy()
    data["version"] = str(version)
    form = make_form(data)
    form.is_valid()
    return form
