"""The engagement-over-time and what-if charts at both sizes: on families of generated charts, every
word stays inside the picture, the end labels and the dates stand apart, and the last date shows."""

from __future__ import annotations

import itertools
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from mobilise.core.chart_text import text_width
from mobilise.engagement import charts

LABELS = st.one_of(
    st.sampled_from(
        ["TO", "FOR", "WITH", "BY", "Formal leaders", "Informal influencers", "Brokers", "People at random"]
    ),
    st.text(alphabet="abcdefghijklmnopqrstuvwxyzWM %&-", min_size=1, max_size=60),
)
MONTHS = [f"{date(2023 + m // 12, m % 12 + 1, 1):%b %Y}" for m in range(36)]


@settings(max_examples=80, deadline=None)
@given(
    frame=st.sampled_from([charts.WIDE, charts.NARROW]),
    count=st.integers(1, 24),
    months=st.booleans(),
    lines=st.lists(
        st.tuples(LABELS, st.lists(st.integers(0, 400), min_size=24, max_size=24)), min_size=1, max_size=5
    ),
)
def test_every_word_fits_and_nothing_overlaps(
    frame: charts.Frame, count: int, months: bool, lines: list[tuple[str, list[int]]]
) -> None:
    x_labels = MONTHS[:count] if months else [str(i) for i in range(count)]
    chart = charts.line_chart(x_labels, [(label, values[:count]) for label, values in lines], frame=frame)
    assert chart.width == frame.width
    # End labels: inside the picture, one above the other
    boxes = []
    for label in charts.end_labels(chart):
        for y, text in label.baselines:
            assert chart.label_x + text_width(text, charts.FONT) <= chart.width
            assert y - 0.8 * charts.FONT >= 0 and y + 0.25 * charts.FONT <= chart.plot_bottom + 8
            boxes.append((y - 0.8 * charts.FONT, y + 0.25 * charts.FONT))
    for (_, bottom), (top, _) in itertools.pairwise(sorted(boxes)):
        assert bottom <= top + 0.5
    # Dates: inside the picture, left to right with a gap, the last one always shown
    spans = []
    for tick in chart.x_ticks:
        half = text_width(tick.label, charts.FONT) / 2
        assert tick.position - half >= 0 and tick.position + half <= chart.width
        spans.append((tick.position - half, tick.position + half))
    for (_, right), (left, _) in itertools.pairwise(spans):
        assert right + charts.TICK_GAP <= left + 0.01
    assert chart.x_ticks[-1].label == x_labels[-1]
    # Values: the axis numbers fit to the left of the plot
    for tick in chart.y_ticks:
        assert chart.plot_left - 6 - text_width(tick.label, charts.FONT) >= 0


def test_a_chart_comes_wide_and_narrow_with_the_same_lines() -> None:
    wide, narrow = charts.drawings(MONTHS[:24], [("WITH", list(range(24))), ("BY", [3] * 24)])
    assert (wide.size, wide.chart.width, narrow.size, narrow.chart.width) == ("wide", 640, "narrow", 320)
    assert [d.chart.lines[0].label for d in (wide, narrow)] == ["WITH", "WITH"]
    assert len(narrow.chart.x_ticks) < len(wide.chart.x_ticks)
