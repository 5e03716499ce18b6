"""Permission-matrix entries for spread: everyone in the programme sees sites, practices and
measures; members and above add, change, import and record stages."""

from __future__ import annotations

from datetime import date
from typing import Any

from mobilise.adoption import services
from mobilise.adoption.models import StageChange

from .helpers import make_measure, make_practice, make_sites


def _slug(cast: Any) -> dict[str, Any]:
    return {"slug": cast.programme.slug}


def _site(cast: Any) -> dict[str, Any]:
    return {"slug": cast.programme.slug, "pk": make_sites(cast, 1, prefix="Route site")[0].pk}


def _practice(cast: Any) -> dict[str, Any]:
    return {"slug": cast.programme.slug, "pk": make_practice(cast).pk}


def _measure(cast: Any) -> dict[str, Any]:
    sites = make_sites(cast, 3, prefix="Measured")
    return {"slug": cast.programme.slug, "pk": make_measure(cast, sites).pk}


def _site_chart(cast: Any) -> dict[str, Any]:
    sites = make_sites(cast, 3, prefix="Charted")
    return {"slug": cast.programme.slug, "pk": make_measure(cast, sites).pk, "site": sites[0].pk}


def _recorded(cast: Any) -> StageChange:
    practice = make_practice(cast)
    site = make_sites(cast, 1, prefix="Recorded site")[0]
    return services.stage_set(
        practice=practice, site=site, stage="trying", on=date(2025, 2, 1), user=cast.convenor
    )


def _stage_history(cast: Any) -> dict[str, Any]:
    change = _recorded(cast)
    return {"slug": cast.programme.slug, "pk": change.practice_id, "site": change.site_id}


def _stage(cast: Any) -> dict[str, Any]:
    change = _recorded(cast)
    return {"slug": cast.programme.slug, "pk": change.practice_id, "change": change.pk}


def _valid_stage_edit(cast: Any) -> dict[str, Any]:
    return {"stage": "adopted", "on": "2025-03-01", "note": "", "version": "1"}


def _valid_site(cast: Any) -> dict[str, Any]:
    return {"name": "Riverside Surgery", "kind": "gp_practice", "in_scope": "yes", "version": "1"}


def _valid_practice(cast: Any) -> dict[str, Any]:
    return {"name": "Social prescribing", "launched_on": "2025-01-01", "version": "1"}


def _valid_measure(cast: Any) -> dict[str, Any]:
    return {
        "name": "Flu jabs",
        "kind": "proportion",
        "per": "1000",
        "higher_is_better": "yes",
        "version": "1",
    }


def _valid_stage(cast: Any) -> dict[str, Any]:
    site = make_sites(cast, 1, prefix="Stage site")[0]
    return {"site": str(site.pk), "stage": "adopted", "on": "2025-03-01"}


ROUTES: dict[str, dict[str, Any]] = {
    "adoption:spread": {"kwargs": _slug, "methods": ["GET"], "perm": "view"},
    "adoption:sites": {"kwargs": _slug, "methods": ["GET"], "perm": "view"},
    "adoption:site_add": {
        "kwargs": _slug,
        "methods": ["GET", "POST"],
        "perm": "edit",
        "post_data": _valid_site,
    },
    "adoption:sites_import": {"kwargs": _slug, "methods": ["GET", "POST"], "perm": "edit"},
    "adoption:site_edit": {
        "kwargs": _site,
        "methods": ["GET", "POST"],
        "perm": "edit",
        "post_data": _valid_site,
    },
    "adoption:site_delete": {"kwargs": _site, "methods": ["GET", "POST"], "perm": "edit"},
    "adoption:practice_add": {
        "kwargs": _slug,
        "methods": ["GET", "POST"],
        "perm": "edit",
        "post_data": _valid_practice,
    },
    "adoption:practice": {"kwargs": _practice, "methods": ["GET"], "perm": "view"},
    "adoption:practice_edit": {
        "kwargs": _practice,
        "methods": ["GET", "POST"],
        "perm": "edit",
        "post_data": _valid_practice,
    },
    "adoption:practice_delete": {"kwargs": _practice, "methods": ["GET", "POST"], "perm": "edit"},
    "adoption:stage_set": {
        "kwargs": _practice,
        "methods": ["POST"],
        "perm": "edit",
        "post_data": _valid_stage,
    },
    "adoption:stage_history": {"kwargs": _stage_history, "methods": ["GET"], "perm": "view"},
    "adoption:stage_edit": {
        "kwargs": _stage,
        "methods": ["GET", "POST"],
        "perm": "edit",
        "post_data": _valid_stage_edit,
    },
    "adoption:stage_delete": {"kwargs": _stage, "methods": ["GET", "POST"], "perm": "edit"},
    "adoption:measure_add": {
        "kwargs": _slug,
        "methods": ["GET", "POST"],
        "perm": "edit",
        "post_data": _valid_measure,
    },
    "adoption:measure": {"kwargs": _measure, "methods": ["GET"], "perm": "view"},
    "adoption:measure_edit": {
        "kwargs": _measure,
        "methods": ["GET", "POST"],
        "perm": "edit",
        "post_data": _valid_measure,
    },
    "adoption:measure_delete": {"kwargs": _measure, "methods": ["GET", "POST"], "perm": "edit"},
    "adoption:measure_import": {"kwargs": _measure, "methods": ["GET", "POST"], "perm": "edit"},
    "adoption:site_chart": {"kwargs": _site_chart, "methods": ["GET"], "perm": "view"},
}
