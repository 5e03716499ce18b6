"""The weekly digest: one email per person across programmes, only with news, and people can say no."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mobilise.delivery.digest import NOTES_NAMED
from mobilise.delivery.models import ComponentLeads, PartnerLead
from mobilise.delivery.tasks import send_weekly_digest
from mobilise.programmes.models import Membership
from mobilise.programmes.roles import Role
from tests.factories import ProgrammeFactory

from .factories import ActionFactory, AgreementFactory, partner_of

pytestmark = pytest.mark.django_db


def _mail_for(email: str) -> list[Any]:
    return [m for m in mail.outbox if m.to == [email]]


def test_one_email_per_person_however_many_programmes(cast: Any) -> None:
    today = timezone.localdate()
    Membership.objects.create(programme=cast.other_programme, user=cast.member, role=Role.MEMBER)
    ActionFactory(programme=cast.programme, owner=cast.member, title="Book the room", due_on=today)
    ActionFactory(programme=cast.other_programme, owner=cast.member, title="Call the council", due_on=today)
    ActionFactory(
        programme=cast.programme, owner=cast.member, title="Next month", due_on=today + dt.timedelta(days=40)
    )
    organisation = partner_of(cast.programme)
    PartnerLead.objects.create(programme=cast.programme, organisation=organisation, lead=cast.member)
    AgreementFactory(programme=cast.programme, title="Fortnightly huddles")
    leads = ComponentLeads.objects.create(programme=cast.programme, component="delivery")
    leads.leads.set([cast.member])
    send_weekly_digest.enqueue()
    mine = _mail_for(cast.member.email)
    assert len(mine) == 1
    body = mine[0].body
    assert "Book the room" in body and "Call the council" in body and "Next month" not in body
    assert "Fortnightly huddles" in body and organisation.name in body
    assert "Rigorous delivery" in body
    assert not _mail_for(cast.viewer.email)  # nothing to say: no email


def test_someone_who_says_no_gets_nothing(cast: Any) -> None:
    ActionFactory(programme=cast.programme, owner=cast.member, due_on=timezone.localdate())
    client = cast.client_for("member")
    assert client.post(reverse("delivery:digest"), {"weekly": "no", "version": "0"}).status_code == 302
    send_weekly_digest.enqueue()
    assert not _mail_for(cast.member.email)


def test_new_notes_on_my_components_are_in_the_digest(cast: Any) -> None:
    from mobilise.workspace.models import Note

    leads = ComponentLeads.objects.create(programme=cast.programme, component="delivery")
    leads.leads.set([cast.member])
    Note.objects.create(programme=cast.programme, component="delivery", title="Huddle moved to Tuesdays")
    Note.objects.create(programme=cast.programme, component="purpose", title="Not my component")
    binned = Note.objects.create(programme=cast.programme, component="delivery", title="Binned note")
    Note.all_objects.filter(pk=binned.pk).update(deleted_at=timezone.now())
    send_weekly_digest.enqueue()
    (email,) = _mail_for(cast.member.email)
    assert "1 new note: “Huddle moved to Tuesdays”" in email.body
    assert "Not my component" not in email.body and "Binned note" not in email.body


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.tuples(
            st.integers(0, 2), st.integers(0, 3), st.sampled_from(["delivery", "purpose", "engagement"])
        ),
        min_size=1,
        max_size=8,
    )
)
def test_one_email_per_person_whatever_they_lead_and_wherever(
    cast: Any, roles: list[tuple[int, int, str]]
) -> None:
    """Generated memberships: person i leads component c in programme p and a note lands there."""
    from mobilise.workspace.models import Note

    mail.outbox.clear()
    ComponentLeads.objects.all().delete()
    Note.all_objects.all().delete()
    programmes = [cast.programme, cast.other_programme, ProgrammeFactory(name="Third alliance")]
    people = [cast.member, cast.viewer, cast.facilitator, cast.outsider]
    expected: dict[str, dict[tuple[int, str], set[str]]] = {}
    for p, i, component in roles:
        programme, person = programmes[p], people[i]
        Membership.objects.get_or_create(programme=programme, user=person, defaults={"role": Role.MEMBER})
        row, _ = ComponentLeads.objects.get_or_create(programme=programme, component=component)
        row.leads.add(person)
        Note.objects.get_or_create(
            programme=programme, component=component, title=f"Note {p}-{i}-{component}"
        )
        expected.setdefault(person.email, {})
    for p, i, component in roles:  # everyone leading a component hears of every note on it
        notes = {f"Note {q}-{j}-{c}" for q, j, c in roles if (q, c) == (p, component)}
        expected[people[i].email][(p, component)] = notes
    send_weekly_digest.enqueue()
    assert sorted(m.to[0] for m in mail.outbox) == sorted(expected)  # one each, nobody else
    for message in mail.outbox:
        for titles in expected[message.to[0]].values():
            assert f"{len(titles)} new note" in message.body
            if len(titles) <= NOTES_NAMED:
                assert all(title in message.body for title in titles)
