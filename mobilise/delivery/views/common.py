"""What every delivery view shares: rendering, and the add / edit / bin pattern for one kind of item."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from mobilise.core.concurrency import EditConflict, form_for_second_save
from mobilise.programmes.models import Programme

from .. import services

CONFLICT_MESSAGE = (
    "Someone else changed this while you were editing. Your text is below; their version is "
    "shown for comparison. Check both, then save again if you want yours to replace it."
)
BINNED_MESSAGE = (
    "Someone moved this to the bin while you were editing, so your changes have not been saved. "
    "Your text is below: copy it if you need it, or ask a convenor to restore it."
)


def page(
    request: HttpRequest, template: str, programme: Programme, context: dict[str, Any], status: int = 200
) -> HttpResponse:
    return render(request, f"delivery/{template}", {"programme": programme, **context}, status=status)


MAX_PAGE = 10_000


def page_number(request: HttpRequest) -> int:
    """The ?page= asked for, from 1; anything else reads as the first page."""
    text = request.GET.get("page", "")
    return min(int(text), MAX_PAGE) if text.isdigit() and int(text) > 0 else 1


def params_without_page(request: HttpRequest) -> str:
    """The page's filters as a query string ending in & (ready for page=N), or empty."""
    params = request.GET.copy()
    params.pop("page", None)
    text = params.urlencode()
    return f"{text}&" if text else ""


@dataclass(frozen=True)
class Kind:
    """One kind of delivery item and how its pages talk about it."""

    model: type[Any]
    noun: str  # "action", as in "Add an action"
    article: str  # "an"
    list_route: str
    delete_route: str
    make_form: Callable[..., forms.Form]
    fields: tuple[str, ...]
    done_url: Callable[[Programme, Any], str]

    def initial(self, item: Any) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for name in self.fields:
            value = getattr(item, name)
            values[name] = value.pk if hasattr(value, "pk") else value
        if hasattr(item, "component_keys"):
            values["components"] = item.component_keys
        values["version"] = item.version
        return values


def form_page(
    request: HttpRequest,
    programme: Programme,
    kind: Kind,
    form: forms.Form,
    *,
    item: Any,
    status: int = 200,
    **extra: Any,
) -> HttpResponse:
    heading = f"Edit this {kind.noun}" if item else f"Add {kind.article} {kind.noun}"
    return page(
        request,
        "item_form.jinja",
        programme,
        {"form": form, "item": item, "kind": kind, "heading": heading, **extra},
        status=status,
    )


def create(
    request: HttpRequest, programme: Programme, kind: Kind, *, initial: dict[str, Any], **extra: Any
) -> HttpResponse:
    form = kind.make_form(request.POST or None, programme=programme, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.item_create(
                model=kind.model, programme=programme, data=form.cleaned_data, user=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"{kind.noun.capitalize()} saved.")
            return redirect(kind.done_url(programme, item))
    return form_page(request, programme, kind, form, item=None, **extra)


def edit(
    request: HttpRequest, programme: Programme, kind: Kind, item: Any, **form_kwargs: Any
) -> HttpResponse:
    form = kind.make_form(
        request.POST or None, programme=programme, initial=kind.initial(item), **form_kwargs
    )
    if request.method == "POST" and item.in_bin:
        form.is_valid()
        return form_page(
            request, programme, kind, form, item=item, status=409, problem=BINNED_MESSAGE, binned=True
        )
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.item_update(
                item=item,
                data=form.cleaned_data,
                user=request.user,
                expected_version=form.cleaned_data["version"],
            )
        except EditConflict as conflict:
            theirs: Any = conflict.current
            form = form_for_second_save(
                lambda data: kind.make_form(data, programme=programme, **form_kwargs),
                request.POST,
                theirs.version,
            )
            return form_page(
                request, programme, kind, form, item=item, status=409, problem=CONFLICT_MESSAGE, theirs=theirs
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"{kind.noun.capitalize()} saved.")
            return redirect(kind.done_url(programme, saved))
    return form_page(request, programme, kind, form, item=item)


def delete(request: HttpRequest, programme: Programme, kind: Kind, item: Any, label: str) -> HttpResponse:
    if request.method == "POST":
        services.item_bin(item=item, user=request.user)
        messages.success(request, f"“{label}” moved to the bin. A convenor can restore it within 30 days.")
        return redirect(kind.list_route, slug=programme.slug)
    return page(request, "item_delete.jinja", programme, {"item": item, "kind": kind, "label": label})
