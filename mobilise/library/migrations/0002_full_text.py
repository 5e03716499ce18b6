"""Full-text search: an FTS5 table kept in step by triggers on SQLite, a GIN index on PostgreSQL."""

from __future__ import annotations

from typing import Any

from django.db import migrations

SQLITE = [
    "CREATE VIRTUAL TABLE library_fts USING fts5(title, body, scope, content='library_searchentry', "
    "content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')",
    "CREATE TRIGGER library_fts_ai AFTER INSERT ON library_searchentry BEGIN "
    "INSERT INTO library_fts(rowid, title, body, scope) VALUES (new.id, new.title, new.body, new.scope); END",
    "CREATE TRIGGER library_fts_ad AFTER DELETE ON library_searchentry BEGIN "
    "INSERT INTO library_fts(library_fts, rowid, title, body, scope) VALUES ('delete', old.id, old.title, old.body, old.scope); END",
    "CREATE TRIGGER library_fts_au AFTER UPDATE OF title, body, scope ON library_searchentry BEGIN "
    "INSERT INTO library_fts(library_fts, rowid, title, body, scope) VALUES ('delete', old.id, old.title, old.body, old.scope); "
    "INSERT INTO library_fts(rowid, title, body, scope) VALUES (new.id, new.title, new.body, new.scope); END",
]
SQLITE_UNDO = [
    "DROP TRIGGER IF EXISTS library_fts_au",
    "DROP TRIGGER IF EXISTS library_fts_ad",
    "DROP TRIGGER IF EXISTS library_fts_ai",
    "DROP TABLE IF EXISTS library_fts",
]
POSTGRES = ["CREATE INDEX library_entry_vector ON library_searchentry USING gin (vector)"]
POSTGRES_UNDO = ["DROP INDEX IF EXISTS library_entry_vector"]


def _run(statements: dict[str, list[str]]) -> Any:
    def run(apps: Any, schema_editor: Any) -> None:
        for sql in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("library", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRES}),
            _run({"sqlite": SQLITE_UNDO, "postgresql": POSTGRES_UNDO}),
        )
    ]
