"""One naming scheme for access helpers: `get_<thing>_or_404(scope, pk)` in each app's reads.py.

Any function in a reads.py (or mobilise/programmes/access.py) that turns a missing or
out-of-programme object into a 404 is named that way, so a reader can tell at a glance which
calls check scope; and the scoping linter makes the views use them.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from tests.core.scoping_lint import PROJECT_DIR

HELPER_NAME = re.compile(r"^get_[a-z0-9_]+_or_404$")
LOOKUPS = ("get_object_or_404", "get_list_or_404")
MODULES = [
    *sorted((PROJECT_DIR / "mobilise").glob("*/reads.py")),
    PROJECT_DIR / "mobilise/programmes/access.py",
]


def _can_404(function: ast.FunctionDef, *, through_helpers: bool = False) -> bool:
    """Whether it looks an object up or raises Http404 itself (or, if asked, through a helper)."""
    for node in ast.walk(function):
        if isinstance(node, ast.Call):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name in LOOKUPS or (through_helpers and HELPER_NAME.match(name)):
                return True
        if isinstance(node, ast.Raise) and node.exc is not None:
            raised = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
            if getattr(raised, "id", "") == "Http404":
                return True
    return False


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PROJECT_DIR)))
def test_helpers_that_404_are_named_get_thing_or_404(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    functions = [n for n in tree.body if isinstance(n, ast.FunctionDef) and not n.name.startswith("_")]
    misnamed = [f.name for f in functions if _can_404(f) and not HELPER_NAME.match(f.name)]
    assert not misnamed, f"rename to get_<thing>_or_404: {misnamed}"
    silent = [
        f.name for f in functions if HELPER_NAME.match(f.name) and not _can_404(f, through_helpers=True)
    ]
    assert not silent, f"named get_<thing>_or_404 but never gives a 404: {silent}"
    unscoped = [f.name for f in functions if HELPER_NAME.match(f.name) and not f.args.args]
    assert not unscoped, f"an access helper takes the programme (or its parent object) first: {unscoped}"


def test_every_app_with_programme_views_has_a_reads_module() -> None:
    apps_with_views = {
        p.parent.name
        for p in (PROJECT_DIR / "mobilise").glob("*/views*")
        if p.name == "views.py" or p.is_dir()
    }
    # accounts and core have no programme objects; everything else reads through reads.py.
    missing = sorted(
        a
        for a in apps_with_views - {"accounts", "core"}
        if not (PROJECT_DIR / "mobilise" / a / "reads.py").exists()
    )
    assert not missing
