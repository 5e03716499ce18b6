"""What delivery adds to other apps' pages, registered from DeliveryConfig.ready()."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone

from mobilise.programmes.models import Programme
from mobilise.programmes.roles import EDIT
from mobilise.workspace.linked import LinkedWork, plural
from mobilise.workspace.panels import Panel

from . import presenters, reads
from .forms import ActionForm
from .models import OPEN_STATUSES, Action, Agreement, Risk, RiskStatus, SystemDriver
from .reviews import review_due

OVERDUE_SHOWN = 5
COMPONENT_ACTIONS_SHOWN = 5


def lead_cells(programme: Programme) -> dict[str, str]:
    """The home's component table: each component's leads, or an invitation."""
    members = reads.member_ids(programme)
    cells = {}
    for row in presenters.lead_rows(reads.component_leads(programme), members):
        cells[row.key] = presenters.lead_names(row.leads) or "Who will lead this?"
    return cells


def home_panel(programme: Programme, user: Any) -> Panel | None:
    """Actions past their date, gently: a nudge to check in, never a red list."""
    today = timezone.localdate()
    overdue = reads.overdue_actions(programme, today)
    shown = list(overdue[:OVERDUE_SHOWN])
    if not shown:
        return None
    return Panel(
        "delivery/panels/home.jinja",
        {"overdue": shown, "total": overdue.count(), "mine": sum(1 for a in shown if a.owner_id == user.pk)},
    )


def review_panel(programme: Programme, user: Any) -> Panel | None:
    """A review suggested only when one would help: 90 days on, or a new stage of the cycle."""
    why = review_due(programme, timezone.localdate())
    return Panel("delivery/panels/review.jinja", {"why": why}) if why else None


def component_panel(programme: Programme, user: Any, component: str) -> Panel:
    """Leads (or an invitation), this component's open actions, and a quick way to add one."""
    members = reads.member_ids(programme)
    leads_row = reads.component_leads(programme).get(component)
    found = reads.actions(programme, component=component, open_only=True)
    can_edit = user.has_perm(EDIT, programme)
    return Panel(
        "delivery/panels/component.jinja",
        {
            "component": component,
            "leads": presenters.lead_rows({component: leads_row} if leads_row else {}, members),
            "names": presenters.lead_names,
            "actions": list(found[:COMPONENT_ACTIONS_SHOWN]),
            "total": found.count(),
            "can_edit": can_edit,
            "quick_form": ActionForm(programme=programme, initial={"owner": user.pk}) if can_edit else None,
            "tags": presenters.STATUS_TAG,
        },
    )


def _url(name: str, programme: Programme) -> str:
    return reverse(name, kwargs={"slug": programme.slug})


def leadership_work(programme: Programme) -> list[LinkedWork]:
    rows = presenters.lead_rows(reads.component_leads(programme), reads.member_ids(programme))
    led = sum(1 for row in rows if row.leads)
    return [
        LinkedWork(
            f"Who leads what: {led} of 8 components have a named lead", _url("delivery:leads", programme)
        )
    ]


def delivery_work(programme: Programme) -> list[LinkedWork]:
    actions = Action.objects.filter(programme=programme, status__in=OPEN_STATUSES).count()
    risks = Risk.objects.filter(programme=programme, status=RiskStatus.OPEN).count()
    agreements = Agreement.objects.filter(programme=programme).count()
    return [
        LinkedWork(plural(actions, "open action", "open actions"), _url("delivery:actions", programme)),
        LinkedWork(
            plural(risks, "open risk or issue", "open risks and issues"), _url("delivery:risks", programme)
        ),
        LinkedWork(
            plural(agreements, "agreement", "agreements") + " recorded",
            _url("delivery:agreements", programme),
        ),
    ]


def drivers_work(programme: Programme) -> list[LinkedWork]:
    n = SystemDriver.objects.filter(programme=programme).count()
    return [
        LinkedWork(
            plural(n, "lever in the system drivers register", "levers in the system drivers register"),
            _url("delivery:drivers", programme),
        )
    ]
