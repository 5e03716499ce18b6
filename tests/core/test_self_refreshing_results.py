"""Results pages refresh themselves while answers can still arrive, only while the tab is in view.

Polling is an enhancement: the page carries the figures as they stand, and the htmx attributes
are left off once the survey or the session's feedback has closed, so asking stops by itself.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

from django.urls import reverse
from django.utils import timezone

from tests.engagement.factories import SurveyFactory
from tests.workshops.factories import SessionFactory

# mobilise/static/mobilise/app.js sends `live:refresh` to every `data-live` block every 30 s while
# the tab is in view (a trigger filter would need eval, which the Content-Security-Policy forbids).
LIVE = 'data-live hx-trigger="live:refresh"'


def _block(page: str, element_id: str) -> str:
    match = re.search(rf'<div id="{element_id}"[^>]*>', page)
    assert match, f"no #{element_id} on the page"
    return match.group(0)


def test_an_open_surveys_rate_refreshes_every_30_seconds_in_view(cast: Any, as_convenor: Any) -> None:
    survey = SurveyFactory(programme=cast.programme)
    url = reverse("engagement:survey_detail", kwargs={"slug": cast.programme.slug, "pk": survey.pk})
    block = _block(as_convenor.get(url).content.decode(), "response-rate")
    rate = reverse("engagement:survey_rate", kwargs={"slug": cast.programme.slug, "pk": survey.pk})
    assert f'hx-get="{rate}"' in block
    assert LIVE in block


def test_a_closed_surveys_response_rate_stops_asking(cast: Any, as_convenor: Any) -> None:
    today = timezone.localdate()
    survey = SurveyFactory(
        programme=cast.programme, opens_on=today - timedelta(days=20), closes_on=today - timedelta(days=1)
    )
    kwargs = {"slug": cast.programme.slug, "pk": survey.pk}
    for name in ("survey_detail", "survey_rate"):
        page = as_convenor.get(reverse(f"engagement:{name}", kwargs=kwargs)).content.decode()
        block = _block(page, "response-rate")
        assert "hx-get" not in block and "hx-trigger" not in block


def test_workshop_feedback_refreshes_while_open_and_stops_once_closed(cast: Any, as_convenor: Any) -> None:
    session = SessionFactory(programme=cast.programme, feedback_open=True)
    url = reverse("workshops:session", kwargs={"slug": cast.programme.slug, "pk": session.pk})
    block = _block(as_convenor.get(url).content.decode(), "session-feedback")
    assert f'hx-get="{url}"' in block and 'hx-select="#session-feedback"' in block
    assert LIVE in block
    session.feedback_open = False
    session.save()
    block = _block(as_convenor.get(url).content.decode(), "session-feedback")
    assert "hx-get" not in block
