from __future__ import annotations

from mobilise.purpose.diff import Segment, has_changes, word_diff


def test_added_and_removed_words_are_marked_and_the_rest_kept():
    segments = word_diff(
        "Join up care for adults in Hebburn.", "Join up care for adults and carers in Jarrow."
    )
    assert segments == [
        Segment("same", "Join up care for adults "),
        Segment("added", "and carers "),
        Segment("same", "in "),
        Segment("removed", "Hebburn"),
        Segment("added", "Jarrow"),
        Segment("same", "."),
    ]


def test_joining_the_segments_gives_back_the_new_text_plus_what_was_removed():
    old, new = "People tell their story many times.", "People tell their story once."
    segments = word_diff(old, new)
    assert "".join(s.text for s in segments if s.kind != "removed") == new
    assert "".join(s.text for s in segments if s.kind != "added") == old


def test_identical_text_has_no_changes_and_spacing_alone_is_not_a_change():
    assert not has_changes(word_diff("Same words.", "Same words."))
    assert not has_changes(word_diff("Same  words.\r\n", "Same words.\n"))


def test_text_written_from_nothing_is_all_added():
    assert word_diff("", "A new purpose") == [Segment("added", "A new purpose")]
    assert word_diff("An old purpose", "") == [Segment("removed", "An old purpose")]
