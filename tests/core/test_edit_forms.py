"""No lost updates: every form that edits something stored carries the version it started from,
and a save from an out-of-date form is refused (409) with the person's text kept.

The forms come from every page of the route matrix (the URLconf), read as a browser would; a
form "edits something stored" when it shows stored text, or posts back to its own page about
one stored row with a choice already made (see `PostForm.edits_something_that_exists`).
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from mobilise.core.submissions import FIELD
from tests.core import shared_cast
from tests.core.page_forms import PostForm, forms_on, get_pages, visitor_for
from tests.core.route_matrix import Route

module_cast = shared_cast.module_cast
cast = shared_cast.cast

# Forms allowed to save without a version check, by the route they post to, each with the reason.
WITHOUT_VERSION: dict[str, str] = {}
# Edit forms whose refusal of a stale save is tested in their own app, not by the generic test.
STALE_SAVE_TESTED_ELSEWHERE = {
    "measurement:point_edit": "a correction needs a reason the page leaves blank, so the page cannot "
    "be sent back as it stands; tests/measurement/test_point_versions.py covers it",
    "adoption:stage_edit": "its first filled-in box is the date, which the generic test would fill with "
    "words; tests/adoption/test_plan_and_corrections.py saves a correction from two tabs and checks the "
    "second is refused (409) with its note kept",
    "pulse:wave_create": "sending a wave is not an edit of text; the generic test types words into its date "
    "box. tests/pulse/test_pulse.py sends the same wave from two tabs and checks the second is refused (409)",
}
THEIR_WORDS = "Words typed in a second tab, 7301"

PAGES = [pytest.param(r, e, id=r.name) for r, e in get_pages()]


def editing_forms(route: Route, entry: dict[str, Any], cast: Any) -> list[PostForm]:
    status, forms = forms_on(route, entry, cast)
    assert status == 200
    return [f for f in forms if f.edits_something_that_exists and f.target[0] not in WITHOUT_VERSION]


def words_box(form: PostForm) -> str | None:
    """A filled-in box that takes words (not a number or a date part)."""
    return next((name for name in form.stored_text if not form.values[name][0].strip().isdigit()), None)


def a_real_change(form: PostForm) -> dict[str, list[str]]:
    """The first tab's edit: new words in a box, or else a different choice."""
    box = words_box(form)
    if box:
        return {box: ["Words saved from the first tab"]}
    for name in form.stored_choice:
        others = [v for v in form.options.get(name, []) if v and v not in form.values.get(name, [])]
        if others:
            return {name: others[:1]}
    raise AssertionError(f"No way to change {form}: give the test a words box or a second choice")


@pytest.mark.parametrize("route,entry", PAGES)
def test_every_form_that_edits_something_stored_carries_its_version(
    route: Route, entry: dict[str, Any], cast: Any
) -> None:
    missing = [str(f) for f in editing_forms(route, entry, cast) if "version" not in f.hidden]
    assert not missing, (
        "These forms change stored content but send no version, so a second save would silently "
        "overwrite the first (use mobilise/core/concurrency.py):\n" + "\n".join(missing)
    )


@pytest.mark.parametrize("route,entry", PAGES)
def test_a_save_from_an_out_of_date_form_is_refused_with_the_text_kept(
    route: Route, entry: dict[str, Any], cast: Any
) -> None:
    """Two tabs open on the same thing: the first save goes through, the second is refused."""
    client = visitor_for(entry, cast)
    stored = [
        f
        for f in forms_on(route, entry, cast, client)[1]
        if f.edits_something_that_exists
        and f.target[0] not in WITHOUT_VERSION
        and f.target[0] not in STALE_SAVE_TESTED_ELSEWHERE
        and int(f.hidden.get("version") or 0) > 0  # version 0: nothing stored yet, so nothing to lose
    ]
    for form in stored:
        # Each tab's form has its own submission key; sent without one, both saves are attempted.
        first = client.post(form.action, form.data(**{FIELD: [], **a_real_change(form)}))
        assert 300 <= first.status_code < 400, f"Saving {form} gave {first.status_code}: " + " ".join(
            re.findall(r"error-message[^>]*>(.*?)</", first.content.decode(), re.S)
        )
        box = words_box(form)
        second = client.post(form.action, form.data(**{FIELD: [], **({box: [THEIR_WORDS]} if box else {})}))
        assert second.status_code == 409, f"A stale save of {form} gave {second.status_code}"
        if box:
            assert THEIR_WORDS in second.content.decode(), f"{form} lost the person's text"


def test_the_check_finds_the_edit_forms_people_use(cast: Any) -> None:
    """Guards the guard: the notes, stage, audience words, role and workshop theme forms count as
    edit forms."""
    found: set[str] = set()
    for route, entry in get_pages():
        if route.name in {
            "workspace:note_edit",
            "workspace:stage",
            "workspace:audience_edit",
            "programmes:member_role",
            "workshops:theme_edit",
        }:
            found |= {f.target[0] for f in editing_forms(route, entry, cast)}
    assert found >= {
        "workspace:note_edit",
        "workspace:stage_set",
        "workspace:audience_edit",
        "programmes:member_role",
        "workshops:theme_edit",
    }
