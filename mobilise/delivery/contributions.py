"""What delivery adds to other apps' pages, registered from DeliveryConfig.ready()."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone

from mobilise.programmes.models import Programme
from mobilise.programmes.roles import EDIT
from mobilise.purpose.orientation import Section
from mobilise.workspace.board import BoardSection, BoardTable
from mobilise.workspace.components import COMPONENTS
from mobilise.workspace.linked import LinkedWork, plural
from mobilise.workspace.panels import Panel

from . import presenters, reads
from .forms import ActionForm
from .models import OPEN_STATUSES, Action, Agreement, Confirmation, Risk, RiskStatus, SystemDriver
from .reviews import review_prompts

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
    """A review suggested only when one would help (90 days on, a new stage of the cycle, several
    measures showing a new signal), each reason once: "Not now" puts it away for that person."""
    prompts = review_prompts(programme, timezone.localdate(), user)
    return Panel("delivery/panels/review.jinja", {"prompts": prompts}) if prompts else None


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


def board_risks(programme: Programme) -> BoardSection | None:
    """Open risks for the board, the highest scores first, each with its impact on the purpose."""
    found = list(reads.risks(programme, open_only=True).order_by("-score", "review_on", "pk")[:10])
    if not found:
        return None
    rows = [
        (
            risk.title,
            f"{risk.score} ({presenters.band(risk.score).label.lower()})",
            risk.purpose_impact,
            risk.mitigation or "Not written yet",
            risk.owner.display_name if risk.owner else "Nobody yet",
        )
        for risk in found
    ]
    return BoardSection(
        key="risks",
        title="Risks, by what they would do to our shared purpose",
        intro="The open risks with the highest scores (likelihood × impact, 1 to 25).",
        table=BoardTable(
            caption="Open risks, highest score first",
            headings=("Risk", "Score", "Impact on our shared purpose", "What we are doing", "Owner"),
            rows=rows,
        ),
        component="delivery",
    )


def board_agreements(programme: Programme) -> BoardSection | None:
    """Agreements still waiting for a partner's answer, or where a partner has concerns."""
    waiting: list[tuple[str, str, str]] = []
    for agreement in reads.agreements(programme).filter(superseded_by=None)[:200]:
        answers = list(agreement.confirmations.all())
        pending = [a.organisation.name for a in answers if a.state == Confirmation.PENDING]
        concerns = [
            f"{a.organisation.name}: {a.concern}" for a in answers if a.state == Confirmation.CONCERNS
        ]
        if pending or concerns:
            waiting.append(
                (
                    agreement.title,
                    ", ".join(pending) or "Nobody",
                    "; ".join(concerns) or "None",
                )
            )
    if not waiting:
        return None
    return BoardSection(
        key="agreements",
        title="Agreements that need a decision",
        intro="Agreements some partners have not yet confirmed, or have concerns about.",
        table=BoardTable(
            caption="Agreements waiting for partners",
            headings=("What we agreed", "Waiting for", "Concerns raised"),
            rows=waiting[:10],
        ),
        component="delivery",
    )


def orientation_leads(programme: Programme) -> Section:
    """For newcomers: who leads each of the eight components (an open invitation where nobody does)."""
    rows = reads.component_leads(programme)
    url = reverse("delivery:leads", kwargs={"slug": programme.slug})
    lines: list[tuple[str, str]] = []
    for component in COMPONENTS[1:]:
        key, name = component.key, component.name
        row = rows.get(key)
        names = ", ".join(sorted(user.display_name for user in row.leads.all())) if row else ""
        lines.append((f"{name}: {names}" if names else f"{name}: who will lead this?", url))
    return Section("Who leads each part of the work", lines)
