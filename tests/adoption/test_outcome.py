"""The cycle's outcome is suggested from the evidence, never imposed."""

from __future__ import annotations

from datetime import date, timedelta

from mobilise.adoption.analysis import adoption
from mobilise.adoption.models import Practice, Site
from mobilise.adoption.reads import Change

LAUNCH = date(2025, 1, 1)


def picture(stages: list[list[tuple[int, str]]], on: date, *, energy_falling: bool | None = None):  # type: ignore[no-untyped-def]
    practice = Practice(name="Huddles", launched_on=LAUNCH, pk=1)
    sites = [Site(pk=i + 1, name=f"Site {i}") for i in range(len(stages))]
    changes = [
        Change(pk=10 * i + j, site_id=i + 1, stage=stage, on=LAUNCH + timedelta(days=30 * month))
        for i, history in enumerate(stages)
        for j, (month, stage) in enumerate(history)
    ]
    return adoption(practice, sites, changes, on, energy_falling=energy_falling, milestones=[])


def test_becoming_the_norm() -> None:
    stages = [[(1 + i // 2, "adopted"), (8, "sustained")] for i in range(9)] + [[]]
    a = picture(stages, date(2025, 12, 1))
    assert a.outcome is not None and a.outcome.key == "norm"
    assert "9 of 10 sites have adopted it (90%)." in a.outcome.evidence


def test_plateau_and_running_out_of_energy() -> None:
    stages = [[(1 + i, "adopted")] for i in range(3)] + [[] for _ in range(7)]
    a = picture(stages, date(2025, 12, 1))
    assert a.outcome is not None and a.outcome.key == "plateau"
    tired = picture(stages, date(2025, 12, 1), energy_falling=True)
    assert tired.outcome is not None and tired.outcome.key == "energy"
    assert "The latest pulse shows energy for the change going down." in tired.outcome.evidence


def test_no_suggestion_while_it_is_still_spreading() -> None:
    stages = [[(i, "adopted")] for i in range(1, 10)] + [[]] * 11
    assert picture(stages, date(2025, 10, 15)).outcome is None
