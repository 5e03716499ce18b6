"""What the page benchmarks share: a database to seed and the process's CPU time.

    from bench.harness import configure, cpu_seconds, prepare_database, time_process

`configure()` gives the run its own throwaway SQLite file (and media folder) unless
DATABASE_URL names another database, then starts Django with the test settings, whatever
DJANGO_SETTINGS_MODULE the shell or `make` exported (the dev settings would queue tasks for a
worker the bench does not run); it returns whether the SQLite file is the run's own.
`prepare_database(own_sqlite)` migrates that SQLite file, or creates the test copy of the server's
database and drops it when the process exits, however the run ends.
`time_process(argv)` times a console command as a whole process (the figures that count for one).
`cpu_seconds()` is this process's CPU time: the test
client serves pages in-process, so on SQLite it is the server's work too.
"""

from __future__ import annotations

import atexit
import os
import resource
import subprocess
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def configure() -> bool:
    given = os.environ.get("DATABASE_URL", "")
    own_sqlite = not given or given.startswith("sqlite")
    folder = tempfile.mkdtemp(prefix="mobilise-bench-")
    if own_sqlite:
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    os.environ["DJANGO_SETTINGS_MODULE"] = "mobilise.settings.test"
    os.environ["MEDIA_ROOT"] = folder
    import django

    django.setup()
    return own_sqlite


def prepare_database(own_sqlite: bool) -> None:
    """The run's own SQLite file migrated, or a test copy of the server's database, dropped at exit
    (an error part-way through a run leaves no copy behind)."""
    from django.core.management import call_command
    from django.test.utils import setup_databases, teardown_databases

    if own_sqlite:
        call_command("migrate", verbosity=0)
        return
    old_config = setup_databases(verbosity=0, interactive=False)
    atexit.register(teardown_databases, old_config, verbosity=0)


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def time_process(argv: list[str], repeats: int = 3) -> tuple[float, float]:
    """Best wall-clock time of the whole process ``argv``, from start to exit, and best CPU
    time (user + system, every thread; the steadier figure on a machine other work is sharing).
    The checkout is on the child's path; its standard output is thrown away."""
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    best, best_cpu = float("inf"), float("inf")
    for _ in range(repeats):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        done = subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
        best = min(best, time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        best_cpu = min(best_cpu, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))
        if done.returncode != 0:
            raise SystemExit(f"{' '.join(argv)} failed: {done.stderr.decode()}")
    return best, best_cpu
