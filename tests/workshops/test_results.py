"""Feedback totals: the net-recommend score, and nothing shown for fewer than 8 answers."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from mobilise.workshops.results import Answer, net_recommend, summarise, trend_sentence

answers = st.builds(
    Answer,
    pace=st.integers(1, 5),
    usefulness=st.integers(1, 5),
    facilitation=st.integers(1, 5),
    recommend=st.integers(0, 10),
)


@given(st.lists(st.integers(0, 10), min_size=1, max_size=300))
def test_net_recommend_is_promoters_less_detractors_as_a_whole_percentage(scores: list[int]) -> None:
    score = net_recommend(scores)
    assert -100 <= score <= 100
    promoters = sum(s >= 9 for s in scores) / len(scores)
    detractors = sum(s <= 6 for s in scores) / len(scores)
    assert abs(score - 100 * (promoters - detractors)) <= 0.5
    assert net_recommend(sorted(scores)) == score  # the order people answered in makes no difference


@given(st.lists(answers, max_size=7))
def test_fewer_than_eight_answers_show_no_numbers_at_all(items: list[Answer]) -> None:
    summary = summarise("A session", items)
    assert not summary.shown
    assert (summary.net_recommend, summary.usefulness, summary.facilitation, summary.pace_about_right) == (
        None,
        None,
        None,
        None,
    )
    assert summary.count_text in ("No answers yet", "Fewer than 8 answers")


@given(st.lists(answers, min_size=8, max_size=200))
def test_eight_or_more_answers_show_the_score_and_averages_in_range(items: list[Answer]) -> None:
    summary = summarise("A session", items)
    assert summary.shown and summary.answers == len(items)
    assert summary.net_recommend == net_recommend([a.recommend for a in items])
    assert summary.usefulness is not None and 1 <= summary.usefulness <= 5
    assert summary.pace_about_right is not None and 0 <= summary.pace_about_right <= 100


def test_trend_needs_two_sessions_with_enough_answers() -> None:
    few = summarise("First", [Answer(3, 4, 4, 10)] * 3)
    high = summarise("Second", [Answer(3, 4, 4, 10)] * 8)
    low = summarise("Third", [Answer(3, 4, 4, 3)] * 8)
    assert "not yet two sessions" in trend_sentence([few, high])
    assert (
        trend_sentence([few, high, low]) == "The net-recommend score fell from 100 to -100 across 2 sessions."
    )
    assert "rose from -100 to 100" in trend_sentence([low, high])
