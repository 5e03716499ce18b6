"""A new programme starts with words for clinicians, the public and the board, and prompts per audience."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from mobilise.programmes.models import Programme
from mobilise.purpose.audiences import AUDIENCE_PROMPTS, GENERAL_PROMPTS, WORD_SETS, prompts_for
from mobilise.workspace.models import Audience, AudienceChoice
from mobilise.workspace.vocabulary import DEFAULTS


def _create(client: Any, name: str = "Home before lunch") -> Programme:
    response = client.post(reverse("programmes:create"), {"name": name, "challenge": "Discharge earlier."})
    assert response.status_code == 302
    return Programme.objects.get(name=name)


def test_a_new_programme_starts_with_three_word_sets_ready_to_edit(cast: Any, as_convenor: Any) -> None:
    programme = _create(as_convenor)
    audiences = {
        a.name: dict(a.terms.values_list("key", "text")) for a in Audience.objects.filter(programme=programme)
    }
    assert set(audiences) == {"Board", "Clinicians", "Public"}
    assert audiences["Public"]["test_of_change"] == "small trial"
    assert audiences["Board"]["measure"] == "indicator"
    page = as_convenor.get(reverse("workspace:vocabulary", kwargs={"slug": programme.slug})).content.decode()
    for name in ("Clinicians", "Public", "Board"):
        assert name in page


def test_choosing_the_public_words_changes_what_the_workspace_says(cast: Any, as_convenor: Any) -> None:
    programme = _create(as_convenor)
    public = Audience.objects.get(programme=programme, name="Public")
    AudienceChoice.objects.create(programme=programme, user=cast.convenor, audience=public)
    page = as_convenor.get(reverse("workspace:home", kwargs={"slug": programme.slug})).content.decode()
    assert "What we want to change, and why" in page


def test_every_word_set_renames_only_known_terms_and_says_something_new() -> None:
    for word_set in WORD_SETS:
        assert set(word_set.words) <= set(DEFAULTS), word_set.name
        assert all(text.strip() for text in word_set.words.values())


def test_prompts_follow_the_audience_whatever_the_team_called_it() -> None:
    assert prompts_for("Clinicians")[0] == "clinicians"
    assert prompts_for("GPs and practice nurses")[0] == "clinicians"
    assert prompts_for("Patients and carers")[0] == "patients and the public"
    assert prompts_for("Trust board")[0] == "board"
    assert prompts_for("Operational managers")[0] == "managers"
    assert prompts_for("Voluntary sector partners")[0] == "partners"
    assert prompts_for("Everyone else") == ("", GENERAL_PROMPTS)
    for group in AUDIENCE_PROMPTS:  # prompts invite thinking; none is a box to tick
        assert all(p.endswith((".", "?")) and len(p) < 140 for p in group.prompts)


def test_the_page_for_writing_a_version_shows_that_audiences_prompts(cast: Any, as_member: Any) -> None:
    patients = Audience.objects.create(programme=cast.programme, name="Patients and carers")
    page = as_member.get(
        reverse("stories:audience_edit", kwargs={"slug": cast.programme.slug, "pk": patients.pk})
    ).content.decode()
    assert "Things to think about when writing for Patients and carers" in page
    assert "Use everyday words: no acronyms, no organisation charts." in page
