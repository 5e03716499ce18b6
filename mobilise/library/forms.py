from __future__ import annotations

from typing import Any

from django import forms

from mobilise.accounts.models import OrganisationType
from mobilise.core.dates import DateBoxesField

from .registry import COMPONENT_LABELS, SEARCHABLE, topic_labels


class SearchForm(forms.Form):
    q = forms.CharField(label="Search for", max_length=200, required=False)
    kind = forms.ChoiceField(label="Type of work", required=False)
    component = forms.ChoiceField(label="Part of the change model", required=False)
    topic = forms.ChoiceField(label="Topic", required=False)
    org_type = forms.ChoiceField(label="Organisations taking part", required=False)
    since = DateBoxesField(
        label="Changed since", called="the date", required=False, help_text="For example, 1 1 2026"
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices: dict[str, list[tuple[str, str]]] = {
            "kind": [(k, s.label) for k, s in SEARCHABLE.items()],
            "component": list(COMPONENT_LABELS.items()),
            "topic": sorted(topic_labels().items(), key=lambda pair: pair[1]),
            "org_type": list(OrganisationType.choices),
        }
        for name, options in choices.items():
            field: Any = self.fields[name]
            field.choices = [("", "Any"), *options]
