"""What the theory of change and driver diagrams add to lower apps' pages; registered in
`ImprovementConfig.ready()`."""

from __future__ import annotations

from django.urls import reverse

from mobilise.measurement.models import Measure
from mobilise.programmes.models import Programme
from mobilise.workspace.linked import LinkedWork, plural

from .models import DriverDiagram
from .summary import improvement_summary


def aims_using(measure: Measure) -> list[DriverDiagram]:
    """For a measure's page: the live driver diagrams whose aim it measures."""
    return list(DriverDiagram.objects.filter(measure=measure)[:20])


def methodology_work(programme: Programme) -> list[LinkedWork]:
    """For the "Improvement methodology" component page: the theory and the diagrams so far."""
    s = improvement_summary(programme)
    url = reverse("improvement:overview", kwargs={"slug": programme.slug})
    return [
        LinkedWork(
            f"Theory of change: {s['theory_steps_filled']} of 6 steps written "
            f"({plural(s['theory_items'], 'statement', 'statements')})",
            url,
        ),
        LinkedWork(
            f"{plural(s['diagrams'], 'driver diagram', 'driver diagrams')} with "
            f"{plural(s['drivers'], 'driver', 'drivers')} and "
            f"{plural(s['change_ideas'], 'change idea', 'change ideas')}",
            url,
        ),
    ]
