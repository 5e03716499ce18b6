"""The demo content is consistent: it only names people, components and words that exist."""

from __future__ import annotations

import pytest

from mobilise.demo.content import PROGRAMMES
from mobilise.demo.content.people import BY_KEY, CONVENOR
from mobilise.demo.spec import ProgrammeSpec
from mobilise.programmes.roles import Role
from mobilise.workspace.components import KEYS
from mobilise.workspace.vocabulary import DEFAULTS


@pytest.mark.parametrize("spec", PROGRAMMES, ids=lambda s: s.slug)
def test_programme_content_refers_only_to_things_that_exist(spec: ProgrammeSpec) -> None:
    org_keys = {o.key for o in spec.orgs}
    roles = {m.person: m.role for m in spec.members} | {CONVENOR: Role.CONVENOR}
    editors = {person for person, role in roles.items() if role != Role.VIEWER}

    assert 4 <= len(spec.orgs) <= 8
    assert spec.convenor_org in org_keys
    assert all(m.person in BY_KEY and (m.org is None or m.org in org_keys) for m in spec.members)
    assert {n.author for n in spec.notes} <= editors
    assert {a.author for a in spec.alignments} <= editors
    assert {r.author for r in spec.purpose} <= editors
    assert {c.author for changes in spec.statuses.values() for c in changes} <= editors
    assert {n.component for n in spec.notes} | set(spec.statuses) <= set(KEYS)
    assert all(a.first in KEYS and a.second in KEYS and a.first != a.second for a in spec.alignments)
    assert all(set(a.terms) <= set(DEFAULTS) for a in spec.audiences)
    assert all(len(n.title) <= 200 for n in spec.notes)


def test_organisation_codes_are_fictional_and_unique() -> None:
    codes = [o.ods_code for spec in PROGRAMMES for o in spec.orgs if o.ods_code]
    assert len(codes) == len(set(codes))
    assert all(code.startswith("DEMO") for code in codes)
