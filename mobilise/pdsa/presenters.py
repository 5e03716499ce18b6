"""How a test of change reads on the page: its outcome in words, and what the team learnt."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from .choices import OUTCOME_DONE, Outcome, PredictionResult, Stage

EXCERPT_CHARS = 280


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0] + "…"


@dataclass(frozen=True)
class Card:
    """One test on the learning wall. Abandoned tests and surprises read as learning, never as failure."""

    test: Any
    url: str
    outcome_label: str
    stage_label: str
    learning: str
    learning_note: str
    question: str

    @property
    def has_learning(self) -> bool:
        return bool(self.learning)


def outcome_label(outcome: str) -> str:
    return OUTCOME_DONE.get(Outcome(outcome), "") if outcome else ""


def learning_note(test: Any) -> str:
    """A sentence that frames an abandoned test or a surprise as something others can use."""
    if test.outcome == Outcome.ABANDON:
        return "The team stopped this test. What they found saves the next team from repeating it."
    if test.prediction_result == PredictionResult.NOT_AS_PREDICTED:
        return "It did not go as predicted, which is how the team learnt this."
    return ""


def card(test: Any, url: str = "") -> Card:
    learning = test.study or test.act_notes or test.observations
    return Card(
        test=test,
        url=url,
        outcome_label=outcome_label(test.outcome),
        stage_label=Stage(test.stage).label if test.stage in Stage.values else "",
        learning=excerpt(learning),
        learning_note=learning_note(test),
        question=excerpt(test.question),
    )


def cards(tests: Any) -> list[Card]:
    """Cards for a page of the wall (tests fetched with their programme), each linked to its test."""
    prefixes: dict[str, str] = {}  # one reverse() per programme, not one per card
    result = []
    for test in tests:
        slug = test.programme.slug
        if slug not in prefixes:
            prefixes[slug] = reverse("pdsa:detail", kwargs={"slug": slug, "pk": 1}).removesuffix("1/")
        result.append(card(test, f"{prefixes[slug]}{test.pk}/"))
    return result
