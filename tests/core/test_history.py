"""History entries name who changed what and why, through one helper."""

from __future__ import annotations

import ast
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mobilise.core.history import HISTORY_ATTRIBUTES, delete_as, save_as
from mobilise.programmes.models import Membership, Programme

from ..factories import MembershipFactory, ProgrammeFactory, UserFactory

ROOT = Path(__file__).resolve().parents[2]
HELPER = ROOT / "mobilise" / "core" / "history.py"


def _history_writes(path: Path) -> list[str]:
    """Every place in `path` that sets one of simple-history's private attributes."""
    found = []
    where = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, ast.AnnAssign | ast.AugAssign):
            targets = [node.target]
        elif isinstance(node, ast.Call) and getattr(node.func, "id", None) in {"setattr", "delattr"}:
            name = node.args[1] if len(node.args) > 1 else None
            if isinstance(name, ast.Constant) and name.value in HISTORY_ATTRIBUTES:
                found.append(f"{where}:{node.lineno}")
        for target in targets:
            for part in ast.walk(target):
                if isinstance(part, ast.Attribute) and part.attr in HISTORY_ATTRIBUTES:
                    found.append(f"{where}:{node.lineno}")
    return found


def test_only_the_history_helper_sets_private_history_attributes() -> None:
    sources = [*ROOT.glob("mobilise/**/*.py"), *ROOT.glob("bench/**/*.py"), *ROOT.glob("tests/**/*.py")]
    offenders = [where for path in sources if path != HELPER for where in _history_writes(path)]
    assert offenders == [], "use mobilise.core.history.save_as instead: " + ", ".join(offenders)


def test_the_lint_catches_each_way_of_setting_them(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "def f(obj, user):\n"
        "    obj._history_user = user\n"
        "    obj.child._change_reason: str = 'x'\n"
        "    setattr(obj, '_history_date', None)\n"
    )
    assert len(_history_writes(sample)) == 3


@pytest.mark.django_db
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(reasons=st.lists(st.text(max_size=60), min_size=1, max_size=4))
def test_each_save_records_its_own_author_and_reason(reasons: list[str]) -> None:
    programme = ProgrammeFactory()
    people = [UserFactory() for _ in reasons]
    for person, reason in zip(people, reasons, strict=True):
        programme.name = f"Renamed by {person.pk}"
        save_as(programme, by=person, reason=reason)
    newest_first = list(programme.history.all()[: len(reasons)])
    recorded = [(e.history_user_id, e.history_change_reason or "") for e in reversed(newest_first)]
    assert recorded == [(person.pk, reason) for person, reason in zip(people, reasons, strict=True)]


@pytest.mark.django_db
def test_a_back_dated_save_does_not_back_date_the_next_one() -> None:
    programme, person = ProgrammeFactory(), UserFactory()
    months_ago = timezone.now() - timedelta(days=90)
    save_as(programme, by=person, reason="Seeded", when=months_ago)
    save_as(programme, by=person)
    seeded, latest = programme.history.order_by("history_id")[1:3]
    assert (seeded.history_date, seeded.history_change_reason) == (months_ago, "Seeded")
    assert latest.history_date > months_ago + timedelta(days=89)
    assert latest.history_change_reason is None


@pytest.mark.django_db
def test_deleting_records_who_deleted() -> None:
    membership = MembershipFactory()
    remover = UserFactory()
    pk = membership.pk
    delete_as(membership, by=remover)
    assert not Membership.objects.filter(pk=pk).exists()
    last: Any = Membership.history.filter(id=pk).first()
    assert (last.history_type, last.history_user_id) == ("-", remover.pk)
    assert Programme.objects.filter(pk=membership.programme_id).exists()
