"""The dashboard's rows, each rendered once per version of its measure and kept in the cache.

A row is keyed on the measure's id, `version` and `updated_at` (which every write to its points or
phases moves on, `models.touch_measures`) and the programme's slug, so a changed measure is a new
key and no row is ever served stale, in any process. Only the measures missing from the cache have
their points read and go through the SPC engine (one batch call per chart type, as before).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.core.cache import caches
from django.template.loader import get_template
from markupsafe import Markup

from mobilise.programmes.models import Programme

from . import presenters, reads
from .analysis import analyse_series
from .charts.icons import assurance_icon, variation_icon
from .models import Measure

CACHE = "rendered"
FORMAT = 1  # bump when the row's HTML or wording changes, so old rows are not shown after a release
ROW_TEMPLATE = "measurement/partials/summary_row.jinja"
DAY = 24 * 60 * 60


@dataclass(frozen=True, slots=True)
class DashboardRow:
    measure: Measure
    html: Markup
    change: str | None


def row_key(programme: Programme, measure: Measure) -> str:
    stamp = measure.updated_at.timestamp() if measure.updated_at else 0
    return f"measure-row:{FORMAT}:{measure.pk}:{measure.version}:{stamp}:{programme.slug}"


def dashboard_rows(programme: Programme, measures: Sequence[Measure]) -> list[DashboardRow]:
    """Each measure's row: from the cache, or analysed and rendered now (all the missing ones at once)."""
    cache = caches[CACHE]
    keys = {m.pk: row_key(programme, m) for m in measures}
    found: dict[str, tuple[str, str | None]] = cache.get_many(list(keys.values()))
    missing = [m for m in measures if keys[m.pk] not in found]
    if missing:
        macro = get_template(ROW_TEMPLATE).template.module.summary_row  # type: ignore[attr-defined]
        fresh = {}
        for row in presenters.summary_rows(missing, analyse_series(reads.series_inputs(missing))):
            html = str(macro(programme.slug, row, variation_icon, assurance_icon))
            fresh[keys[row.measure.pk]] = (html, row.change)
        cache.set_many(fresh, timeout=DAY)
        found.update(fresh)
    return [DashboardRow(m, Markup(found[keys[m.pk]][0]), found[keys[m.pk]][1]) for m in measures]
