"""Form fields in the NHS.UK style: long text, and the years a test of change may be dated in."""

from __future__ import annotations

from typing import Any

from django import forms

# Tests of change are dated from 1990 (imports check the same bounds); the boxes themselves are
# the shared NHS.UK date input in core.
EARLIEST_YEAR, LATEST_YEAR = 1990, 2100


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
