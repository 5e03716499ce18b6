"""What the improvement pages show, worked out away from the templates."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.urls import reverse
from markupsafe import Markup

from .layout import layout_diagram
from .models import STEP_MEANINGS, DriverDiagram, TheoryItem, TheoryStep
from .svg import render_svg
from .tree import Tree

_SENTINEL = 987654321


class NodeUrls:
    """URLs for every node's actions, reversed once per route rather than once per node.

    A 200-node outline has about 2,000 links; reversing each one would cost more than the rest
    of the page together.
    """

    def __init__(self, slug: str) -> None:
        self.slug = slug
        self._patterns: dict[str, str] = {}

    def __call__(self, name: str, pk: int) -> str:
        pattern = self._patterns.get(name)
        if pattern is None:
            pattern = reverse(f"improvement:{name}", kwargs={"slug": self.slug, "pk": _SENTINEL})
            self._patterns[name] = pattern
        return pattern.replace(str(_SENTINEL), str(pk))


def measure_url(slug: str, pk: int) -> str | None:
    """The measure's own page."""
    return reverse("measurement:measure", kwargs={"slug": slug, "pk": pk})


# "by how much" often already starts with its own joining word ("from 40% to 70%", "to under 5%").
_OWN_JOINING_WORDS = frozenset(
    {"by", "from", "to", "down", "up", "under", "below", "above", "over", "at", "less", "more"}
    | {"fewer", "no", "between", "towards", "until", "within"}
)


def how_much_phrase(how_much: str) -> str:
    """'20%' reads 'by 20%'; 'from 40% to 70%' reads as written, never 'by from 40% to 70%'."""
    text = how_much.strip()
    first = text.split(maxsplit=1)[0].lower().strip(",;:") if text else ""
    return text if first in _OWN_JOINING_WORDS else f"by {text}"


def aim_sentence(diagram: DriverDiagram) -> str:
    """The aim in one line: what, for whom, by how much, by when."""
    from mobilise.core.jinja2env import uk_date

    parts = [diagram.aim_what.strip().rstrip(".")]
    if diagram.aim_for_whom:
        parts.append(f"for {diagram.aim_for_whom.strip()}")
    if diagram.aim_how_much.strip():
        parts.append(how_much_phrase(diagram.aim_how_much))
    if diagram.aim_by_when:
        parts.append(f"by {uk_date(diagram.aim_by_when)}")
    return " ".join(parts)


def diagram_svg(diagram: DriverDiagram, tree: Tree, *, element_id: str = "driver-diagram") -> Markup:
    layout = layout_diagram(aim_sentence(diagram), tree)
    count = tree.node_count
    description = (
        f"Driver diagram laid out from left to right: the aim, then {len(tree.primaries)} primary drivers, "
        f"{len(tree.secondaries)} secondary drivers and {len(tree.ideas)} change ideas "
        f"({count} in all). The outline lists the same diagram as text."
    )
    # render_svg escapes every piece of text it is given.
    return Markup(
        render_svg(
            layout, title=f"Driver diagram: {diagram.title}", description=description, element_id=element_id
        )
    )


@dataclass
class Step:
    key: str
    label: str
    meaning: str
    items: list[TheoryItem] = field(default_factory=list)


def theory_steps(items: Sequence[Any]) -> list[Step]:
    """The six steps in reading order, each with its items in order."""
    steps = {key: Step(key, str(label), STEP_MEANINGS[key]) for key, label in TheoryStep.choices}
    for item in sorted(items, key=lambda i: (i.position, i.pk)):
        if item.step in steps:
            steps[item.step].items.append(item)
    return list(steps.values())


def _starts_with_acronym(text: str) -> bool:
    first = text.split()[0]
    return len(first) > 1 and first.isupper()


def _clause(texts: list[str]) -> str:
    cleaned = [re.sub(r"[.;,\s]+$", "", t.strip()) for t in texts if t.strip()]
    cleaned = [c if _starts_with_acronym(c) else c[:1].lower() + c[1:] for c in cleaned]
    if len(cleaned) <= 1:
        return "".join(cleaned)
    return ", ".join(cleaned[:-1]) + " and " + cleaned[-1]


def theory_story(steps: Sequence[Step]) -> str:
    """The theory as one paragraph: “If we have …, plus …, and …, then …. This will mean ….”"""
    by_key = {s.key: _clause([i.text for i in s.items]) for s in steps}
    first = [
        f"{label.lower()} {by_key[key]}"
        for key, label in (
            (TheoryStep.IF_WE_HAVE, "If we have"),
            (TheoryStep.PLUS, "plus"),
            (TheoryStep.AND, "and"),
        )
        if by_key[key]
    ]
    sentences = []
    opening = ", ".join(first)
    if by_key[TheoryStep.THEN]:
        opening = (
            f"{opening}, then {by_key[TheoryStep.THEN]}" if opening else f"Then {by_key[TheoryStep.THEN]}"
        )
    if opening:
        sentences.append(opening[:1].upper() + opening[1:] + ".")
    if by_key[TheoryStep.THIS_WILL_MEAN]:
        sentences.append(f"This will mean {by_key[TheoryStep.THIS_WILL_MEAN]}.")
    if by_key[TheoryStep.AS_A_RESULT]:
        sentences.append(f"As a result, {by_key[TheoryStep.AS_A_RESULT]}.")
    return " ".join(sentences)


@dataclass(frozen=True)
class TheoryChange:
    history_id: int
    when: datetime
    who: str
    step: str
    what: str


def _quoted(text: str) -> str:
    return f"“{text if len(text) <= 80 else text[:79].rstrip() + '…'}”"


def _describe(record: Any, before: Any | None) -> str:
    name = _quoted(record.text)
    if record.history_type == "+":
        return f"Added {name}"
    if before is None:
        return f"Changed {name}"
    if record.history_type == "-":
        return f"Deleted {name}"
    if before.deleted_at is None and record.deleted_at is not None:
        return f"Moved {name} to the bin"
    if before.deleted_at is not None and record.deleted_at is None:
        return f"Brought {name} back from the bin"
    changes = []
    if before.text != record.text:
        changes.append(f"Changed {_quoted(before.text)} to {name}")
    changed_notes = [
        label
        for attr, label in (("assumptions", "assumptions"), ("evidence", "evidence"))
        if getattr(before, attr) != getattr(record, attr)
    ]
    if changed_notes:
        changes.append(f"Changed the {' and '.join(changed_notes)} for {name}")
    if before.step != record.step:
        changes.append(f"Moved {name} to “{TheoryStep(record.step).label}”")
    elif before.position != record.position and not changes:
        changes.append(f"Reordered {name}")
    return "; ".join(changes) or f"Saved {name} with no change to its text"


def theory_changes(records: Sequence[Any]) -> list[TheoryChange]:
    """History rows (oldest first) described in words, newest first."""
    last: dict[int, Any] = {}
    rows = []
    for record in records:
        user = record.history_user
        rows.append(
            TheoryChange(
                history_id=record.history_id,
                when=record.history_date,
                who=user.display_name if user is not None else "Someone no longer on Mobilise",
                step=str(TheoryStep(record.step).label),
                what=_describe(record, last.get(record.id)),
            )
        )
        last[record.id] = record
    rows.reverse()
    return rows
