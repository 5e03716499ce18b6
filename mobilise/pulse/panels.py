"""Energy on the programme home and the leadership page, and the prompts a pulse raises there:
a real (special-cause) fall in any energy, or energy slipping while the outcome measures look good,
which is the moment people decide the job is done and go back to the day job."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mobilise.measurement.analysis import analyse_series
from mobilise.measurement.reads import measures_in, series_inputs
from mobilise.programmes.models import Programme
from mobilise.workspace.board import BoardSection, BoardTable
from mobilise.workspace.panels import Panel

from .reads import latest_pulse
from .results import Results, fmt_mean, pulse_results


@dataclass(frozen=True)
class Prompt:
    title: str
    text: str
    actions: tuple[tuple[str, str], ...]  # (link text, component key)


ACTIONS = (
    ("Refresh the story of why this matters", "purpose"),
    ("Revisit the shared purpose together", "purpose"),
    ("Make space for people: look after those leading day to day", "leadership"),
)


def outcomes_look_good(programme: Programme) -> bool:
    """At least one outcome measure shows a real improvement and none a real concern."""
    measures = list(measures_in(programme, type="outcome"))
    if not measures:
        return False
    icons = [a.variation_icon or "" for a in analyse_series(series_inputs(measures))]
    return any(i.startswith("improvement") for i in icons) and not any(i.startswith("concern") for i in icons)


def prompts(results: Results, programme: Programme) -> list[Prompt]:
    found = []
    fell = [t.name.lower() for t in results.energies if t.fell]
    if fell:
        found.append(
            Prompt(
                "Energy has fallen",
                f"The latest pulse shows a real fall in {', '.join(fell)}: "
                "more than the usual ups and downs.",
                ACTIONS,
            )
        )
    slipping = [t for t in results.energies if t.change is not None and t.change < 0]
    if not fell and len(slipping) >= 2 and outcomes_look_good(programme):
        found.append(
            Prompt(
                "Things look good, but energy is slipping",
                "Your outcome measures are improving while energy for the change is going down. This is the "
                "riskiest moment: people think the job is done and go back to the day job.",
                ACTIONS,
            )
        )
    return found


def _context(programme: Programme) -> dict[str, Any] | None:
    pulse = latest_pulse(programme)
    if pulse is None:
        return None
    results = pulse_results(pulse)
    energies = [(t.name, fmt_mean(t.latest), t.change) for t in results.energies]
    return {
        "programme": programme,
        "pulse": pulse,
        "energies": energies,
        "prompts": prompts(results, programme),
        "shown": any(e[1] != "not shown" for e in energies),
    }


def home_panel(programme: Programme, user: Any) -> Panel | None:
    context = _context(programme)
    return None if context is None else Panel("pulse/panel_energy.jinja", context)


def leadership_panel(programme: Programme, user: Any, component: str) -> Panel | None:
    if component != "leadership":
        return None
    context = _context(programme)
    return None if context is None else Panel("pulse/panel_energy.jinja", context)


def board_section(programme: Programme) -> BoardSection | None:
    """Energy for the board paper: each energy's latest level and change, under disclosure control."""
    context = _context(programme)
    if context is None:
        return None
    rows = []
    for name, latest, change in context["energies"]:
        if latest == "not shown" or change is None:
            moved = "Not shown" if latest == "not shown" else "First reading"
        else:
            moved = "Up" if change > 0 else "Down" if change < 0 else "No change"
        rows.append((name, latest, moved))
    items = [f"{prompt.title}: {prompt.text}" for prompt in context["prompts"]]
    return BoardSection(
        key="energy",
        title="Energy for the change",
        intro=f"From the latest wave of “{context['pulse'].name}”. Small groups are never shown.",
        items=items,
        table=BoardTable(
            caption="Energy in the latest pulse",
            headings=("Energy", "Latest", "Since the wave before"),
            rows=rows,
        ),
        component="leadership",
    )
