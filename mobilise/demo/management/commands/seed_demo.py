"""`manage.py seed_demo [--reset]`: load three fictional programmes to explore Mobilise with."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand

from mobilise.demo.seed import seed_demo
from mobilise.demo.spec import DEMO_DOMAIN


class Command(BaseCommand):
    help = "Load the demo programmes, people and notes. Safe to run again: it changes nothing."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Delete the demo programmes, people and organisations, then load them afresh.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        result = seed_demo(reset=options["reset"])
        if result.created:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Demo data loaded: {result.programmes} programmes, {result.people} people, "
                    f"{result.notes} notes."
                )
            )
        else:
            self.stdout.write(
                "Demo data already loaded. Nothing changed "
                "(run with --reset to start the demo again from scratch)."
            )
        self.stdout.write(f"Sign in as {result.convenor_email} with the password {result.password}")
        self.stdout.write(f"Every demo person uses the same password; their addresses end @{DEMO_DOMAIN}.")
