"""The SVG chart: readable without colour, labelled, escaped, with markers and phases."""

from __future__ import annotations

from datetime import date

from mobilise.measurement.analysis import SeriesInput, analyse_series
from mobilise.measurement.charts.icons import assurance_icon, symbol_definitions, variation_icon
from mobilise.measurement.charts.numbers import fmt, with_unit
from mobilise.measurement.charts.svg import ChartNote, nice_ticks, note_position, render_chart

from .factories import monthly

STABLE = [20, 22, 19, 21, 20, 23, 18, 21, 22, 20, 19, 21, 20, 22, 21, 19, 20, 22, 21, 20]


def chart(values, notes=(), **kwargs):
    periods = monthly(len(values))
    a = analyse_series([SeriesInput(key=1, chart="xmr", periods=periods, values=values, **kwargs)])[0]
    return str(render_chart(a, title="Falls <per> 1,000 & more", frequency="month", notes=notes))


def test_the_chart_is_an_image_with_a_title_and_its_sentence():
    svg = chart(STABLE, unit="%")
    assert (
        svg.startswith("<svg") and 'role="img"' in svg and 'aria-labelledby="chart-title chart-desc"' in svg
    )
    assert '<title id="chart-title">Falls &lt;per&gt; 1,000 &amp; more</title>' in svg
    assert "Common cause variation: no signals; the process is stable between 15.5% and 25.6%." in svg


def test_limits_mean_and_target_are_labelled():
    svg = chart(STABLE, target=24, unit="%")
    for label in ("Upper limit 25.6%", "Mean 20.6%", "Lower limit 15.5%", "Target 24%"):
        assert label in svg


def test_special_points_have_their_own_shapes_not_only_colours():
    svg = chart([*STABLE, 40, 2], improvement="increase")
    assert "<rect" in svg and "#00b0f0" in svg  # improvement: a blue square
    assert "(special cause improvement)" in svg and "(special cause concern)" in svg
    assert svg.count("<circle") >= len(STABLE)  # common cause: grey circles


def test_annotations_and_tests_of_change_are_numbered_markers():
    notes = [
        ChartNote(1, date(2023, 4, 1), "New triage <started>"),
        ChartNote(2, date(2023, 6, 15), "Test", "test"),
    ]
    svg = chart(STABLE, notes=notes)
    assert "1. April 2023: New triage &lt;started&gt;" in svg
    assert "2. June 2023: Test" in svg
    assert 'width="18" height="18"' in svg  # a test of change is a square marker


def test_phase_breaks_are_drawn_and_named():
    svg = chart([*STABLE, 30, 31, 29, 30, 32, 31, 30], phase_starts=[monthly(27)[20]])
    assert ">Phase 2</text>" in svg


def test_a_chart_with_no_data_still_draws():
    assert "No data yet." in chart([])


def test_tick_values_are_round_numbers():
    assert nice_ticks(15.5, 25.6) == [14.0, 16.0, 18.0, 20.0, 22.0, 24.0, 26.0]
    assert nice_ticks(0, 1) == [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]


def test_a_note_between_two_points_sits_between_them():
    periods = [date(2024, 1, 1), date(2024, 2, 1)]
    assert note_position(periods, date(2024, 1, 1)) == 0.0
    assert 0.4 < note_position(periods, date(2024, 1, 16)) < 0.6
    assert note_position(periods, date(2025, 1, 1)) is None


def test_numbers_show_no_more_digits_than_they_need():
    assert [fmt(x) for x in (12.0, 12.345, 1234.5, 0.01234, 3.10, 0.0)] == [
        "12",
        "12.3",
        "1,234",
        "0.0123",
        "3.1",
        "0",
    ]
    assert (
        with_unit(95, "%") == "95%" and with_unit(3.5, "days") == "3.5 days" and with_unit(None, "%") == "–"
    )


def test_icons_always_carry_a_text_label():
    defs = str(symbol_definitions())
    assert 'id="mdc-variation-improvement_high"' in defs and 'id="mdc-assurance-inconsistent"' in defs
    icon = str(variation_icon("concern_low"))
    assert 'href="#mdc-variation-concern_low"' in icon and "Special cause concern: lower" in icon
    assert 'aria-hidden="true"' in icon
    assert "Will hit and miss the target at random" in str(assurance_icon("inconsistent"))
    assert "No target" in str(assurance_icon(None, has_target=False))
