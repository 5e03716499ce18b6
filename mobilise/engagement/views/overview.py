"""Pictures of the register: the power and influence map, engagement over time, critical mass."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from mobilise.core.concurrency import EditConflict
from mobilise.programmes.access import programme_view
from mobilise.programmes.models import Programme
from mobilise.programmes.roles import EDIT, SET_GOAL, VIEW

from .. import charts, presenters, reads
from ..forms.register import GoalForm
from ..models import Engagement
from ..movement import engagement_by_month
from ..services import register as services
from .common import page


@require_GET
@programme_view(VIEW)
def power_map(request: HttpRequest, programme: Programme) -> HttpResponse:
    return page(
        request,
        "map.jinja",
        programme,
        {
            "rows": presenters.power_map(list(reads.stakeholders_in(programme))),
            "can_edit": request.user.has_perm(EDIT, programme),
        },
    )


@require_GET
@programme_view(VIEW)
def movement(request: HttpRequest, programme: Programme) -> HttpResponse:
    months = engagement_by_month(programme, today=timezone.localdate())
    levels = list(Engagement)
    drawings = charts.drawings(
        [m.label for m in months],
        [(level.value.upper(), [m.counts[level.value] for m in months]) for level in levels],
    )
    return page(
        request,
        "movement.jinja",
        programme,
        {
            "months": months,
            "levels": levels,
            "drawings": drawings,
        },
    )


def _render_critical_mass(
    request: HttpRequest,
    programme: Programme,
    form: GoalForm | None,
    goal: Any,
    *,
    status: int = 200,
    conflict: Any = None,
) -> HttpResponse:
    return page(
        request,
        "critical_mass.jinja",
        programme,
        {
            "mass": presenters.critical_mass(programme, (conflict or goal).goal),
            "form": form,
            "version": (conflict or goal).version,
            "conflict": conflict,
            "can_set_goal": request.user.has_perm(SET_GOAL, programme),
        },
        status=status,
    )


@require_GET
@programme_view(VIEW)
def critical_mass(request: HttpRequest, programme: Programme) -> HttpResponse:
    goal = services.critical_mass_goal(programme)
    form = GoalForm(initial={"goal": goal.goal}) if request.user.has_perm(SET_GOAL, programme) else None
    return _render_critical_mass(request, programme, form, goal)


@require_http_methods(["POST"])
@programme_view(SET_GOAL)
def critical_mass_goal(request: HttpRequest, programme: Programme) -> HttpResponse:
    goal = services.critical_mass_goal(programme)
    form = GoalForm(request.POST)
    if form.is_valid():
        try:
            services.critical_mass_goal_set(
                programme=programme,
                goal=form.cleaned_data["goal"],
                user=request.user,
                expected_version=form.cleaned_data["version"],
            )
        except EditConflict as conflict:
            return _render_critical_mass(
                request, programme, form, goal, status=409, conflict=conflict.current
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Goal saved: {form.cleaned_data['goal']:,} active change leaders.")
            return redirect("engagement:critical_mass", slug=programme.slug)
    return _render_critical_mass(request, programme, form, goal)
