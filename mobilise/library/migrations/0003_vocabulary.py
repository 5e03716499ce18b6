"""SQLite: a view of the full-text index's words and how many items hold each, to find rare words."""

from __future__ import annotations

from typing import Any

from django.db import migrations


def forwards(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("CREATE VIRTUAL TABLE library_fts_vocab USING fts5vocab(library_fts, 'row')")


def backwards(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS library_fts_vocab")


class Migration(migrations.Migration):
    dependencies = [("library", "0002_full_text")]

    operations = [migrations.RunPython(forwards, backwards)]
