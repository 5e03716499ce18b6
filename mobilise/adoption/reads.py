"""Getting a site, practice or measure inside a programme, or 404; and the rows a page needs."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from django.shortcuts import get_object_or_404

from mobilise.programmes.models import Programme

from .models import Practice, Site, SiteMeasure, SiteValue, StageChange


def get_site_or_404(programme: Programme, pk: int) -> Site:
    found: Site = get_object_or_404(Site.objects, programme=programme, pk=pk)
    return found


def get_practice_or_404(programme: Programme, pk: int) -> Practice:
    found: Practice = get_object_or_404(
        Practice.objects.select_related("change_idea"), programme=programme, pk=pk
    )
    return found


def get_measure_or_404(programme: Programme, pk: int) -> SiteMeasure:
    found: SiteMeasure = get_object_or_404(SiteMeasure.objects, programme=programme, pk=pk)
    return found


def get_stage_change_or_404(practice: Practice, pk: int) -> StageChange:
    found: StageChange = get_object_or_404(
        StageChange.objects.select_related("site"), practice=practice, pk=pk, site__deleted_at__isnull=True
    )
    return found


def history_of(practice: Practice, site: Site) -> list[StageChange]:
    """A site's recorded stages for a practice, oldest first."""
    return list(StageChange.objects.filter(practice=practice, site=site).order_by("on", "pk"))


def sites_of(programme: Programme) -> list[Site]:
    return list(Site.objects.filter(programme=programme).order_by("name", "pk"))


class Change(NamedTuple):
    """A stage change as the adoption picture needs it (plain tuples: a page may read thousands)."""

    pk: int
    site_id: int
    stage: str
    on: date


def changes_of(practice: Practice) -> list[Change]:
    rows = (
        StageChange.objects.filter(practice=practice, site__deleted_at__isnull=True)
        .order_by("on", "pk")
        .values_list("pk", "site_id", "stage", "on")
    )
    return [Change(*row) for row in rows]


def values_of(measure: SiteMeasure) -> list[SiteValue]:
    return list(
        SiteValue.objects.filter(measure=measure, site__deleted_at__isnull=True)
        .only("id", "site_id", "period", "events", "denominator")
        .order_by("period", "pk")
    )


def practices_of(programme: Programme) -> list[Practice]:
    return list(Practice.objects.filter(programme=programme).select_related("change_idea"))


def measures_of(programme: Programme) -> list[SiteMeasure]:
    return list(SiteMeasure.objects.filter(programme=programme))


def adopted_sites(practices: list[Practice], site_ids: set[int]) -> dict[int, set[int]]:
    """Per practice, the sites among ``site_ids`` that have ever adopted it."""
    from .models import ADOPTED_STAGES

    out: dict[int, set[int]] = {}
    rows = StageChange.objects.filter(
        practice__in=practices, stage__in=list(ADOPTED_STAGES), site_id__in=site_ids
    ).values_list("practice_id", "site_id")
    for practice_id, site_id in rows:
        out.setdefault(practice_id, set()).add(site_id)
    return out
