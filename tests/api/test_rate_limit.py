"""The rate limit holds across processes: several application processes, each with its own memory,
share one count per token and minute in the database, on SQLite and on PostgreSQL."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.test import override_settings

from mobilise.api.models import ApiRateWindow

from .helpers import api_client, token_for

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[2]
LIMIT = 12
PROCESSES = 3
EACH = 8  # 24 requests in all against a limit of 12

# One application process: its own interpreter, Django and (empty) local cache, sending requests
# through Django's request handler with the token. Prints the status of each response.
WORKER = """
import json, os, sys
import django
django.setup()
from django.test.utils import setup_test_environment
setup_test_environment()
from django.test import Client
client = Client(headers={"Authorization": "Bearer " + os.environ["TOKEN"]})
codes = []
for _ in range(int(os.environ["EACH"])):
    response = client.get("/api/v1/programmes")
    codes.append([response.status_code, response.get("Retry-After")])
print(json.dumps(codes))
"""


def _database_url(tmp: Path) -> tuple[str, Path | None]:
    """An address other processes can open for the test database (SQLite's is in memory: copied)."""
    settings = connection.settings_dict
    if connection.vendor == "postgresql":
        host, port = settings.get("HOST") or "127.0.0.1", settings.get("PORT") or 5432
        return f"postgres://{settings['USER']}@{host}:{port}/{settings['NAME']}", None
    path = tmp / "shared.sqlite3"
    connection.ensure_connection()
    target = sqlite3.connect(path)
    connection.connection.backup(target)
    target.close()
    return f"sqlite:///{path}", path


def _wait_for_a_fresh_minute() -> None:
    """Keep the run inside one clock minute, so one window holds every request."""
    into = time.time() % 60
    if into > 40:
        time.sleep(61 - into)


def test_the_limit_holds_across_processes(cast: Any) -> None:
    secret = token_for(cast.viewer, [cast.programme])
    with tempfile.TemporaryDirectory() as folder:
        url, sqlite_path = _database_url(Path(folder))
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "mobilise.settings.test",
            "DATABASE_URL": url,
            "API_REQUESTS_PER_MINUTE": str(LIMIT),
            "TOKEN": secret,
            "EACH": str(EACH),
        }
        _wait_for_a_fresh_minute()
        workers = [
            subprocess.Popen(
                [sys.executable, "-c", WORKER], cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True
            )
            for _ in range(PROCESSES)
        ]
        results = [json.loads(w.communicate(timeout=120)[0].strip().splitlines()[-1]) for w in workers]
        if sqlite_path is not None:
            with sqlite3.connect(sqlite_path) as db:
                counted = db.execute("SELECT SUM(count) FROM api_apiratewindow").fetchone()[0]
        else:
            counted = sum(ApiRateWindow.objects.values_list("count", flat=True))
    codes = [code for result in results for code, _ in result]
    assert codes.count(200) == LIMIT, codes
    assert codes.count(429) == PROCESSES * EACH - LIMIT
    assert all(1 <= int(wait) <= 60 for result in results for code, wait in result if code == 429)
    assert counted == PROCESSES * EACH


@override_settings(API_REQUESTS_PER_MINUTE=3)
def test_a_new_minute_starts_a_new_count_and_old_minutes_are_cleared(cast: Any) -> None:
    client = api_client(token_for(cast.viewer, [cast.programme]))
    _wait_for_a_fresh_minute()
    assert [client.get("/api/v1/programmes").status_code for _ in range(4)] == [200, 200, 200, 429]
    ApiRateWindow.objects.update(minute=int(time.time() // 60) - 1)
    assert client.get("/api/v1/programmes").status_code == 200
    assert list(ApiRateWindow.objects.values_list("count", flat=True)) == [1]
