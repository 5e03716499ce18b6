"""The restore drill: back up, lose data, restore, and every table has its rows again."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from mobilise.core.backups import row_counts
from mobilise.programmes.models import Programme
from tests.factories import MembershipFactory, ProgrammeFactory, UserFactory


@pytest.fixture
def alliance(transactional_db: Any) -> Programme:
    programme = ProgrammeFactory(name="Frailty alliance")
    for n in range(5):
        MembershipFactory(programme=programme, user=UserFactory(email=f"drill{n}@example.nhs.uk"))
    return programme


def test_the_restore_drill_brings_every_row_back(alliance: Programme, tmp_path: Path) -> None:
    before = row_counts()
    assert before["programmes_programme"] >= 1
    backup_file = tmp_path / "mobilise.backup"
    call_command("backup", str(backup_file))
    assert backup_file.stat().st_size > 0

    Programme.objects.filter(pk=alliance.pk).delete()  # the mistake a restore undoes
    assert row_counts() != before

    call_command("restore", str(backup_file), "--yes")
    assert row_counts() == before
    assert Programme.objects.get(pk=alliance.pk).memberships.count() == 5


def test_a_restore_must_be_confirmed(alliance: Programme, tmp_path: Path) -> None:
    backup_file = tmp_path / "mobilise.backup"
    call_command("backup", str(backup_file))
    with pytest.raises(CommandError, match="--yes"):
        call_command("restore", str(backup_file))


def test_a_file_that_is_not_a_backup_is_refused_and_nothing_changes(
    alliance: Programme, tmp_path: Path
) -> None:
    before = row_counts()
    not_a_backup = tmp_path / "notes.backup"
    not_a_backup.write_bytes(b"these are my meeting notes, not a database" * 100)
    with pytest.raises(CommandError):
        call_command("restore", str(not_a_backup), "--yes")
    with pytest.raises(CommandError, match="no backup"):
        call_command("restore", str(tmp_path / "missing.backup"), "--yes")
    assert row_counts() == before
