"""Changing spread records: sites (one at a time or imported all or nothing), practices, stages,
measures by site and their values. Every change is saved with a history entry naming who made it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction

from mobilise.core.bin import move_to_bin
from mobilise.core.concurrency import lock_for_edit
from mobilise.core.history import delete_as, save_as
from mobilise.pdsa.choices import Outcome
from mobilise.pdsa.models import TestOfChange
from mobilise.programmes.models import Programme

from .models import Milestone, Practice, Site, SiteMeasure, SiteValue, Stage, StageChange

SITE_FIELDS = ("name", "organisation", "kind", "ods_code", "population", "in_scope")
PRACTICE_FIELDS = ("name", "change_idea", "description", "launched_on")
MEASURE_FIELDS = ("name", "kind", "per", "higher_is_better")


def _apply(obj: Any, data: Mapping[str, Any], fields: Iterable[str]) -> None:
    for name in fields:
        if name in data:
            setattr(obj, name, data[name])


@transaction.atomic
def site_create(*, programme: Programme, data: Mapping[str, Any], user: Any) -> Site:
    site = Site(programme=programme, created_by=user)
    _apply(site, data, SITE_FIELDS)
    site.full_clean()
    save_as(site, by=user)
    return site


@transaction.atomic
def site_edit(*, site: Site, data: Mapping[str, Any], user: Any) -> Site:
    current = lock_for_edit(site, data.get("version"))
    _apply(current, data, SITE_FIELDS)
    current.full_clean()
    save_as(current, by=user)
    return current


def site_delete(*, site: Site, user: Any) -> None:
    move_to_bin(site, by=user)


@transaction.atomic
def sites_import(*, programme: Programme, rows: list[dict[str, Any]], user: Any) -> list[Site]:
    """Create every checked row, or none (the caller has already checked them all)."""
    created = []
    for data in rows:
        site = Site(programme=programme, created_by=user)
        _apply(site, data, SITE_FIELDS)
        save_as(site, by=user, reason="Imported")
        created.append(site)
    return created


def _set_milestones(practice: Practice, data: Mapping[str, Any], user: Any) -> None:
    """Replace the plan's milestones when the data gives them (a list of ``(date, sites)``)."""
    if "milestones" not in data:
        return
    wanted = sorted((on, int(sites)) for on, sites in data["milestones"])
    have = list(practice.milestones.all())
    if [(m.on, m.sites) for m in have] == wanted:
        return
    for old in have:
        delete_as(old, by=user, reason="Plan changed")
    for on, sites in wanted:
        milestone = Milestone(practice=practice, on=on, sites=sites)
        milestone.full_clean()
        save_as(milestone, by=user, reason="Plan changed")


@transaction.atomic
def practice_create(*, programme: Programme, data: Mapping[str, Any], user: Any) -> Practice:
    practice = Practice(programme=programme, created_by=user)
    _apply(practice, data, PRACTICE_FIELDS)
    practice.full_clean()
    save_as(practice, by=user)
    _set_milestones(practice, data, user)
    return practice


@transaction.atomic
def practice_edit(*, practice: Practice, data: Mapping[str, Any], user: Any) -> Practice:
    current = lock_for_edit(practice, data.get("version"))
    _apply(current, data, PRACTICE_FIELDS)
    current.full_clean()
    save_as(current, by=user)
    _set_milestones(current, data, user)
    return current


def practice_delete(*, practice: Practice, user: Any) -> None:
    move_to_bin(practice, by=user)


@transaction.atomic
def stage_set(
    *, practice: Practice, site: Site, stage: str, on: date, note: str = "", user: Any
) -> StageChange:
    change = StageChange(
        programme=practice.programme,
        practice=practice,
        site=site,
        stage=stage,
        on=on,
        note=note,
        created_by=user,
    )
    change.full_clean()
    save_as(change, by=user)
    return change


STAGE_FIELDS = ("stage", "on", "note")


@transaction.atomic
def stage_edit(*, change: StageChange, data: Mapping[str, Any], user: Any) -> StageChange:
    """Correct a recorded stage (its stage, date or note); the history keeps what it said before."""
    current = lock_for_edit(change, data.get("version"))
    _apply(current, data, STAGE_FIELDS)
    current.full_clean()
    save_as(current, by=user, reason="Corrected")
    return current


def stage_delete(*, change: StageChange, user: Any) -> None:
    move_to_bin(change, by=user)


@dataclass(frozen=True)
class AdoptedFromTest:
    practice: Practice
    site: Site


def sites_for_organisation(programme_id: int, organisation: Any) -> list[Site]:
    """Spread sites that stand for a test of change's organisation: same ODS code, else same name."""
    sites = Site.objects.filter(programme_id=programme_id)
    code = (getattr(organisation, "ods_code", "") or "").strip().upper()
    if code:
        found = list(sites.filter(ods_code=code))
        if found:
            return found
    name = (getattr(organisation, "name", "") or "").strip()
    return list(sites.filter(name__iexact=name)) if name else []


@transaction.atomic
def adopt_from_test(test: TestOfChange, *, user: Any = None) -> list[AdoptedFromTest]:
    """A test of change that ends "adopt" at a site moves that site to adopted, for each practice
    spreading its change idea. Saving the same test again adds nothing."""
    if test.outcome != Outcome.ADOPT or test.site_id is None or test.deleted_at is not None:
        return []
    practices = list(
        Practice.objects.filter(programme_id=test.programme_id, change_idea_id=test.change_idea_id)
    )
    if not practices:
        return []
    sites = sites_for_organisation(test.programme_id, test.site)
    done = []
    on = test.done_on or test.tested_on
    for practice in practices:
        for site in sites:
            # A record from this test that someone put in the bin stays there: it was judged wrong.
            if StageChange.all_objects.filter(practice=practice, site=site, source_test=test).exists():
                continue
            change = StageChange(
                programme=practice.programme,
                practice=practice,
                site=site,
                stage=Stage.ADOPTED,
                on=on,
                note=f"Test of change “{test.title}” ended: adopt",
                source_test=test,
                created_by=user,
            )
            save_as(change, by=user, reason="From a test of change")
            done.append(AdoptedFromTest(practice, site))
    return done


@transaction.atomic
def measure_create(*, programme: Programme, data: Mapping[str, Any], user: Any) -> SiteMeasure:
    measure = SiteMeasure(programme=programme, created_by=user)
    _apply(measure, data, MEASURE_FIELDS)
    measure.full_clean()
    save_as(measure, by=user)
    return measure


@transaction.atomic
def measure_edit(*, measure: SiteMeasure, data: Mapping[str, Any], user: Any) -> SiteMeasure:
    current = lock_for_edit(measure, data.get("version"))
    _apply(current, data, MEASURE_FIELDS)
    current.full_clean()
    save_as(current, by=user)
    return current


def measure_delete(*, measure: SiteMeasure, user: Any) -> None:
    move_to_bin(measure, by=user)


@transaction.atomic
def values_import(*, measure: SiteMeasure, rows: list[dict[str, Any]], user: Any) -> int:
    """Save every checked row (a month already recorded for a site is replaced), or none."""
    for data in rows:
        value = SiteValue.objects.filter(measure=measure, site=data["site"], period=data["period"]).first()
        if value is None:
            value = SiteValue(measure=measure, site=data["site"], period=data["period"])
        value.events = data["events"]
        value.denominator = data["denominator"]
        save_as(value, by=user, reason="Imported")
    return len(rows)
