"""The stage of the large-scale change cycle: everyone reads it, convenors and facilitators set it."""

from __future__ import annotations

from django.urls import reverse

from mobilise.programmes.models import Outcome, Programme, Stage


def _url(cast, name="workspace:stage") -> str:
    return reverse(name, kwargs={"slug": cast.programme.slug})


def test_everyone_sees_the_cycle_explained_with_the_current_step(cast, as_viewer):
    page = as_viewer.get(_url(cast)).content.decode()
    assert "<h1>The change cycle</h1>" in page
    assert 'aria-current="step"' in page and "You are here" in page
    for words in (
        "Framing the issue",
        "Engaging people",
        "Making changes",
        "Attracting more people",
        "go round again",
        "level off",
        "run out of energy",
    ):
        assert words in page
    assert "Save stage" not in page
    assert "Convenors and facilitators can update the stage." in page


def test_a_facilitator_moves_the_programme_on_and_history_is_kept(cast):
    client = cast.client_for("facilitator")
    assert "Save stage" in client.get(_url(cast)).content.decode()
    response = client.post(
        _url(cast, "workspace:stage_set"),
        {
            "stage": Stage.ENGAGE,
            "cycle_round": "2",
            "outcome": Outcome.NORM,
            "note": "Three practices have adopted huddles.",
        },
        follow=True,
    )
    page = response.content.decode()
    assert "Stage of the change cycle saved." in page
    assert "Three practices have adopted huddles." in page
    programme = Programme.objects.get(pk=cast.programme.pk)
    assert (programme.stage, programme.cycle_round, programme.outcome) == ("engage", 2, "norm")
    assert programme.history.latest("history_id").history_user == cast.facilitator


def test_a_member_cannot_set_the_stage(cast, as_member):
    response = as_member.post(
        _url(cast, "workspace:stage_set"), {"stage": Stage.ATTRACT, "cycle_round": "1", "outcome": ""}
    )
    assert response.status_code == 403
    assert Programme.objects.get(pk=cast.programme.pk).stage == Stage.FRAME


def test_bad_stage_input_says_what_to_fix(cast, as_convenor):
    response = as_convenor.post(_url(cast, "workspace:stage_set"), {"cycle_round": "0", "outcome": "done"})
    page = response.content.decode()
    assert "Choose the stage the programme is at" in page
    assert "Round must be 1 or more" in page
    assert "Choose how things are going" in page
    assert Programme.objects.get(pk=cast.programme.pk).cycle_round == 1
