"""The relationship survey's disclosure path: every page and export that shows aggregates of people's
answers to someone who may not see names asks here how to show each number. The rules themselves
come from the disclosure engine, `mobilise.disclosure`, which every aggregate view of pulses and
surveys shares.

For viewers who may not see names: a count of 1 to 7 is never shown; every other count is rounded
to the nearest 5; a total is added up from its rounded parts; a share is worked out from rounded
counts, and only when neither the part nor the rest is withheld; and anything from which a withheld
count could be worked out (the rest of a shown total, a rate bar, a chart point, a circle's size, a
percentage in a sentence) is withheld too. Convenors and facilitators, who may see names, see every
number as it is.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from ..disclosure import NHS, NHS_THRESHOLD, SMALLER_GROUPS, merge_small_groups, protect_counts, protect_table

THRESHOLD = NHS_THRESHOLD
FEWER = f"fewer than {THRESHOLD}"
ALL_BUT_FEW = f"all but {FEWER}"
NOT_SHOWN = "not shown"
SMALL_GROUPS = SMALLER_GROUPS
# Drawn in place of a hidden count (a circle's size): the same for every value from 1 to 7, and never
# a multiple of 5, so it cannot be mistaken for a rounded count.
HIDDEN_LEVEL = 4
ROUNDED_NOTE = f"Counts are rounded to the nearest 5 and counts under {THRESHOLD} are not shown."
# Bracketed text (the engine's fixed thresholds), or a percentage with what it is a share of.
SHARE_IN_TEXT = re.compile(
    r"(?P<brackets>\([^()]*\))|(?P<pct>\d+(?:\.\d+)?)%"
    r"(?: of (?P<noun>people|everyone else|advice ties|ties)\b)?"
)
# A count of people or ties in a sentence (not the threshold in "fewer than 8 people").
COUNT_IN_TEXT = re.compile(r"(?<![\d.,%])(?<!than )\b(\d[\d,]*) (people|person|ties|tie|other)\b")


def is_small(n: int) -> bool:
    return NHS.is_small(n)


def rounded(n: int) -> int:
    return NHS.round_one(n)


@dataclass(frozen=True)
class Shown:
    """A number as a viewer may see it: `value` is None when it is withheld."""

    text: str
    value: int | float | None

    @property
    def hidden(self) -> bool:
        return self.value is None


@dataclass(frozen=True)
class Part:
    """A count, the total it is part of, and its share of that total, protected together."""

    part: Shown
    whole: Shown
    share: Shown


def _count_shown(n: int | None) -> Shown:
    return Shown(FEWER, None) if n is None else Shown(f"{n:,}", n)


@dataclass(frozen=True)
class Disclosure:
    """How to show numbers to one viewer. `named` viewers see everything."""

    named: bool

    def count(self, n: int) -> Shown:
        """One count: exact for named viewers; otherwise withheld from 1 to 7, else rounded to 5."""
        if self.named:
            return Shown(f"{n:,}", n)
        if is_small(n):
            return Shown(FEWER, None)
        return _count_shown(rounded(n))

    def of(self, part: int, whole: int) -> Part:
        """A count out of a total, with the total and the share, through the engine as the one-row
        table (part, rest): small cells withheld, the rest rounded, the total added up from the
        rounded cells, and a second cell withheld wherever one could be worked back from the total."""
        if self.named:
            share = Shown(percent_text(part / whole), part / whole) if whole > 0 else Shown(NOT_SHOWN, None)
            return Part(Shown(f"{part:,}", part), Shown(f"{whole:,}", whole), share)
        protected = protect_counts([part, max(whole - part, 0)])
        shown_part, shown_rest = protected.shown()
        total = protected.shown_total()
        if shown_part is None:
            text = FEWER if is_small(part) or shown_rest is not None else ALL_BUT_FEW
            part_shown = Shown(text, None)
        else:
            part_shown = _count_shown(shown_part)
        whole_shown = _count_shown(total)
        if shown_part is None or shown_rest is None or not NHS.enough(whole) or not total:
            return Part(part_shown, whole_shown, Shown(NOT_SHOWN, None))
        value = shown_part / total
        return Part(part_shown, whole_shown, Shown(percent_text(value), value))

    def part_of(self, part: int, whole: int) -> Shown:
        """A count out of a total that is shown: withheld when it or the rest of the total is small."""
        return self.of(part, whole).part

    def share(self, part: int, whole: int) -> Shown:
        """A percentage of a total, from the rounded counts, withheld whenever a count behind it is."""
        if whole <= 0:
            return Shown(NOT_SHOWN, None)
        return self.of(part, whole).share

    def ratio(self, count: int, over: float) -> Shown:
        """A count divided by a number that is shown (ties per person, ties out of all possible):
        worked out from the count as shown, and withheld with it."""
        shown = self.count(count)
        if shown.value is None or over <= 0:
            return Shown(NOT_SHOWN, None)
        return Shown("", shown.value / over)

    def percentages_in(self, text: str, *, people: int, ties: int = 0, answers: int = 0) -> str:
        """A sentence's percentages as an anonymised viewer may read them.

        A percentage that could stand for 1 to 7 people (or leave 1 to 7) is put in words ("a small
        share", "nearly all"); a share of people or ties is worked out again from rounded counts, so
        no exact count can be read back. Figures in brackets are the engine's fixed thresholds
        ("below 50%") and stay as they are."""
        if self.named:
            return text
        wholes = {"people": people, "everyone else": people - 1, "ties": ties, "advice ties": answers}

        def words(match: re.Match[str]) -> str:
            if match.group("brackets"):
                return match.group(0)
            value = float(match.group("pct")) / 100
            noun = match.group("noun") or ""
            of = f" of {noun}" if noun else ""
            whole = wholes.get(noun, 0)
            for total in {people, people - 1, whole}:
                if total <= 0:
                    continue
                low = max(math.floor((value - 0.005) * total), 0)
                high = min(math.ceil((value + 0.005) * total), total)
                if any(is_small(part) or is_small(total - part) for part in range(low, high + 1)):
                    return ("a small share" if value < 0.5 else "nearly all") + of
            if whole > 0:
                share = self.share(round(value * whole), whole)
                return (
                    share.text if not share.hidden else "a small share" if value < 0.5 else "nearly all"
                ) + of
            return match.group(0)

        return SHARE_IN_TEXT.sub(words, text)

    def counts_in(self, text: str) -> str:
        """Counts of people or ties in a sentence: 1 to 7 as "fewer than 8", others "about" rounded."""
        if self.named:
            return text

        def words(match: re.Match[str]) -> str:
            n = int(match.group(1).replace(",", ""))
            noun = {"person": "people", "tie": "ties"}.get(match.group(2), match.group(2))
            if n == 0:
                return match.group(0)
            if is_small(n):
                return f"{FEWER} {noun}"
            return f"about {rounded(n):,} {noun}"

        return COUNT_IN_TEXT.sub(words, text)

    def level(self, n: int) -> int:
        """A count drawn as a size or position: hidden values drawn alike, others rounded to 5."""
        if self.named:
            return n
        return HIDDEN_LEVEL if is_small(n) else rounded(n)

    def groups(self, labels: Iterable[str]) -> dict[str, str]:
        """The label to show for each group label: small groups are merged into "Smaller groups",
        and so is the next smallest while the merged group is itself small, so that every group
        shown (and counted from a table of people) has 0 or at least 8 in it."""
        counts = Counter(labels)
        if self.named:
            return {label: label for label in counts}
        return merge_small_groups(counts)

    def group_table(self, labels: Iterable[str]) -> list[tuple[str, Shown]]:
        """Counts by group, largest first, after merging small groups; rounded for anonymised viewers."""
        listed = list(labels)
        shown_as = self.groups(listed)
        counts = Counter(shown_as[label] for label in listed)
        ordered = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        if self.named:
            return [(label, self.count(n)) for label, n in ordered]
        protected = protect_counts([n for _, n in ordered]).shown()
        return [(label, _count_shown(n)) for (label, _), n in zip(ordered, protected, strict=True)]

    def answered_table(self, rows: list[tuple[int, int]]) -> list[tuple[Shown, Shown, Shown]]:
        """(answered, asked, share) for each group of a table of (answered, asked): the whole table
        with its totals through the engine, so no withheld cell comes back from a row or column."""
        if self.named:
            return [(p.part, p.whole, p.share) for p in (self.of(a, n) for a, n in rows)]
        if not rows:
            return []
        table = protect_table([[answered, max(asked - answered, 0)] for answered, asked in rows])
        out = []
        for i, (answered, asked) in enumerate(rows):
            part, rest, total = table.cell(i, 0), table.cell(i, 1), table.row_total(i)
            if part is None:
                part_shown = Shown(FEWER if is_small(answered) or rest is not None else ALL_BUT_FEW, None)
            else:
                part_shown = _count_shown(part)
            share = (
                Shown(percent_text(part / total), part / total)
                if part is not None and rest is not None and total and NHS.enough(asked)
                else Shown(NOT_SHOWN, None)
            )
            out.append((part_shown, _count_shown(total), share))
        return out


def percent_text(value: float) -> str:
    return f"{value:.0%}" if value >= 0.01 or value == 0 else f"{value:.1%}"
