"""Diffusion of innovations: adoption curves, forecasts and funnel plots (numpy/scipy, no Django)."""

from .categories import CATEGORIES, adopter_categories
from .forecast import STATUS_CODES, STATUS_TEXT, Forecast, forecast_batch
from .funnel import Funnel, funnel

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
