"""A programme's workshop themes: list them, add and change them, put them in order, retire them."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from mobilise.core.concurrency import EditConflict, form_for_second_save
from mobilise.programmes.access import programme_view
from mobilise.programmes.models import Programme
from mobilise.programmes.roles import EDIT_THEMES, VIEW
from mobilise.workspace.models import COMPONENT_CHOICES

from .. import reads, services
from ..forms import ThemeArchiveForm, ThemeForm, ThemeMoveForm
from ..models import Theme

CONFLICT_MESSAGE = (
    "Someone else changed this theme while you were editing. Your text is below. Check it against "
    "the theme as it is now (open it in a new tab), then save again if you want yours to replace it."
)
MOVED_MESSAGE = (
    "Someone else changed or moved that theme after this page was opened, so it has not been moved. "
    "Here is the order as it is now."
)
COMPONENT_NAMES = dict(COMPONENT_CHOICES)


def _list_page(
    request: HttpRequest, programme: Programme, *, problem: str = "", status: int = 200
) -> HttpResponse:
    live, archived = reads.themes_in(programme)
    return render(
        request,
        "workshops/themes.jinja",
        {
            "programme": programme,
            "live": live,
            "archived": archived,
            "components": COMPONENT_NAMES,
            "can_edit": request.user.has_perm(EDIT_THEMES, programme),
            "problem": problem,
        },
        status=status,
    )


def _form_page(
    request: HttpRequest, programme: Programme, form: ThemeForm, theme: Theme | None, **extra: Any
) -> HttpResponse:
    status = extra.pop("status", 200)
    context = {"programme": programme, "form": form, "theme": theme, **extra}
    return render(request, "workshops/theme_form.jinja", context, status=status)


@require_GET
@programme_view(VIEW)
def theme_list(request: HttpRequest, programme: Programme) -> HttpResponse:
    return _list_page(request, programme)


@require_http_methods(["GET", "POST"])
@programme_view(EDIT_THEMES)
def theme_new(request: HttpRequest, programme: Programme) -> HttpResponse:
    form = ThemeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            theme = services.theme_create(programme=programme, data=form.cleaned_data, user=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"“{theme.title}” added. It is offered when you plan a series.")
            return redirect("workshops:themes", slug=programme.slug)
    return _form_page(request, programme, form, None)


@require_http_methods(["GET", "POST"])
@programme_view(EDIT_THEMES)
def theme_edit(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    theme = reads.get_theme_or_404(programme, pk)
    initial = {
        "title": theme.title,
        "component": theme.component,
        "agenda": theme.agenda,
        "version": theme.version,
    }
    form = ThemeForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.theme_update(
                theme=theme,
                data=form.cleaned_data,
                user=request.user,
                expected_version=form.cleaned_data["version"],
            )
        except EditConflict as conflict:
            form = form_for_second_save(ThemeForm, request.POST, conflict.current.version)  # type: ignore[attr-defined]
            return _form_page(request, programme, form, theme, problem=CONFLICT_MESSAGE, status=409)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, "Theme saved. Sessions already planned keep their own title and agenda."
            )
            return redirect("workshops:themes", slug=programme.slug)
    return _form_page(request, programme, form, theme)


@require_POST
@programme_view(EDIT_THEMES)
def theme_move(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    theme = reads.get_theme_or_404(programme, pk)
    form = ThemeMoveForm(request.POST)
    if not form.is_valid():
        return _list_page(
            request, programme, problem="Choose whether to move the theme up or down", status=400
        )
    try:
        services.theme_move(
            theme=theme,
            up=form.cleaned_data["direction"] == "up",
            user=request.user,
            expected_version=form.cleaned_data["version"],
        )
    except EditConflict:
        return _list_page(request, programme, problem=MOVED_MESSAGE, status=409)
    except ValidationError as error:
        return _list_page(request, programme, problem=" ".join(error.messages), status=400)
    return redirect("workshops:themes", slug=programme.slug)


@require_POST
@programme_view(EDIT_THEMES)
def theme_archive(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    theme = reads.get_theme_or_404(programme, pk)
    form = ThemeArchiveForm(request.POST)
    if not form.is_valid():
        return _list_page(
            request, programme, problem="Choose whether to archive or restore the theme", status=400
        )
    archived: bool = form.cleaned_data["archived"]
    services.theme_archive(theme=theme, archived=archived, user=request.user)
    if archived:
        messages.success(
            request, f"“{theme.title}” archived. It is no longer offered for planning; past sessions keep it."
        )
    else:
        messages.success(request, f"“{theme.title}” restored. It is offered for planning again.")
    return redirect("workshops:themes", slug=programme.slug)
