"""The measurement dashboard: every measure with its icons, filters, and what changed."""

from __future__ import annotations

from django import forms
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from mobilise.programmes.access import programme_view
from mobilise.programmes.models import Programme
from mobilise.programmes.roles import EDIT, VIEW
from mobilise.workspace.models import COMPONENT_CHOICES

from .. import reads
from ..charts.icons import symbol_definitions
from ..models import MeasureType
from ..summaries import dashboard_rows
from .rendering import page


class DashboardFilters(forms.Form):
    component = forms.ChoiceField(
        label="Change Model component", required=False, choices=[("", "All components"), *COMPONENT_CHOICES]
    )
    type = forms.ChoiceField(
        label="Type of measure", required=False, choices=[("", "All types"), *MeasureType.choices]
    )


@require_GET
@programme_view(VIEW)
def dashboard(request: HttpRequest, programme: Programme) -> HttpResponse:
    filters = DashboardFilters(request.GET)
    chosen = filters.cleaned_data if filters.is_valid() else {}
    component, kind = chosen.get("component", ""), chosen.get("type", "")
    measures = list(reads.measures_in(programme, component=component, type=kind))
    rows = dashboard_rows(programme, measures)
    filtered = bool(component or kind)
    return page(
        request,
        "measurement/dashboard.jinja",
        {
            "programme": programme,
            "rows": rows,
            "filters": filters,
            "filtered": filtered,
            "total": reads.measures_in(programme).count() if filtered else len(rows),
            "changes": [row for row in rows if row.change],
            "icon_symbols": symbol_definitions(),
            "can_edit": request.user.has_perm(EDIT, programme),
        },
    )
