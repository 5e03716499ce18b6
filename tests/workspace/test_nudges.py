"""Nudges on "Your programmes" invite and follow the stage; they never count components."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from mobilise.programmes.models import Stage
from mobilise.workspace.components import BY_KEY, KEYS, STAGE_FOCUS
from mobilise.workspace.contributions import stage_nudges

stages = st.sampled_from([s.value for s in Stage])
component_sets = st.lists(st.sampled_from(KEYS), unique=True)


@given(stages, component_sets, component_sets)
def test_only_components_that_matter_at_this_stage_are_suggested(
    stage: str, untouched: list[str], needing: list[str]
) -> None:
    nudges = stage_nudges(stage, untouched, needing, [])
    looks = [n for n in nudges if n.startswith("Would it help to look at")]
    for key in untouched:
        named = any(BY_KEY[key].name in n for n in looks)
        assert named == (key in STAGE_FOCUS[stage])


@given(stages, component_sets, component_sets, st.integers(0, 5))
def test_every_nudge_is_an_invitation_and_none_counts_components(
    stage: str, untouched: list[str], needing: list[str], tensions: int
) -> None:
    pairs = [f"Pair {i} and pair {i + 1}" for i in range(tensions)]
    for nudge in stage_nudges(stage, untouched, needing, pairs):
        assert nudge.startswith("Would it help to ")
        assert "of 8" not in nudge and "not yet touched" not in nudge


def test_a_programme_framing_its_issue_is_not_asked_about_spread() -> None:
    nudges = stage_nudges(Stage.FRAME, ["spread", "methodology", "leadership"], [], [])
    assert nudges == [
        "Would it help to look at Leadership for change next? Nobody has written about it yet, "
        "and it usually matters most while framing the issue."
    ]


def test_one_open_tension_is_named() -> None:
    nudges = stage_nudges(Stage.CHANGE, [], [], ["Our shared purpose and System drivers"])
    pair = "Our shared purpose and System drivers"
    assert nudges == [f"Would it help to agree what to do about the open tension between {pair}?"]
