"""Form fields in the NHS.UK style: a date as three boxes (day, month, year) and long text."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

PARTS = ("day", "month", "year")
EARLIEST_YEAR, LATEST_YEAR = 1990, 2100


class DatePartsWidget(forms.MultiWidget):
    def __init__(self) -> None:
        super().__init__(widgets={part: forms.TextInput for part in PARTS})

    def decompress(self, value: Any) -> list[Any]:
        if isinstance(value, date):
            return [value.day, value.month, value.year]
        return [None, None, None]


class DatePartsField(forms.MultiValueField):
    """A date typed as day, month and year, with the service manual's error messages."""

    widget = DatePartsWidget

    def __init__(self, *, label: str, called: str, required: bool = True, **kwargs: Any) -> None:
        # `called` names the date inside messages: "Enter the date the test starts".
        self.short = called[:1].upper() + called[1:]
        parts = tuple(forms.CharField(required=False) for _ in PARTS)
        super().__init__(
            fields=parts,
            label=label,
            required=required,
            require_all_fields=False,
            error_messages={"required": f"Enter {called}"},
            **kwargs,
        )

    def compress(self, data_list: list[Any]) -> date | None:
        values = [str(v or "").strip() for v in (data_list or ["", "", ""])]
        if not any(values):
            return None
        missing = [part for part, value in zip(PARTS, values, strict=True) if not value]
        if missing:
            raise ValidationError(f"{self.short} must include a {' and a '.join(missing)}")
        try:
            day, month, year = (int(v) for v in values)
            value = date(year, month, day)
        except ValueError as error:
            raise ValidationError(f"{self.short} must be a real date") from error
        if not EARLIEST_YEAR <= year <= LATEST_YEAR:
            raise ValidationError(f"{self.short} must be between {EARLIEST_YEAR} and {LATEST_YEAR}")
        return value


def date_parts(bound: forms.BoundField) -> dict[str, Any]:
    """The three boxes' values for the template, from what was typed or from the initial date."""
    value = bound.value()
    if isinstance(value, list | tuple):
        return dict(zip(PARTS, value, strict=False))
    if isinstance(value, date):
        return {"day": value.day, "month": value.month, "year": value.year}
    return {}


class TextBlock(forms.CharField):
    """Optional multi-line text, counted the way the person sees it (one character per line break)."""

    def __init__(
        self, *, label: str, max_length: int, short_name: str, required: bool = False, **kwargs: Any
    ) -> None:
        messages = {"max_length": f"{short_name} must be {max_length:,} characters or fewer"}
        messages.update(kwargs.pop("error_messages", {}))
        super().__init__(
            label=label,
            max_length=max_length,
            required=required,
            strip=True,
            widget=forms.Textarea,
            error_messages=messages,
            **kwargs,
        )

    def to_python(self, value: Any) -> str:
        return str(super().to_python(value)).replace("\r\n", "\n")
