"""`manage.py backup FILE`: a checked copy of the database, taken while the site stays up."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mobilise.core.backups import BackupError, backup


class Command(BaseCommand):
    help = "Back up the database to FILE (SQLite: online copy, integrity-checked; PostgreSQL: pg_dump)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            summary = backup(options["file"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Backed up {summary.rows:,} rows in {summary.tables} tables to {summary.path} "
            f"({summary.size_bytes / 1_000_000:.1f} MB)"
        )
