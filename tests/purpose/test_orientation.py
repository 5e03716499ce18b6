"""The orientation page: the purpose, the stage, who leads what, open tensions, recent decisions
and where to start, on one page that prints as a handover."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mobilise.workspace.models import AlignmentEntry, Note, NoteKind
from tests.factories import MembershipFactory, OrganisationFactory

from .factories import write_purpose


def test_a_newcomer_sees_purpose_stage_leaders_tensions_and_decisions(cast: Any) -> None:
    write_purpose(cast.programme, cast.convenor, statement="Adults with complex needs stay well at home.")
    AlignmentEntry.objects.create(
        programme=cast.programme,
        first="purpose",
        second="measurement",
        relationship="tension",
        description="Targets pull against what people say matters.",
    )
    Note.objects.create(
        programme=cast.programme, component="purpose", kind=NoteKind.DECISION, title="Start in two wards"
    )
    page = cast.client_for("viewer").get(reverse("purpose:orientation", kwargs={"slug": cast.programme.slug}))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Adults with complex needs stay well at home." in text
    assert "We are framing the issue" in text
    assert "Test Convenor" in text and ": convenor" in text and "Test Facilitator" in text
    assert "Targets pull against what people say matters." in text
    assert "Start in two wards" in text
    assert "Read the shared purpose" in text


def test_the_orientation_page_takes_the_same_queries_however_many_people(cast: Any) -> None:
    url = reverse("purpose:orientation", kwargs={"slug": cast.programme.slug})
    client = cast.client_for("member")

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            client.get(url)
        return len(ctx.captured_queries)

    client.get(url)
    few = count()
    org = OrganisationFactory()
    for _ in range(30):
        MembershipFactory(programme=cast.programme, organisation=org, role="facilitator")
    assert count() == few
