from __future__ import annotations

from mobilise.purpose.presenters import comparisons, history_rows
from mobilise.purpose.reads import revisions_newest_first

from .factories import write_purpose


def test_history_rows_name_the_parts_that_changed_and_who_changed_them(cast):
    write_purpose(cast.programme, cast.convenor, statement="Care at home.", values="Kindness.")
    write_purpose(
        cast.programme, cast.member, reason="Tightened the wording", what_good_looks_like="Fewer falls."
    )

    newest, first = history_rows(revisions_newest_first(cast.programme))

    assert (newest.who, newest.changed, newest.reason) == (
        "Test Member",
        ["What good will look like"],
        "Tightened the wording",
    )
    assert newest.is_current and not newest.is_first
    assert first.is_first and first.changed == ["Our shared purpose", "Our values"]


def test_comparisons_flag_only_the_parts_that_differ_from_now(cast):
    write_purpose(cast.programme, cast.convenor, statement="Care at home.", values="Kindness.")
    write_purpose(cast.programme, cast.member, values="Kindness and candour.")
    newest, oldest = revisions_newest_first(cast.programme)

    changed = {c.label: c.changed for c in comparisons(oldest, newest)}

    assert changed == {
        "Our shared purpose": False,
        "Why it matters to patients and communities": False,
        "Who it is for": False,
        "Our values": True,
        "What good will look like": False,
    }
