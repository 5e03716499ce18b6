"""The weekly digest: one email per person, however many programmes they are in.

It says what is theirs to do this week (their actions due or past their date), which agreements
wait for the partner they lead, and what changed in the components they lead. Nothing to say,
no email. Read in a fixed number of queries for everyone at once.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.mail import get_connection, send_mass_mail
from django.db.models import F
from django.urls import reverse

from mobilise.accounts.models import User
from mobilise.workspace.models import Note

from .models import (
    OPEN_STATUSES,
    Action,
    Agreement,
    ComponentLeads,
    DigestChoice,
    PartnerConfirmation,
    PartnerLead,
    Risk,
)

DUE_WITHIN = timedelta(days=7)
CHANGED_WITHIN = timedelta(days=7)
NOTES_NAMED = 3  # the newest notes named in the email; the rest are counted


@dataclass
class Changes:
    """What changed in one component of one programme this week."""

    actions: int = 0
    risks: int = 0
    notes: list[str] = field(default_factory=list)  # titles of new notes, newest first

    def sentence(self) -> str:
        parts = []
        if self.actions:
            parts.append(f"{self.actions} action{'s' if self.actions != 1 else ''} changed")
        if self.risks:
            parts.append(f"{self.risks} risk{'s' if self.risks != 1 else ''} changed")
        if self.notes:
            shown = "; ".join(f"“{t}”" for t in self.notes[:NOTES_NAMED])
            more = f" and {len(self.notes) - NOTES_NAMED} more" if len(self.notes) > NOTES_NAMED else ""
            parts.append(f"{len(self.notes)} new note{'s' if len(self.notes) != 1 else ''}: {shown}{more}")
        return ", ".join(parts)


@dataclass
class Digest:
    user: User
    actions: list[Action] = field(default_factory=list)
    waiting: list[tuple[Agreement, str]] = field(default_factory=list)
    changed: list[tuple[str, str, Changes]] = field(default_factory=list)  # programme, component, what

    @property
    def has_news(self) -> bool:
        return bool(self.actions or self.waiting or self.changed)


def build_digests(today: date, now: datetime) -> list[Digest]:
    opted_out = set(DigestChoice.objects.filter(weekly=False).values_list("user_id", flat=True))
    digests: dict[int, Digest] = {}

    def for_user(user: User) -> Digest:
        return digests.setdefault(user.pk, Digest(user))

    due = (
        Action.objects.filter(status__in=OPEN_STATUSES, due_on__lte=today + DUE_WITHIN, owner__isnull=False)
        .filter(programme__memberships__user_id=F("owner_id"))  # still in that programme
        .select_related("owner", "programme")
        .order_by("due_on", "pk")
    )
    for action in due:
        for_user(action.owner).actions.append(action)  # type: ignore[arg-type]

    leads = list(PartnerLead.objects.filter(lead__isnull=False).select_related("lead", "organisation"))
    if leads:
        answered = set(
            PartnerConfirmation.objects.exclude(state="pending").values_list(
                "agreement_id", "organisation_id"
            )
        )
        programmes = {lead.programme_id for lead in leads}
        open_agreements = Agreement.objects.filter(programme_id__in=programmes, superseded_by__isnull=True)
        by_programme: dict[int, list[Agreement]] = defaultdict(list)
        for agreement in open_agreements.select_related("programme"):
            by_programme[agreement.programme_id].append(agreement)
        for lead in leads:
            for agreement in by_programme[lead.programme_id]:
                if (agreement.pk, lead.organisation_id) not in answered:
                    for_user(lead.lead).waiting.append((agreement, lead.organisation.name))  # type: ignore[arg-type]

    rows = [
        r
        for r in ComponentLeads.objects.prefetch_related("leads").select_related("programme")
        if r.leads.all()
    ]
    led_programmes = {r.programme_id for r in rows}
    since = now - CHANGED_WITHIN
    recent: dict[tuple[int, str], Changes] = defaultdict(Changes)
    for model, attr in ((Action, "actions"), (Risk, "risks")):
        for programme_id, stored in model.objects.filter(
            programme_id__in=led_programmes, updated_at__gte=since
        ).values_list("programme_id", "components"):
            for key in stored.strip(",").split(","):
                if key:
                    setattr(recent[(programme_id, key)], attr, getattr(recent[(programme_id, key)], attr) + 1)
    new_notes = (
        Note.objects.filter(programme_id__in=led_programmes, created_at__gte=since)
        .order_by("-created_at", "-pk")
        .values_list("programme_id", "component", "title")
    )
    for programme_id, component, title in new_notes:
        recent[(programme_id, component)].notes.append(title)
    for row in rows:
        found = recent.get((row.programme_id, row.component))
        for person in row.leads.all() if found else ():
            for_user(person).changed.append((row.programme.name, row.get_component_display(), found))  # type: ignore[arg-type]
    return [d for d in digests.values() if d.has_news and d.user.pk not in opted_out and d.user.is_active]


def _text(digest: Digest, base_url: str) -> str:
    lines = [f"Hello {digest.user.display_name},", "", "Here is your week in Mobilise.", ""]
    if digest.actions:
        lines.append("Your actions due this week or past their date:")
        lines += [f"- {a.title} ({a.programme.name}), due {a.due_on:%d %B %Y}" for a in digest.actions]
        lines.append("")
    if digest.waiting:
        lines.append("Agreements waiting for your organisation's answer:")
        lines += [f"- {a.title} ({a.programme.name}), for {org}" for a, org in digest.waiting]
        lines.append("")
    if digest.changed:
        lines.append("What changed in the components you lead:")
        lines += [
            f"- {component} in {programme}: {what.sentence()}"
            for programme, component, what in digest.changed
        ]
        lines.append("")
    lines.append(f"To stop these weekly emails: {base_url}{reverse('delivery:digest')}")
    return "\n".join(lines)


def send_digests(today: date, now: datetime) -> int:
    """Send this week's digests; returns how many emails went."""
    base_url = getattr(settings, "SITE_URL", "")
    messages = [
        ("Your week in Mobilise", _text(d, base_url), settings.DEFAULT_FROM_EMAIL, [d.user.email])
        for d in build_digests(today, now)
    ]
    if not messages:
        return 0
    return int(send_mass_mail(tuple(messages), connection=get_connection()))
