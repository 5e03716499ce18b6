"""What the wheel and its table say about each component, tested without views."""

from __future__ import annotations

from datetime import UTC, datetime

from mobilise.programmes.models import Outcome, Stage
from mobilise.workspace.presenters import group_notes, purpose_headline, stage_picture, summarise
from mobilise.workspace.vocabulary import PLAIN, Vocabulary

EARLY = datetime(2026, 3, 1, tzinfo=UTC)
LATE = datetime(2026, 3, 5, tzinfo=UTC)


def test_a_component_with_no_notes_and_no_status_is_untouched():
    summaries = {s.key: s for s in summarise([], [], PLAIN)}
    assert len(summaries) == 8
    assert all(s.untouched for s in summaries.values())
    assert "nobody has looked at this yet" in summaries["spread"].description


def test_a_note_or_a_status_means_someone_has_looked():
    summaries = {
        s.key: s
        for s in summarise(
            [("delivery", "exploring", EARLY)],
            [("spread", "decision", 2, LATE), ("spread", "evidence", 1, EARLY)],
            PLAIN,
        )
    }
    assert not summaries["delivery"].untouched
    assert summaries["delivery"].status_label == "Exploring"
    assert summaries["spread"].decisions == 2 and summaries["spread"].evidence == 1
    assert summaries["spread"].last_updated == LATE
    assert summaries["spread"].description.endswith("0 notes, 2 decisions, 1 evidence")
    assert summaries["leadership"].untouched


def test_status_is_shown_with_a_symbol_as_well_as_a_word():
    symbols = {
        s.status_symbol
        for s in summarise(
            [("leadership", "in_place", EARLY), ("delivery", "needs_attention", EARLY)], [], PLAIN
        )
    }
    assert {"●", "▲", "○"} <= symbols


def test_names_come_from_the_audience_words():
    words = Vocabulary({"measurement": "How we know it is working"})
    names = {s.key: s.name for s in summarise([], [], words)}
    assert names["measurement"] == "How we know it is working"
    assert names["delivery"] == "Rigorous delivery"


def test_purpose_headline_is_the_first_line_written():
    assert purpose_headline("\n  Fewer crises for people with complex needs.\nMore detail") == (
        "Fewer crises for people with complex needs."
    )
    assert purpose_headline("   ") is None
    assert purpose_headline(None) is None


def test_notes_are_grouped_by_kind_in_a_fixed_order():
    class FakeNote:
        def __init__(self, kind: str) -> None:
            self.kind = kind

    groups = group_notes([FakeNote("decision"), FakeNote("note"), FakeNote("decision")])
    assert [(g.heading, len(g.notes)) for g in groups] == [("Notes", 1), ("Decisions", 2), ("Evidence", 0)]


def test_stage_picture_marks_the_current_step_and_what_matters_most():
    class FakeProgramme:
        stage, cycle_round, outcome, stage_note = Stage.ATTRACT, 3, Outcome.PLATEAU, ""

    picture = stage_picture(FakeProgramme(), PLAIN)
    assert [s.current for s in picture.steps] == [False, False, False, True]
    assert picture.focus[0] == ("spread", "Spread of innovation")
    assert picture.outcome_label == "Reached a plateau"
    assert "restart" in picture.outcome_explained
