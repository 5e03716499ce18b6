"""A plan with several milestones, each judged on its own date; and putting right a stage recorded
wrongly: corrected with a version check and history, or moved to the bin, with the curve redrawn."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.urls import reverse

from mobilise.adoption import services
from mobilise.adoption.analysis import adoption
from mobilise.adoption.models import Milestone, StageChange
from mobilise.adoption.reads import changes_of, sites_of
from mobilise.core.bin import binned_items, restore_from_bin

from .helpers import make_practice, make_sites, s_curve_history


def _edit(cast: Any, practice: Any, **extra: str) -> dict[str, str]:
    return {
        "name": practice.name,
        "launched_on": practice.launched_on.isoformat(),
        "version": str(practice.version),
        **extra,
    }


def test_a_plan_has_several_milestones_each_judged_on_its_date(cast: Any) -> None:
    sites = make_sites(cast, 25)
    practice = make_practice(cast, launched=date(2025, 1, 1))
    s_curve_history(cast, practice, sites[:12], months=8)
    client = cast.client_for("member")
    edit = reverse("adoption:practice_edit", kwargs={"slug": cast.programme.slug, "pk": practice.pk})
    plan = {
        "milestone1_sites": "1",
        "milestone1_on": "2025-04-01",  # come by September, and met
        "milestone2_sites": "24",
        "milestone2_on": "2025-07-01",  # come, and missed
        "milestone3_sites": "25",
        "milestone3_on": "2025-11-01",  # still to come: far above the forecast
    }
    assert client.post(edit, _edit(cast, practice, **plan)).status_code == 302
    saved = list(Milestone.objects.filter(practice=practice).values_list("on", "sites"))
    assert saved == [(date(2025, 4, 1), 1), (date(2025, 7, 1), 24), (date(2025, 11, 1), 25)]
    page = reverse("adoption:practice", kwargs={"slug": cast.programme.slug, "pk": practice.pk})
    text = cast.client_for("viewer").get(page + "?on=2025-09-01").content.decode()
    assert "Your plan" in text and "behind plan" in text
    assert text.count("<title>") >= 1 and "25 sites by 1 November 2025" in text  # drawn on the curve
    a = adoption(practice, sites_of(cast.programme), changes_of(practice), date(2025, 9, 1))
    assert [m.verdict for m in a.milestones] == ["met", "missed", "behind"]
    # Shown as it stood in March, every milestone is still to come.
    early = adoption(practice, sites_of(cast.programme), changes_of(practice), date(2025, 3, 1))
    assert "met" not in [m.verdict for m in early.milestones]
    # Changing the plan keeps the old milestones in their history.
    practice.refresh_from_db()
    assert (
        client.post(edit, _edit(cast, practice, milestone1_sites="6", milestone1_on="2025-05-01")).status_code
        == 302
    )
    assert list(Milestone.objects.filter(practice=practice).values_list("sites", flat=True)) == [6]
    assert Milestone.history.filter(practice_id=practice.pk, history_type="-").count() == 3


def test_milestone_mistakes_are_named(cast: Any) -> None:
    practice = make_practice(cast, launched=date(2025, 1, 1))
    client = cast.client_for("member")
    edit = reverse("adoption:practice_edit", kwargs={"slug": cast.programme.slug, "pk": practice.pk})
    half = client.post(edit, _edit(cast, practice, milestone2_sites="5"))
    assert half.status_code == 200
    assert "Milestone 2: give both the number of sites and the date, or neither" in half.content.decode()
    fewer = client.post(
        edit,
        _edit(
            cast,
            practice,
            milestone1_sites="10",
            milestone1_on="2025-06-01",
            milestone2_sites="5",
            milestone2_on="2025-12-01",
        ),
    )
    assert (
        "Milestone 2: a later milestone cannot plan fewer sites than an earlier one" in fewer.content.decode()
    )
    before = client.post(edit, _edit(cast, practice, milestone1_sites="3", milestone1_on="2024-06-01"))
    assert "Milestone 1: the date must be after spreading started" in before.content.decode()
    assert not Milestone.objects.filter(practice=practice).exists()


def test_a_wrong_stage_is_corrected_with_its_history_and_the_curve_redrawn(cast: Any) -> None:
    site = make_sites(cast, 5)[0]
    practice = make_practice(cast, launched=date(2025, 1, 1))
    change = services.stage_set(
        practice=practice, site=site, stage="adopted", on=date(2025, 2, 1), user=cast.convenor
    )
    on = date(2025, 3, 1)
    assert adoption(practice, sites_of(cast.programme), changes_of(practice), on).adopted == 1
    client = cast.client_for("member")
    history = reverse(
        "adoption:stage_history", kwargs={"slug": cast.programme.slug, "pk": practice.pk, "site": site.pk}
    )
    assert "Correct" in client.get(history).content.decode()
    url = reverse(
        "adoption:stage_edit", kwargs={"slug": cast.programme.slug, "pk": practice.pk, "change": change.pk}
    )
    data = {"stage": "trying", "on": "2025-02-03", "note": "Was only trying it then", "version": "1"}
    assert client.post(url, data).status_code == 302
    change.refresh_from_db()
    assert (change.stage, change.on, change.version) == ("trying", date(2025, 2, 3), 2)
    # redrawn: no site had adopted it by March after all
    assert adoption(practice, sites_of(cast.programme), changes_of(practice), on).adopted == 0
    said = list(change.history.order_by("history_date").values_list("stage", "on"))
    assert said == [("adopted", date(2025, 2, 1)), ("trying", date(2025, 2, 3))]
    # A second tab still holding version 1 is refused, and keeps what the person typed.
    stale = client.post(url, {**data, "note": "Typed in another tab, 4471"})
    assert stale.status_code == 409 and "Typed in another tab, 4471" in stale.content.decode()
    # A date before the spread started is refused plainly.
    early = client.post(url, {**data, "on": "2024-12-01", "version": "2"})
    assert early.status_code == 400 and "on or after the date spreading started" in early.content.decode()


def test_a_record_that_should_not_be_there_goes_to_the_bin(cast: Any) -> None:
    sites = make_sites(cast, 3)
    practice = make_practice(cast, launched=date(2025, 1, 1))
    wrong = services.stage_set(
        practice=practice, site=sites[1], stage="adopted", on=date(2025, 2, 1), user=cast.convenor
    )
    services.stage_set(
        practice=practice, site=sites[0], stage="adopted", on=date(2025, 2, 1), user=cast.convenor
    )
    on = date(2025, 3, 1)
    url = reverse(
        "adoption:stage_delete", kwargs={"slug": cast.programme.slug, "pk": practice.pk, "change": wrong.pk}
    )
    client = cast.client_for("member")
    assert "goes to the bin" in client.get(url).content.decode()
    assert client.post(url).status_code == 302
    assert adoption(practice, sites_of(cast.programme), changes_of(practice), on).adopted == 1
    assert not StageChange.objects.filter(pk=wrong.pk).exists()
    kinds = [(kind, obj.pk) for kind, obj in binned_items(cast.programme.pk)]
    assert ("spread_stage", wrong.pk) in kinds
    restore_from_bin(StageChange.all_objects.get(pk=wrong.pk), by=cast.convenor)
    assert adoption(practice, sites_of(cast.programme), changes_of(practice), on).adopted == 2
