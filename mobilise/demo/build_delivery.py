"""Demo content for delivery: leads, a plan across all eight components, risks, agreements, levers.

The same for each demo programme, drawn from its own members and partners, so the pages have
something real to show. A few components are left without a lead: an open invitation.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from mobilise.delivery.components import pack
from mobilise.delivery.models import (
    Action,
    Agreement,
    ComponentLeads,
    PartnerConfirmation,
    PartnerLead,
    Risk,
    SystemDriver,
)
from mobilise.programmes.models import Programme

from .build import _save

LED = ("purpose", "leadership", "methodology", "delivery", "measurement")
ACTIONS = (
    ("Retell the purpose at every partner's team meeting", "purpose,engagement", "doing", 14, ""),
    ("Ask each partner's chief executive to back the work in public", "leadership", "planned", 30, ""),
    ("Visit the neighbouring system that already runs joint huddles", "spread", "planned", 45, ""),
    ("Run three small tests of the shared referral form", "methodology", "done", -20, ""),
    ("Agree the monthly review of the plan with all partners", "delivery", "doing", -5, ""),
    ("Publish the run charts for the board each month", "measurement", "planned", 21, ""),
    (
        "Ask commissioners about a shared outcome in next year's contract",
        "system_drivers",
        "stuck",
        10,
        "Contract talks have not started yet; we need a named contact at the commissioner.",
    ),
    ("Invite the patient panel to co-design the next test", "engagement", "planned", 7, ""),
)
RISKS = (
    (
        "Winter pressures pull staff back to their own wards",
        4,
        4,
        "Joint huddles stop, and with them the relationships the purpose depends on.",
    ),
    (
        "Data sharing agreement not signed in time",
        3,
        5,
        "Teams cannot see one record, so care stays in pieces for patients.",
    ),
    ("Key clinical lead moves on", 2, 4, "Momentum and trust held by one person are lost."),
    (
        "Partners read the purpose as one organisation's project",
        3,
        3,
        "Others step back and the alliance becomes a steering group.",
    ),
)
DRIVERS = (
    (
        "Community services contract",
        "contracts",
        "extrinsic",
        "against",
        "The commissioner",
        "Pays per contact, so longer joint visits look like lower productivity.",
    ),
    (
        "Best practice tariff for frailty",
        "payment",
        "extrinsic",
        "with",
        "NHS England",
        "Rewards the same comprehensive assessment we want to spread.",
    ),
    (
        "Care Quality Commission inspections",
        "regulation",
        "extrinsic",
        "mixed",
        "CQC",
        "Values joined-up care but inspects each organisation on its own.",
    ),
    (
        "Section 75 pooled budget",
        "pooled",
        "extrinsic",
        "with",
        "Council and ICB",
        "Lets money follow the patient.",
    ),
    (
        "Pride in seeing the whole person",
        "own",
        "intrinsic",
        "with",
        "Every team",
        "The reason most of us came into care.",
    ),
)


def build(spec: Any, programme: Programme, people: Any, clock: Any) -> None:
    members = [people[m.person] for m in spec.members if m.person in people]
    convenor = people.get(spec.members[0].person) if spec.members else None
    if not members or convenor is None:
        return
    by = convenor
    when = clock.at(30, programme.slug)
    today = clock.now.date()
    for i, key in enumerate(LED):
        row = ComponentLeads(
            programme=programme,
            component=key,
            working_group="" if i % 2 else "A small group meets fortnightly",
        )
        _save(row, by=by, when=when)
        row.leads.set(members[i % len(members) : i % len(members) + 1 + i % 2])
    partners = list(programme.partners.order_by("name"))
    for i, organisation in enumerate(partners[:4]):
        _save(
            PartnerLead(programme=programme, organisation=organisation, lead=members[i % len(members)]),
            by=by,
            when=when,
        )
    for i, (title, keys, status, due_in, in_the_way) in enumerate(ACTIONS):
        action = Action(
            programme=programme,
            title=title,
            components=pack(keys.split(",")),
            owner=members[i % len(members)],
            partner=partners[i % len(partners)] if partners and i % 3 == 0 else None,
            due_on=today + timedelta(days=due_in),
            status=status,
            in_the_way=in_the_way,
            created_by=by,
        )
        _save(action, by=by, when=clock.at(40 - i, title))
    for i, (title, likelihood, impact, purpose_impact) in enumerate(RISKS):
        risk = Risk(
            programme=programme,
            title=title,
            likelihood=likelihood,
            impact=impact,
            purpose_impact=purpose_impact,
            owner=members[i % len(members)],
            components=pack(["delivery"]),
            review_on=today + timedelta(days=30),
        )
        _save(risk, by=by, when=clock.at(60, title))
        if i == 0:  # the score rose as winter came
            risk.likelihood, risk.version = 5, risk.version + 1
            _save(risk, by=by, when=clock.at(10, title))
    old = Agreement(
        programme=programme,
        title="Joint huddles every week in each neighbourhood",
        decided_on=today - timedelta(days=90),
        where="Programme board",
        components=pack(["delivery", "engagement"]),
        created_by=by,
    )
    _save(old, by=by, when=clock.at(90, "old agreement"))
    newer = Agreement(
        programme=programme,
        title="Joint huddles every fortnight, with a patient voice at each",
        supersedes=old,
        decided_on=today - timedelta(days=20),
        where="Programme board",
        components=pack(["delivery", "engagement"]),
        created_by=by,
    )
    _save(newer, by=by, when=clock.at(20, "new agreement"))
    purpose = Agreement(
        programme=programme,
        title="One shared purpose statement for all partners",
        decided_on=today - timedelta(days=60),
        where="Partners' workshop",
        components=pack(["purpose"]),
        created_by=by,
    )
    _save(purpose, by=by, when=clock.at(60, "purpose agreement"))
    for i, organisation in enumerate(partners[:3]):
        state, concern = ("concerns", "We need to check staffing first.") if i == 2 else ("confirmed", "")
        answer = PartnerConfirmation(agreement=newer, organisation=organisation, state=state, concern=concern)
        answer.answered_by, answer.answered_at = members[i % len(members)], clock.at(15, organisation.name)
        _save(answer, by=members[i % len(members)], when=clock.at(15, organisation.name))
    for name, kind, motivation, pull, holder, how in DRIVERS:
        driver = SystemDriver(
            programme=programme,
            name=name,
            kind=kind,
            motivation=motivation,
            pull=pull,
            holder=holder,
            how=how,
        )
        _save(driver, by=by, when=clock.at(50, name))
