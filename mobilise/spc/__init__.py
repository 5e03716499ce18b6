"""Statistical process control (SPC) engine for Making Data Count.

Pure numpy (no Django), following NHSRplotthedots for XmR charts and
qicharts2 for run-chart (Anhøj) rules and p, u, c and Laney p′/u′ limits.

* :func:`analyse_batch` – many series in one vectorised call
  (``[series x points]`` array, NaN for missing values and padding);
* :func:`analyse` – one series, returning a :class:`SeriesResult`.

See ``docs/spc.md`` for the method, the defaults and why.

The names are loaded on first use (PEP 562): importing the package imports
nothing else, so the console command (``python -m mobilise.spc``) can tune
numpy's thread pools before numpy is loaded.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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

#: Each public name and the module that defines it.
_HOMES = {
    "ASSURANCE_ICONS": "types",
    "CHART_TYPES": "types",
    "OVERDISPERSION_THRESHOLD": "batch",
    "POINT_TYPES": "types",
    "SPECIAL_CAUSE_TYPES": "types",
    "VARIATION_ICONS": "types",
    "BatchResult": "types",
    "RunsResult": "types",
    "RunsSummary": "types",
    "SeriesResult": "types",
    "analyse": "series",
    "analyse_batch": "batch",
}

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


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f".{home}", __name__), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
