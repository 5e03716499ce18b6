"""Compare what a file says with what is stored: new points, corrected points, and ones already there."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

Stored = tuple[int, float | None, float | None, float | None]  # pk, value, numerator, denominator


def _same(a: float | None, b: float) -> bool:
    """A stored number (None for none) equals an incoming one (NaN for none)."""
    if a is None:
        return math.isnan(b)
    return not math.isnan(b) and a == b


def as_optional(x: float) -> float | None:
    return None if math.isnan(x) else x


@dataclass(slots=True)
class Plan:
    """Indexes into the incoming rows: what to create, what to update (with the stored pk)."""

    create: list[int] = field(default_factory=list)
    update: list[tuple[int, int]] = field(default_factory=list)
    unchanged: int = 0


def plan_changes(
    stored: Mapping[int, Stored],
    indexes: Sequence[int],
    periods: Sequence[int],
    values: Sequence[float],
    numerators: Sequence[float],
    denominators: Sequence[float],
    *,
    mapped: tuple[bool, bool, bool] = (True, True, True),
) -> Plan:
    """For one measure: ``stored`` maps date ordinal → stored point; the other arguments are the
    file's rows (``indexes`` picks this measure's rows from the arrays). ``mapped`` says which of
    value, numerator and denominator the file has: columns it lacks are left as they are."""
    plan = Plan()
    has_value, has_numerator, has_denominator = mapped
    for i in indexes:
        existing = stored.get(periods[i])
        if existing is None:
            plan.create.append(i)
            continue
        pk, value, numerator, denominator = existing
        if (
            (not has_value or _same(value, values[i]))
            and (not has_numerator or _same(numerator, numerators[i]))
            and (not has_denominator or _same(denominator, denominators[i]))
        ):
            plan.unchanged += 1
        else:
            plan.update.append((i, pk))
    return plan
