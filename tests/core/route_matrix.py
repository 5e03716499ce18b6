"""The permission matrix: every route in the URLconf, and what each one lets people do.

Routes come from the URLconf itself, so a new view cannot slip in without an entry. Entries
come from the `ROUTES` dicts in every `tests/**/routes*.py` module, one per part of the app.
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core import mail
from django.db import connection, models
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.converters import IntConverter

from mobilise.programmes.models import Programme

TESTS_DIR = Path(__file__).resolve().parent.parent

# Routes that are not ours to police, each with the reason. The prefixes apply only to allauth's views.
SKIPPED_PREFIXES = {
    "account_": "django-allauth's own sign-in, sign-up and password pages (tested by allauth; "
    "their look and accessibility are covered by tests/accounts and the browser journeys)",
    "mfa_": "django-allauth's two-step sign-in pages (same reason as account_)",
}
# API operations answer tokens, not sessions: tests/core/test_api_matrix.py covers every one of them.
API_OPERATION_VIEW = "ninja.operation."
API_MATRIX = "an API operation, covered with tokens by tests/core/test_api_matrix.py"
SKIPPED_NAMES = {
    "core:home": "the public front door: anyone may see it, signed in or not",
    "core:health_live": "for load balancers: says the process answers, shows no data "
    "(tests/core/test_production_shape.py)",
    "core:health_ready": "for load balancers: says whether the database, queue and storage answer, "
    "shows no data (tests/core/test_production_shape.py)",
    "core:csp_report": "where browsers send policy violations: accepts a report, shows nothing "
    "(tests/core/test_production_shape.py)",
}

PERMS = ("view", "edit", "manage", "restore", "stage", "invite", "themes", "signed_in", "token")
ROLES = ("convenor", "facilitator", "member", "viewer")
# Which roles in the programme each permission lets in (mirrors mobilise/programmes/roles.py).
ALLOWED_ROLES: dict[str, tuple[str, ...]] = {
    "view": ROLES,
    "edit": ("convenor", "facilitator", "member"),
    "stage": ("convenor", "facilitator"),
    "themes": ("convenor", "facilitator"),
    # Members too when a convenor allows it (off by default, as in the shared cast).
    "invite": ("convenor", "facilitator"),
    "manage": ("convenor",),
    "restore": ("convenor",),
}
PROGRAMME_PERMS = tuple(ALLOWED_ROLES)
# Labels for routes outside any programme: allowed only where the route takes no programme object.
OPEN_PERMS = ("signed_in", "token")
# Converters whose values are ids (or could hold a slug): a route with one names an object.
OBJECT_CONVERTERS = ("IntConverter", "UUIDConverter", "PathConverter", "SlugConverter")
HTTP_METHODS = ("GET", "POST", "PUT", "DELETE")
UNKNOWN_ID = 999999


@dataclass(frozen=True)
class Route:
    name: str
    pattern: str
    converters: dict[str, str] = field(default_factory=dict)
    int_kwargs: tuple[str, ...] = ()

    def __str__(self) -> str:
        return self.name


def _walk(
    patterns: list[Any], prefix: str, namespace: str | None, converters: dict[str, Any]
) -> Iterator[tuple[str | None, str, dict[str, Any], str]]:
    for entry in patterns:
        merged = {**converters, **entry.pattern.converters}
        pattern = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = entry.namespace
            ns = f"{namespace}:{inner}" if namespace and inner else (inner or namespace)
            yield from _walk(entry.url_patterns, pattern, ns, merged)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            yield name, pattern, merged, entry.lookup_str


def skip_reason(name: str | None, view: str) -> str | None:
    if name is None:
        return None
    if name in SKIPPED_NAMES:
        return SKIPPED_NAMES[name]
    if view.startswith(API_OPERATION_VIEW):
        return API_MATRIX
    if ":" not in name and view.startswith("allauth."):
        for prefix, reason in SKIPPED_PREFIXES.items():
            if name.startswith(prefix):
                return reason
    return None


def all_routes() -> list[Route]:
    """Every route in the URLconf that the matrix must cover (unnamed ones show as `<unnamed …>`)."""
    routes: dict[str, Route] = {}
    for name, pattern, converters, view in _walk(get_resolver().url_patterns, "", None, {}):
        if skip_reason(name, view) is not None:
            continue
        key = name or f"<unnamed {pattern}>"
        routes[key] = Route(
            name=key,
            pattern=pattern,
            converters={k: type(v).__name__ for k, v in converters.items()},
            int_kwargs=tuple(k for k, v in converters.items() if isinstance(v, IntConverter)),
        )
    return sorted(routes.values(), key=lambda r: r.name)


def api_routes() -> list[Route]:
    """Every API operation in the URLconf (one route name per operation, several per path)."""
    found = []
    for name, pattern, converters, view in _walk(get_resolver().url_patterns, "", None, {}):
        if view.startswith(API_OPERATION_VIEW):
            found.append(
                Route(
                    name=name or f"<unnamed {pattern}>",
                    pattern=pattern,
                    converters={k: type(v).__name__ for k, v in converters.items()},
                    int_kwargs=tuple(k for k, v in converters.items() if isinstance(v, IntConverter)),
                )
            )
    return sorted(found, key=lambda r: r.name)


def route_modules() -> list[str]:
    names = []
    for path in sorted(TESTS_DIR.rglob("routes*.py")):
        relative = path.relative_to(TESTS_DIR.parent).with_suffix("")
        names.append(".".join(relative.parts))
    # The matrix's own self-test adds a module of deliberately bad routes (tests/core/leaky.py).
    return names + list(getattr(settings, "MATRIX_EXTRA_ROUTE_MODULES", ()))


def load_entries() -> tuple[dict[str, dict[str, Any]], list[str]]:
    """All ROUTES entries merged, with any problems found while merging."""
    entries: dict[str, dict[str, Any]] = {}
    problems: list[str] = []
    for module_name in route_modules():
        try:
            module = importlib.import_module(module_name)
        except Exception as error:  # a broken routes file must fail loudly, not hide its routes
            problems.append(f"{module_name} could not be imported: {error!r}")
            continue
        for name, entry in getattr(module, "ROUTES", {}).items():
            if name in entries:
                problems.append(f"{name} has entries in two routes modules (second in {module_name})")
            entries[name] = {**entry, "_module": module_name}
    return entries, problems


def entry_problems(name: str, entry: dict[str, Any]) -> list[str]:
    problems = []
    if entry.get("perm") not in PERMS:
        problems.append(f"{name}: perm must be one of {PERMS}, not {entry.get('perm')!r}")
    methods = entry.get("methods")
    if not methods or any(m not in HTTP_METHODS for m in methods):
        problems.append(f"{name}: methods must be a non-empty list from {HTTP_METHODS}")
    if not callable(entry.get("kwargs")):
        problems.append(f"{name}: kwargs must be a function of the cast")
    if entry.get("public") and entry.get("perm") != "token":
        problems.append(f'{name}: only a "token" route can be public (open without signing in)')
    if "post_data" in entry and not callable(entry["post_data"]):
        problems.append(f"{name}: post_data must be a function of the cast")
    return problems


def object_arguments(route: Route) -> list[str]:
    """The URL arguments that name an object (a programme slug, or an id of something in one).

    Only a plain `<str:token>` (a signed link) or no argument at all names nothing.
    """
    return [
        name
        for name, kind in route.converters.items()
        if kind in OBJECT_CONVERTERS
        or name in ("slug", "pk")
        or name.endswith(("_pk", "_id", "slug"))
        or "programme" in name
    ]


def takes_programme_object(route: Route) -> bool:
    return bool(object_arguments(route))


def perm_of(route: Route, entry: dict[str, Any]) -> str:
    """What the matrix expects of a route, derived from the route itself, not only its label.

    A route that takes a programme object is tested as programme-scoped whatever it is labelled
    (at least "view": outsiders get 404 and change nothing).
    """
    perm: str = entry.get("perm", "")
    if perm not in PROGRAMME_PERMS and takes_programme_object(route):
        return "view"
    return perm


def scoped_pairs(pairs: list[tuple[Route, dict[str, Any]]]) -> list[tuple[Route, dict[str, Any]]]:
    """The routes the matrix tests as programme-scoped (outsiders 404, missing roles 403)."""
    return [(r, e) for r, e in pairs if perm_of(r, e) in PROGRAMME_PERMS]


def label_problems(route: Route, entry: dict[str, Any], kwargs: dict[str, Any], slugs: set[str]) -> list[str]:
    """A "signed_in" or "token" label on a route that takes a programme object is wrong.

    `slugs` are the programmes' slugs: an argument carrying one names a programme whatever it is called.
    """
    if entry.get("perm") not in OPEN_PERMS:
        return []
    named = object_arguments(route) + [
        name for name, value in kwargs.items() if isinstance(value, str) and value in slugs
    ]
    if not named:
        return []
    arguments = ", ".join(sorted(set(named)))
    return [
        f"{route.name} is labelled {entry['perm']!r} but takes a programme object ({arguments}): label it "
        f"with a programme permission {PROGRAMME_PERMS} and check access with the programme's helpers"
    ]


def least_privileged(perm: str) -> str:
    """The weakest role that may use a route: the one most likely to show a missing check."""
    allowed = ALLOWED_ROLES.get(perm, ("member",))
    for role in ("member", "facilitator", "convenor"):
        if role in allowed:
            return role
    return "convenor"


def build(entry: dict[str, Any], cast: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    """URL kwargs and POST data for an entry (building them may create objects)."""
    kwargs: dict[str, Any] = entry["kwargs"](cast)
    post_data: Callable[[Any], dict[str, Any]] | None = entry.get("post_data")
    return kwargs, (post_data(cast) if post_data else {})


@functools.cache
def _programme_scoped_models() -> list[type[models.Model]]:
    every = apps.get_models(include_auto_created=True)
    scoped: set[type[models.Model]] = {Programme}
    grew = True
    while grew:
        grew = False
        for model in every:
            if model in scoped:
                continue
            # simple_history's historical models point at their model through `instance_type`.
            linked = getattr(model, "instance_type", None) in scoped or any(
                f.is_relation and f.concrete and f.related_model in scoped for f in model._meta.get_fields()
            )
            if linked:
                scoped.add(model)
                grew = True
    return sorted(scoped, key=lambda m: m._meta.label)


def snapshot() -> dict[str, Any]:
    """Every row of every programme-scoped table, plus the outgoing mail, to compare later.

    Plain SQL: the ORM's per-query overhead made this the slowest part of the whole matrix.
    """
    quote = connection.ops.quote_name
    state: dict[str, Any] = {}
    with connection.cursor() as cursor:
        for model in _programme_scoped_models():
            table, pk = quote(model._meta.db_table), quote(model._meta.pk.column)
            cursor.execute(f"SELECT * FROM {table} ORDER BY {pk}")
            state[model._meta.label] = cursor.fetchall()
    state["<mail outbox>"] = [(m.subject, tuple(m.to)) for m in getattr(mail, "outbox", [])]
    return state


def changes(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    return [
        f"{label}: {len(before[label])} rows before, {len(after.get(label, []))} after"
        + ("" if len(before[label]) != len(after.get(label, [])) else " (contents changed)")
        for label in before
        if before[label] != after.get(label)
    ]


def covered_routes() -> tuple[
    list[Route], dict[str, dict[str, Any]], list[str], list[tuple[Route, dict[str, Any]]]
]:
    """(all routes, all entries, merge problems, the routes that have a well-formed entry)."""
    routes = all_routes()
    entries, problems = load_entries()
    pairs = [
        (route, entries[route.name])
        for route in routes
        if route.name in entries and not entry_problems(route.name, entries[route.name])
    ]
    return routes, entries, problems, pairs
