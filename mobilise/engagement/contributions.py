"""What engagement shows on component pages: its tools, linked from the components they serve."""

from __future__ import annotations

from django.urls import reverse

from mobilise.programmes.models import Programme
from mobilise.workspace.linked import LinkedWork, plural

from .models import Stakeholder, Survey


def _url(name: str, programme: Programme) -> str:
    return reverse(name, kwargs={"slug": programme.slug})


def engagement_work(programme: Programme) -> list[LinkedWork]:
    """For "Engagement to mobilise": the register, the surveys and the network they reveal."""
    people = Stakeholder.objects.filter(programme=programme).count()
    surveys = Survey.objects.filter(programme=programme).count()
    return [
        LinkedWork(
            plural(people, "stakeholder in the register", "stakeholders in the register"),
            _url("engagement:stakeholders", programme),
        ),
        LinkedWork(
            plural(surveys, "relationship survey", "relationship surveys") + " and the network they show",
            _url("engagement:surveys", programme),
        ),
    ]


def leadership_work(programme: Programme) -> list[LinkedWork]:
    """For "Leadership for change": how close the programme is to a critical mass of change leaders."""
    return [LinkedWork("Critical mass of change leaders", _url("engagement:critical_mass", programme))]
