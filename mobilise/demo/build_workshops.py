"""Demo content for the workshops app: a series of workshops with feedback, a huddle, an evaluation."""

from __future__ import annotations

import random
from datetime import timedelta
from typing import Any

from mobilise.core.history import save_as
from mobilise.programmes.roles import Role
from mobilise.workshops.models import Action, Evaluation, EvaluationAnswer, Feedback, Series, Session, Theme
from mobilise.workshops.themes import THEMES_BY_KEY, Kind

from .content.people import CONVENOR, FACILITATOR

# (theme, days ago, actions: (text, owner, done)). The last action of the second session is left
# open, so the third session's agenda starts with it.
PLAN: tuple[tuple[str, int, tuple[tuple[str, str, bool], ...]], ...] = (
    ("vision", 84, (("Write up the purpose statement we agreed", "Convenor", True),)),
    (
        "narrative",
        56,
        (
            ("Record two carers telling their story", "Engagement lead", True),
            ("Ask the council's housing team to the next session", "Convenor", False),
        ),
    ),
    ("data", 28, (("Put the three key measures on run charts", "Analyst", False),)),
    ("value", -14, ()),
)
CHANGES = (
    "More time in small groups",
    "Start with the data, not end with it",
    "Fewer slides",
    "Bring a patient or carer into the room",
    "",
    "",
)


def _facilitator(programme: Any, people: Any) -> Any:
    membership = programme.memberships.filter(role=Role.FACILITATOR).select_related("user").first()
    return membership.user if membership else people.get(FACILITATOR) or people[CONVENOR]


def build(spec: Any, programme: Any, people: Any, clock: Any) -> None:
    rng = random.Random(spec.slug)
    facilitator = _facilitator(programme, people)
    partners = list(programme.partners.order_by("name"))
    series = Series(
        programme=programme, title="Practical workshops with the alliance", facilitator=facilitator
    )
    save_as(series, by=facilitator, when=clock.at(90, "series"))
    feedback: list[Feedback] = []
    own_themes = {t.key: t for t in Theme.objects.filter(programme=programme)}
    for theme_key, days_ago, actions in PLAN:
        theme = THEMES_BY_KEY[theme_key]
        session = Session(
            planned_from=own_themes.get(theme_key),
            programme=programme,
            series=series,
            kind=Kind.WORKSHOP,
            theme=theme.key,
            component=theme.component,
            title=theme.title,
            agenda=theme.agenda,
            held_on=(clock.now - timedelta(days=days_ago)).date(),
            place="Civic centre, committee room 2",
            facilitator=facilitator,
            created_by=facilitator,
        )
        save_as(session, by=facilitator, when=clock.at(max(days_ago, 0) + 7, f"s{theme_key}"))
        if days_ago <= 0:
            continue
        session.people_count = rng.randint(14, 24)
        session.notes = (
            "Good energy in the room; partners named what they can each do before the next session."
        )
        session.save(update_fields=["people_count", "notes"])
        session.organisations.set(partners[: max(1, len(partners) - 1 - rng.randint(0, 1))])
        for text, owner, done in actions:
            action = Action(
                programme=programme,
                session=session,
                text=text,
                owner=owner,
                done_on=(clock.now - timedelta(days=days_ago - 10)).date() if done else None,
            )
            save_as(action, by=facilitator, when=clock.at(days_ago, text))
        lift = {"vision": 0, "narrative": 1, "data": 2}[theme_key]
        for i in range(rng.randint(10, 16)):
            feedback.append(
                Feedback(
                    programme=programme,
                    session=session,
                    pace=rng.choice((2, 3, 3, 3, 4)),
                    usefulness=min(5, rng.randint(3, 4) + (lift and rng.randint(0, 1))),
                    facilitation=rng.randint(4, 5),
                    recommend=min(10, rng.randint(5, 9) + lift),
                    change=CHANGES[i % len(CHANGES)] if i < 8 else "",
                )
            )
    Feedback.objects.bulk_create(feedback)
    huddle = Session(
        programme=programme,
        kind=Kind.DEBRIEF,
        title="Learning debrief after the first tests",
        held_on=(clock.now - timedelta(days=21)).date(),
        learnt="Small tests run by the people doing the work moved faster than the pilot "
        "we had planned centrally.",
        facilitator=facilitator,
        created_by=facilitator,
    )
    save_as(huddle, by=facilitator, when=clock.at(21, "debrief"))
    evaluation = Evaluation(programme=programme, title="Midway check", created_by=facilitator)
    save_as(evaluation, by=facilitator, when=clock.at(20, "evaluation"))
    EvaluationAnswer.objects.bulk_create(
        EvaluationAnswer(
            programme=programme,
            evaluation=evaluation,
            slower=(3, 3, 3, 2, 3, 1, 3, 2, 0, 3)[i],
            helped=("Protected time together", "", "Having the data in one place")[i % 3],
            hindered=("Winter pressures", "")[i % 2],
        )
        for i in range(10)
    )
