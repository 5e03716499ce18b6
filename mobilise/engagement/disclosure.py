"""The relationship survey's disclosure path: every page and export that shows aggregates of people's
answers to someone who may not see names asks here how to show each number. The rules themselves
(threshold, small counts, percentages, merging small groups) come from the disclosure engine,
`mobilise.disclosure`, which every aggregate view of pulses and surveys shares.

The rule: a count of 1 to 7 is never shown, and neither is any number from which such a count
could be worked out: a percentage of a shown total, the rest of a shown total, a rate bar, a chart
point or a table whose hidden cells could be recovered from its total. Viewers who may see names
(convenors and facilitators) see every number as it is.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from ..disclosure import NHS, NHS_THRESHOLD, SMALLER_GROUPS, merge_small_groups, percentage

THRESHOLD = NHS_THRESHOLD
FEWER = f"fewer than {THRESHOLD}"
ALL_BUT_FEW = f"all but {FEWER}"
NOT_SHOWN = "not shown"
SMALL_GROUPS = SMALLER_GROUPS
# Drawn in place of a hidden count (a circle's size): the same for every value from 1 to 7.
HIDDEN_LEVEL = 4
PERCENT_IN_TEXT = re.compile(r"(\d+(?:\.\d+)?)%")


def is_small(n: int) -> bool:
    return NHS.is_small(n)


@dataclass(frozen=True)
class Shown:
    """A number as a viewer may see it: `value` is None when it is withheld."""

    text: str
    value: int | float | None

    @property
    def hidden(self) -> bool:
        return self.value is None


@dataclass(frozen=True)
class Disclosure:
    """How to show numbers to one viewer. `named` viewers see everything."""

    named: bool

    def count(self, n: int) -> Shown:
        if not self.named and is_small(n):
            return Shown(FEWER, None)
        return Shown(f"{n:,}", n)

    def part_of(self, part: int, whole: int) -> Shown:
        """A count out of a total that is shown: hidden when it or the rest of the total is small."""
        if self.named:
            return Shown(f"{part:,}", part)
        if is_small(part):
            return Shown(FEWER, None)
        if part and is_small(whole - part):
            return Shown(ALL_BUT_FEW, None)
        return Shown(f"{part:,}", part)

    def share(self, part: int, whole: int) -> Shown:
        """A percentage of a total that is shown, withheld whenever the count behind it would be."""
        if whole <= 0:
            return Shown(NOT_SHOWN, None)
        if self.named:
            return Shown(percent_text(part / whole), part / whole)
        value = percentage(part, whole)
        if value is None:
            return Shown(NOT_SHOWN, None)
        return Shown(percent_text(value), value)

    def percentages_in(self, text: str, *, people: int) -> str:
        """A sentence's percentages, each withheld when it could be a share of the `people` in the
        network that leaves a count of 1 to 7 on either side (a person's contacts, those outside a core)."""
        if self.named:
            return text

        def words(match: re.Match[str]) -> str:
            value = float(match.group(1)) / 100
            # Every count the rounded percentage could stand for, of the people or of one fewer.
            low, high = math.floor((value - 0.005) * (people - 1)), math.ceil((value + 0.005) * people)
            if any(self.part_of(part, people).hidden for part in range(max(low, 1), min(high, people) + 1)):
                return "a small share" if value < 0.5 else "nearly all"
            return match.group(0)

        return PERCENT_IN_TEXT.sub(words, text)

    def level(self, n: int) -> int:
        """A count drawn as a size or position: every hidden value drawn alike."""
        return n if self.named or not is_small(n) else HIDDEN_LEVEL

    def groups(self, labels: Iterable[str]) -> dict[str, str]:
        """The label to show for each group label: small groups are merged into "Smaller groups",
        and so is the next smallest while the merged group is itself small, so that every group
        shown (and counted from a table of people) has 0 or at least 8 in it."""
        counts = Counter(labels)
        if self.named:
            return {label: label for label in counts}
        return merge_small_groups(counts)

    def group_table(self, labels: Iterable[str]) -> list[tuple[str, Shown]]:
        """Counts by group, largest first, after merging small groups."""
        listed = list(labels)
        shown_as = self.groups(listed)
        counts = Counter(shown_as[label] for label in listed)
        return [(label, self.count(n)) for label, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def percent_text(value: float) -> str:
    return f"{value:.0%}" if value >= 0.01 or value == 0 else f"{value:.1%}"
