"""What spread shows elsewhere: a panel and links on the Spread of innovation component page, and
the hook that moves a site to adopted when a test of change there ends "adopt"."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from mobilise.programmes.models import Programme
from mobilise.workspace.linked import LinkedWork, plural
from mobilise.workspace.panels import Panel

from .models import Practice, Site, SiteMeasure

COMPONENT = "spread"


def linked(programme: Programme) -> list[LinkedWork]:
    practices = Practice.objects.filter(programme=programme).count()
    sites = Site.objects.filter(programme=programme).count()
    measures = SiteMeasure.objects.filter(programme=programme).count()
    url = reverse("adoption:spread", kwargs={"slug": programme.slug})
    items = [LinkedWork(plural(practices, "practice being spread", "practices being spread"), url)]
    items.append(
        LinkedWork(plural(sites, "site", "sites"), reverse("adoption:sites", kwargs={"slug": programme.slug}))
    )
    if measures:
        items.append(
            LinkedWork(
                plural(measures, "measure compared across sites", "measures compared across sites"), url
            )
        )
    return items


def component_panel(programme: Programme, user: Any, component: str) -> Panel | None:
    if component != COMPONENT:
        return None
    return Panel(
        "adoption/panel.jinja",
        {"programme": programme, "url": reverse("adoption:spread", kwargs={"slug": programme.slug})},
    )


def on_test_saved(sender: Any, instance: Any, **kwargs: Any) -> None:
    from mobilise.core.history import saved_by

    from .services import adopt_from_test

    adopt_from_test(instance, user=saved_by(instance))
