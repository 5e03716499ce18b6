"""Statistical process control (SPC) engine for Making Data Count.

Pure numpy (no Django), following NHSRplotthedots for XmR charts and
qicharts2 for run-chart (Anhøj) rules and p, u, c and Laney p′/u′ limits.

* :func:`analyse_batch` – many series in one vectorised call
  (``[series x points]`` array, NaN for missing values and padding);
* :func:`analyse` – one series, returning a :class:`SeriesResult`.

See ``docs/spc.md`` for the method, the defaults and why.
"""

from .batch import OVERDISPERSION_THRESHOLD, analyse_batch
from .series import analyse
from .types import (
    ASSURANCE_ICONS,
    CHART_TYPES,
    POINT_TYPES,
    SPECIAL_CAUSE_TYPES,
    VARIATION_ICONS,
    BatchResult,
    RunsResult,
    RunsSummary,
    SeriesResult,
)

__all__ = [
    "ASSURANCE_ICONS",
    "CHART_TYPES",
    "OVERDISPERSION_THRESHOLD",
    "POINT_TYPES",
    "SPECIAL_CAUSE_TYPES",
    "VARIATION_ICONS",
    "BatchResult",
    "RunsResult",
    "RunsSummary",
    "SeriesResult",
    "analyse",
    "analyse_batch",
]
