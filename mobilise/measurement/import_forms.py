"""Forms for importing: the upload, and matching the file's columns to what they hold."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms

from .importing.files import MAX_ROWS, MAX_UPLOAD_BYTES, size_words
from .importing.mapping import ColumnMapping, column_choice_labels
from .models import Measure


class UploadForm(forms.Form):
    file = forms.FileField(
        label="File",
        help_text=f"A CSV file or an Excel workbook (.xlsx), up to {size_words(MAX_UPLOAD_BYTES)} and "
        f"{MAX_ROWS:,} rows. Workbooks with macros (.xlsm) are not accepted.",
        error_messages={"required": "Choose a CSV or Excel file to import", "empty": "The file is empty"},
    )


NOT_IN_FILE = ""


class MappingForm(forms.Form):
    """Which column holds what. Column choices are the file's headings."""

    sheet = forms.ChoiceField(label="Sheet", required=False)
    header_row = forms.IntegerField(
        label="Headings are in row",
        min_value=1,
        max_value=1000,
        error_messages={
            "required": "Enter the row number of the headings",
            "invalid": "Enter the row number of the headings",
            "min_value": "Enter a row number of 1 or more",
            "max_value": "The headings must be in the first 1,000 rows",
        },
    )
    measure = forms.ChoiceField(label="Which measure is this data for?", required=False)
    measure_name = forms.ChoiceField(label="Or: which column names the measure?", required=False)
    period = forms.ChoiceField(
        label="Period", error_messages={"required": "Choose the column that holds the period"}
    )
    value = forms.ChoiceField(label="Value", required=False)
    numerator = forms.ChoiceField(label="Numerator", required=False)
    denominator = forms.ChoiceField(label="Denominator", required=False)

    def __init__(
        self,
        *args: Any,
        names: Sequence[str],
        measures: Sequence[Measure],
        sheets: Sequence[str],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        columns = [(str(i), label) for i, label in enumerate(column_choice_labels(names))]
        optional = [(NOT_IN_FILE, "Not in this file"), *columns]
        self._set_choices("period", [("", "Choose a column"), *columns])
        for role in ("value", "numerator", "denominator"):
            self._set_choices(role, optional)
        self._set_choices(
            "measure_name", [(NOT_IN_FILE, "No column: every row is for the measure above"), *columns]
        )
        self._set_choices(
            "measure", [("", "Several: a column names the measure"), *((str(m.pk), m.name) for m in measures)]
        )
        if len(sheets) > 1:
            self._set_choices("sheet", [(s, s) for s in sheets])
        else:
            del self.fields["sheet"]
        self.column_count = len(names)
        self.measure_ids = {m.pk for m in measures}

    def _set_choices(self, name: str, choices: list[tuple[str, str]]) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        chosen = {
            role: data.get(role) for role in ("period", "value", "numerator", "denominator", "measure_name")
        }
        used = [v for v in chosen.values() if v]
        if len(used) != len(set(used)):
            self.add_error(None, "Choose a different column for each item")
        if not chosen["value"] and not (chosen["numerator"] and chosen["denominator"]):
            self.add_error(
                "value",
                "Choose the column that holds the values, or both the numerator and denominator columns",
            )
        if bool(data.get("measure")) == bool(chosen["measure_name"]):
            self.add_error(
                "measure",
                "Choose the measure this data is for, or the column that names the measure (not both)",
            )
        return data

    def mapping(self) -> ColumnMapping:
        data = self.cleaned_data

        def col(role: str) -> int | None:
            return int(data[role]) if data.get(role) else None

        period = col("period")
        assert period is not None
        return ColumnMapping(
            header_row=data["header_row"],
            period=period,
            value=col("value"),
            numerator=col("numerator"),
            denominator=col("denominator"),
            measure_name=col("measure_name"),
            measure_id=int(data["measure"]) if data.get("measure") else None,
            sheet=data.get("sheet") or None,
        )
