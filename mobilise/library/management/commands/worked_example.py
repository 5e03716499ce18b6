"""Mark a programme as a worked example every signed-in person may read, or unmark it."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mobilise.library.examples import example_mark
from mobilise.programmes.models import Programme


class Command(BaseCommand):
    help = "Mark (or with --remove, unmark) programmes, by slug, as read-only worked examples."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slugs", nargs="+")
        parser.add_argument("--remove", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        for slug in options["slugs"]:
            programme = Programme.objects.filter(slug=slug).first()
            if programme is None:
                raise CommandError(f"No programme with the address {slug}")
            example_mark(programme=programme, example=not options["remove"])
            state = "no longer a worked example" if options["remove"] else "now a worked example"
            self.stdout.write(f"{programme.name} is {state}.")
