"""Result types and label tables of the SPC engine.

Results are kept as small integer codes in numpy arrays so that a batch of
thousands of series stays compact and fast; the tables below turn codes back
into the strings used by NHSRplotthedots and the Making Data Count icons.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal, NamedTuple

import numpy as np
from numpy.typing import ArrayLike, NDArray

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
Int32Array = NDArray[np.int32]
#: Segment ids and positions within a batch (int32: a batch holds under 2**31 cells).
IdArray = NDArray[np.int32]
CodeArray = NDArray[np.int8]
BoolArray = NDArray[np.bool_]

#: One series: numbers in time order, None (or NaN) for a missing value.
SeriesLike = ArrayLike | Sequence[float | None]
#: Many series: ``[series x points]``, None (or NaN) for missing values and padding.
BatchLike = ArrayLike | Sequence[Sequence[float | None]]
#: One value for every series, or one per series (None where a series has none).
PerSeries = ArrayLike | Sequence[float | None]

ChartType = Literal["xmr", "run", "p", "u", "c", "pp", "up"]
CHART_TYPES: tuple[str, ...] = ("xmr", "run", "p", "u", "c", "pp", "up")
#: Charts whose points are counts with a denominator (p, u and the Laney forms).
DENOMINATOR_CHARTS: frozenset[str] = frozenset({"p", "u", "pp", "up"})
ATTRIBUTE_CHARTS: frozenset[str] = frozenset({"p", "u", "c", "pp", "up"})

Improvement = Literal["increase", "decrease", "neither"]
#: Improvement direction as the sign used in the rules (NHSRplotthedots: 1, -1, 0).
IMPROVEMENT_CODES: dict[str, int] = {
    "increase": 1,
    "decrease": -1,
    "neither": 0,
    "neutral": 0,  # NHSRplotthedots' spelling
}

#: ``point_type`` codes are indices into this tuple; -1 means "no point" (missing value).
POINT_TYPES: tuple[str, ...] = (
    "common_cause",
    "special_cause_improvement",
    "special_cause_concern",
    "special_cause_neutral_high",
    "special_cause_neutral_low",
)
PT_COMMON, PT_IMPROVEMENT, PT_CONCERN, PT_NEUTRAL_HIGH, PT_NEUTRAL_LOW = range(5)
PT_NONE = -1

#: ``special_cause_type`` codes are indices into this tuple (0 = not flagged).  Each
#: label mirrors NHSRplotthedots' ``special_cause_type`` ("Above UCL", "7 Point Trend
#: (Increasing)", "2 in 3 Above CL", "7 Points Above CL", ...).  Odd codes are high
#: signals, even codes low ones; ``(code + 1) // 2`` is the rule (1 outside limits,
#: 2 trend, 3 two-in-three, 4 shift), which is also the rule's priority.
SPECIAL_CAUSE_TYPES: tuple[str | None, ...] = (
    None,
    "above_ucl",
    "below_lcl",
    "trend_increasing",
    "trend_decreasing",
    "two_in_three_above",
    "two_in_three_below",
    "shift_above",
    "shift_below",
)
RULE_OUTSIDE, RULE_TREND, RULE_TWO_IN_THREE, RULE_SHIFT = 1, 2, 3, 4

VARIATION_ICONS: tuple[str, ...] = (
    "common_cause",
    "improvement_high",
    "improvement_low",
    "concern_high",
    "concern_low",
    "neutral_high",
    "neutral_low",
)
ASSURANCE_ICONS: tuple[str, ...] = ("consistent_pass", "consistent_fail", "inconsistent")
ICON_NONE = -1


def _label(table: tuple[str | None, ...], code: int) -> str | None:
    return None if code < 0 else table[code]


def _labels(table: tuple[str | None, ...], codes: NDArray[Any]) -> NDArray[np.object_]:
    lookup = np.array([*table, None], dtype=object)  # code -1 picks the trailing None
    labels: NDArray[np.object_] = lookup[codes]
    return labels


def _num(x: float) -> float | None:
    return None if math.isnan(x) else float(x)


class RunsSummary(NamedTuple):
    """Anhøj runs analysis of one series (qicharts2's ``runs.analysis``).

    Numbers are ``None`` when the series has no useful observation, as qicharts2
    returns ``NA`` there.
    """

    n_useful: int
    longest_run: int | None
    longest_run_max: int | None
    n_crossings: int | None
    n_crossings_min: int | None
    signal: bool

    def as_dict(self) -> dict[str, int | bool | None]:
        return dict(self._asdict())


@dataclass(frozen=True, slots=True)
class RunsResult:
    """Anhøj runs analysis for a batch: one entry per series, -1 where qicharts2 gives NA."""

    n_useful: IntArray
    longest_run: IntArray
    longest_run_max: IntArray
    n_crossings: IntArray
    n_crossings_min: IntArray
    signal: BoolArray

    def summary(self, i: int) -> RunsSummary:
        def opt(a: IntArray) -> int | None:
            v = int(a[i])
            return None if v < 0 else v

        return RunsSummary(
            n_useful=int(self.n_useful[i]),
            longest_run=opt(self.longest_run),
            longest_run_max=opt(self.longest_run_max),
            n_crossings=opt(self.n_crossings),
            n_crossings_min=opt(self.n_crossings_min),
            signal=bool(self.signal[i]),
        )


@dataclass(frozen=True, slots=True)
class SeriesResult:
    """Analysis of one series; arrays have one entry per period (missing = NaN)."""

    chart: str
    values: FloatArray
    phase: Int32Array
    centre: FloatArray
    lower: FloatArray
    upper: FloatArray
    lower_2sigma: FloatArray
    upper_2sigma: FloatArray
    mean_moving_range: FloatArray
    sigma_z: FloatArray
    special_cause_flag: BoolArray
    special_cause_type: tuple[str | None, ...]
    point_type: tuple[str | None, ...]
    variation_icon: str | None
    assurance_icon: str | None
    runs: RunsSummary
    overdispersed: bool

    def points(self) -> list[dict[str, Any]]:
        """One plain dict per period, ``None`` for missing or undefined numbers."""
        return [
            {
                "index": i,
                "value": _num(self.values[i]),
                "centre": _num(self.centre[i]),
                "lower": _num(self.lower[i]),
                "upper": _num(self.upper[i]),
                "special_cause_type": self.special_cause_type[i],
                "point_type": self.point_type[i],
            }
            for i in range(self.values.shape[0])
        ]


@dataclass(frozen=True, slots=True)
class BatchResult:
    """Analysis of many series at once.

    Per-point arrays are ``[series × points]`` like the input; entries beyond a
    series' length (padding) are NaN, phase -1 and point type -1.  Per-series
    arrays have one entry per series.  Codes index the label tuples of this
    module; use the ``*_labels`` helpers or :meth:`series` for strings.
    """

    chart: str
    values: FloatArray
    lengths: IntArray
    phase: Int32Array
    centre: FloatArray
    lower: FloatArray
    upper: FloatArray
    lower_2sigma: FloatArray
    upper_2sigma: FloatArray
    mean_moving_range: FloatArray
    sigma_z: FloatArray
    special_cause_type: CodeArray
    point_type: CodeArray
    variation_icon: CodeArray
    assurance_icon: CodeArray
    runs: RunsResult
    overdispersed: BoolArray
    improvement: CodeArray
    target: FloatArray

    @property
    def n_series(self) -> int:
        return int(self.values.shape[0])

    @property
    def special_cause_flag(self) -> BoolArray:
        return self.special_cause_type > 0

    def point_type_labels(self) -> NDArray[np.object_]:
        return _labels(POINT_TYPES, self.point_type)

    def special_cause_type_labels(self) -> NDArray[np.object_]:
        return _labels(SPECIAL_CAUSE_TYPES, self.special_cause_type)

    def variation_icon_labels(self) -> NDArray[np.object_]:
        return _labels(VARIATION_ICONS, self.variation_icon)

    def assurance_icon_labels(self) -> NDArray[np.object_]:
        return _labels(ASSURANCE_ICONS, self.assurance_icon)

    def series(self, i: int) -> SeriesResult:
        """The ``i``-th series as a :class:`SeriesResult`, trimmed to its length."""
        n = int(self.lengths[i])
        sct = self.special_cause_type[i, :n]
        pt = self.point_type[i, :n]
        return SeriesResult(
            chart=self.chart,
            values=self.values[i, :n].copy(),
            phase=self.phase[i, :n].copy(),
            centre=self.centre[i, :n].copy(),
            lower=self.lower[i, :n].copy(),
            upper=self.upper[i, :n].copy(),
            lower_2sigma=self.lower_2sigma[i, :n].copy(),
            upper_2sigma=self.upper_2sigma[i, :n].copy(),
            mean_moving_range=self.mean_moving_range[i, :n].copy(),
            sigma_z=self.sigma_z[i, :n].copy(),
            special_cause_flag=sct > 0,
            special_cause_type=tuple(SPECIAL_CAUSE_TYPES[int(c)] for c in sct),
            point_type=tuple(_label(POINT_TYPES, int(c)) for c in pt),
            variation_icon=_label(VARIATION_ICONS, int(self.variation_icon[i])),
            assurance_icon=_label(ASSURANCE_ICONS, int(self.assurance_icon[i])),
            runs=self.runs.summary(i),
            overdispersed=bool(self.overdispersed[i]),
        )
