"""Whose words: the word sets a new programme starts with, and what to say to each audience.

A new programme is never an empty page: it starts with three audiences (clinicians, the public,
the board), each with its own words for the components and key terms, ready to edit or bin.
The prompts help whoever writes a version of the story for an audience; they are matched to the
audience by its name, so an audience the team adds ("GPs", "Patients and carers") gets them too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mobilise.core.history import save_as
from mobilise.programmes.models import Programme
from mobilise.workspace.models import Audience, Term
from mobilise.workspace.vocabulary import DEFAULTS


@dataclass(frozen=True)
class WordSet:
    name: str
    words: dict[str, str]


WORD_SETS: tuple[WordSet, ...] = (
    WordSet(
        "Clinicians",
        {
            "purpose": "Why this matters for our patients",
            "leadership": "Clinical leadership",
            "spread": "Sharing what works with other teams",
            "methodology": "Quality improvement",
            "delivery": "Making it happen",
            "measurement": "What the data show",
            "system_drivers": "What pushes and pulls us",
            "engagement": "Bringing colleagues with us",
            "programme": "project",
            "stakeholder": "colleague",
            "test_of_change": "small test (PDSA)",
            "tests_of_change": "small tests (PDSA)",
            "tension": "sticking point",
        },
    ),
    WordSet(
        "Public",
        {
            "purpose": "What we want to change, and why",
            "leadership": "Who is making it happen",
            "spread": "Doing it in more places",
            "methodology": "How we try things out",
            "delivery": "Our plan",
            "measurement": "How we will know it is working",
            "system_drivers": "What helps and what gets in the way",
            "engagement": "Who is involved",
            "change_model": "our way of working",
            "programme": "plan",
            "component": "part",
            "stakeholder": "person or group involved",
            "test_of_change": "small trial",
            "tests_of_change": "small trials",
            "measure": "sign of progress",
            "tension": "disagreement",
            "partner": "organisation working with us",
        },
    ),
    WordSet(
        "Board",
        {
            "purpose": "Strategic aim",
            "leadership": "Leadership and accountability",
            "spread": "Scaling up",
            "methodology": "Improvement approach",
            "delivery": "Delivery and assurance",
            "measurement": "Performance and outcomes",
            "system_drivers": "Incentives, contracts and regulation",
            "engagement": "Stakeholder engagement",
            "stakeholder": "stakeholder",
            "test_of_change": "pilot",
            "tests_of_change": "pilots",
            "measure": "indicator",
            "tension": "risk to alignment",
        },
    ),
)


@dataclass(frozen=True)
class AudiencePrompts:
    """What to say to one kind of audience; `matches` are words looked for in the audience's name."""

    kind: str
    matches: tuple[str, ...]
    prompts: tuple[str, ...]


AUDIENCE_PROMPTS: tuple[AudiencePrompts, ...] = (
    AudiencePrompts(
        "clinicians",
        ("clinic", "doctor", "gp", "nurse", "consultant", "therap", "medic", "practitioner", "staff"),
        (
            "Start with a patient they will recognise, not with the programme.",
            "Say what it will change in a working day: time, handovers, the worry at the end of a shift.",
            "Show the evidence you have and be honest about what is not known yet.",
            "Ask for their judgement: what would they test first?",
        ),
    ),
    AudiencePrompts(
        "managers",
        ("manager", "operation", "service lead", "director", "commission", "finance"),
        (
            "Say which problem this takes off their desk, and what it asks of their teams.",
            "Be clear about time, money and who decides; avoid promising savings you cannot show.",
            "Name the first milestone they could check in a month's time.",
        ),
    ),
    AudiencePrompts(
        "patients and the public",
        ("public", "patient", "carer", "resident", "communit", "citizen", "people", "famil", "voice"),
        (
            "Use everyday words: no acronyms, no organisation charts.",
            "Say what will feel different to someone using the service, and when.",
            "Say what is not changing, so nobody fears losing what they value.",
            "Invite them in: how can they tell us what we have missed?",
        ),
    ),
    AudiencePrompts(
        "board",
        ("board", "governor", "trustee", "executive", "councillor", "cabinet", "committee"),
        (
            "Lead with the aim and the one or two figures that show whether it is on track.",
            "Name the risks honestly and what the partners are doing about them.",
            "Say what decision or support you are asking them for.",
        ),
    ),
    AudiencePrompts(
        "partners",
        ("partner", "council", "voluntary", "charity", "hospice", "social care", "housing", "police"),
        (
            "Start from what they told you they care about, in their words.",
            "Show what they bring and what they gain; a partnership has to work for both sides.",
            "Be open about where your organisations still see things differently.",
        ),
    ),
)

GENERAL_PROMPTS: tuple[str, ...] = (
    "Who are they, and what do they care about most?",
    "What would make them want to take part, rather than be told about it?",
    "Which words do they use for this? Use theirs, not ours.",
)


def prompts_for(audience_name: str) -> tuple[str, tuple[str, ...]]:
    """The kind of audience a name suggests and its prompts; general prompts when none fits."""
    name = audience_name.lower()
    for group in AUDIENCE_PROMPTS:
        if any(word in name for word in group.matches):
            return group.kind, group.prompts
    return "", GENERAL_PROMPTS


def start_word_sets(programme: Programme, created_by: Any) -> None:
    """Give a new programme its three audiences and their words (called as it is created)."""

    taken = {
        name.lower()
        for name in Audience.all_objects.filter(programme=programme).values_list("name", flat=True)
    }
    for word_set in WORD_SETS:
        if word_set.name.lower() in taken:
            continue
        audience = Audience(programme=programme, name=word_set.name)
        save_as(audience, by=created_by)
        for key, text in word_set.words.items():
            if text != DEFAULTS[key]:
                save_as(Term(audience=audience, key=key, text=text), by=created_by)
