"""Seed a large programme (40 sites, 300 change ideas, 20,000 tests of change) for the learning wall bench."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mobilise.pdsa.bench_seed import seed_bench
from mobilise.programmes.models import Programme


class Command(BaseCommand):
    help = "Seed a programme with many sites, change ideas and tests of change, for benchmarks."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--sites", type=int, default=40)
        parser.add_argument("--ideas", type=int, default=300)
        parser.add_argument("--tests", type=int, default=20_000)
        parser.add_argument("--slug", default="bench-learning-wall")

    def handle(self, *args: Any, **options: Any) -> None:
        if Programme.objects.filter(slug=options["slug"]).exists():
            raise CommandError(
                f"A programme called {options['slug']!r} already exists. Choose another --slug."
            )
        if min(options["sites"], options["ideas"], options["tests"]) < 1:
            raise CommandError("--sites, --ideas and --tests must each be 1 or more.")
        started = time.perf_counter()
        seeded = seed_bench(
            sites=options["sites"], ideas=options["ideas"], tests=options["tests"], slug=options["slug"]
        )
        self.stdout.write(
            f"Seeded “{seeded.programme.name}” (/p/{seeded.programme.slug}/tests/): {seeded.sites} sites, "
            f"{seeded.ideas} change ideas, {seeded.tests:,} tests of change in "
            f"{time.perf_counter() - started:.1f} s. Sign in as {seeded.user.email} (no password set)."
        )
