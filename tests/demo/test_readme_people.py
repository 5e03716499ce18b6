"""The README's list of demo people matches who the demo actually signs in as, and in what role."""

from __future__ import annotations

import re
from pathlib import Path

from mobilise.demo.content import PROGRAMMES
from mobilise.demo.seed import CONVENOR_EMAIL
from mobilise.demo.spec import DEMO_DOMAIN

README = Path(__file__).resolve().parents[2] / "README.md"
SHORT_NAMES = {
    "maternity": "six-borough-maternity-vision",
    "neighbourhood teams": "hebburn-jarrow-neighbourhood-teams",
    "safer care": "safer-care-early-adopter-practices",
}


def readme_people() -> list[tuple[str, str, str]]:
    rows = re.findall(r"^\| (\w+) \(([^)]+)\) \| [^|]+ \| `([^`]+)` \|$", README.read_text(), flags=re.M)
    return [(role, where, email) for role, where, email in rows]


def test_every_person_listed_signs_in_with_the_role_the_readme_gives() -> None:
    people = readme_people()
    assert {role for role, _, _ in people} == {"convenor", "facilitator", "member", "viewer"}
    roles = {(spec.slug, f"{m.person}@{DEMO_DOMAIN}"): m.role for spec in PROGRAMMES for m in spec.members}
    # The seeder makes the demo's own convenor the one who started every programme.
    roles.update({(spec.slug, CONVENOR_EMAIL): "convenor" for spec in PROGRAMMES})
    for role, where, email in people:
        slugs = [s.slug for s in PROGRAMMES] if where == "all three programmes" else [SHORT_NAMES[where]]
        for slug in slugs:
            assert roles.get((slug, email)) == role, (email, slug)
