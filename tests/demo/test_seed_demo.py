"""The demo data: three believable programmes anyone can sign in to and explore."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from mobilise.accounts.models import Organisation, User
from mobilise.demo.seed import CONVENOR_EMAIL, DEMO_SLUGS, seed_demo
from mobilise.demo.spec import DEMO_PASSWORD
from mobilise.programmes.attention import programme_summaries
from mobilise.programmes.models import Membership, Programme
from mobilise.programmes.roles import EDIT, Role
from mobilise.purpose.models import PURPOSE_FIELDS, SharedPurpose
from mobilise.workspace.models import AlignmentEntry, ComponentState, Note, Relationship, TensionStatus
from mobilise.workspace.vocabulary import vocabulary_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo() -> dict[str, Programme]:
    seed_demo()
    return {p.slug: p for p in Programme.objects.filter(slug__in=DEMO_SLUGS)}


def _row_counts() -> dict[str, int]:
    return {
        "programmes": Programme.objects.count(),
        "people": User.objects.count(),
        "organisations": Organisation.objects.count(),
        "memberships": Membership.objects.count(),
        "notes": Note.all_objects.count(),
        "alignments": AlignmentEntry.all_objects.count(),
        "states": ComponentState.objects.count(),
        "purpose revisions": SharedPurpose.history.count(),
        "programme history": Programme.history.count(),
    }


def test_seeding_creates_three_programmes_each_with_every_role(demo: dict[str, Programme]) -> None:
    assert len(demo) == 3
    for programme in demo.values():
        roles = set(programme.memberships.values_list("role", flat=True))
        assert roles == set(Role.values), programme.slug
        assert 4 <= programme.partners.count() <= 8
        assert len(set(programme.partners.values_list("type", flat=True))) >= 4


def test_one_convenor_account_leads_all_three_programmes(demo: dict[str, Programme]) -> None:
    convenor = User.objects.get(email=CONVENOR_EMAIL)
    assert Membership.objects.filter(user=convenor, role=Role.CONVENOR).count() == 3


def test_a_facilitator_supports_at_least_two_programmes(demo: dict[str, Programme]) -> None:
    per_facilitator = Counter(
        Membership.objects.filter(role=Role.FACILITATOR).values_list("user__email", flat=True)
    )
    assert max(per_facilitator.values()) >= 2


def test_every_purpose_is_written_in_full_and_has_earlier_revisions(demo: dict[str, Programme]) -> None:
    for programme in demo.values():
        purpose = programme.purpose
        assert all(getattr(purpose, name).strip() for name in PURPOSE_FIELDS), programme.slug
        revisions = list(purpose.history.order_by("history_date"))
        assert len(revisions) >= 2
        first, last = revisions[0], revisions[-1]
        assert (first.statement, first.values) != (last.statement, last.values)
        assert all(r.history_change_reason for r in revisions)


def test_a_programme_framing_its_issue_is_not_nudged_about_spread(demo: dict[str, Programme]) -> None:
    convenor = User.objects.get(email=CONVENOR_EMAIL)
    attention = {s.programme.slug: s.attention for s in programme_summaries(convenor)}
    maternity = " ".join(attention["six-borough-maternity-vision"])
    # Spread and improvement methodology are untouched there, but it is still framing its issue.
    assert "Spread of innovation" not in maternity
    nudges = [item for items in attention.values() for item in items if "invitation" not in item]
    assert nudges and all(item.startswith("Would it help") for item in nudges)


def test_statuses_are_a_mix_the_team_chose(demo: dict[str, Programme]) -> None:
    states = ComponentState.objects.filter(programme__slug__in=DEMO_SLUGS)
    statuses = set(states.values_list("status", flat=True))
    assert {"exploring", "in_place", "needs_attention"} <= statuses


def test_an_open_tension_sets_motivation_against_contract_levers(demo: dict[str, Programme]) -> None:
    entries = AlignmentEntry.objects.filter(programme__slug__in=DEMO_SLUGS)
    pairs = [{e.first, e.second} for e in entries if e.is_open_tension]
    assert {"purpose", "system_drivers"} in pairs or {"engagement", "system_drivers"} in pairs
    for programme in demo.values():
        assert 3 <= programme.alignments.count() <= 6
        tensions = programme.alignments.filter(relationship=Relationship.TENSION, status=TensionStatus.OPEN)
        assert tensions.exists()


def test_each_programme_is_at_its_own_stage_and_one_is_on_round_two(demo: dict[str, Programme]) -> None:
    assert len({p.stage for p in demo.values()}) == 3
    assert [p.slug for p in demo.values() if p.cycle_round == 2] == ["hebburn-jarrow-neighbourhood-teams"]


def test_notes_come_from_many_people_over_several_months(demo: dict[str, Programme]) -> None:
    now = timezone.now()
    for programme in demo.values():
        notes = list(programme.notes.select_related("author"))
        assert len({n.kind for n in notes}) == 3
        assert len({n.author_id for n in notes}) >= 4
        assert min(n.created_at for n in notes) < now - timedelta(days=90)
        assert max(n.created_at for n in notes) > now - timedelta(days=31)
        for note in notes:
            assert note.author.has_perm(EDIT, programme), f"{note.author} cannot edit {programme}"
            assert note.history.first().history_user == note.author


def test_clinicians_and_the_board_see_the_workspace_in_their_own_words(demo: dict[str, Programme]) -> None:
    programme = demo["hebburn-jarrow-neighbourhood-teams"]
    gp = User.objects.get(email="farah.siddiqui@demo.mobilise.localhost")
    councillor = User.objects.get(email="maureen.tait@demo.mobilise.localhost")
    # Every new programme starts with these three word sets; the demo rewrites two of them.
    assert sorted(programme.audiences.values_list("name", flat=True)) == ["Board", "Clinicians", "Public"]
    assert vocabulary_for(gp, programme)("test_of_change") == "PDSA cycle"
    assert vocabulary_for(councillor, programme)("purpose") == "Strategic aim"
    convenor = User.objects.get(email=CONVENOR_EMAIL)
    assert vocabulary_for(convenor, programme)("purpose") == "Our shared purpose"


def test_running_it_again_changes_nothing(demo: dict[str, Programme]) -> None:
    before = _row_counts()
    out = StringIO()
    call_command("seed_demo", stdout=out)
    assert "Demo data already loaded" in out.getvalue()
    assert _row_counts() == before


def test_reset_rebuilds_the_demo_and_leaves_other_work_alone(demo: dict[str, Programme], cast: Any) -> None:
    before = _row_counts()
    old_ids = {p.pk for p in demo.values()}
    out = StringIO()
    call_command("seed_demo", "--reset", stdout=out)
    assert "Demo data loaded: 3 programmes" in out.getvalue()
    assert _row_counts() == before
    assert not old_ids & set(Programme.objects.filter(slug__in=DEMO_SLUGS).values_list("pk", flat=True))
    assert Programme.objects.filter(pk=cast.programme.pk).exists()
    assert cast.programme.memberships.count() == 4


def test_the_command_prints_a_summary_and_how_to_sign_in(db: Any) -> None:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    text = out.getvalue()
    assert "Demo data loaded: 3 programmes, 26 people, " in text
    assert CONVENOR_EMAIL in text
    assert DEMO_PASSWORD in text


def test_the_demo_convenor_can_sign_in_and_sees_the_three_programmes(
    demo: dict[str, Programme], client: Any
) -> None:
    response = client.post(reverse("account_login"), {"login": CONVENOR_EMAIL, "password": DEMO_PASSWORD})
    assert response.status_code == 302
    page = client.get(reverse("programmes:list")).content.decode()
    for programme in demo.values():
        assert programme.name in page


def test_demo_people_sign_in_with_the_shared_password(demo: dict[str, Programme], client: Any) -> None:
    facilitator = User.objects.get(email="priya.raman@demo.mobilise.localhost")
    assert client.login(email=facilitator.email, password=DEMO_PASSWORD)
    assert client.get(reverse("programmes:list")).status_code == 200
