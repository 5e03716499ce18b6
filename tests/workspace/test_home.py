"""The programme home: the wheel, its text equivalent and the stage of the change cycle."""

from __future__ import annotations

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mobilise.programmes.models import Outcome, Stage
from mobilise.programmes.roles import Role
from mobilise.purpose.models import SharedPurpose
from mobilise.workspace.components import COMPONENTS
from mobilise.workspace.models import Audience, AudienceChoice, NoteKind, Status, Term
from tests.factories import MembershipFactory

from .factories import ComponentStateFactory, NoteFactory


def _home(client, cast) -> str:
    response = client.get(reverse("workspace:home", kwargs={"slug": cast.programme.slug}))
    assert response.status_code == 200
    return response.content.decode()


def _wheel(page: str) -> str:
    return re.search(r'<svg class="mobilise-wheel".*?</svg>', page, re.S).group(0)


def test_the_wheel_has_a_link_for_each_of_the_eight_components(cast, as_member):
    wheel = _wheel(_home(as_member, cast))
    links = re.findall(r'<a href="/p/[^/]+/c/([a-z_]+)/"', wheel)
    assert sorted(links) == sorted(c.key for c in COMPONENTS)
    assert wheel.count("<title") == 9  # the wheel's own title and one per link
    assert 'aria-labelledby="wheel-title wheel-desc"' in wheel


def test_the_wheel_has_a_text_equivalent_table_of_all_eight(cast, as_member):
    page = _home(as_member, cast)
    table = re.search(r"<table.*?</table>", page, re.S).group(0)
    assert "<caption" in table
    for component in COMPONENTS:
        assert component.name in table
    assert table.count('scope="row"') == 8


def test_untouched_components_are_highlighted(cast, as_member):
    NoteFactory(programme=cast.programme, component="leadership")
    ComponentStateFactory(programme=cast.programme, component="delivery", status=Status.EXPLORING)
    page = _home(as_member, cast)
    table = re.search(r"<table.*?</table>", page, re.S).group(0)
    assert table.count("Nobody has looked at this yet") == 6
    leadership_row = re.search(r"<tr[^>]*>(?:(?!</tr>).)*?>Leadership for change</a>.*?</tr>", table, re.S)
    assert "Nobody has looked" not in leadership_row.group(0)
    assert _wheel(page).count("Not touched yet") == 5  # the sixth untouched one is the centre


def test_the_wheel_shows_status_in_words_not_colour_alone(cast, as_member):
    ComponentStateFactory(programme=cast.programme, component="measurement", status=Status.NEEDS_ATTENTION)
    wheel = _wheel(_home(as_member, cast))
    assert "▲ Needs attention" in wheel
    assert "Transparent measurement: needs attention" in wheel


def test_counts_of_notes_decisions_and_evidence_are_listed(cast, as_member):
    NoteFactory(programme=cast.programme, component="spread", kind=NoteKind.DECISION)
    NoteFactory(programme=cast.programme, component="spread", kind=NoteKind.DECISION)
    NoteFactory(programme=cast.programme, component="spread", kind=NoteKind.EVIDENCE)
    page = _home(as_member, cast)
    row = re.search(r"Spread of innovation</a>.*?</tr>", page, re.S).group(0)
    cells = re.findall(r'cell--numeric" role="cell">.*?</span>(\d+)</td>', row)
    assert cells == ["0", "2", "1"]


def test_the_centre_shows_the_start_of_the_shared_purpose(cast, as_member):
    assert "Not written yet:" in _wheel(_home(as_member, cast))
    SharedPurpose.objects.create(
        programme=cast.programme, statement="Fewer crises for adults with complex needs\nand more"
    )
    wheel = _wheel(_home(as_member, cast))
    assert "Fewer crises for" in wheel
    assert "and more" not in wheel


def test_components_are_named_in_the_audience_words(cast, as_member):
    audience = Audience.objects.create(programme=cast.programme, name="Clinicians")
    Term.objects.create(audience=audience, key="measurement", text="Knowing it works")
    AudienceChoice.objects.create(programme=cast.programme, user=cast.member, audience=audience)
    page = _home(as_member, cast)
    assert "Knowing it works" in _wheel(page)
    assert "Transparent measurement" not in page


def test_the_stage_of_the_cycle_and_what_matters_most_are_shown(cast, as_member):
    cast.programme.stage, cast.programme.cycle_round = Stage.CHANGE, 2
    cast.programme.outcome = Outcome.PLATEAU
    cast.programme.save()
    page = _home(as_member, cast)
    assert "Making changes (you are here, round 2)" in page
    assert "Reached a plateau" in page
    assert "At this stage these components usually matter most" in page
    assert "Run many small tests of change" in page
    assert reverse("workspace:stage", kwargs={"slug": cast.programme.slug}) in page


def test_home_queries_do_not_grow_with_notes_or_members(cast, as_member, django_assert_max_num_queries):
    url = reverse("workspace:home", kwargs={"slug": cast.programme.slug})
    with CaptureQueriesContext(connection) as small:
        as_member.get(url)
    for component in COMPONENTS:
        ComponentStateFactory(programme=cast.programme, component=component.key)
    for i, component in enumerate(COMPONENTS * 5):
        NoteFactory(programme=cast.programme, component=component.key, kind=NoteKind.values[i % 3])
    for _ in range(25):
        MembershipFactory(programme=cast.programme, role=Role.MEMBER)
    with django_assert_max_num_queries(len(small)):
        response = as_member.get(url)
    assert response.status_code == 200
    assert "Nobody has looked at this yet" not in response.content.decode()
