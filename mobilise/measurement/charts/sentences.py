"""What a chart shows, in one plain sentence; what the target means; what changed since last time."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from datetime import date

import numpy as np

from .. import periods
from ..analysis import RECOMMENDED_POINTS, Analysis
from .numbers import fmt, with_unit

VARIATION_LABELS = {
    "common_cause": "Common cause: no significant change",
    "improvement_high": "Special cause improvement: higher",
    "improvement_low": "Special cause improvement: lower",
    "concern_high": "Special cause concern: higher",
    "concern_low": "Special cause concern: lower",
    "neutral_high": "Special cause: higher (neither better nor worse)",
    "neutral_low": "Special cause: lower (neither better nor worse)",
}
ASSURANCE_LABELS = {
    "consistent_pass": "Will consistently meet the target",
    "consistent_fail": "Will consistently miss the target",
    "inconsistent": "Will hit and miss the target at random",
}
POINT_LABELS = {
    "common_cause": "common cause",
    "special_cause_improvement": "special cause improvement",
    "special_cause_concern": "special cause concern",
    "special_cause_neutral_high": "special cause variation (high)",
    "special_cause_neutral_low": "special cause variation (low)",
}
SPECIAL = frozenset(POINT_LABELS) - {"common_cause"}
CHART_NAMES = {
    "p": "p chart",
    "pp": "Laney p′ chart",
    "u": "u chart",
    "up": "Laney u′ chart",
    "c": "c chart",
    "xmr": "XmR chart",
    "run": "run chart",
}


def _trailing(a: Analysis, last: int, test: str) -> int:
    """How many points, ending at the last, are on the same side of the centre or keep rising/falling."""
    count, previous = 0, None
    for i in range(last, -1, -1):
        if not a.observed[i]:
            continue
        if a.phase[i] != a.phase[last]:
            break
        value = float(a.values[i])
        if test in ("above", "below"):
            centre = float(a.centre[i])
            if not (value > centre if test == "above" else value < centre):
                break
        elif previous is not None and not (value < previous if test == "rising" else value > previous):
            break
        count += 1
        previous = value
    return count


SHIFT_LENGTH = 7


def _special_reason(a: Analysis, last: int, cause: str | None) -> str:
    lower, upper = with_unit(float(a.lower[last]), a.unit), with_unit(float(a.upper[last]), a.unit)
    if cause in {"two_in_three_above", "trend_increasing"} and _trailing(a, last, "above") >= SHIFT_LENGTH:
        cause = "shift_above"  # a long run above the mean is the easier signal to see
    if cause in {"two_in_three_below", "trend_decreasing"} and _trailing(a, last, "below") >= SHIFT_LENGTH:
        cause = "shift_below"
    if cause == "above_ucl":
        return f"the latest point is above the upper limit of {upper}"
    if cause == "below_lcl":
        return f"the latest point is below the lower limit of {lower}"
    if cause == "trend_increasing":
        return f"the last {_trailing(a, last, 'rising')} points have each risen"
    if cause == "trend_decreasing":
        return f"the last {_trailing(a, last, 'falling')} points have each fallen"
    if cause == "two_in_three_above":
        return "two of the last three points are close to the upper limit"
    if cause == "two_in_three_below":
        return "two of the last three points are close to the lower limit"
    if cause == "shift_above":
        return f"the last {_trailing(a, last, 'above')} points are above the mean"
    if cause == "shift_below":
        return f"the last {_trailing(a, last, 'below')} points are below the mean"
    return "the latest point is part of a signal"


def _kind(point_type: str | None) -> str:
    return POINT_LABELS.get(point_type or "", "common cause")


def variation_sentence(a: Analysis) -> str:
    """One plain sentence saying what the chart shows now."""
    if a.problem:
        return f"We could not analyse this measure: {a.problem}."
    last = a.last_index
    if last is None:
        return "No data yet."
    if a.chart == "run":
        return _run_sentence(a)
    point_type = a.point_type_at(last)
    if point_type in SPECIAL:
        cause = a.special_cause_at(last)
        return f"{_kind(point_type).capitalize()}: {_special_reason(a, last, cause)}."
    lower, upper = float(a.lower[last]), float(a.upper[last])
    if lower != lower or upper != upper:  # NaN: not enough points for limits
        return "Not enough data for limits yet: add more points to see whether anything has changed."
    limits = f"{with_unit(lower, a.unit)} and {with_unit(upper, a.unit)}"
    if bool(((a.point_type > 0) & (a.phase == a.phase[last])).any()):
        return f"Common cause variation at the latest point, which lies between the limits of {limits}."
    return f"Common cause variation: no signals; the process is stable between {limits}."


def _run_sentence(a: Analysis) -> str:
    runs = a.runs
    last = a.last_index
    median = with_unit(float(a.centre[last]), a.unit) if last is not None else "–"
    if runs is None or runs.longest_run_max is None or runs.n_useful < 10:
        return f"Too few points for the run rules yet (the median so far is {median})."
    reasons = []
    if runs.longest_run is not None and runs.longest_run > runs.longest_run_max:
        reasons.append(
            f"a run of {runs.longest_run} points on one side of the median is longer than "
            f"chance allows ({runs.longest_run_max})"
        )
    if (
        runs.n_crossings is not None
        and runs.n_crossings_min is not None
        and runs.n_crossings < runs.n_crossings_min
    ):
        reasons.append(
            f"the line crosses the median only {_times(runs.n_crossings)} "
            f"(chance would give at least {runs.n_crossings_min})"
        )
    if reasons:
        return "Non-random variation: " + " and ".join(reasons) + "."
    return f"Random variation around the median of {median}: no unusually long runs or few crossings."


def _times(n: int) -> str:
    return {0: "0 times", 1: "once", 2: "twice"}.get(n, f"{n} times")


def assurance_sentence(a: Analysis) -> str | None:
    """Whether the process will meet its target, or None where there is no target."""
    if a.target is None or a.problem or a.last_index is None:
        return None
    target = with_unit(a.target, a.unit)
    if a.chart == "run":
        return f"A run chart has no limits, so it cannot say whether the target of {target} will be met."
    if a.improvement == "neither":
        return (
            f"Neither direction is better for this measure, so the target of {target} has no assurance icon."
        )
    last = a.last_index
    lower, upper = with_unit(float(a.lower[last]), a.unit), with_unit(float(a.upper[last]), a.unit)
    if a.assurance_icon == "consistent_pass":
        return (
            f"The target of {target} lies outside the limits ({lower} to {upper}) on the better side, "
            "so it will be met consistently unless the process changes."
        )
    if a.assurance_icon == "consistent_fail":
        return (
            f"The target of {target} lies outside the limits ({lower} to {upper}) on the wrong side, "
            "so it will not be met without a change to the process."
        )
    if a.assurance_icon == "inconsistent":
        return (
            f"The target of {target} lies within the limits ({lower} to {upper}), so it will be hit "
            "and missed at random."
        )
    return f"Not enough data yet to compare the process with the target of {target}."


def caveats(a: Analysis) -> list[str]:
    """Things a careful reader should know before trusting the chart."""
    notes = []
    n = a.n_points
    if a.chart != "run" and 0 < n < RECOMMENDED_POINTS and a.has_limits:
        notes.append(
            f"The limits come from only {n} points, so treat them as provisional: "
            f"{RECOMMENDED_POINTS} or more give a fairer picture."
        )
    if a.overdispersed and a.chart in {"p", "u"}:
        laney = "Laney p′" if a.chart == "p" else "Laney u′"
        notes.append(
            f"The values vary more than a {CHART_NAMES[a.chart]} expects (common with large "
            f"denominators), so its limits are too narrow and flag ordinary variation as special. "
            f"A {laney} chart would be fairer."
        )
    if a.left_out:
        noun = "point was" if a.left_out == 1 else "points were"
        notes.append(
            f"{a.left_out} {noun} left out because the counts cannot be right (a negative count, "
            "or more events than cases)."
        )
    return notes


def change_since_last(a: Analysis, frequency: str) -> str | None:
    """ "New special cause improvement since February 2024", or None if nothing changed."""
    if a.chart == "run" or a.problem:
        return None
    last, previous = a.last_index, a.previous_index
    if last is None or previous is None:
        return None
    now, before = a.point_type_at(last), a.point_type_at(previous)
    if now == before:
        return None
    since = periods.label(a.periods[previous], frequency)
    if now in SPECIAL and before not in SPECIAL:
        return f"New {_kind(now)} since {since}"
    if now not in SPECIAL:
        return f"Back to common cause variation since {since} ({_kind(before)} then)"
    return f"Now {_kind(now)}; it was {_kind(before)} in {since}"


SPECIAL_CAUSE_WORDS = {
    "above_ucl": "above the upper limit",
    "below_lcl": "below the lower limit",
    "trend_increasing": "rising trend",
    "trend_decreasing": "falling trend",
    "two_in_three_above": "two of three near the upper limit",
    "two_in_three_below": "two of three near the lower limit",
    "shift_above": "run above the mean",
    "shift_below": "run below the mean",
}


PERIOD_NOUNS = {"day": "day", "week": "week", "month": "month", "quarter": "quarter", "year": "year"}


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _reason_text(reason: str) -> str:
    reason = reason.strip().rstrip(".")
    if not reason:
        return ""
    if len(reason) > 1 and reason[0].isupper() and reason[1].islower():
        reason = reason[0].lower() + reason[1:]
    return f" ({reason})"


def _moved(before: float, after: float) -> str:
    if fmt(before) == fmt(after):
        return "stayed"
    return "rose" if after > before else "fell"


def _verdict(a: Analysis, before: float, after: float) -> str:
    if a.improvement == "neither" or _moved(before, after) == "stayed":
        return ""
    better = (after > before) == (a.improvement == "increase")
    return ", an improvement" if better else ", a change for the worse"


def _phase_levels(a: Analysis) -> list[tuple[int, float]]:
    """For each phase with a centre line: where it starts and its centre (mean or median)."""
    starts = [0, *a.phase_breaks]
    ends = [*a.phase_breaks, len(a.periods)]
    out = []
    for start, end in zip(starts, ends, strict=True):
        found = np.flatnonzero(np.isfinite(a.centre[start:end]) & a.observed[start:end])
        if found.size:
            out.append((start, float(a.centre[start + int(found[0])])))
    return out


def _beyond_old(a: Analysis, start: float, old: float, side: str) -> tuple[int, int]:
    """Of the points in the last phase: how many at the end lie beyond the old centre, and how many
    there are in all."""
    last = a.last_index
    if last is None:
        return 0, 0
    indexes = [i for i in range(int(start), last + 1) if a.observed[i]]
    trailing = 0
    for i in reversed(indexes):
        value = float(a.values[i])
        if not (value < old if side == "below" else value > old):
            break
        trailing += 1
    return trailing, len(indexes)


def _assurance_short(a: Analysis) -> str:
    if a.target is None or a.chart == "run" or a.improvement == "neither":
        return ""
    target = with_unit(a.target, a.unit)
    return {
        "consistent_pass": f"It will meet the target of {target} every time unless something changes.",
        "consistent_fail": f"It will not meet the target of {target} without a change to how things work.",
        "inconsistent": f"It will hit and miss the target of {target} at random.",
    }.get(a.assurance_icon or "", "")


def phase_sentence(a: Analysis, frequency: str, phases: Sequence[tuple[date, str]] = ()) -> str:
    """How the centre moved from phase to phase, and whether the latest points bear the move out;
    empty for a chart of one phase."""
    if a.problem or a.last_index is None:
        return ""
    noun = PERIOD_NOUNS.get(frequency, "point")
    average = "median" if a.chart == "run" else "average"
    levels = _phase_levels(a)
    if len(levels) < 2:
        return ""
    parts: list[str] = []
    starts = sorted(phases)
    steps = []
    for k in range(1, len(levels)):
        (_, before), (start, after) = levels[k - 1], levels[k]
        when = a.periods[start]
        at = bisect.bisect_right([s for s, _ in starts], when) - 1
        reason = _reason_text(starts[at][1]) if at >= 0 else ""
        moved = _moved(before, after)
        to = f"{moved} at" if moved == "stayed" else f"{moved} to"
        if k == 1:
            to = (
                f"stayed at {with_unit(after, a.unit)}"
                if moved == "stayed"
                else (f"{moved} from {fmt(before)} to {with_unit(after, a.unit)}")
            )
        else:
            to = f"then {to} {with_unit(after, a.unit)}"
        steps.append(f"{to} in {periods.label(when, frequency)}{reason}")
    first, final = levels[0][1], levels[-1][1]
    parts.append(f"The {average} " + ", ".join(steps) + _verdict(a, first, final) + ".")
    old, now = levels[-2][1], levels[-1][1]
    if _moved(old, now) != "stayed":
        side = "below" if now < old else "above"
        trailing, count = _beyond_old(a, levels[-1][0], old, side)
        if trailing == count and count >= 2:
            parts.append(f"All {_plural(count, noun)} since are {side} the old {average} of {fmt(old)}.")
        elif trailing >= 2:
            parts.append(f"The last {_plural(trailing, noun)} are all {side} the old {average}.")
    return " ".join(parts)


def headline(a: Analysis, frequency: str, phases: Sequence[tuple[date, str]] = ()) -> str:
    """The story of the chart in a sentence or three: how the centre moved from phase to phase
    (and why, from each phase's reason), whether the latest points bear the move out, what the
    latest signal is, and what that means for the target. ``phases`` are (start, reason) pairs."""
    last = a.last_index
    if a.problem or last is None:
        return variation_sentence(a)
    noun = PERIOD_NOUNS.get(frequency, "point")
    average = "median" if a.chart == "run" else "average"
    levels = _phase_levels(a)
    story = phase_sentence(a, frequency, phases)
    parts: list[str] = [story] if story else []
    if len(levels) < 2 and a.chart != "run" and levels:
        count = int(np.count_nonzero(a.observed))
        parts.append(f"Over {_plural(count, noun)} the {average} is {with_unit(levels[0][1], a.unit)}.")
    if a.chart == "run":
        parts.append(_run_sentence(a))
    else:
        point_type = a.point_type_at(last)
        if point_type in SPECIAL:
            reason = _special_reason(a, last, a.special_cause_at(last))
            said = f"In this phase, {reason}" if len(levels) >= 2 else reason[0].upper() + reason[1:]
            parts.append(f"{said} ({_kind(point_type)}).")
        elif not a.has_limits or not np.isfinite(a.upper[last]):
            parts.append("There are not enough points for limits yet.")
        elif bool(((a.point_type > 0) & (a.phase == a.phase[last])).any()):
            parts.append("The latest point is within the limits, after earlier signals.")
        else:
            parts.append("No signals of change: the variation is what this process usually shows.")
    assurance = _assurance_short(a)
    if assurance:
        parts.append(assurance)
    return " ".join(parts)
