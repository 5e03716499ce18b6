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

from .models import (
    OPEN_STATUSES,
    Action,
    Agreement,
    ComponentLeads,
    DigestChoice,
    PartnerConfirmation,
    PartnerLead,
)

DUE_WITHIN = timedelta(days=7)
CHANGED_WITHIN = timedelta(days=7)


@dataclass
class Digest:
    user: User
    actions: list[Action] = field(default_factory=list)
    waiting: list[tuple[Agreement, str]] = field(default_factory=list)
    changed: list[tuple[str, str, int]] = field(default_factory=list)  # programme, component, how many

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
    recent: dict[tuple[int, str], int] = defaultdict(int)
    changed = Action.objects.filter(
        programme_id__in={r.programme_id for r in rows}, updated_at__gte=now - CHANGED_WITHIN
    ).values_list("programme_id", "components")
    for programme_id, stored in changed:
        for key in stored.strip(",").split(","):
            recent[(programme_id, key)] += 1
    for row in rows:
        n = recent.get((row.programme_id, row.component), 0)
        for person in row.leads.all() if n else ():
            for_user(person).changed.append((row.programme.name, row.get_component_display(), n))
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
            f"- {component} in {programme}: {n} actions changed" for programme, component, n in digest.changed
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
