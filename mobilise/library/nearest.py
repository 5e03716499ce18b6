"""Shared items' embeddings held in memory between requests, for similar work by meaning.

Reading every shared item's vector from the database on each request costs more than comparing
them, so each process keeps one matrix of them and reloads it when its stamp changes: how many
items are shared and when the last one was, the newest embedding and the latest embedding pass.
The matrix only chooses candidates; `search.similar_by_meaning` then re-reads the chosen rows with
the visibility rule in SQL, so a matrix a moment out of date can miss an item but never show one
that is not shared.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
from django.db import connection

from .embeddings import DIMENSIONS, from_bytes


@dataclass(frozen=True)
class SharedVectors:
    stamp: tuple[Any, ...]
    ids: npt.NDArray[np.int64]
    programmes: npt.NDArray[np.int64]
    matrix: npt.NDArray[np.float32]


_held: dict[str, SharedVectors] = {}
_lock = threading.Lock()


def _stamp(cursor: Any) -> tuple[Any, ...]:
    cursor.execute("SELECT count(*), max(shared_at) FROM library_searchentry WHERE shared = %s", [True])
    shared = tuple(cursor.fetchone())
    cursor.execute("SELECT max(entry_id) FROM library_embedding")
    newest = cursor.fetchone()[0]
    cursor.execute("SELECT id, status, done FROM library_embeddingrun ORDER BY id DESC LIMIT 1")
    run = cursor.fetchone()
    return (connection.settings_dict.get("NAME"), *shared, newest, tuple(run) if run else None)


def shared_vectors() -> SharedVectors:
    with connection.cursor() as cursor:
        stamp = _stamp(cursor)
        held = _held.get(connection.alias)
        if held is not None and held.stamp == stamp:
            return held
        cursor.execute(
            "SELECT v.entry_id, e.programme_id, v.vector FROM library_searchentry e "
            "JOIN library_embedding v ON v.entry_id = e.id WHERE e.shared = %s",
            [True],
        )
        rows = cursor.fetchall()
    held = SharedVectors(
        stamp=stamp,
        ids=np.fromiter((row[0] for row in rows), dtype=np.int64, count=len(rows)),
        programmes=np.fromiter((row[1] for row in rows), dtype=np.int64, count=len(rows)),
        matrix=from_bytes([row[2] for row in rows]) if rows else np.zeros((0, DIMENSIONS), np.float32),
    )
    with _lock:
        _held[connection.alias] = held
    return held
