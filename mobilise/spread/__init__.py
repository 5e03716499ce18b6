"""Diffusion of innovations: adoption curves, forecasts and funnel plots (numpy/scipy, no Django).

The names are loaded on first use (PEP 562): the console command's curves do not wait for
``scipy.stats``, which only the funnel needs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mobilise.lazy import lazy_names

if TYPE_CHECKING:
    from .categories import CATEGORIES, adopter_categories
    from .forecast import STATUS_CODES, STATUS_TEXT, Forecast, forecast_batch
    from .funnel import Funnel, funnel

#: Each public name and the module that defines it.
_HOMES = {
    "CATEGORIES": "categories",
    "STATUS_CODES": "forecast",
    "STATUS_TEXT": "forecast",
    "Forecast": "forecast",
    "Funnel": "funnel",
    "adopter_categories": "categories",
    "forecast_batch": "forecast",
    "funnel": "funnel",
}

__all__ = [
    "CATEGORIES",
    "STATUS_CODES",
    "STATUS_TEXT",
    "Forecast",
    "Funnel",
    "adopter_categories",
    "forecast_batch",
    "funnel",
]


__getattr__, __dir__ = lazy_names(__name__, _HOMES)
