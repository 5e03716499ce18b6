"""Permission-matrix entries for the theory of change and driver diagram routes."""

from __future__ import annotations

from typing import Any

from mobilise.improvement.models import TheoryItem, TheoryStep
from tests.improvement.factories import SmallDiagram, TheoryItemFactory, small_diagram


def _slug(cast: Any) -> dict[str, Any]:
    return {"slug": cast.programme.slug}


def _tree(cast: Any) -> SmallDiagram:
    return small_diagram(cast.programme)


def _item(cast: Any) -> TheoryItem:
    TheoryItemFactory(programme=cast.programme, step=TheoryStep.PLUS, text="Weekly falls huddles")
    return TheoryItemFactory(programme=cast.programme, step=TheoryStep.PLUS, text="Shared care plans")


def _diagram(cast: Any) -> dict[str, Any]:
    return {**_slug(cast), "pk": _tree(cast).diagram.pk}


def _with(pk: Any) -> Any:
    return lambda cast: {**_slug(cast), "pk": pk(cast).pk}


def _theory_change(cast: Any) -> dict[str, Any]:
    item = _item(cast)
    return {**_slug(cast), "history_id": item.history.first().history_id}


def _version(**extra: Any) -> Any:
    return lambda cast: {"version": 1, **extra}


def _driver(cast: Any, title: str) -> Any:
    return cast.programme.driver_diagrams.first().drivers.get(title=title)


ROUTES: dict[str, dict[str, Any]] = {
    "improvement:overview": {"kwargs": _slug, "methods": ["GET"], "perm": "view"},
    # Theory of change
    "improvement:theory": {"kwargs": _slug, "methods": ["GET"], "perm": "view"},
    "improvement:theory_item_add": {
        "kwargs": _slug,
        "methods": ["GET", "POST"],
        "perm": "edit",
        "post_data": lambda cast: {"step": "plus", "text": "Weekly falls huddles"},
    },
    "improvement:theory_item_edit": {
        "kwargs": _with(_item),
        "methods": ["GET", "POST"],
        "perm": "edit",
        "post_data": _version(step="plus", text="Shared care plans for everyone"),
    },
    "improvement:theory_item_move": {
        "kwargs": _with(_item),
        "methods": ["POST"],
        "perm": "edit",
        "post_data": lambda cast: {"direction": "up"},
    },
    "improvement:theory_item_delete": {
        "kwargs": _with(_item),
        "methods": ["GET", "POST"],
        "perm": "edit",
        "post_data": _version(),
    },
    "improvement:theory_history": {"kwargs": _slug, "methods": ["GET"], "perm": "view"},
    "improvement:theory_revision": {"kwargs": _theory_change, "methods": ["GET"], "perm": "view"},
    # Diagrams
    "improvement:diagram_add": {
        "kwargs": _slug,
        "methods": ["GET", "POST"],
        "perm": "edit",
        "post_data": lambda cast: {"title": "Fewer falls", "aim_what": "Fewer older people fall at home"},
    },
    "improvement:diagram": {"kwargs": _diagram, "methods": ["GET"], "perm": "view"},
    "improvement:diagram_edit": {
        "kwargs": _diagram,
        "methods": ["GET", "POST"],
        "perm": "edit",
        "post_data": _version(title="Fewer falls", aim_what="Half as many falls"),
    },
    "improvement:diagram_delete": {
        "kwargs": _diagram,
        "methods": ["GET", "POST"],
        "perm": "edit",
        "post_data": _version(),
    },
    "improvement:diagram_history": {"kwargs": _diagram, "methods": ["GET"], "perm": "view"},
    "improvement:diagram_csv": {"kwargs": _diagram, "methods": ["GET"], "perm": "view"},
    "improvement:diagram_svg": {"kwargs": _diagram, "methods": ["GET"], "perm": "view"},
    # Drivers
    "improvement:driver_add": {
        "kwargs": _diagram,
        "methods": ["GET", "POST"],
        "perm": "edit",
        "post_data": _version(title="Confident carers"),
    },
    "improvement:driver_rename": {
        "kwargs": _with(lambda c: _tree(c).secondary),
        "methods": ["GET", "POST"],
        "perm": "edit",
        "post_data": _version(title="Exercise classes near home"),
    },
    "improvement:driver_move": {
        "kwargs": _with(lambda c: _tree(c).secondary),
        "methods": ["GET", "POST"],
        "perm": "edit",
        "post_data": lambda cast: {"version": 1, "parent": _driver(cast, "Safer homes").pk},
    },
    "improvement:driver_reorder": {
        "kwargs": _with(lambda c: _tree(c).other_primary),
        "methods": ["POST"],
        "perm": "edit",
        "post_data": _version(direction="up"),
    },
    "improvement:driver_delete": {
        "kwargs": _with(lambda c: _tree(c).primary),
        "methods": ["GET", "POST"],
        "perm": "edit",
        "post_data": _version(ideas="bin"),
    },
    # Change ideas
    "improvement:idea_add": {
        "kwargs": _with(lambda c: _tree(c).secondary),
        "methods": ["GET", "POST"],
        "perm": "edit",
        "post_data": _version(title="Tai chi in the park"),
    },
    "improvement:idea": {"kwargs": _with(lambda c: _tree(c).idea), "methods": ["GET"], "perm": "view"},
    "improvement:idea_edit": {
        "kwargs": _with(lambda c: _tree(c).idea),
        "methods": ["GET", "POST"],
        "perm": "edit",
        "post_data": _version(title="Chair-based exercise at every library"),
    },
    "improvement:idea_link": {
        "kwargs": _with(lambda c: _tree(c).idea),
        "methods": ["GET", "POST"],
        "perm": "edit",
        "post_data": lambda cast: {"version": 1, "driver": _driver(cast, "Medication reviews").pk},
    },
    "improvement:idea_move": {
        "kwargs": _with(lambda c: _tree(c).idea),
        "methods": ["GET", "POST"],
        "perm": "edit",
        "post_data": lambda cast: {
            "version": 1,
            "from_driver": _driver(cast, "Exercise classes").pk,
            "driver": _driver(cast, "Medication reviews").pk,
        },
    },
    "improvement:idea_unlink": {
        "kwargs": _with(lambda c: _tree(c).shared_idea),
        "methods": ["POST"],
        "perm": "edit",
        "post_data": lambda cast: {"version": 1, "driver": _driver(cast, "Exercise classes").pk},
    },
    "improvement:idea_reorder": {
        "kwargs": _with(lambda c: _tree(c).shared_idea),
        "methods": ["POST"],
        "perm": "edit",
        "post_data": lambda cast: {
            "version": 1,
            "driver": _driver(cast, "Exercise classes").pk,
            "direction": "up",
        },
    },
    "improvement:idea_delete": {
        "kwargs": _with(lambda c: _tree(c).idea),
        "methods": ["GET", "POST"],
        "perm": "edit",
        "post_data": _version(),
    },
}
