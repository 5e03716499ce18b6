"""Apps are layered: a lower app never imports a higher one; higher apps register into lower ones.

Layers, low to high (apps on one line are independent of each other, except the foundation's):
core, accounts, network, spc, disclosure, spread < programmes < workspace, library
< purpose, measurement, engagement < improvement, pulse < pdsa, delivery < adoption, stories
< workshops < boardpaper < demo, api.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FOUNDATION = 0
LAYER = {
    "core": FOUNDATION,
    "accounts": FOUNDATION,
    "network": FOUNDATION,
    "spc": FOUNDATION,
    "disclosure": FOUNDATION,
    "spread": FOUNDATION,
    "programmes": 1,
    "workspace": 2,
    "library": 2,
    "purpose": 3,
    "measurement": 3,
    "engagement": 3,
    "improvement": 4,
    "pulse": 4,
    "pdsa": 5,
    "delivery": 5,
    "adoption": 6,
    "stories": 6,
    "workshops": 7,
    "boardpaper": 8,
    "demo": 9,
    "api": 9,
}


def _module_of(path: Path) -> list[str]:
    parts = list(path.with_suffix("").parts)
    return parts[:-1] if parts[-1] == "__init__" else parts


def _imported_apps(path: Path, relative_to: Path) -> list[tuple[int, str]]:
    """(line, app) for every mobilise app that `path` uses, wherever the import or lookup sits."""
    package = _module_of(path.relative_to(relative_to))
    if path.name != "__init__.py":
        package = package[:-1]
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                names = [".".join([*base, *([node.module] if node.module else [])])]
            else:
                names = [node.module or ""]
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.args:
            # apps.get_model("pdsa", …) and apps.is_installed("mobilise.pdsa") hide an import.
            first = node.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                if node.func.attr == "get_model":
                    names = [f"mobilise.{first.value.split('.')[0]}"]
                elif node.func.attr in {"is_installed", "import_module"}:
                    names = [first.value]
        for name in names:
            parts = name.split(".")
            if len(parts) > 1 and parts[0] == "mobilise" and parts[1] in LAYER:
                found.append((node.lineno, parts[1]))
    return found


def _breaches(root: Path) -> list[str]:
    breaches = []
    for path in sorted(root.glob("mobilise/*/**/*.py")):
        app = path.relative_to(root).parts[1]
        if app not in LAYER or "migrations" in path.parts:
            continue
        for line, other in _imported_apps(path, root):
            upward = LAYER[other] > LAYER[app]
            sideways = other != app and LAYER[other] == LAYER[app] != FOUNDATION
            if upward or sideways:
                breaches.append(f"{path.relative_to(root)}:{line} ({app} uses {other})")
    return breaches


def test_no_app_imports_a_higher_or_sideways_app() -> None:
    breaches = _breaches(ROOT)
    assert breaches == [], "register into the lower app from AppConfig.ready() instead: " + "; ".join(
        breaches
    )


def test_every_app_has_a_layer() -> None:
    apps = {path.parent.name for path in ROOT.glob("mobilise/*/__init__.py")} - {"settings"}
    assert apps == set(LAYER)


def test_the_check_finds_imports_hidden_inside_functions(tmp_path: Path) -> None:
    app = tmp_path / "mobilise" / "programmes"
    app.mkdir(parents=True)
    (app / "reads.py").write_text(
        "from ..core import bin\n"
        "def f():\n"
        "    from ..workspace import models\n"
        "    import mobilise.purpose.models\n"
        "    return apps.get_model('pdsa', 'TestOfChange'), apps.is_installed('mobilise.engagement')\n"
    )
    assert [b.split(" ", 1)[1] for b in _breaches(tmp_path)] == [
        "(programmes uses workspace)",
        "(programmes uses purpose)",
        "(programmes uses pdsa)",
        "(programmes uses engagement)",
    ]


ENGINES = ("network", "spc", "disclosure", "spread")
#: Modules beside the engines that they share (pure Python too, held to the same rule).
ENGINE_SUPPORT = ("columns", "console")


def test_engines_use_no_django_and_no_app() -> None:
    """The engines are pure Python: usable from a console or a notebook without Django."""
    found = []
    paths = [path for engine in ENGINES for path in sorted((ROOT / "mobilise" / engine).glob("**/*.py"))]
    paths += [ROOT / "mobilise" / f"{name}.py" for name in ENGINE_SUPPORT]
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level:
                names = [node.module or ""]
            for name in names:
                top = name.split(".")
                app = top[1] if top[0] == "mobilise" and len(top) > 1 else None
                if top[0] == "django" or (app is not None and app not in ENGINES + ENGINE_SUPPORT):
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno} imports {name}")
    assert found == []
