"""The wheel's shapes, worked out without Django."""

from __future__ import annotations

import math
import re

from mobilise.workspace.components import AROUND
from mobilise.workspace.wheel import CENTRE_RADIUS, INNER_RADIUS, wheel_geometry, wrap_label


def _labels() -> list[tuple[str, str]]:
    return [(c.key, c.name) for c in AROUND]


def test_seven_segments_go_round_the_centre_in_order():
    wheel = wheel_geometry(_labels())
    assert [s.key for s in wheel.segments] == [c.key for c in AROUND]
    assert wheel.centre_radius == CENTRE_RADIUS < INNER_RADIUS


def test_the_first_segment_sits_at_twelve_o_clock():
    first = wheel_geometry(_labels()).segments[0]
    assert math.isclose(first.label_x, 300, abs_tol=0.01)
    assert first.label_y < 300


def test_every_segment_is_a_closed_ring_slice_inside_the_picture():
    for segment in wheel_geometry(_labels()).segments:
        assert segment.path.startswith("M ") and segment.path.endswith(" Z")
        assert segment.path.count(" A ") == 2
        numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", segment.path)]
        assert all(-0.01 <= n <= 600 for n in numbers)


def test_label_points_are_spread_evenly():
    segments = wheel_geometry(_labels()).segments
    distances = {round(math.dist((s.label_x, s.label_y), (300, 300)), 1) for s in segments}
    assert len(distances) == 1


def test_lines_of_a_label_are_centred_on_its_point():
    segment = wheel_geometry([("a", "Engagement to mobilise")]).segments[0]
    ys = [segment.line_y(i) for i in range(len(segment.lines))]
    assert math.isclose(sum(ys) / len(ys), segment.label_y, abs_tol=0.1)


def test_long_labels_wrap_at_spaces_and_are_cut_with_an_ellipsis():
    assert wrap_label("Engagement to mobilise") == ("Engagement to", "mobilise")
    assert wrap_label("Leadership for change") == ("Leadership for", "change")
    lines = wrap_label("one two three four five six seven eight nine ten eleven", width=8, max_lines=2)
    assert len(lines) == 2 and lines[-1].endswith("…")
    assert wrap_label("") == ()
