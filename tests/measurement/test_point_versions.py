"""Correcting a value: a second save started from an older version is refused (409), its numbers kept."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mobilise.measurement.models import DataPoint

from .factories import DataPointFactory, MeasureFactory
from .test_measures import _url

NUMBERS = st.integers(min_value=0, max_value=10**6)


@pytest.mark.django_db
@settings(
    max_examples=15,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(first=NUMBERS, second=NUMBERS)
def test_a_second_concurrent_correction_is_refused_and_kept_for_a_deliberate_resave(cast, first, second):
    measure = MeasureFactory(programme=cast.programme, name=f"Falls {first}-{second}")
    point = DataPointFactory(measure=measure, value=5.0)
    edit = _url(cast, "point_edit", measure, point_pk=point.pk)
    alice, bob = cast.client_for("member"), cast.client_for("facilitator")
    assert f'name="version" value="{point.version}"' in alice.get(edit).content.decode()
    seen = str(point.version)  # both opened the form before either saved

    assert alice.post(edit, {"value": str(first), "version": seen}).status_code == 302
    response = bob.post(edit, {"value": str(second), "reason": "Ward 4 late returns", "version": seen})
    page = response.content.decode()
    assert response.status_code == 409
    assert "Someone else changed this value while you were editing" in page
    assert f'value="{second}"' in page and "Ward 4 late returns" in page  # Bob's numbers kept
    point.refresh_from_db()
    assert point.value == first  # Alice's save stands

    resave = {"value": str(second), "reason": "Ward 4 late returns", "version": str(point.version)}
    assert bob.post(edit, resave).status_code == 302  # a deliberate second save goes through
    point.refresh_from_db()
    assert point.value == second
    assert DataPoint.history.filter(id=point.pk).count() == 1 + (first != 5) + (second != first)
