"""Forms for importing: the upload, and matching the file's columns to what they hold."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms

from .importing.files import MAX_ROWS, MAX_UPLOAD_BYTES, size_words
from .importing.mapping import RATIO_CHARTS, ROLE_LABELS, ColumnMapping, column_choice_labels
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
        self.column_labels = column_choice_labels(names)
        self.measure_ids = {m.pk for m in measures}
        self.measures = {str(m.pk): m for m in measures}

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
        by_column: dict[str, list[str]] = {}
        for role, column in chosen.items():
            if column:
                by_column.setdefault(column, []).append(ROLE_LABELS[role].lower())
        for column, roles in by_column.items():
            if len(roles) > 1:
                name = self.column_labels[int(column)]
                self.add_error(
                    None,
                    f"Column {name} is chosen for both the {' and the '.join(roles)}. "
                    "Choose a different column for each",
                )
        if not chosen["value"] and not (chosen["numerator"] and chosen["denominator"]):
            self.add_error(
                "value",
                "Choose the column that holds the values, or both the numerator and denominator columns",
            )
        measure = self.measures.get(data.get("measure") or "")
        if measure is not None and measure.chart in RATIO_CHARTS:
            kind = "percentages" if measure.chart in {"p", "pp"} else "rates"
            for role in ("numerator", "denominator"):
                if not chosen[role]:
                    self.add_error(
                        role,
                        f"“{measure.name}” is a chart of {kind}, drawn from a count and the total it "
                        f"comes from. Choose the {role} column",
                    )
            if chosen["value"] and not (chosen["numerator"] and chosen["denominator"]):
                self.add_error(
                    "value",
                    f"A value column alone cannot draw a chart of {kind}: choose the numerator and "
                    "denominator columns, or import into a measure drawn as a chart over time",
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
