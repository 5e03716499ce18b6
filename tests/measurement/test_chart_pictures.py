"""What a person sees in an SPC chart, for generated series of any shape: one marker per value,
no word cut off or written over another, a gap where a period is missing, and a headline that
says which way a step went."""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mobilise.core.chart_text import spread, text_width, wrap
from mobilise.measurement.analysis import SeriesInput, analyse_series
from mobilise.measurement.charts.sentences import headline
from mobilise.measurement.charts.svg import NARROW, WIDE, ChartNote, render_chart

from .factories import monthly

SVG = "{http://www.w3.org/2000/svg}"
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyzWM %&<>'0123456789-", min_size=0, max_size=90)


def later(start: date, frequency: str, steps: int) -> date:
    if frequency == "month":
        return monthly(steps + 1, start)[-1]
    if frequency == "quarter":
        return monthly(3 * steps + 1, start)[-1]
    if frequency == "week":
        return start + timedelta(weeks=steps)
    return start + timedelta(days=steps)


@dataclass
class Drawn:
    slots: list[int]  # each period's place counting the missing ones
    values: list[float | None]
    frequency: str
    svg: ET.Element
    width: float
    height: float


@st.composite
def charts(draw: st.DrawFn) -> Drawn:
    frequency = draw(st.sampled_from(["month", "week", "day", "quarter"]))
    n = draw(st.integers(2, 200))
    skips = draw(st.lists(st.integers(1, 3), min_size=n - 1, max_size=n - 1))
    slots = [0, *itertools.accumulate(d if draw(st.booleans()) else 1 for d in skips)]
    periods = [later(date(2022, 1, 1), frequency, s) for s in slots]
    magnitude = draw(st.sampled_from([1e-3, 1.0, 45.0, 1e4, 1e7]))
    raw = draw(st.lists(st.floats(-3, 3) | st.none(), min_size=n, max_size=n))
    values = [None if v is None else magnitude * (10 + v) for v in raw]
    phase_starts = sorted(set(draw(st.lists(st.sampled_from(periods[1:]), max_size=3))))
    notes = [
        ChartNote(k, when, draw(WORDS), draw(st.sampled_from(["note", "test"])))
        for k, when in enumerate(sorted(draw(st.lists(st.sampled_from(periods), max_size=12))), start=1)
    ]
    a = analyse_series(
        [
            SeriesInput(
                key=1,
                chart=draw(st.sampled_from(["xmr", "run"])),
                periods=periods,
                values=values,
                improvement=draw(st.sampled_from(["increase", "decrease", "neither"])),
                target=draw(st.none() | st.floats(0, 12).map(lambda t: t * magnitude)),
                phase_starts=phase_starts,
                unit=draw(st.sampled_from(["", "%", "minutes"]) | WORDS),
            )
        ]
    )[0]
    frame = draw(st.sampled_from([WIDE, NARROW]))
    markup = str(render_chart(a, title=draw(WORDS), frequency=frequency, notes=notes, frame=frame))
    root = ET.fromstring(markup)
    _, _, width, height = (float(x) for x in root.attrib["viewBox"].split())
    return Drawn(slots, values, frequency, root, width, height)


def text_boxes(drawn: Drawn) -> list[tuple[str, float, float, float, float]]:
    """(text, left, top, right, bottom) of every text element, by the same estimate as the chart."""
    base = float(drawn.svg.attrib["font-size"])
    boxes = []
    for element in drawn.svg.iter(f"{SVG}text"):
        text = "".join(element.itertext())
        size = float(element.attrib.get("font-size", base))
        width = text_width(text, size)
        x, y = float(element.attrib["x"]), float(element.attrib["y"])
        anchor = element.attrib.get("text-anchor", "start")
        left = x - {"start": 0, "middle": width / 2, "end": width}[anchor]
        boxes.append((text, left, y - 0.8 * size, left + width, y + 0.25 * size))
    return boxes


def points(drawn: Drawn) -> list[ET.Element]:
    return [g for g in drawn.svg.iter(f"{SVG}g") if g.attrib.get("class") == "chart-point"]


def data_path(drawn: Drawn) -> str:
    found = [p.attrib["d"] for p in drawn.svg.iter(f"{SVG}path") if p.attrib.get("stroke") == "#4c6272"]
    return found[0] if found else ""


@SETTINGS
@given(charts())
def test_every_value_has_exactly_one_marker(drawn: Drawn) -> None:
    shown = [g for g in points(drawn)]
    assert len(shown) == sum(v is not None for v in drawn.values)
    for g in shown:
        visible = [
            child for child in g if child.tag != f"{SVG}title" and child.attrib.get("fill") != "transparent"
        ]
        assert len(visible) == 1
    centres = {(g.find(f"{SVG}circle[@fill='transparent']").attrib["cx"]) for g in shown}  # type: ignore[union-attr]
    assert len(centres) == len(shown)  # no two values drawn at the same place in time


@SETTINGS
@given(charts())
def test_no_word_is_cut_off_or_written_over_another(drawn: Drawn) -> None:
    boxes = text_boxes(drawn)
    for text, left, top, right, bottom in boxes:
        assert left >= -0.5 and right <= drawn.width + 0.5, f"{text!r} runs off the side"
        assert top >= -0.5 and bottom <= drawn.height + 0.5, f"{text!r} runs off the top or bottom"
    for (t1, l1, u1, r1, b1), (t2, l2, u2, r2, b2) in itertools.combinations(boxes, 2):
        apart = r1 <= l2 + 0.5 or r2 <= l1 + 0.5 or b1 <= u2 + 0.5 or b2 <= u1 + 0.5
        assert apart, f"{t1!r} and {t2!r} overlap"


@SETTINGS
@given(charts())
def test_the_line_breaks_where_a_period_is_missing(drawn: Drawn) -> None:
    xs = [float(g.find(f"{SVG}circle[@fill='transparent']").attrib["cx"]) for g in points(drawn)]  # type: ignore[union-attr]
    slots = [s for s, v in zip(drawn.slots, drawn.values, strict=True) if v is not None]
    joined = {
        (round(x1, 1), round(x2, 1))
        for (x1, s1), (x2, s2) in itertools.pairwise(zip(xs, slots, strict=True))
        if s2 - s1 == 1
    }
    segments = re.findall(r"([ML])([-\d.]+) [-\d.]+", data_path(drawn))
    for (_, x1), (command, x2) in itertools.pairwise(segments):
        if command == "L":
            assert (float(x1), float(x2)) in joined, "the line crosses a missing period"


def test_a_missing_month_leaves_a_gap_in_the_line_and_the_limits() -> None:
    periods = [p for i, p in enumerate(monthly(20)) if i != 10]
    a = analyse_series(
        [SeriesInput(key=1, chart="xmr", periods=periods, values=[20 + i % 3 for i in range(19)])]
    )[0]
    svg = str(render_chart(a, title="Falls", frequency="month"))
    line = re.search(r'<path d="([^"]+)" fill="none" stroke="#4c6272"', svg)
    assert line is not None and line.group(1).count("M") == 2
    limit = re.search(r'<path d="([^"]+)" fill="none" stroke="#425563"', svg)
    assert limit is not None and limit.group(1).count("M") == 2


def test_notes_on_the_same_day_share_one_marker() -> None:
    a = analyse_series([SeriesInput(key=1, chart="xmr", periods=monthly(24), values=[20.0] * 24)])[0]
    notes = [ChartNote(k, date(2023, 6, 1), f"Note {k}") for k in (1, 2, 3)]
    svg = str(render_chart(a, title="Falls", frequency="month", notes=notes))
    assert svg.count('class="chart-note"') == 1 and ">1–3</text>" in svg


@st.composite
def steps(draw: st.DrawFn) -> tuple[list[float], int, float, float]:
    before, after = draw(st.integers(4, 40)), draw(st.integers(4, 40))
    level = draw(st.floats(10, 1000))
    jump = draw(st.sampled_from([-1, 1])) * level * draw(st.floats(0.2, 0.8))
    noise = draw(st.lists(st.floats(-0.02, 0.02), min_size=before + after, max_size=before + after))
    values = [level * (1 + e) for e in noise[:before]] + [(level + jump) + level * e for e in noise[before:]]
    return values, before, level, level + jump


@SETTINGS
@given(steps(), st.sampled_from(["increase", "decrease"]))
def test_the_headline_says_which_way_a_step_went(
    step: tuple[list[float], int, float, float], better: str
) -> None:
    values, before, old, new = step
    periods = monthly(len(values))
    a = analyse_series(
        [
            SeriesInput(
                key=1,
                chart="xmr",
                periods=periods,
                values=values,
                improvement=better,
                phase_starts=[periods[before]],
            )
        ]
    )[0]
    said = headline(a, "month", [(periods[before], "New triage")])
    went = "rose" if new > old else "fell"
    assert f"The average {went} from " in said and "(new triage)" in said
    assert ("an improvement" in said) == ((new > old) == (better == "increase"))
    assert f"All {len(values) - before} months since are" in said


def test_the_headline_tells_the_story_of_a_rebase() -> None:
    periods = monthly(30)
    values = [
        47,
        46,
        48,
        47,
        45,
        49,
        47,
        46,
        48,
        47,
        46,
        48,
        47,
        47,
        46,
        48,
        36,
        35,
        37,
        36,
        34,
        36,
        37,
        35,
        36,
        36,
        35,
        37,
        36,
        35,
    ]
    a = analyse_series(
        [
            SeriesInput(
                key=1,
                chart="xmr",
                periods=periods,
                values=values,
                improvement="decrease",
                phase_starts=[periods[16]],
                unit="admissions",
                target=40,
            )
        ]
    )[0]
    said = headline(a, "month", [(periods[16], "Same-day triage at every site")])
    assert said.startswith(
        "The average fell from 47 to 35.8 admissions in May 2024 (same-day triage at every site), "
        "an improvement."
    )
    assert "All 14 months since are below the old average of 47." in said
    assert "will meet the target of 40 admissions" in said


@SETTINGS
@given(st.lists(st.tuples(WORDS, st.floats(0, 1)), min_size=1, max_size=6))
def test_end_labels_never_overlap(lines: list[tuple[str, float]]) -> None:
    from mobilise.engagement import charts as line_charts

    chart = line_charts.line_chart(
        ["Jan", "Feb", "Mar"], [(label or "x", [v * 100, v * 50, v * 100]) for label, v in lines]
    )
    labels = line_charts.end_labels(chart)
    assert [label.line.label for label in labels] == [label or "x" for label, _ in lines]
    boxes = []
    for label in labels:
        for y, text in label.baselines:
            assert chart.label_x + text_width(text, line_charts.FONT) <= chart.width
            assert y - 0.8 * line_charts.FONT >= 0 and y + 0.25 * line_charts.FONT <= chart.height
            boxes.append((y - 0.8 * line_charts.FONT, y + 0.25 * line_charts.FONT))
    boxes.sort()
    for (_, bottom), (top, _) in itertools.pairwise(boxes):
        assert bottom <= top + 0.5


@given(WORDS, st.floats(20, 300), st.integers(1, 4))
def test_wrapped_words_fit_their_room(text: str, room: float, most: int) -> None:
    lines = wrap(text, room, 12, most)
    assert len(lines) <= most
    assert all(text_width(line, 12) <= room + 0.01 or len(line) == 1 for line in lines)


@given(st.lists(st.floats(-50, 400), min_size=1, max_size=8))
def test_spread_boxes_keep_apart_and_inside(wanted: list[float]) -> None:
    heights = [16.0] * len(wanted)
    tops = spread(wanted, heights, 0, 300)
    ordered = sorted(tops)
    assert all(b - a >= 16 - 1e-9 for a, b in itertools.pairwise(ordered))
    assert ordered[0] >= -1e-9 and ordered[-1] + 16 <= 300 + 1e-9
