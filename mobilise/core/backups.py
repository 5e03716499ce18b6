"""Backing up and restoring the database, for the embedded SQLite default and for PostgreSQL.

SQLite is copied with its online backup API, so the site can stay up while it runs, and the copy
is checked (`PRAGMA integrity_check`) before it is called a backup. PostgreSQL is dumped with
`pg_dump --format=custom` (restored with `pg_restore`); in production, point-in-time recovery
from the managed service's write-ahead log is the main line of defence (docs/deployment.md), and
these dumps are for moving a site or keeping a copy off the service.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import connection


class BackupError(Exception):
    """What went wrong, in words an operator can act on."""


@dataclass(frozen=True)
class Summary:
    path: Path
    tables: int
    rows: int
    size_bytes: int


def row_counts() -> dict[str, int]:
    """Rows in every table of the live database (what a restore drill compares)."""
    counts: dict[str, int] = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = int(cursor.fetchone()[0])
    return counts


def _sqlite_check(database: sqlite3.Connection, what: str) -> None:
    result = database.execute("PRAGMA integrity_check").fetchone()
    if not result or result[0] != "ok":
        raise BackupError(f"{what} failed its integrity check: {result[0] if result else 'no answer'}")


def _pg_environment() -> tuple[dict[str, str], list[str]]:
    settings: dict[str, Any] = connection.settings_dict
    env = {**os.environ}
    if settings.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings["PASSWORD"])
    args = []
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if settings.get(key):
            args += [flag, str(settings[key])]
    return env, args


def _run(command: list[str], env: dict[str, str]) -> None:
    if shutil.which(command[0]) is None:
        raise BackupError(f"{command[0]} is not installed (it comes with the PostgreSQL client tools)")
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()[:500]}")


def backup(path: Path) -> Summary:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    counts = row_counts()
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        partial = path.with_name(path.name + ".partial")
        partial.unlink(missing_ok=True)
        target = sqlite3.connect(partial)
        try:
            connection.connection.backup(target)
            _sqlite_check(target, "The backup")
        finally:
            target.close()
        partial.replace(path)
    elif connection.vendor == "postgresql":
        env, args = _pg_environment()
        name = str(connection.settings_dict["NAME"])
        _run(["pg_dump", *args, "--format=custom", "--no-owner", "--file", str(path), name], env)
    else:
        raise BackupError(f"Backups of {connection.vendor} databases are not supported")
    return Summary(path, len(counts), sum(counts.values()), path.stat().st_size)


def restore(path: Path) -> Summary:
    """Replaces the live database's contents with the backup's."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"There is no backup at {path}")
    if connection.vendor == "sqlite":
        try:
            source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            _sqlite_check(source, "The backup file")
        except sqlite3.DatabaseError as error:
            raise BackupError(f"{path} is not a SQLite backup: {error}") from error
        connection.ensure_connection()
        try:
            source.backup(connection.connection)
        finally:
            source.close()
    elif connection.vendor == "postgresql":
        env, args = _pg_environment()
        name = str(connection.settings_dict["NAME"])
        connection.close()  # pg_restore drops and recreates tables; hold no locks meanwhile
        command = ["pg_restore", *args, "--clean", "--if-exists", "--no-owner", "--single-transaction"]
        _run([*command, "--dbname", name, str(path)], env)
    else:
        raise BackupError(f"Restoring {connection.vendor} databases is not supported")
    counts = row_counts()
    return Summary(path, len(counts), sum(counts.values()), path.stat().st_size)
