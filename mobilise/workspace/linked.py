"""What the team has actually built for a component elsewhere in Mobilise.

The component page shows this so the team sees the component's real state, not a tick: a
methodology with three driver diagrams and 40 tests of change speaks for itself. Other apps are
read through lazy imports so the workspace works whichever parts a site uses.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse

from mobilise.programmes.models import Programme


@dataclass(frozen=True)
class LinkedWork:
    text: str
    url: str | None


def _url(name: str, programme: Programme) -> str | None:
    try:
        return reverse(name, kwargs={"slug": programme.slug})
    except NoReverseMatch:
        return None


def _plural(n: int, one: str, many: str) -> str:
    return f"{n:,} {one if n == 1 else many}"


def _methodology(programme: Programme) -> list[LinkedWork]:
    from mobilise.improvement.summary import improvement_summary

    s = improvement_summary(programme)
    items = [
        LinkedWork(
            f"Theory of change: {s['theory_steps_filled']} of 6 steps written "
            f"({_plural(s['theory_items'], 'statement', 'statements')})",
            _url("improvement:overview", programme),
        ),
        LinkedWork(
            f"{_plural(s['diagrams'], 'driver diagram', 'driver diagrams')} with "
            f"{_plural(s['drivers'], 'driver', 'drivers')} and "
            f"{_plural(s['change_ideas'], 'change idea', 'change ideas')}",
            _url("improvement:overview", programme),
        ),
    ]
    if s.get("tests_of_change") is not None:
        items.append(
            LinkedWork(
                _plural(s["tests_of_change"], "test of change logged", "tests of change logged"),
                _url("pdsa:wall", programme),
            )
        )
    return items


def _measurement(programme: Programme) -> list[LinkedWork]:
    from mobilise.measurement.models import Measure

    n = Measure.objects.filter(programme=programme).count()
    text = _plural(n, "measure tracked", "measures tracked")
    return [LinkedWork(text, _url("measurement:dashboard", programme))]


_SOURCES = {"methodology": _methodology, "measurement": _measurement}


def linked_work(programme: Programme, component: str) -> list[LinkedWork]:
    source = _SOURCES.get(component)
    return source(programme) if source else []
