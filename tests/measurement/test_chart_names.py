"""Charts are named plainly, with the technical name after it as a hint for analysts."""

from __future__ import annotations

from django.urls import reverse

from mobilise.measurement.models import ChartType, chart_name

from .factories import MeasureFactory


def test_every_chart_has_a_plain_name_first() -> None:
    for value in ChartType.values:
        name = chart_name(value)
        assert name.startswith(("Chart", "Simple chart")) and name.endswith("chart)")
    assert chart_name("p") == "Chart of percentages (p chart)"
    assert chart_name("xmr", hint=False) == "Chart over time"


def test_the_measure_page_and_its_form_speak_plainly(cast, as_member) -> None:
    measure = MeasureFactory(programme=cast.programme, chart="p", unit="%")
    slug = cast.programme.slug
    page = as_member.get(
        reverse("measurement:measure", kwargs={"slug": slug, "pk": measure.pk})
    ).content.decode()
    assert "Chart of percentages (p chart)" in page
    form = as_member.get(reverse("measurement:measure_create", kwargs={"slug": slug})).content.decode()
    assert ">Chart over time (XmR chart)</option>" in form
    assert "XmR (individuals) chart" not in form
