"""Forms for driver diagrams, with the service manual's error messages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db import models

from mobilise.core.dates import DateBoxesField
from mobilise.measurement.models import Measure

from .models import ChangeIdea, Driver, DriverDiagram

RELOAD = "Reload the page and make your changes again"


def text(
    label: str,
    *,
    max_length: int,
    short_name: str,
    required: bool = False,
    multiline: bool = False,
    required_message: str = "",
    help_text: str = "",
    rows: int = 4,
) -> forms.CharField:
    """A trimmed text field whose messages name the field the way the page does."""
    messages = {"max_length": f"{short_name} must be {max_length:,} characters or fewer"}
    if required:
        messages["required"] = required_message
    widget = forms.Textarea(attrs={"rows": rows}) if multiline else forms.TextInput
    return _Text(
        label=label,
        max_length=max_length,
        required=required,
        widget=widget,
        error_messages=messages,
        help_text=help_text,
    )


class _Text(forms.CharField):
    def to_python(self, value: Any) -> str:
        # One character per line break, as the person counts them.
        return str(super().to_python(value)).replace("\r\n", "\n")


def version_field() -> forms.IntegerField:
    return forms.IntegerField(
        min_value=1,
        widget=forms.HiddenInput,
        error_messages={"required": RELOAD, "invalid": RELOAD, "min_value": RELOAD},
    )


def _limit(model: type[models.Model], name: str) -> int:
    field = model._meta.get_field(name)
    return int(getattr(field, "max_length", 0) or 0)


class MeasureChoice(forms.ModelChoiceField[Measure]):
    def label_from_instance(self, obj: Measure) -> str:
        target = (
            f" (target {obj.target:g}{' ' + obj.unit if obj.unit else ''})" if obj.target is not None else ""
        )
        return f"{obj.name}{target}"


class VersionForm(forms.Form):
    """Buttons that change the diagram carry only the version the person was looking at."""

    version = version_field()


class DirectionForm(VersionForm):
    direction = forms.ChoiceField(
        choices=[("up", "Up"), ("down", "Down")],
        widget=forms.HiddenInput,
        error_messages={"required": RELOAD, "invalid_choice": RELOAD},
    )


class DiagramForm(forms.Form):
    title = text(
        "Name of the diagram",
        max_length=_limit(DriverDiagram, "title"),
        short_name="The name",
        required=True,
        required_message="Enter a name for the diagram",
        help_text="A few words, for example “Fewer falls at home”.",
    )
    aim_what = text(
        "What will we improve?",
        max_length=_limit(DriverDiagram, "aim_what"),
        multiline=True,
        short_name="What we will improve",
        required=True,
        rows=3,
        required_message="Enter what you will improve",
    )
    aim_for_whom = text(
        "For whom?",
        max_length=_limit(DriverDiagram, "aim_for_whom"),
        short_name="For whom",
        help_text="For example, “adults over 65 living at home in Jarrow”.",
    )
    aim_how_much = text(
        "By how much?",
        max_length=_limit(DriverDiagram, "aim_how_much"),
        short_name="By how much",
        help_text="For example, “a third fewer emergency admissions”.",
    )
    aim_by_when = DateBoxesField(
        label="By when?", called="the date of the aim", required=False, help_text="For example, 31 3 2027"
    )
    measure = MeasureChoice(
        label="Measure that shows progress towards the aim",
        queryset=Measure.objects.none(),
        required=False,
        empty_label="No measure yet",
        error_messages={"invalid_choice": "Choose one of the programme’s measures"},
    )
    version = version_field()

    def __init__(self, *args: Any, measures: Any, creating: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if creating:
            del self.fields["version"]
        field = self.fields["measure"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = measures

    @classmethod
    def initial_for(cls, diagram: DriverDiagram) -> dict[str, Any]:
        when = diagram.aim_by_when
        by_when = f"{when.day}/{when.month}/{when.year}" if when else ""
        return {
            "title": diagram.title,
            "aim_what": diagram.aim_what,
            "aim_for_whom": diagram.aim_for_whom,
            "aim_how_much": diagram.aim_how_much,
            "aim_by_when": by_when,
            "measure": diagram.measure_id,
            "version": diagram.version,
        }


class DriverTitleForm(forms.Form):
    title = text(
        "Name of the driver",
        max_length=_limit(Driver, "title"),
        short_name="The name",
        required=True,
        required_message="Enter a name for the driver",
        multiline=True,
        rows=2,
    )
    version = version_field()


class DriverAddForm(forms.Form):
    """One line, focused on arrival: type a name, press Enter, and the next one is ready."""

    title = text(
        "Name of the driver",
        max_length=_limit(Driver, "title"),
        short_name="The name",
        required=True,
        required_message="Enter a name for the driver",
    )
    version = version_field()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["title"].widget.attrs["autofocus"] = True


class DriverMoveForm(forms.Form):
    """Any driver of the diagram is accepted, so the rules can explain a refusal; the list offers
    the top level and the primary drivers, which are the places a driver can go."""

    parent = forms.ModelChoiceField(
        label="Where should it go?",
        queryset=Driver.objects.none(),
        required=False,
        empty_label="At the top level, as a primary driver",
        error_messages={"invalid_choice": "Choose a driver in this diagram"},
    )
    version = version_field()

    def __init__(self, *args: Any, driver: Driver, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["parent"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Driver.objects.filter(diagram_id=driver.diagram_id)
        primaries = [d for d in field.queryset if d.parent_id is None and d.pk != driver.pk]
        field.choices = [("", field.empty_label), *((d.pk, f"Under {d.title}") for d in primaries)]


class IdeaForm(forms.Form):
    title = text(
        "Change idea",
        max_length=_limit(ChangeIdea, "title"),
        short_name="The change idea",
        required=True,
        required_message="Enter the change idea",
        multiline=True,
        rows=2,
        help_text="Something to try, for example “A daily huddle between district nurses and GPs”.",
    )
    description = text(
        "More about it (optional)",
        max_length=_limit(ChangeIdea, "description"),
        short_name="The description",
        multiline=True,
        rows=5,
        help_text="Where the idea came from, who might test it first. You can use Markdown.",
    )
    measures = forms.ModelMultipleChoiceField(
        label="Measures that would show whether it works",
        queryset=Measure.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose the programme’s measures from the list"},
    )
    version = version_field()

    def __init__(self, *args: Any, measures: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["measures"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        if measures is None:
            del self.fields["measures"]
        else:
            field.queryset = measures


class SecondaryChoice(forms.ModelChoiceField[Driver]):
    def label_from_instance(self, obj: Driver) -> str:
        return f"{obj.title} (under {obj.parent.title})" if obj.parent else obj.title


class IdeaDriverForm(forms.Form):
    driver = SecondaryChoice(
        label="Secondary driver",
        queryset=Driver.objects.none(),
        empty_label="Choose a secondary driver",
        error_messages={
            "required": "Choose a secondary driver",
            "invalid_choice": "Choose a secondary driver from the list",
        },
    )
    version = version_field()

    def __init__(self, *args: Any, drivers: list[Driver], label: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["driver"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Driver.objects.filter(pk__in=[d.pk for d in drivers])
        field.choices = [("", field.empty_label), *((d.pk, field.label_from_instance(d)) for d in drivers)]
        if label:
            field.label = label


class IdeaMoveForm(IdeaDriverForm):
    from_driver = SecondaryChoice(
        label="Stop serving which driver?",
        queryset=Driver.objects.none(),
        error_messages={
            "required": "Choose the driver it should stop serving",
            "invalid_choice": "Choose one of the drivers it serves now",
        },
    )

    def __init__(self, *args: Any, current: list[Driver], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["from_driver"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Driver.objects.filter(pk__in=[d.pk for d in current])
        field.choices = [(d.pk, field.label_from_instance(d)) for d in current]
        if len(current) == 1:
            # Nothing to choose: the one driver it serves goes with the form, out of sight.
            field.widget = forms.HiddenInput()
            field.initial = current[0].pk
            self.initial["from_driver"] = current[0].pk
        self.order_fields(["from_driver", "driver", "version"])


class DriverDeleteForm(forms.Form):
    ideas = forms.ChoiceField(
        label="What should happen to these change ideas?",
        required=False,
        widget=forms.RadioSelect,
        choices=[("move", "Move them to another secondary driver"), ("bin", "Put them in the bin too")],
        error_messages={"invalid_choice": "Choose what should happen to the change ideas"},
    )
    target = SecondaryChoice(
        label="Secondary driver to move them to",
        queryset=Driver.objects.none(),
        required=False,
        empty_label="Choose a secondary driver",
        error_messages={"invalid_choice": "Choose a secondary driver from the list"},
    )
    version = version_field()

    def __init__(self, *args: Any, targets: list[Driver], needs_choice: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.needs_choice = needs_choice
        field = self.fields["target"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Driver.objects.filter(pk__in=[d.pk for d in targets])
        field.choices = [("", field.empty_label), *((d.pk, field.label_from_instance(d)) for d in targets)]
        ideas = self.fields["ideas"]
        if not targets and isinstance(ideas, forms.ChoiceField):
            ideas.choices = [("bin", "Put them in the bin too")]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.needs_choice:
            data["ideas"] = "bin"
            return data
        if not data.get("ideas") and "ideas" not in self.errors:
            self.add_error("ideas", "Choose what should happen to the change ideas")
        elif data.get("ideas") == "move" and not data.get("target") and "target" not in self.errors:
            self.add_error("target", "Choose the secondary driver to move them to")
        return data
