"""Permission-matrix entries for board papers: the live draft, the covering note, publishing, versions."""

from __future__ import annotations

from typing import Any

from mobilise.boardpaper import services


def _slug(cast: Any) -> dict[str, Any]:
    return {"slug": cast.programme.slug}


def _paper(cast: Any) -> dict[str, Any]:
    paper = services.publish(programme=cast.programme, user=cast.convenor)
    return {"slug": cast.programme.slug, "number": paper.number}


def _table(cast: Any) -> dict[str, Any]:
    return {**_paper(cast), "table": "components"}


ROUTES: dict[str, dict[str, Any]] = {
    "boardpaper:list": {"kwargs": _slug, "methods": ["GET"], "perm": "view"},
    "boardpaper:draft": {"kwargs": _slug, "methods": ["GET"], "perm": "view"},
    "boardpaper:draft_edit": {
        "kwargs": _slug,
        "methods": ["GET", "POST"],
        "perm": "edit",
        "post_data": lambda cast: {"narrative": "We have started.", "asks": "Note progress", "version": "1"},
    },
    "boardpaper:publish": {"kwargs": _slug, "methods": ["GET", "POST"], "perm": "manage"},
    "boardpaper:paper": {"kwargs": _paper, "methods": ["GET"], "perm": "view"},
    "boardpaper:paper_pdf": {"kwargs": _paper, "methods": ["GET"], "perm": "view"},
    "boardpaper:paper_csv": {"kwargs": _table, "methods": ["GET"], "perm": "view"},
}
