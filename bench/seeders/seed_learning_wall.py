"""Seed a large programme (40 sites, 300 change ideas, 20,000 tests of change) for the learning wall.

python -m bench.seeders.seed_learning_wall [--sites 40] [--ideas 300] [--tests 20000] [--slug …]
"""

from __future__ import annotations

import argparse
import os
import time

import django


def main(argv: list[str] | None = None) -> int:
    """Seed the dev database (or DJANGO_SETTINGS_MODULE's) from the command line."""
    parser = argparse.ArgumentParser(
        description="Seed a programme with many tests of change, for benchmarks."
    )
    parser.add_argument("--sites", type=int, default=40)
    parser.add_argument("--ideas", type=int, default=300)
    parser.add_argument("--tests", type=int, default=20_000)
    parser.add_argument("--slug", default="bench-learning-wall")
    args = parser.parse_args(argv)
    if min(args.sites, args.ideas, args.tests) < 1:
        parser.error("--sites, --ideas and --tests must each be 1 or more")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mobilise.settings.dev")
    django.setup()
    from bench.seeders.learning_wall import seed_bench
    from mobilise.programmes.models import Programme

    if Programme.objects.filter(slug=args.slug).exists():
        parser.error(f"a programme called {args.slug!r} already exists: choose another --slug")
    started = time.perf_counter()
    seeded = seed_bench(sites=args.sites, ideas=args.ideas, tests=args.tests, slug=args.slug)
    print(
        f"Seeded “{seeded.programme.name}” (/p/{seeded.programme.slug}/tests/): {seeded.sites} sites, "
        f"{seeded.ideas} change ideas, {seeded.tests:,} tests of change in "
        f"{time.perf_counter() - started:.1f} s. Sign in as {seeded.user.email} (no password set)."
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
