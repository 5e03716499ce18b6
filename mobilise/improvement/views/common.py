"""What the diagram-editing views share: trying an edit, and the page around a form."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, cast

from django import forms
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse

from mobilise.core.concurrency import EditConflict
from mobilise.programmes.models import Programme

from .. import reads
from ..models import DriverDiagram
from ..reads import ChangeRecord
from ..services.common import TreeRuleError

CONFLICT_MESSAGE = (
    "Someone else changed this diagram while you were working on it, so your change has not been "
    "saved yet. What they changed is listed below and your change is still on the form. Check it "
    "still makes sense, then save again."
)


@dataclass
class Outcome:
    done: bool
    result: Any = None
    changes: list[ChangeRecord] | None = None

    @property
    def conflict(self) -> bool:
        return self.changes is not None


def attempt(form: forms.Form, diagram: DriverDiagram, action: Callable[[dict[str, Any]], Any]) -> Outcome:
    """Run a diagram edit with the form's data. A stale version keeps the person's input on the
    form (now carrying the current version, so a second save goes through) and lists what others
    changed since; a broken rule becomes an error on the form."""
    expected = form.cleaned_data["version"]
    try:
        return Outcome(True, action(form.cleaned_data))
    except EditConflict as conflict:
        current = conflict.current
        assert isinstance(current, DriverDiagram)
        form.data = cast(QueryDict, form.data).copy()
        form.data["version"] = str(current.version)
        return Outcome(False, changes=reads.diagram_changes(current, since_version=expected))
    except TreeRuleError as error:
        form.add_error(error.field if error.field in form.fields else None, error.message)
        return Outcome(False)


def diagram_url(programme: Programme, diagram: DriverDiagram, anchor: str = "") -> str:
    url = reverse("improvement:diagram", kwargs={"slug": programme.slug, "pk": diagram.pk})
    return f"{url}#{anchor}" if anchor else url


def render_form(
    request: HttpRequest,
    programme: Programme,
    diagram: DriverDiagram,
    form: forms.Form,
    *,
    heading: str,
    submit_label: str,
    outcome: Outcome | None = None,
    caption: str = "",
    intro: str = "",
    template: str = "improvement/form_page.jinja",
    cancel_url: str = "",
    **extra: Any,
) -> HttpResponse:
    conflict = outcome is not None and outcome.conflict
    return render(
        request,
        template,
        {
            "programme": programme,
            "diagram": diagram,
            "form": form,
            "heading": heading,
            "caption": caption or diagram.title,
            "intro": intro,
            "submit_label": submit_label,
            "cancel_url": cancel_url or diagram_url(programme, diagram),
            "conflict_message": CONFLICT_MESSAGE if conflict else "",
            "changes": outcome.changes if outcome is not None and outcome.changes else [],
            **extra,
        },
        status=409 if conflict else 200,
    )
