"""Feedback added up under the disclosure engine's rules (mobilise/disclosure), so nobody can be
singled out.

A group of fewer than 8 answers shows no numbers at all, to anyone, the facilitator included:
in a room of twelve the facilitator knows who came, so small counts and averages could point to a
person. Shown counts are rounded to the nearest 5. A total over several sessions (a series, a
programme, a facilitator's work) adds up only the sessions that are shown themselves, so nothing
hidden can be worked out by subtracting one total from another.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from mobilise.disclosure.rules import NHS, Rules

THRESHOLD = NHS.threshold

PROMOTER_FROM = 9
DETRACTOR_UP_TO = 6


@dataclass(frozen=True)
class Answer:
    pace: int
    usefulness: int
    facilitation: int
    recommend: int


@dataclass(frozen=True)
class Summary:
    """What one group of answers shows. Every number is None when the group is too small."""

    label: str
    answers: int
    net_recommend: int | None
    promoters: int | None  # percentages, whole numbers
    detractors: int | None
    usefulness: float | None
    facilitation: float | None
    pace_about_right: int | None  # percentage saying the pace was about right

    @property
    def shown(self) -> bool:
        return self.net_recommend is not None

    @property
    def count_text(self) -> str:
        if self.answers == 0:
            return "No answers yet"
        if self.answers < THRESHOLD:
            return f"Fewer than {THRESHOLD} answers"
        return f"About {NHS.round_one(self.answers):,} answers"


def net_recommend(scores: Sequence[int]) -> int:
    """Percentage of 9s and 10s minus percentage of 0 to 6s, rounded to a whole number (−100 to 100)."""
    if not scores:
        raise ValueError("no scores")
    promoters = sum(1 for s in scores if s >= PROMOTER_FROM)
    detractors = sum(1 for s in scores if s <= DETRACTOR_UP_TO)
    return round(100 * (promoters - detractors) / len(scores))


def summarise(label: str, answers: Iterable[Answer], rules: Rules = NHS) -> Summary:
    items = list(answers)
    n = len(items)
    if not rules.enough(n):
        return Summary(label, n, None, None, None, None, None, None)
    scores = [a.recommend for a in items]
    return Summary(
        label=label,
        answers=n,
        net_recommend=net_recommend(scores),
        promoters=round(100 * sum(1 for s in scores if s >= PROMOTER_FROM) / n),
        detractors=round(100 * sum(1 for s in scores if s <= DETRACTOR_UP_TO) / n),
        usefulness=round(sum(a.usefulness for a in items) / n, 1),
        facilitation=round(sum(a.facilitation for a in items) / n, 1),
        pace_about_right=round(100 * sum(1 for a in items if a.pace == 3) / n),
    )


def shown_only(groups: Iterable[Sequence[Answer]], rules: Rules = NHS) -> list[Answer]:
    """The answers of the groups that are shown themselves, for a total across them."""
    return [a for group in groups if rules.enough(len(group)) for a in group]


def trend_sentence(summaries: Sequence[Summary]) -> str:
    """How the net-recommend score moved across the shown groups, in order."""
    shown = [s for s in summaries if s.net_recommend is not None]
    if len(shown) < 2:
        return "There are not yet two sessions with enough answers to show a trend."
    first, last = shown[0].net_recommend, shown[-1].net_recommend
    assert first is not None and last is not None
    if last > first:
        return f"The net-recommend score rose from {first} to {last} across {len(shown)} sessions."
    if last < first:
        return f"The net-recommend score fell from {first} to {last} across {len(shown)} sessions."
    return f"The net-recommend score was {last} at the start and end of {len(shown)} sessions."
