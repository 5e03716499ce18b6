"""The eight components of the NHS Change Model, with prompts in plain English.

The components are fixed (they are the model); what each programme writes about them lives in
the database. Prompts are questions to think with, never boxes to tick.
"""

from __future__ import annotations

from dataclasses import dataclass

from mobilise.programmes.models import Stage


@dataclass(frozen=True)
class Component:
    key: str
    name: str
    summary: str
    prompts: tuple[str, ...]


PURPOSE = "purpose"

COMPONENTS: tuple[Component, ...] = (
    Component(
        PURPOSE,
        "Our shared purpose",
        "What we are trying to achieve together, and why it matters to patients and communities.",
        (
            "If a patient or carer asked why we are doing this, what would we tell them?",
            "Which values do all our organisations share, and which do we see differently?",
            "Could a receptionist, a consultant and a councillor each say the purpose in their own words?",
            "What will be different for people in three years if this works?",
            "Whose voices were missing when we agreed the purpose, and how will we hear them?",
            "When did we last retell the story, and has anything changed since?",
        ),
    ),
    Component(
        "leadership",
        "Leadership for change",
        "Who leads, at every level and across organisations, with permission from the top.",
        (
            "Who is leading this change beyond the people in this room?",
            "Do frontline staff, volunteers and service users feel they have permission to act?",
            "Which senior leaders have said publicly that they back this, and how would people know?",
            "Who has influence without a formal title, and are they involved?",
            "How are we looking after the energy of the people leading day to day?",
            "If two of our leaders moved on next month, would the work carry on?",
        ),
    ),
    Component(
        "spread",
        "Spread of innovation",
        "How what works spreads beyond the first sites, and how we learn from others.",
        (
            "Who elsewhere has already solved part of this, and have we asked them?",
            "What would make it easy for a second and third site to adopt what works?",
            "Which parts of the change must stay the same everywhere, and which can adapt locally?",
            "How will early adopters share what they learnt, including what failed?",
            "Who are the people that other teams copy, and do they know about this work?",
        ),
    ),
    Component(
        "methodology",
        "Improvement methodology",
        "The method we use to improve: driver diagrams, small tests of change, process mapping.",
        (
            "Do we share one simple method, or is each partner using its own?",
            "What is the smallest test we could run this week?",
            "How many tests of change are running across the system right now?",
            "Where do we write down what we learnt from tests that did not work?",
            "Does our theory of change connect what we do to the outcomes people care about?",
        ),
    ),
    Component(
        "delivery",
        "Rigorous delivery",
        "Plans, milestones, owners, risks and pace: getting it done.",
        (
            "Does every piece of work have a named owner and a date?",
            "Which risks would do most harm to our shared purpose?",
            "Are we moving at a pace that keeps people's energy up without burning them out?",
            "How do we know when a plan has quietly stalled?",
            "Who decides when to stop something that is not working?",
        ),
    ),
    Component(
        "measurement",
        "Transparent measurement",
        "What we measure and how, shared in one currency and read honestly.",
        (
            "Which two or three measures would tell us most about whether people are better off?",
            "Do all partners trust the data, and do they define it the same way?",
            "Are we looking at variation over time, or comparing this month with last month?",
            "Which balancing measure would warn us if we were causing harm elsewhere?",
            "Who sees the measures, and how often?",
            "Would a patient understand how we report progress?",
        ),
    ),
    Component(
        "system_drivers",
        "System drivers",
        "The levers outside the team: contracts, incentives, regulation, budgets, national priorities.",
        (
            "Which contracts, payments or targets help this change, and which get in the way?",
            "Could a pooled budget or shared contract make the change easier to sustain?",
            "What do regulators and national bodies expect, and does it fit what we are doing?",
            "Where are we relying on people's goodwill where a system lever could help?",
            "Which decisions sit with boards or committees outside this programme?",
        ),
    ),
    Component(
        "engagement",
        "Engagement to mobilise",
        "Engaging people to act, not just informing them: patients and public included.",
        (
            "Is change being done to people, for them, with them or by them?",
            "Which groups have we not heard from yet?",
            "How are patients, carers and communities shaping the work, not just hearing about it?",
            "What story would make someone want to join in?",
            "How many people are actively leading change now, and how many do we need?",
            "What are we doing to welcome sceptics rather than work around them?",
        ),
    ),
)

BY_KEY: dict[str, Component] = {c.key: c for c in COMPONENTS}
KEYS: tuple[str, ...] = tuple(c.key for c in COMPONENTS)
AROUND: tuple[Component, ...] = tuple(c for c in COMPONENTS if c.key != PURPOSE)

# Which components usually matter most at each stage of the large-scale change cycle.
STAGE_FOCUS: dict[str, tuple[str, ...]] = {
    Stage.FRAME: (PURPOSE, "leadership", "measurement"),
    Stage.ENGAGE: ("engagement", PURPOSE, "leadership"),
    Stage.CHANGE: ("methodology", "delivery", "measurement"),
    Stage.ATTRACT: ("spread", "engagement", "system_drivers"),
}

STAGE_ADVICE: dict[str, str] = {
    Stage.FRAME: "Agree what the problem is and why it matters before deciding on solutions.",
    Stage.ENGAGE: "Bring in the people who will make the change, and the people it is for.",
    Stage.CHANGE: "Run many small tests of change and measure what happens.",
    Stage.ATTRACT: "Tell the story of what works so more people join and it spreads.",
}
