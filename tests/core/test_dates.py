"""One date input everywhere: every form's dates are the NHS.UK day, month and year boxes.

The walk below imports every module of the product and looks at every form class it defines, so
a new form with Django's own `DateField` (a single box that takes dates four different ways)
fails here on its first run.
"""

from __future__ import annotations

import calendar
import importlib
import pkgutil
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from django import forms
from django.template import engines
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

import mobilise
from mobilise.core.dates import DateBoxesField, DateBoxesInput

ROOT = Path(mobilise.__file__).resolve().parent


def _all_form_classes() -> list[type[forms.BaseForm]]:
    for info in pkgutil.walk_packages(mobilise.__path__, prefix="mobilise."):
        if (
            ".migrations" in info.name
            or info.name.endswith("__main__")
            or info.name.startswith("mobilise.settings")
        ):
            continue
        importlib.import_module(info.name)
    found: list[type[forms.BaseForm]] = []
    todo: list[type[forms.BaseForm]] = [forms.Form, forms.ModelForm]
    while todo:
        cls = todo.pop()
        for sub in cls.__subclasses__():
            todo.append(sub)
            if sub.__module__.startswith("mobilise."):
                found.append(sub)
    return sorted(set(found), key=lambda c: f"{c.__module__}.{c.__qualname__}")


FORM_CLASSES = _all_form_classes()


def _date_fields(cls: type[forms.BaseForm]) -> list[tuple[str, forms.Field]]:
    return [
        (name, field)
        for name, field in getattr(cls, "base_fields", {}).items()
        if isinstance(field, forms.DateField | forms.DateTimeField | DateBoxesField)
        or isinstance(field.widget, forms.DateInput | forms.DateTimeInput | forms.SelectDateWidget)
    ]


def test_the_walk_finds_the_forms_with_dates() -> None:
    with_dates = {f"{c.__module__}.{c.__name__}" for c in FORM_CLASSES if _date_fields(c)}
    # A sample from several apps, so the walk cannot quietly find nothing.
    for expected in (
        "mobilise.delivery.forms.ActionForm",
        "mobilise.pdsa.forms.TestForm",
        "mobilise.engagement.forms.surveys.SurveyForm",
        "mobilise.pulse.forms.WaveForm",
        "mobilise.workshops.forms.SessionForm",
        "mobilise.stories.forms.StoryForm",
    ):
        assert expected in with_dates, expected
    assert len(with_dates) >= 15


@pytest.mark.parametrize("cls", FORM_CLASSES, ids=lambda c: f"{c.__module__}.{c.__name__}")
def test_every_date_is_typed_in_the_nhs_date_input(cls: type[forms.BaseForm]) -> None:
    for name, field in _date_fields(cls):
        assert isinstance(field, DateBoxesField), f"{cls.__name__}.{name} must use core.dates.DateBoxesField"
        assert isinstance(field.widget, DateBoxesInput), f"{cls.__name__}.{name} must keep the date boxes"


def test_no_page_draws_a_browser_date_picker() -> None:
    pattern = re.compile(r"""type["']?\s*[:=]\s*["']date["']""")
    offenders = [
        str(path.relative_to(ROOT))
        for path in ROOT.rglob("*.jinja")
        if "static" not in path.parts and pattern.search(path.read_text())
    ]
    assert offenders == []


class _Form(forms.Form):
    due = DateBoxesField(label="Due date", called="the due date")
    done = DateBoxesField(
        label="Done (optional)", called="the date it was done", required=False, not_in_future=True
    )


def _check(day: str, month: str, year: str, *, name: str = "due") -> _Form:
    form = _Form({f"{name}_day": day, f"{name}_month": month, f"{name}_year": year} | _filler(name))
    form.is_valid()
    return form


def _filler(name: str) -> dict[str, str]:
    return {} if name == "due" else {"due_day": "1", "due_month": "1", "due_year": "2026"}


def _error(form: _Form, name: str = "due") -> str:
    return str(form.errors[name][0]) if name in form.errors else ""


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)), st.data())
def test_real_dates_are_read_whatever_the_spaces_and_leading_zeros(value: date, data: st.DataObject) -> None:
    space = st.sampled_from(["", " ", "  ", "\t"])

    def box(number: int, width: int) -> str:
        text = str(number).zfill(data.draw(st.integers(min_value=1, max_value=width)))
        return data.draw(space) + text + data.draw(space)

    form = _check(
        box(value.day, 2), box(value.month, 2), data.draw(space) + str(value.year) + data.draw(space)
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["due"] == value


@given(
    st.integers(min_value=1900, max_value=2100),
    st.integers(min_value=1, max_value=12),
    st.integers(min_value=1, max_value=40),
)
def test_impossible_dates_are_refused_as_not_real(year: int, month: int, day: int) -> None:
    if day <= calendar.monthrange(year, month)[1]:
        return
    assert _error(_check(str(day), str(month), str(year))) == "The due date must be a real date"


@given(st.integers(min_value=13, max_value=99), st.integers(min_value=1, max_value=28))
def test_a_thirteenth_month_is_not_real(month: int, day: int) -> None:
    assert _error(_check(str(day), str(month), "2026")) == "The due date must be a real date"


@given(st.from_regex(r"\A[0-9]{1,3}\Z"), st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)))
def test_two_digit_years_are_refused(year: str, value: date) -> None:
    # "26" for 2026 is the usual slip; one or three numbers are refused the same way.
    assert _error(_check(str(value.day), str(value.month), year)) == "Year must include 4 numbers"


@given(st.text(alphabet="abc/-. x½٣", min_size=1, max_size=4))
def test_words_and_symbols_are_not_a_date(junk: str) -> None:
    if not junk.strip():
        return
    assert _error(_check(junk, "3", "2026")) == "The due date must be a real date"


@pytest.mark.parametrize(
    ("boxes", "message"),
    [
        (("", "", ""), "Enter the due date"),
        (("  ", " ", ""), "Enter the due date"),
        (("27", "", "2026"), "The due date must include a month"),
        (("", "3", "2026"), "The due date must include a day"),
        (("27", "3", ""), "The due date must include a year"),
        (("27", "", ""), "The due date must include a month and a year"),
        (("31", "4", "2026"), "The due date must be a real date"),
        (("29", "2", "2025"), "The due date must be a real date"),
        (("27", "3", "1066"), "The due date must be between 1900 and 2100"),
    ],
)
def test_each_problem_has_its_own_message(boxes: tuple[str, str, str], message: str) -> None:
    assert _error(_check(*boxes)) == message


def test_29_february_in_a_leap_year_is_real() -> None:
    assert _check("29", "2", "2028").cleaned_data["due"] == date(2028, 2, 29)


def test_a_done_date_cannot_be_in_the_future() -> None:
    tomorrow = timezone.localdate() + timedelta(days=1)
    today = timezone.localdate()
    late = _check(str(tomorrow.day), str(tomorrow.month), str(tomorrow.year), name="done")
    assert _error(late, "done") == "The date it was done must be today or in the past"
    assert _check(str(today.day), str(today.month), str(today.year), name="done").is_valid()


def test_an_optional_date_may_be_left_blank() -> None:
    form = _Form({"due_day": "1", "due_month": "2", "due_year": "2026", "done_day": " "})
    assert form.is_valid()
    assert form.cleaned_data["done"] is None


@pytest.mark.parametrize("single", ["2026-03-27", "27/03/2026", " 27/3/2026 "])
def test_a_link_with_one_date_value_still_works(single: str) -> None:
    form = _Form({"due": single})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["due"] == date(2026, 3, 27)


def test_the_boxes_are_drawn_with_the_nhs_date_input_and_keep_what_was_typed() -> None:
    form = _Form({"due_day": "31", "due_month": "2", "due_year": "2026"})
    form.is_valid()
    template = engines["jinja2"].from_string(
        '{% from "macros/forms.jinja" import error_summary, field %}'
        "{{ error_summary(form) }}{{ field(form.due) }}"
    )
    html = template.render({"form": form})
    assert 'class="nhsuk-date-input"' in html
    for part, value in (("day", "31"), ("month", "2"), ("year", "2026")):
        assert re.search(rf'name="due_{part}"[^>]*value="{value}"', html), part
    assert "The due date must be a real date" in html
    assert 'href="#due"' in html and 'id="due"' in html  # the summary's link lands on the day box
    assert "nhsuk-input--error" in html


def test_a_saved_date_fills_the_boxes() -> None:
    form = _Form(initial={"due": date(2026, 3, 7)})
    html = (
        engines["jinja2"]
        .from_string('{% from "macros/forms.jinja" import field %}{{ field(form.due) }}')
        .render({"form": form})
    )
    assert re.search(r'name="due_day"[^>]*value="7"', html)
    assert re.search(r'name="due_year"[^>]*value="2026"', html)
