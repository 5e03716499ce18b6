"""The scoping linter: view modules reach programme data only through the access helpers.

A view that writes `Measure.objects.filter(...)` can forget the programme and show another
programme's rows; one that calls `get_measure_or_404(programme, pk)` cannot. So in any view
module (`views.py`, `*_views.py`, or a module in a `views/` package) this fails:

- a manager of a programme-owned model (`objects`, `all_objects`, `history`, ...), and
- `get_object_or_404` / `get_list_or_404` given a programme-owned model.

"Programme-owned" is derived, not listed: Programme and every model with a foreign-key path to
it (the same set the permission matrix snapshots). Names are resolved by importing the module,
so aliases and function-level imports are seen; a manager reached through a name that cannot be
resolved (`model.objects` with `model` chosen at run time) fails too, as the linter cannot tell.

Run it with `python -m tests.core.scoping_lint` (it also runs in the test suite, so `make test`).
"""

from __future__ import annotations

import ast
import importlib
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.db import models
from django.db.models.manager import BaseManager

PROJECT_DIR = Path(__file__).resolve().parent.parent.parent
MANAGERS = ("objects", "all_objects", "_default_manager", "_base_manager", "history")
# On a name the linter cannot resolve, `history` is most often an instance's own history: allowed.
UNRESOLVED_MANAGERS = ("objects", "all_objects", "_default_manager", "_base_manager")
LOOKUP_SHORTCUTS = ("get_object_or_404", "get_list_or_404")

# (file, what it touches) -> why it may. Keep this short: move queries into reads.py instead.
ALLOWED: dict[tuple[str, str], str] = {}


@dataclass(frozen=True)
class Violation:
    path: str
    line: int
    touched: str

    def __str__(self) -> str:
        return (
            f"{self.path}:{self.line}: a view touches {self.touched} directly; "
            "use a get_<thing>_or_404(programme, pk) or listing helper from the app's reads.py"
        )


def programme_owned_models() -> set[type[models.Model]]:
    from tests.core.route_matrix import _programme_scoped_models  # Django must be set up first

    return set(_programme_scoped_models())


def is_view_module(path: Path) -> bool:
    return path.name == "views.py" or path.name.endswith("_views.py") or "views" in path.parent.parts


def view_modules(root: Path) -> Iterator[Path]:
    for path in sorted(root.rglob("*.py")):
        if "__pycache__" not in path.parts and is_view_module(path):
            yield path


_UNRESOLVED = object()


class _Resolver:
    """Turns names and attribute chains in one module into the objects they stand for."""

    def __init__(self, tree: ast.Module, module_name: str, package: str) -> None:
        self.package = package
        try:
            self.names: dict[str, object] = dict(vars(importlib.import_module(module_name)))
        except ImportError:  # source that is not (yet) a module: its import statements still count
            self.names = {}
        for node in ast.walk(tree):  # imports inside functions count too
            if isinstance(node, ast.ImportFrom):
                self._import_from(node)
            elif isinstance(node, ast.Import):
                self._import(node)

    def _import(self, node: ast.Import) -> None:
        for alias in node.names:
            try:
                module = importlib.import_module(alias.name)
            except ImportError:
                continue
            if alias.asname:
                self.names.setdefault(alias.asname, module)
            else:  # `import a.b` binds `a`
                top = alias.name.partition(".")[0]
                self.names.setdefault(top, importlib.import_module(top))

    def _import_from(self, node: ast.ImportFrom) -> None:
        base = importlib.util.resolve_name("." * node.level + (node.module or ""), self.package)
        try:
            module = importlib.import_module(base)
        except ImportError:
            return
        for alias in node.names:
            found = getattr(module, alias.name, _UNRESOLVED)
            if found is _UNRESOLVED:
                try:
                    found = importlib.import_module(f"{base}.{alias.name}")
                except ImportError:
                    continue
            self.names.setdefault(alias.asname or alias.name, found)

    def resolve(self, node: ast.expr) -> object:
        if isinstance(node, ast.Name):
            return self.names.get(node.id, _UNRESOLVED)
        if isinstance(node, ast.Attribute):
            base = self.resolve(node.value)
            return _UNRESOLVED if base is _UNRESOLVED else getattr(base, node.attr, _UNRESOLVED)
        return _UNRESOLVED


def _is_model(found: object) -> bool:
    return isinstance(found, type) and issubclass(found, models.Model)


def lint_file(path: Path, owned: set[type[models.Model]]) -> list[Violation]:
    relative = path.resolve().relative_to(PROJECT_DIR)
    parts = relative.with_suffix("").parts
    if parts[-1] == "__init__":
        module_name = package = ".".join(parts[:-1])
    else:
        module_name, package = ".".join(parts), ".".join(parts[:-1])
    return lint_source(path.read_text(encoding="utf-8"), str(relative), module_name, package, owned)


def lint_source(
    source: str, shown: str, module_name: str, package: str, owned: set[type[models.Model]]
) -> list[Violation]:
    """Violations in one view module's source (`package` anchors its relative imports)."""
    tree = ast.parse(source, filename=shown)
    resolver = _Resolver(tree, module_name, package)
    found: list[Violation] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in MANAGERS:
            base = resolver.resolve(node.value)
            if base is _UNRESOLVED and node.attr in UNRESOLVED_MANAGERS:
                found.append(Violation(shown, node.lineno, f"<run-time model>.{node.attr}"))
            elif (
                _is_model(base) and base in owned and isinstance(getattr(base, node.attr, None), BaseManager)
            ):
                found.append(Violation(shown, node.lineno, f"{base.__name__}.{node.attr}"))  # type: ignore[union-attr]
        elif isinstance(node, ast.Call) and node.args:
            shortcut = resolver.resolve(node.func)
            target = resolver.resolve(node.args[0])
            if (
                getattr(shortcut, "__name__", "") in LOOKUP_SHORTCUTS
                and _is_model(target)
                and target in owned
            ):
                found.append(Violation(shown, node.lineno, f"{shortcut.__name__}({target.__name__})"))  # type: ignore[attr-defined,union-attr]
    return found


def lint(root: Path) -> tuple[list[Violation], list[str]]:
    """(violations not on the allow-list, allow-list entries that no longer match anything)."""
    owned = programme_owned_models()
    every = [v for path in view_modules(root) for v in lint_file(path, owned)]
    used = {(v.path, v.touched) for v in every}
    stale = [f"{path}: {touched}" for path, touched in ALLOWED if (path, touched) not in used]
    return [v for v in every if (v.path, v.touched) not in ALLOWED], stale


def main() -> int:
    import django

    django.setup()
    violations, stale = lint(PROJECT_DIR / "mobilise")
    for violation in violations:
        print(violation)
    for entry in stale:
        print(f"Allow-list entry no longer needed (remove it from tests/core/scoping_lint.py): {entry}")
    return 1 if violations or stale else 0


if __name__ == "__main__":
    sys.exit(main())
