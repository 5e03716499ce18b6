"""Spread as a convenor uses it: sites, imports, stages, the curve for any date, tests of change
that end "adopt", and sites compared in a funnel plot."""

from __future__ import annotations

import io
from datetime import date, timedelta
from typing import Any

from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from mobilise.adoption.analysis import adoption
from mobilise.adoption.models import Site, Stage, StageChange
from mobilise.adoption.reads import changes_of, sites_of
from mobilise.spread import forecast_batch

from .helpers import make_measure, make_practice, make_sites, s_curve_history


def upload(name: str, text: str) -> io.BytesIO:
    f = io.BytesIO(text.encode())
    f.name = name
    return f


def test_convenor_adds_a_site_and_sees_it_listed(cast: Any) -> None:
    client = cast.client_for("convenor")
    url = reverse("adoption:site_add", kwargs={"slug": cast.programme.slug})
    response = client.post(
        url, {"name": "Elm Surgery", "kind": "gp_practice", "ods_code": "b82001", "in_scope": "yes"}
    )
    assert response.status_code == 302
    site = Site.objects.get(name="Elm Surgery")
    assert site.ods_code == "B82001" and site.in_scope
    assert site.history.count() == 1
    page = client.get(reverse("adoption:sites", kwargs={"slug": cast.programme.slug}))
    assert "Elm Surgery" in page.content.decode()


def test_site_import_is_all_or_nothing_with_row_and_column(cast: Any) -> None:
    client = cast.client_for("member")
    url = reverse("adoption:sites_import", kwargs={"slug": cast.programme.slug})
    bad = (
        "name,type,population,in_scope\nOak,GP practice,1200,yes\nAsh,spaceship,12,yes\nBeech,ward,x,maybe\n"
    )
    response = client.post(url, {"file": upload("sites.csv", bad)})
    text = response.content.decode()
    assert response.status_code == 400
    assert "Row 3, column “type”" in text and "Row 4, column “population”" in text
    assert "Row 4, column “in_scope”" in text
    assert not Site.objects.filter(programme=cast.programme).exists()
    ragged = "name,type\nOak,ward,extra\n"
    response = client.post(url, {"file": upload("sites.csv", ragged)})
    assert "Row 2" in response.content.decode() and response.status_code == 400
    good = (
        "name,organisation,type,ods_code,population,in_scope\n"
        "Oak,North PCN,GP practice,A81001,1200,yes\nAsh,,ward,,,no\n"
    )
    response = client.post(url, {"file": upload("sites.csv", good)})
    assert response.status_code == 302
    assert {s.name: s.in_scope for s in Site.objects.filter(programme=cast.programme)} == {
        "Oak": True,
        "Ash": False,
    }


def test_site_import_reads_excel(cast: Any) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["name", "type", "population"])
    sheet.append(["Willow ward", "ward", 24])
    data = io.BytesIO()
    book.save(data)
    data.seek(0)
    data.name = "sites.xlsx"
    client = cast.client_for("member")
    response = client.post(
        reverse("adoption:sites_import", kwargs={"slug": cast.programme.slug}), {"file": data}
    )
    assert response.status_code == 302
    assert Site.objects.get(name="Willow ward").population == 24


def test_practice_page_shows_the_forecast_and_the_plan(cast: Any) -> None:
    sites = make_sites(cast, 25)
    practice = make_practice(cast, launched=date(2025, 1, 1), milestones=[(date(2025, 6, 1), 24)])
    s_curve_history(cast, practice, sites[:12], months=8)
    client = cast.client_for("viewer")
    url = reverse("adoption:practice", kwargs={"slug": cast.programme.slug, "pk": practice.pk})
    text = client.get(url + "?on=2025-09-01").content.decode()
    assert "12 of 25" in text
    assert "16% of sites" in text and "reached on" in text
    assert "behind plan" in text
    assert "<svg" in text and "The curve as a table" in text
    # redrawn for an earlier date: fewer adopted, and the later adoptions are not there
    early = client.get(url + "?on=2025-03-01").content.decode()
    assert "12 of 25" not in early


def test_not_enough_data_is_said_plainly(cast: Any) -> None:
    sites = make_sites(cast, 10)
    practice = make_practice(cast, launched=date(2025, 1, 1))
    text = (
        cast.client_for("member")
        .get(
            reverse("adoption:practice", kwargs={"slug": cast.programme.slug, "pk": practice.pk})
            + "?on=2025-09-01"
        )
        .content.decode()
    )
    assert "Not enough data to forecast: no site has adopted yet." in text
    assert sites


def test_member_records_a_stage_and_history_is_kept(cast: Any) -> None:
    site = make_sites(cast, 1)[0]
    practice = make_practice(cast, launched=date(2025, 1, 1))
    client = cast.client_for("member")
    url = reverse("adoption:stage_set", kwargs={"slug": cast.programme.slug, "pk": practice.pk})
    assert client.post(url, {"site": site.pk, "stage": "trying", "on": "2025-02-01"}).status_code == 302
    assert client.post(url, {"site": site.pk, "stage": "adopted", "on": "2025-04-01"}).status_code == 302
    refused = client.post(url, {"site": site.pk, "stage": "adopted", "on": "2024-04-01"})
    assert refused.status_code == 400 and "on or after the date spreading started" in refused.content.decode()
    stages = list(StageChange.objects.filter(practice=practice).values_list("stage", flat=True))
    assert stages == ["trying", "adopted"]
    a = adoption(practice, sites_of(cast.programme), changes_of(practice), date(2025, 3, 1))
    assert a.rows[0].stage == Stage.TRYING and a.adopted == 0


def test_a_test_of_change_ending_adopt_moves_the_site_to_adopted(cast: Any) -> None:
    from mobilise.pdsa.models import TestOfChange
    from tests.factories import OrganisationFactory
    from tests.pdsa.factories import ChangeIdeaFactory

    org = OrganisationFactory(name="Birch Surgery", ods_code="C84001")
    idea = ChangeIdeaFactory(programme=cast.programme)
    site = make_sites(cast, 1, prefix="Birch")[0]
    site.ods_code = "C84001"
    site.save()
    practice = make_practice(cast, change_idea=idea)
    test = TestOfChange.objects.create(
        programme=cast.programme,
        change_idea=idea,
        site=org,
        title="Huddle trial",
        planned_start=date(2025, 2, 1),
    )
    assert not StageChange.objects.exists()
    test.outcome = "adopt"
    test.done_on = date(2025, 3, 3)
    test.save()
    test.save()  # saving again adds nothing
    change = StageChange.objects.get()
    assert (change.site, change.stage, change.on, change.source_test) == (
        site,
        "adopted",
        date(2025, 3, 3),
        test,
    )
    assert change.practice == practice


def test_funnel_finds_the_better_site_and_links_to_learning(cast: Any) -> None:
    sites = make_sites(cast, 12)
    measure = make_measure(cast, sites, better=4)
    text = (
        cast.client_for("viewer")
        .get(reverse("adoption:measure", kwargs={"slug": cast.programme.slug, "pk": measure.pk}))
        .content.decode()
    )
    assert "Sites to learn from" in text
    assert "Practice 004" in text.split("Sites to learn from")[1].split("</ul>")[0]
    assert "ask them what they do differently" in text
    chart = cast.client_for("viewer").get(
        reverse(
            "adoption:site_chart", kwargs={"slug": cast.programme.slug, "pk": measure.pk, "site": sites[4].pk}
        )
    )
    assert chart.status_code == 200 and "Month by month" in chart.content.decode()


def test_values_import_names_unknown_sites(cast: Any) -> None:
    sites = make_sites(cast, 3)
    measure = make_measure(cast, sites)
    url = reverse("adoption:measure_import", kwargs={"slug": cast.programme.slug, "pk": measure.pk})
    bad = "site,month,events,denominator\nNowhere,2025-04,3,10\nPractice 000,2025-04,30,10\n"
    response = cast.client_for("member").post(url, {"file": upload("v.csv", bad)})
    text = response.content.decode()
    assert "Row 2, column “site”" in text and "Row 3, column “events”" in text
    good = "site,month,events,denominator\nPractice 000,2025-04,3,10\nPractice 001,Apr 2025,4,10\n"
    assert cast.client_for("member").post(url, {"file": upload("v.csv", good)}).status_code == 302


def test_the_practice_page_has_a_bounded_number_of_queries(
    cast: Any, django_assert_max_num_queries: Any
) -> None:
    sites = make_sites(cast, 60)
    practice = make_practice(cast, launched=date(2024, 1, 1))
    s_curve_history(cast, practice, sites[:40], months=18)
    client = cast.client_for("member")
    url = reverse("adoption:practice", kwargs={"slug": cast.programme.slug, "pk": practice.pk})
    client.get(url)
    with django_assert_max_num_queries(16):
        assert client.get(url).status_code == 200


@settings(
    max_examples=25, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.integers(0, 20), min_size=1, max_size=15), st.integers(0, 20))
def test_adding_an_adoption_never_lowers_the_curve(cast: Any, months: list[int], extra: int) -> None:
    from mobilise.adoption.models import Practice

    practice = Practice(programme=cast.programme, name="p", launched_on=date(2025, 1, 1), pk=1)
    sites = [Site(pk=i + 1, programme=cast.programme, name=f"s{i}") for i in range(len(months) + 1)]
    changes = [
        StageChange(
            pk=i + 1,
            practice=practice,
            site=sites[i],
            site_id=i + 1,
            stage="adopted",
            on=date(2025, 1, 1) + timedelta(days=30 * m),
        )
        for i, m in enumerate(months)
    ]
    on = date(2026, 12, 1)
    before = adoption(practice, sites, changes, on)
    more = [
        *changes,
        StageChange(
            pk=99,
            practice=practice,
            site=sites[-1],
            site_id=sites[-1].pk,
            stage="adopted",
            on=date(2025, 1, 1) + timedelta(days=30 * extra),
        ),
    ]
    after = adoption(practice, sites, more, on)
    assert all(b <= a for b, a in zip(before.counts, after.counts, strict=True))
    reordered = adoption(practice, list(reversed(sites)), list(reversed(changes)), on)
    assert reordered.counts == before.counts and reordered.reach50 == before.reach50
    assert forecast_batch  # the page uses the same engine call as mobilise-spread


def test_the_spread_of_innovation_component_page_links_here(cast: Any) -> None:
    make_sites(cast, 2)
    make_practice(cast)
    page = cast.client_for("viewer").get(
        reverse("workspace:component", kwargs={"slug": cast.programme.slug, "component": "spread"})
    )
    text = page.content.decode()
    assert page.status_code == 200
    assert "1 practice being spread" in text and "2 sites" in text
    assert reverse("adoption:spread", kwargs={"slug": cast.programme.slug}) in text
