"""The scoping linter (tests/core/scoping_lint.py) keeps view modules to the access helpers.

It passes on the real code, and fails a view module that reaches a programme-owned model's manager
in any of the ways people write it: a plain or aliased import, an import inside the function, a
module import, or `get_object_or_404(Model, ...)`. Models outside any programme are left alone.
"""

from __future__ import annotations

import sys
from pathlib import Path

from django.apps import apps
from django.db import models
from hypothesis import given, settings
from hypothesis import strategies as st

from mobilise.accounts.models import Organisation, User
from mobilise.measurement.models import Measure
from mobilise.programmes.models import Programme
from tests.core.scoping_lint import (
    PROJECT_DIR,
    is_view_module,
    lint,
    lint_file,
    lint_source,
    programme_owned_models,
)

LEAKY = Path(__file__).with_name("leaky_views.py")


def test_every_view_module_in_mobilise_goes_through_the_access_helpers() -> None:
    violations, stale = lint(PROJECT_DIR / "mobilise")
    assert not violations, "\n".join(map(str, violations))
    assert not stale, f"Allow-list entries that match nothing any more: {stale}"


def test_the_linter_catches_a_view_module_listing_measures_directly() -> None:
    assert is_view_module(LEAKY)
    found = lint_file(LEAKY, programme_owned_models())
    assert [v.touched for v in found] == ["Measure.objects"]
    assert str(found[0]).startswith("tests/core/leaky_views.py:25: a view touches Measure.objects directly")


def test_programme_owned_models_are_derived_from_foreign_keys_to_programme() -> None:
    owned = programme_owned_models()
    assert {Programme, Measure} <= owned
    assert not {User, Organisation} & owned
    # Two steps away (a data point belongs to a measure, which belongs to a programme) still counts.
    assert apps.get_model("measurement", "DataPoint") in owned


def _concrete(owned: bool) -> list[type[models.Model]]:
    everything = programme_owned_models()
    return sorted(
        (
            m
            for m in apps.get_models()
            if (m in everything) == owned
            and m.__module__.startswith("mobilise.")
            and getattr(sys.modules[m.__module__], m.__name__, None) is m  # importable by name
        ),
        key=lambda m: m._meta.label,
    )


def _view_source(model: type[models.Model], style: str, manager: str) -> str:
    module, name = model.__module__, model.__name__
    if style == "plain":
        return f"from {module} import {name}\n\ndef page(request):\n    return {name}.{manager}.all()\n"
    if style == "alias":
        return (
            f"from {module} import {name} as Thing\n\ndef page(request):\n    return Thing.{manager}.all()\n"
        )
    if style == "inside":
        return f"def page(request):\n    from {module} import {name}\n    return {name}.{manager}.count()\n"
    if style == "module":
        return f"import {module} as m\n\ndef page(request):\n    return m.{name}.{manager}.first()\n"
    return (
        f"from django.shortcuts import get_object_or_404 as fetch\nfrom {module} import {name}\n\n"
        f"def page(request, pk):\n    return fetch({name}, pk=pk)\n"
    )


STYLES = ("plain", "alias", "inside", "module", "shortcut")


@settings(max_examples=60, deadline=None)
@given(data=st.data(), style=st.sampled_from(STYLES))
def test_any_programme_owned_model_reached_directly_from_a_view_is_caught(
    data: st.DataObject, style: str
) -> None:
    model = data.draw(st.sampled_from(_concrete(owned=True)))
    managers = [
        name for name in ("objects", "_default_manager", "all_objects", "history") if hasattr(model, name)
    ]
    manager = data.draw(st.sampled_from(managers))
    source = _view_source(model, style, manager)
    found = lint_source(
        source, "generated_views.py", "generated_views", "mobilise.core", programme_owned_models()
    )
    expected = (
        f"get_object_or_404({model.__name__})" if style == "shortcut" else f"{model.__name__}.{manager}"
    )
    assert [v.touched for v in found] == [expected], source


@settings(max_examples=30, deadline=None)
@given(data=st.data(), style=st.sampled_from(STYLES))
def test_models_outside_any_programme_are_left_alone(data: st.DataObject, style: str) -> None:
    model = data.draw(st.sampled_from(_concrete(owned=False)))
    source = _view_source(model, style, "objects")
    assert not lint_source(
        source, "generated_views.py", "generated_views", "mobilise.core", programme_owned_models()
    )


def test_a_manager_of_a_model_chosen_at_run_time_is_caught() -> None:
    source = "def page(request, model, pk):\n    return model.all_objects.get(pk=pk)\n"
    found = lint_source(
        source, "generated_views.py", "generated_views", "mobilise.core", programme_owned_models()
    )
    assert [v.touched for v in found] == ["<run-time model>.all_objects"]
