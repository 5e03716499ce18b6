"""Getting delivery items inside a programme (or 404), and the lists pages show, in fixed queries."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from django.db.models import Count, Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from mobilise.accounts.models import Organisation
from mobilise.programmes.models import Programme
from mobilise.workspace.models import Note, NoteKind

from .components import serving
from .models import (
    OPEN_STATUSES,
    Action,
    Agreement,
    ComponentLeads,
    Milestone,
    PartnerConfirmation,
    PartnerLead,
    PendingImport,
    Review,
    Risk,
    RiskStatus,
    SystemDriver,
)


def _manager(model: Any, include_binned: bool) -> Any:
    return model.all_objects if include_binned else model.objects


def get_action_or_404(programme: Programme, pk: int, *, include_binned: bool = False) -> Action:
    related = ("programme", "owner", "partner", "tension", "change_idea", "measure")
    found: Action = get_object_or_404(
        _manager(Action, include_binned).select_related(*related), programme=programme, pk=pk
    )
    return found


def get_risk_or_404(programme: Programme, pk: int, *, include_binned: bool = False) -> Risk:
    found: Risk = get_object_or_404(
        _manager(Risk, include_binned).select_related("programme", "owner"), programme=programme, pk=pk
    )
    return found


def get_agreement_or_404(programme: Programme, pk: int, *, include_binned: bool = False) -> Agreement:
    found: Agreement = get_object_or_404(
        _manager(Agreement, include_binned).select_related("programme", "supersedes"),
        programme=programme,
        pk=pk,
    )
    return found


def get_driver_or_404(programme: Programme, pk: int, *, include_binned: bool = False) -> SystemDriver:
    found: SystemDriver = get_object_or_404(
        _manager(SystemDriver, include_binned).select_related("programme", "tension"),
        programme=programme,
        pk=pk,
    )
    return found


def get_partner_or_404(programme: Programme, pk: int) -> Organisation:
    found: Organisation = get_object_or_404(Organisation.objects.filter(programmes=programme), pk=pk)
    return found


# Lists ------------------------------------------------------------------------------------------


def actions(
    programme: Programme,
    *,
    component: str = "",
    partner: int | None = None,
    owner: int | None = None,
    open_only: bool = False,
) -> QuerySet[Action]:
    found = Action.objects.filter(programme=programme).select_related("owner", "partner")
    if component:
        found = found.filter(serving(component))
    if partner is not None:
        found = found.filter(partner_id=partner)
    if owner is not None:
        found = found.filter(owner_id=owner)
    if open_only:
        found = found.filter(status__in=OPEN_STATUSES)
    return found


def overdue_actions(programme: Programme, today: date) -> QuerySet[Action]:
    return actions(programme, open_only=True).filter(due_on__lt=today)


def risks(programme: Programme, *, open_only: bool = False) -> QuerySet[Risk]:
    found = Risk.objects.filter(programme=programme).select_related("owner")
    return found.filter(status=RiskStatus.OPEN) if open_only else found


def risk_grid(programme: Programme) -> dict[tuple[int, int], int]:
    """How many open risks sit in each (likelihood, impact) cell: one grouped query."""
    rows = (
        Risk.objects.filter(programme=programme, status=RiskStatus.OPEN)
        .order_by()
        .values_list("likelihood", "impact")
        .annotate(n=Count("id"))
    )
    return {(likelihood, impact): n for likelihood, impact, n in rows}


def risk_scores_over_time(risk: Risk) -> list[tuple[Any, int, int, int, str]]:
    """(when, likelihood, impact, score, who) each time the score changed, oldest first."""
    history = risk.history.order_by("history_date").select_related("history_user")
    changes: list[tuple[Any, int, int, int, str]] = []
    for row in history.only("history_date", "likelihood", "impact", "score", "history_user"):
        if not changes or changes[-1][3] != row.score or changes[-1][1:3] != (row.likelihood, row.impact):
            who = row.history_user.display_name if row.history_user else ""
            changes.append((row.history_date, row.likelihood, row.impact, row.score, who))
    return changes


def agreements(programme: Programme) -> QuerySet[Agreement]:
    return (
        Agreement.objects.filter(programme=programme)
        .select_related("supersedes", "superseded_by")
        .prefetch_related(
            Prefetch("confirmations", queryset=PartnerConfirmation.objects.select_related("organisation"))
        )
    )


def decision_notes(programme: Programme) -> QuerySet[Note]:
    """Decisions written as notes on component pages: they belong in the register too."""
    return Note.objects.filter(programme=programme, kind=NoteKind.DECISION).select_related("author")


def drivers(programme: Programme) -> QuerySet[SystemDriver]:
    return SystemDriver.objects.filter(programme=programme).select_related("tension")


def programme_partners(programme: Programme) -> list[Organisation]:
    return list(Organisation.objects.filter(programmes=programme).order_by("name"))


def component_leads(programme: Programme) -> dict[str, ComponentLeads]:
    """Each component's leads row (where one exists), with its leads loaded: two queries."""
    rows = ComponentLeads.objects.filter(programme=programme).prefetch_related("leads")
    return {row.component: row for row in rows}


def partner_leads(programme: Programme) -> dict[int, PartnerLead]:
    rows = PartnerLead.objects.filter(programme=programme).select_related("lead")
    return {row.organisation_id: row for row in rows}


def member_ids(programme: Programme) -> set[int]:
    return set(programme.memberships.values_list("user_id", flat=True))


def open_counts_by_component(programme: Programme) -> dict[str, int]:
    """Open actions per component (an action serving two counts for both)."""
    counts: dict[str, int] = defaultdict(int)
    rows = (
        Action.objects.filter(programme=programme, status__in=OPEN_STATUSES)
        .order_by()
        .values_list("components")
        .annotate(n=Count("id"))
    )
    for stored, n in rows:
        for key in stored.strip(",").split(","):
            if key:
                counts[key] += n
    return dict(counts)


def reviews(programme: Programme) -> QuerySet[Review]:
    return Review.objects.filter(programme=programme).defer("snapshot")


def get_review_or_404(programme: Programme, pk: int) -> Review:
    found: Review = get_object_or_404(Review.objects.select_related("programme"), programme=programme, pk=pk)
    return found


def milestones(programme: Programme) -> QuerySet[Milestone]:
    return Milestone.objects.filter(programme=programme).select_related("measure")


def get_milestone_or_404(programme: Programme, pk: int, *, include_binned: bool = False) -> Milestone:
    found: Milestone = get_object_or_404(
        _manager(Milestone, include_binned).select_related("programme", "measure"), programme=programme, pk=pk
    )
    return found


def led_partner_ids(programme: Programme, user_id: int | None) -> set[int]:
    """The partners in this programme that this person leads."""
    rows = PartnerLead.objects.filter(programme=programme, lead_id=user_id or 0)
    return set(rows.values_list("organisation_id", flat=True))


def newer_agreement(agreement: Agreement) -> Agreement | None:
    return Agreement.objects.filter(programme_id=agreement.programme_id, supersedes=agreement).first()


def partner_lead(programme: Programme, organisation: Organisation) -> PartnerLead | None:
    return (
        PartnerLead.objects.filter(programme=programme, organisation=organisation)
        .select_related("lead")
        .first()
    )


def confirmation(agreement: Agreement, organisation: Organisation) -> PartnerConfirmation | None:
    return PartnerConfirmation.objects.filter(agreement=agreement, organisation=organisation).first()


def leads_row(programme: Programme, component: str) -> ComponentLeads | None:
    return ComponentLeads.objects.filter(programme=programme, component=component).first()


def get_pending_import_or_404(programme: Programme, pk: int, what: str) -> PendingImport:
    found: PendingImport = get_object_or_404(
        PendingImport.objects.select_related("programme"), programme=programme, pk=pk, what=what
    )
    return found
