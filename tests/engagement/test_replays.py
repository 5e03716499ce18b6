"""Every unsafe form in engagement does the same thing posted twice, or ten times at once, as once."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as examples
from hypothesis import strategies as st

from mobilise.engagement.models import CriticalMassGoal, NetworkAnalysis, Stakeholder, Survey

from .factories import StakeholderFactory
from .helpers import answer, entry_for, make_survey
from .test_answer_safety import _at_once, needs_postgres

EDGES = b"source,target\nAmira Khan,Jo Bell\nJo Bell,Tom Reid\n"
SURVEY = {
    "title": "Advice network, spring",
    "questions": "Who do you go to for advice?",
    "consent_statement": "Only convenors and facilitators see names.",
    "opens_on": "01/01/2026",
    "closes_on": "31/12/2030",
    "version": "0",
}
GOAL = {"goal": "60", "version": "0"}
STAKEHOLDER = {
    "name": "Amira Khan",
    "kind": "person",
    "formal_authority": "high",
    "informal_influence": "high",
    "engagement_current": "to",
    "engagement_desired": "with",
    "stance": "observer",
    "version": "0",
}


def _url(name: str, cast: Any, **kwargs: Any) -> str:
    return reverse(f"engagement:{name}", kwargs={"slug": cast.programme.slug, **kwargs})


def _import(client: Any, cast: Any, key: str) -> Any:
    upload = SimpleUploadedFile("ties.csv", EDGES, content_type="text/csv")
    return client.post(_url("network_import", cast), {"title": "Workshop", "file": upload, "form_key": key})


def _key_on(page: str) -> str:
    found = re.search(r'name="form_key" value="([^"]+)"', page)
    assert found, "the form carries a key"
    return found.group(1)


def test_an_import_posted_twice_makes_one_network(cast: Any, as_convenor: Any) -> None:
    key = _key_on(as_convenor.get(_url("network_import", cast)).content.decode())
    first, second = _import(as_convenor, cast, key), _import(as_convenor, cast, key)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Survey.objects.count() == 1
    assert _import(as_convenor, cast, "a-fresh-form").status_code == 302
    assert Survey.objects.count() == 2  # a new form is a new import


def test_a_survey_created_twice_from_one_form_is_made_once(cast: Any, as_convenor: Any) -> None:
    key = _key_on(as_convenor.get(_url("survey_create", cast)).content.decode())
    first = as_convenor.post(_url("survey_create", cast), {**SURVEY, "form_key": key})
    second = as_convenor.post(_url("survey_create", cast), {**SURVEY, "form_key": key})
    assert first["Location"] == second["Location"]
    assert Survey.objects.count() == 1


@examples(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(keys=st.lists(st.sampled_from(["form-a", "form-b", "form-c"]), min_size=1, max_size=6))
def test_each_stakeholder_form_adds_one_person_however_often_it_is_posted(
    cast: Any, as_convenor: Any, keys: list[str]
) -> None:
    Stakeholder.all_objects.filter(programme=cast.programme).delete()
    for key in keys:
        assert (
            as_convenor.post(_url("stakeholder_create", cast), {**STAKEHOLDER, "form_key": key}).status_code
            == 302
        )
    assert Stakeholder.objects.filter(programme=cast.programme).count() == len(set(keys))


def test_moving_to_the_bin_twice_gives_the_same_answer(cast: Any, as_convenor: Any) -> None:
    survey = make_survey(cast.programme, cast.convenor)
    stakeholder = StakeholderFactory(programme=cast.programme)
    for name, pk in (("survey_delete", survey.pk), ("stakeholder_delete", stakeholder.pk)):
        first = as_convenor.post(_url(name, cast, pk=pk))
        second = as_convenor.post(_url(name, cast, pk=pk))
        assert first.status_code == second.status_code == 302
        assert first["Location"] == second["Location"]
    survey.refresh_from_db()
    assert survey.in_bin and survey.history.filter(deleted_at__isnull=False).count() == 1


def test_an_edit_posted_twice_is_saved_once_without_a_conflict(cast: Any, as_convenor: Any) -> None:
    survey = make_survey(cast.programme, cast.convenor)
    edit = {**SURVEY, "questions": survey.questions.get().text, "title": "Renamed", "version": survey.version}
    first = as_convenor.post(_url("survey_edit", cast, pk=survey.pk), edit)
    second = as_convenor.post(_url("survey_edit", cast, pk=survey.pk), edit)
    assert first.status_code == second.status_code == 302
    survey.refresh_from_db()
    assert (survey.title, survey.version) == ("Renamed", 2)
    # A different edit from the same stale form is still a conflict, with the text kept.
    stale = as_convenor.post(_url("survey_edit", cast, pk=survey.pk), {**edit, "title": "Mine instead"})
    assert stale.status_code == 409 and "Mine instead" in stale.content.decode()

    stakeholder = StakeholderFactory(programme=cast.programme, name="Amira Khan")
    moved = {**STAKEHOLDER, "version": stakeholder.version, "notes": "Met at the away day"}
    for _ in range(2):
        assert as_convenor.post(_url("stakeholder_edit", cast, pk=stakeholder.pk), moved).status_code == 302
    stakeholder.refresh_from_db()
    assert (stakeholder.notes, stakeholder.version) == ("Met at the away day", 2)

    for _ in range(2):
        assert (
            as_convenor.post(_url("critical_mass_goal", cast), {"goal": "60", "version": "0"}).status_code
            == 302
        )
    assert CriticalMassGoal.objects.get(programme=cast.programme).goal == 60


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_ten_identical_imports_at_once_make_one_network(cast: Any) -> None:
    clients = [cast.client_for("convenor") for _ in range(10)]
    results = _at_once([lambda c=c: _import(c, cast, "one-form") for c in clients])
    assert [getattr(r, "status_code", r) for r in results] == [302] * 10
    assert Survey.objects.count() == 1
    assert len({r["Location"] for r in results}) == 1


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_ten_identical_creates_at_once_make_one_of_each(cast: Any) -> None:
    clients = [cast.client_for("convenor") for _ in range(10)]
    made = _at_once(
        [
            lambda c=c: c.post(_url("survey_create", cast), {**SURVEY, "form_key": "one-survey"})
            for c in clients
        ]
    )
    added = _at_once(
        [
            lambda c=c: c.post(_url("stakeholder_create", cast), {**STAKEHOLDER, "form_key": "one-person"})
            for c in clients
        ]
    )
    goals = _at_once(
        [
            lambda c=c: c.post(_url("critical_mass_goal", cast), {"goal": "60", "version": "0"})
            for c in clients
        ]
    )
    for results in (made, added, goals):
        assert [getattr(r, "status_code", r) for r in results] == [302] * 10
    assert Survey.objects.count() == 1 and Stakeholder.objects.count() == 1
    assert CriticalMassGoal.objects.get().goal == 60


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_ten_clicks_on_analyse_at_once_start_one_analysis(cast: Any, settings: Any) -> None:
    # The real queue, so the first analysis is still waiting when the other clicks arrive.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    survey = make_survey(cast.programme, cast.convenor)
    answer(survey, entry_for(survey, cast.member), entry_for(survey, cast.convenor))
    clients = [cast.client_for("convenor") for _ in range(10)]
    results = _at_once([lambda c=c: c.post(_url("survey_analyse", cast, pk=survey.pk)) for c in clients])
    assert [getattr(r, "status_code", r) for r in results] == [302] * 10
    assert NetworkAnalysis.objects.count() == 1
