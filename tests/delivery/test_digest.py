"""The weekly digest: one email per person across programmes, only with news, and people can say no."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from mobilise.delivery.models import ComponentLeads, PartnerLead
from mobilise.delivery.tasks import send_weekly_digest
from mobilise.programmes.models import Membership
from mobilise.programmes.roles import Role

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
