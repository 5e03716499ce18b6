"""The aim reads as a sentence whatever joining word people typed into "by how much"."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from mobilise.improvement.presenters import how_much_phrase

own_words = st.sampled_from(["from", "to", "by", "under", "down", "up", "From", "below"])
amounts = st.from_regex(r"[0-9]{1,3}(%| a month)?", fullmatch=True)


@given(own_words, amounts, amounts)
def test_a_phrase_with_its_own_joining_word_is_never_prefixed(word: str, a: str, b: str) -> None:
    phrase = how_much_phrase(f"{word} {a} to {b}")
    assert phrase == f"{word} {a} to {b}"
    assert not phrase.lower().startswith(("by from", "by to", "by by", "by under"))


@given(amounts)
def test_a_bare_amount_reads_by_that_amount(amount: str) -> None:
    assert how_much_phrase(f" {amount} ") == f"by {amount}"


def test_the_report_that_tripped_people_up() -> None:
    assert how_much_phrase("from 40% to 70%") == "from 40% to 70%"
