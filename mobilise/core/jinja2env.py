"""The Jinja2 environment for our pages, with the NHS.UK frontend macros on the path."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

from django.contrib.messages import get_messages
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from jinja2 import ChainableUndefined, ChoiceLoader, Environment, PackageLoader
from markupsafe import Markup

from mobilise.core.dates import date_boxes
from mobilise.core.markdown import render_markdown

# Template globals that higher apps contribute from their AppConfig.ready() (the workspace's
# `vocabulary`, for one), so core never imports them.
TEMPLATE_GLOBALS: dict[str, object] = {}


def register_template_global(name: str, value: object) -> None:
    TEMPLATE_GLOBALS[name] = value


def url(name: str, *args: Any, **kwargs: Any) -> str:
    return reverse(name, args=args or None, kwargs=kwargs or None)


# An id no row will have, reversed once and then swapped for each row's own id.
_EACH = 987_654_321_987_654_321


def url_each(name: str, key: str, **kwargs: Any) -> Callable[[int], str]:
    """The address of `name` for many rows that differ only in the integer `key`, with one reverse()
    rather than one per row (a table of 200 values with a link each)."""
    pattern = reverse(name, kwargs={**kwargs, key: _EACH})
    marker = str(_EACH)
    return lambda value: pattern.replace(marker, str(int(value)))


def uk_date(value: Any, with_time: bool = False) -> str:
    """Dates the way people in the NHS write them: 5 March 2026, 14:05."""
    if value is None:
        return ""
    if hasattr(value, "tzinfo") and value.tzinfo is not None:
        value = timezone.localtime(value)
    text = f"{value.day} {value:%B %Y}"
    if with_time and hasattr(value, "hour"):
        text += f", {value:%H:%M}"
    return text


_DATE_INPUT = '{% from "nhsuk/components/date-input/macro.jinja" import dateInput %}{{ dateInput(params) }}'


def date_input_renderer(env: Environment) -> Callable[..., Markup]:
    """The NHS.UK date input (day, month and year boxes), rendered once per distinct set of values.

    The frontend's macro nests fieldset, hint, error and three inputs, re-indenting each level, and
    costs about 7 ms a call; a form page or a filter shows the same few (mostly empty) date inputs
    again and again. The output depends only on the arguments, so it is kept per process. The day
    box carries the field's name as its id, so the error summary's link lands on it.
    """
    template = env.from_string(_DATE_INPUT)

    @lru_cache(maxsize=2048, typed=True)
    def render(
        name: str, label: str, hint: str, error: str, day: object, month: object, year: object
    ) -> Markup:
        error_class = "nhsuk-input--error" if error else ""

        def box(suffix: str, id_: str, text: str, value: object, width: int) -> dict[str, object]:
            item: dict[str, object] = {
                "id": id_,
                "name": f"{name}_{suffix}",
                "label": text,
                "width": width,
                "classes": error_class,
                "attributes": {"inputmode": "numeric"},
            }
            if value is not None:
                item["value"] = value
            return item

        params: dict[str, object] = {
            "id": f"{name}-boxes",
            "fieldset": {"legend": {"text": label, "classes": "nhsuk-fieldset__legend--s"}},
            "items": [
                box("day", name, "Day", day, 2),
                box("month", f"{name}-month", "Month", month, 2),
                box("year", f"{name}-year", "Year", year, 4),
            ],
        }
        if hint:
            params["hint"] = {"text": hint}
        if error:
            params["errorMessage"] = {"text": error}
        return Markup(template.render(params=params))

    return render


def environment(**options: Any) -> Environment:
    app_loader = options.pop("loader")
    options.setdefault("autoescape", True)
    # The NHS.UK macros read optional nested parameters (params.search.action) freely.
    options["undefined"] = ChainableUndefined
    env = Environment(
        loader=ChoiceLoader([app_loader, PackageLoader("nhsuk_frontend_jinja", "templates")]),
        extensions=["jinja2.ext.do"],
        **options,
    )
    env.globals.update(
        {
            "url": url,
            "url_each": url_each,
            "static": static,
            "get_messages": get_messages,
            "date_boxes": date_boxes,
            "asset_path": "/static/vendor/nhsuk/assets",
        }
        | TEMPLATE_GLOBALS
    )
    env.globals["nhsuk_date_input"] = date_input_renderer(env)
    env.filters["markdown"] = render_markdown
    env.filters["uk_date"] = uk_date
    return env
