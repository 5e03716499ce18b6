from __future__ import annotations

from django.urls import reverse

from mobilise.improvement.models import ChangeIdea, Driver, DriverDiagram
from mobilise.measurement.models import Measure


def _component_page(client, cast, key):
    url = reverse("workspace:component", kwargs={"slug": cast.programme.slug, "component": key})
    return client.get(url).content.decode()


def test_the_methodology_component_shows_what_the_team_has_built(cast, as_member):
    diagram = DriverDiagram.objects.create(
        programme=cast.programme, title="Fewer admissions", aim_what="Reduce emergency admissions"
    )
    primary = Driver.objects.create(programme=cast.programme, diagram=diagram, kind="primary", title="Teams")
    idea = ChangeIdea.objects.create(programme=cast.programme, diagram=diagram, title="Daily huddle")
    idea.drivers.add(primary)
    page = _component_page(as_member, cast, "methodology")
    assert "What the team has built" in page
    assert "1 driver diagram with 1 driver and 1 change idea" in page


def test_the_measurement_component_counts_measures(cast, as_member):
    Measure.objects.create(programme=cast.programme, name="Emergency admissions")
    assert "1 measure tracked" in _component_page(as_member, cast, "measurement")


def test_other_components_show_no_built_work_section(cast, as_member):
    assert "What the team has built" not in _component_page(as_member, cast, "purpose")
