"""What exists of the programme's improvement methodology, for the Change Model workspace."""

from __future__ import annotations

from typing import Any

from mobilise.programmes.models import Programme

from .models import ChangeIdea, Driver, DriverDiagram, TheoryItem
from .reads import count_tests_of_change


def improvement_summary(programme: Programme) -> dict[str, Any]:
    """Counts of what the team has built (live items in live diagrams), in five queries.

    `tests_of_change` is None while the tests-of-change part has no models to count.
    `theory_steps_filled` says how many of the six steps of the theory have at least one item.
    """
    live_diagram = {"diagram__deleted_at__isnull": True}
    steps = set(TheoryItem.objects.filter(programme=programme).values_list("step", flat=True))
    theory_count = TheoryItem.objects.filter(programme=programme).count()
    return {
        "diagrams": DriverDiagram.objects.filter(programme=programme).count(),
        "drivers": Driver.objects.filter(programme=programme, **live_diagram).count(),
        "change_ideas": ChangeIdea.objects.filter(programme=programme, **live_diagram).count(),
        "theory_items": theory_count,
        "theory_steps_filled": len(steps),
        "tests_of_change": count_tests_of_change(programme),
    }
