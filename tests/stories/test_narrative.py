from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from mobilise.programmes.models import Programme, Stage
from mobilise.stories.models import Narrative

from .factories import audience, narrative_version, oldest_narrative_history_id, write_narrative


def _url(cast, name, **kw):
    return reverse(f"stories:{name}", kwargs={"slug": cast.programme.slug, **kw})


def test_a_member_writes_the_story_in_three_parts_and_sees_it(cast, as_member):
    response = as_member.post(
        _url(cast, "narrative_edit"),
        {
            "self_text": "My dad waited **nine hours** for a bed.",
            "us_text": "We all want people home sooner.",
            "now_text": "Winter pressures start in eight weeks.",
            "reason": "First go",
            "version": 0,
        },
    )
    assert response.status_code == 302
    page = as_member.get(_url(cast, "narrative")).content.decode()
    assert "<strong>nine hours</strong>" in page
    for heading in ("Why I care", "What we share", "Why act now"):
        assert heading in page


def test_home_page_invites_writing_the_story_then_shows_it(cast, as_member):
    home = reverse("workspace:home", kwargs={"slug": cast.programme.slug})
    assert "Write the programme's story" in as_member.get(home).content.decode()
    write_narrative(cast.programme, cast.member, now_text="Act before winter.")
    page = as_member.get(home).content.decode()
    assert "Act before winter." in page
    assert "Refresh the story" not in page


def test_a_new_stage_prompts_a_gentle_refresh_and_saving_again_clears_it(cast, as_member):
    write_narrative(cast.programme, cast.member, now_text="Act before winter.")
    Programme.objects.filter(pk=cast.programme.pk).update(stage=Stage.CHANGE)
    home = reverse("workspace:home", kwargs={"slug": cast.programme.slug})
    page = as_member.get(home).content.decode()
    assert "moved on to a new stage (making changes)" in page
    assert "Refresh the story" in page
    # The same words saved again still count as a refresh for the new stage.
    as_member.post(
        _url(cast, "narrative_edit"),
        {
            "self_text": "",
            "us_text": "",
            "now_text": "Act before winter.",
            "reason": "",
            "version": narrative_version(cast.programme),
        },
    )
    assert "moved on to a new stage" not in as_member.get(home).content.decode()


def test_an_old_story_prompts_a_refresh(cast, as_member):
    write_narrative(cast.programme, cast.member, now_text="Act before winter.")
    Narrative.objects.filter(programme=cast.programme).update(updated_at=timezone.now() - timedelta(days=200))
    page = as_member.get(_url(cast, "narrative")).content.decode()
    assert "has not been refreshed for over 90 days" in page


def test_every_version_is_kept_and_an_old_one_can_be_restored(cast, as_member):
    write_narrative(cast.programme, cast.member, self_text="First telling.")
    write_narrative(cast.programme, cast.facilitator, self_text="Second telling.")
    first = oldest_narrative_history_id(cast.programme)
    history = as_member.get(_url(cast, "narrative_history")).content.decode()
    assert "Test Member" in history and "Test Facilitator" in history
    assert (
        "First telling." in as_member.get(_url(cast, "narrative_revision", history_id=first)).content.decode()
    )
    as_member.post(_url(cast, "narrative_restore", history_id=first))
    assert "First telling." in as_member.get(_url(cast, "narrative")).content.decode()
    assert Narrative.history.filter(programme_id=cast.programme.pk).count() == 3


def test_a_stale_save_is_refused_with_409_and_keeps_the_persons_text(cast, as_member):
    write_narrative(cast.programme, cast.member, self_text="Mine.")
    stale = narrative_version(cast.programme)
    write_narrative(cast.programme, cast.facilitator, self_text="Theirs, saved first.")
    response = as_member.post(
        _url(cast, "narrative_edit"),
        {"self_text": "My careful rewrite.", "us_text": "", "now_text": "", "reason": "", "version": stale},
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "My careful rewrite." in page and "Theirs, saved first." in page


def test_a_version_for_an_audience_starts_from_the_story_and_is_listed(cast, as_member):
    write_narrative(cast.programme, cast.member, us_text="We want people home sooner.")
    clinicians = audience(cast.programme)
    form = as_member.get(_url(cast, "audience_edit", pk=clinicians.pk)).content.decode()
    assert "We want people home sooner." in form
    as_member.post(
        _url(cast, "audience_edit", pk=clinicians.pk),
        {
            "self_text": "",
            "us_text": "Every clinician here has seen a delayed discharge.",
            "now_text": "",
            "version": 0,
        },
    )
    page = as_member.get(_url(cast, "narrative")).content.decode()
    assert "Clinicians" in page and "Every clinician here has seen a delayed discharge." in page


def test_viewers_read_the_story_without_edit_links(cast, as_viewer):
    write_narrative(cast.programme, cast.member, self_text="Why I care.")
    page = as_viewer.get(_url(cast, "narrative")).content.decode()
    assert "Why I care." in page
    assert _url(cast, "narrative_edit") not in page
