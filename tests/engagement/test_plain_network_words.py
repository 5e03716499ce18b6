"""The network page speaks plainly: findings in words, no indices, and counts of groups shown."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from mobilise.engagement.diagnosis_text import MEASURES
from mobilise.engagement.results import reliance_words, speak_plainly

indices = st.floats(0, 1, allow_nan=False).map(lambda v: f"{v:.2f}")


@given(indices, indices)
def test_the_engines_statistics_are_taken_out_of_its_sentences(a: str, b: str) -> None:
    finding = (
        "Contacts lean on a few people: Person 3 is tied to 40% of everyone "
        f"(degree centralisation {a}, where 0 means everyone has the same number of contacts and 1 means "
        f"one person is tied to everyone; {b} or more counts as concentrated)."
    )
    assert speak_plainly(finding) == "Contacts lean on a few people: Person 3 is tied to 40% of everyone."
    spread = (
        "No one dominates: contacts and routes are spread across many people (degree "
        f"centralisation {a} and betweenness centralisation {b}, where 0 is perfectly even)."
    )
    assert "centralisation" not in speak_plainly(spread)


@given(st.floats(0, 1, allow_nan=False))
def test_reliance_on_hubs_is_said_in_words(value: float) -> None:
    assert reliance_words(value) in {"Low", "Some", "High"}


def test_counts_of_groups_are_not_treated_as_counts_of_people() -> None:
    assert MEASURES["components"][2] is False and MEASURES["communities"][2] is False
    assert MEASURES["people"][2] is True and MEASURES["isolates"][2] is True
