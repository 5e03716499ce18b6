"""What the page benchmarks share: a database to seed and the process's CPU time.

    from bench.harness import configure, cpu_seconds

`configure()` gives the run its own throwaway SQLite file (and media folder) unless
DATABASE_URL names another database, then starts Django with the test settings, whatever
DJANGO_SETTINGS_MODULE the shell or `make` exported (the dev settings would queue tasks for a
worker the bench does not run); it returns whether the SQLite file is the run's own.
`cpu_seconds()` is this process's CPU time: the test
client serves pages in-process, so on SQLite it is the server's work too.
"""

from __future__ import annotations

import os
import resource
import tempfile


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


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime
