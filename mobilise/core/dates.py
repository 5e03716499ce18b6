"""One way to type a date everywhere: the NHS.UK date input (day, month and year boxes).

`DateBoxesField` is the only date field our forms use (a test walks every form to check). It
reads the three boxes with the service manual's messages ("… must include a month", "… must be a
real date", "Year must include 4 numbers"), ignores spaces around what was typed, and can refuse
dates in the future (a "done" date) or before another year. The macro `field()` in
`macros/forms.jinja` draws it with nhsuk-frontend-jinja's `dateInput`.

For links and scripts written before the boxes existed, a single value under the field's own name
(`due_on=2026-03-27` or `due_on=27/03/2026`) is split into the boxes and checked the same way.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

PARTS = ("day", "month", "year")
EARLIEST_YEAR, LATEST_YEAR = 1900, 2100
_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")
_UK = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{2,4})\s*$")


def split_date_text(text: str) -> list[str]:
    """A date written in one box (2026-03-27 or 27/03/2026) as day, month and year boxes."""
    if match := _ISO.match(text):
        year, month, day = match.groups()
        return [day, month, year]
    if match := _UK.match(text):
        return list(match.groups())
    # Anything else goes in the day box, so it is refused as "must be a real date", not lost.
    return [text, "", ""] if text.strip() else ["", "", ""]


class DateBoxesInput(forms.MultiWidget):
    """Three text boxes, named `<name>_day`, `<name>_month` and `<name>_year`."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        numeric = {"inputmode": "numeric"}
        super().__init__(widgets={part: forms.TextInput(attrs=numeric) for part in PARTS}, attrs=attrs)

    def decompress(self, value: Any) -> list[Any]:
        if isinstance(value, date):
            return [value.day, value.month, value.year]
        if isinstance(value, str):
            return split_date_text(value)
        return [None, None, None]

    def value_from_datadict(self, data: Mapping[str, Any], files: Any, name: str) -> list[Any]:
        boxes = [f"{name}_{part}" for part in PARTS]
        if not any(box in data for box in boxes) and name in data:
            single = data.get(name)
            return split_date_text(str(single or ""))
        return [data.get(box) for box in boxes]

    def value_omitted_from_data(self, data: Mapping[str, Any], files: Any, name: str) -> bool:
        return name not in data and all(f"{name}_{part}" not in data for part in PARTS)


class DateBoxesField(forms.MultiValueField):
    """A date typed as day, month and year, checked with the NHS service manual's messages.

    `called` names the date inside messages, in lower case: "the date the test starts" gives
    "Enter the date the test starts" and "The date the test starts must include a month".
    """

    widget = DateBoxesInput

    def __init__(
        self,
        *,
        label: str,
        called: str = "the date",
        required: bool = True,
        not_in_future: bool = False,
        earliest_year: int = EARLIEST_YEAR,
        latest_year: int = LATEST_YEAR,
        help_text: str = "For example, 27 3 2026",
        **kwargs: Any,
    ) -> None:
        self.called = called
        self.short = called[:1].upper() + called[1:]
        self.not_in_future = not_in_future
        self.earliest_year, self.latest_year = earliest_year, latest_year
        parts = tuple(forms.CharField(required=False, strip=True) for _ in PARTS)
        super().__init__(
            fields=parts,
            label=label,
            required=required,
            require_all_fields=False,
            help_text=help_text,
            error_messages={"required": f"Enter {called}", "incomplete": f"Enter {called}"},
            **kwargs,
        )

    def clean(self, value: Any) -> date | None:
        # Boxes holding only spaces count as empty, so "required" is the message, not "real date".
        if isinstance(value, list | tuple):
            value = [str(v).strip() if v is not None else "" for v in value]
        return super().clean(value)  # type: ignore[no-any-return]

    def compress(self, data_list: list[Any]) -> date | None:
        values = [str(v or "").strip() for v in (data_list or ["", "", ""])]
        if not any(values):
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return None
        if not all(v.isascii() and v.isdigit() for v in values if v):
            raise ValidationError(f"{self.short} must be a real date", code="invalid")
        missing = [part for part, value in zip(PARTS, values, strict=True) if not value]
        if missing:
            raise ValidationError(f"{self.short} must include a {' and a '.join(missing)}", code="incomplete")
        day, month, year = (int(v) for v in values)
        if len(values[2]) != 4:
            raise ValidationError("Year must include 4 numbers", code="short_year")
        try:
            value = date(year, month, day)
        except ValueError as error:
            raise ValidationError(f"{self.short} must be a real date", code="invalid") from error
        if not self.earliest_year <= year <= self.latest_year:
            raise ValidationError(
                f"{self.short} must be between {self.earliest_year} and {self.latest_year}", code="range"
            )
        if self.not_in_future and value > timezone.localdate():
            raise ValidationError(f"{self.short} must be today or in the past", code="future")
        return value


def date_boxes(bound: forms.BoundField) -> dict[str, Any]:
    """The three boxes' values for the template, from what was typed or from the initial date."""
    value = bound.value()
    if isinstance(value, list | tuple):
        return dict(zip(PARTS, ["" if v is None else v for v in value], strict=False))
    if isinstance(value, date):
        return {"day": value.day, "month": value.month, "year": value.year}
    if isinstance(value, str):
        return dict(zip(PARTS, split_date_text(value), strict=True))
    return {}
