"""`manage.py restore FILE --yes`: replace the database's contents with a backup's."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mobilise.core.backups import BackupError, restore


class Command(BaseCommand):
    help = "Replace everything in the database with the backup in FILE. Stop the site first."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--yes", action="store_true", help="Confirm that the database's contents will be replaced."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["yes"]:
            raise CommandError(
                "This replaces everything in the database with the backup. Stop the web server "
                "and worker, then run it again with --yes."
            )
        try:
            summary = restore(options["file"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Restored {summary.rows:,} rows in {summary.tables} tables from {summary.path}")
