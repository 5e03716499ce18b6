"""Setting up a relationship survey, answering it signed in, and the live response rate."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.urls import reverse
from django.utils import timezone

from mobilise.engagement.models import Respondent, RosterEntry, Survey, Tie

from .factories import StakeholderFactory
from .helpers import answer, entry_for, make_survey

SURVEY = {
    "title": "Advice network, spring",
    "introduction": "Ten minutes, no more.",
    "questions": (
        "Who do you go to for advice about improving this service?\nWho do you work with on this programme?"
    ),
    "consent_statement": "Only convenors and facilitators see names.",
    "opens_on": "01/01/2026",
    "closes_on": "31/12/2030",
    "version": "0",
}


def _url(name: str, cast: Any, **kwargs: Any) -> str:
    return reverse(f"engagement:{name}", kwargs={"slug": cast.programme.slug, **kwargs})


def test_a_convenor_creates_a_survey_whose_roster_is_members_and_people_in_the_register(
    cast: Any, as_convenor: Any
) -> None:
    StakeholderFactory(programme=cast.programme, name="Amira Khan", kind="person", formal_authority="high")
    StakeholderFactory(programme=cast.programme, name="The GP federation", kind="organisation")
    StakeholderFactory(programme=cast.programme, name="Test Member again", member=cast.member)
    response = as_convenor.post(_url("survey_create", cast), SURVEY)
    survey = Survey.objects.get()
    assert response.status_code == 302
    assert [q.text for q in survey.questions.order_by("position")] == SURVEY["questions"].split("\n")
    names = sorted(survey.roster.values_list("name", flat=True))
    assert names == ["Amira Khan", "Test Convenor", "Test Facilitator", "Test Member", "Test Viewer"]
    assert survey.respondents.count() == 5
    assert RosterEntry.objects.get(name="Amira Khan").formal_authority is True
    numbers = sorted(survey.roster.values_list("number", flat=True))
    assert numbers == [1, 2, 3, 4, 5]  # pseudonyms are unique, assigned at random


def test_survey_form_errors_are_plain_and_nothing_is_saved(cast: Any, as_convenor: Any) -> None:
    response = as_convenor.post(
        _url("survey_create", cast),
        {
            **SURVEY,
            "title": "",
            "questions": "\n".join(f"Question {i}" for i in range(6)),
            "opens_on": "31/12/2030",
            "closes_on": "01/01/2026",
            "consent_statement": "",
        },
    )
    page = response.content.decode()
    for message in (
        "Enter a title",
        "Enter 5 questions or fewer",
        "Enter a consent statement",
        "The closing date must be the same as or after the opening date",
    ):
        assert message in page
    assert not Survey.objects.exists()


def test_questions_cannot_change_once_people_have_answered(cast: Any, as_convenor: Any) -> None:
    survey = make_survey(cast.programme, cast.convenor)
    answer(survey, entry_for(survey, cast.member), entry_for(survey, cast.convenor))
    response = as_convenor.post(
        _url("survey_edit", cast, pk=survey.pk),
        {**SURVEY, "questions": "Something else?", "version": survey.version},
    )
    assert "The questions cannot change once people have started answering" in response.content.decode()


def test_editing_a_survey_adds_people_who_joined_since(cast: Any, as_convenor: Any) -> None:
    survey = make_survey(cast.programme, cast.convenor)
    StakeholderFactory(programme=cast.programme, name="New Volunteer")
    q = survey.questions.get().text
    as_convenor.post(
        _url("survey_edit", cast, pk=survey.pk), {**SURVEY, "questions": q, "version": survey.version}
    )
    assert survey.roster.filter(name="New Volunteer").exists()
    assert survey.respondents.count() == 5


def test_a_member_answers_signed_in_with_progress_saved_as_they_go(cast: Any, as_member: Any) -> None:
    survey = make_survey(cast.programme, cast.convenor, questions=2)
    url = _url("survey_answer", cast, pk=survey.pk)
    convenor, viewer = entry_for(survey, cast.convenor), entry_for(survey, cast.viewer)

    start = as_member.get(url).content.decode()
    assert "I have read this and agree to take part" in start
    refused = as_member.post(url, {"step": "0"})
    assert "Tick the box to say you agree to take part" in refused.content.decode()
    assert as_member.post(url, {"step": "0", "consent": "on"}).status_code == 302

    question_one = as_member.get(url + "?step=1").content.decode()
    assert "Question 1: who do you go to?" in question_one and "Test Viewer" in question_one
    assert "Test Member</label>" not in question_one  # you cannot name yourself
    as_member.post(
        url,
        {
            "step": "1",
            "chosen": [convenor.pk, viewer.pk],
            "typed_names": "Sam from the pharmacy",
            "action": "continue",
        },
    )
    # They leave and come back: they resume at question 2, and question 1 is as they left it.
    assert "Question 2" in as_member.get(url).content.decode()
    back = as_member.get(url + "?step=1").content.decode()
    assert f'value="{convenor.pk}" checked' in back and "Sam from the pharmacy" in back

    as_member.post(url, {"step": "2", "chosen": [viewer.pk], "action": "continue"})
    check = as_member.get(url + "?step=3").content.decode()
    assert "Check your answers" in check and "Sam from the pharmacy" in check
    sent = as_member.post(url, {"step": "3"}, follow=True).content.decode()

    assert "Your answers have been sent" in sent
    me = entry_for(survey, cast.member)
    assert Tie.objects.filter(source=me).count() == 4
    assert Respondent.objects.get(entry=me).submitted_at is not None
    assert RosterEntry.objects.get(name="Sam from the pharmacy").typed_in


def test_unticking_someone_removes_them_from_the_answer(cast: Any, as_member: Any) -> None:
    survey = make_survey(cast.programme, cast.convenor)
    url = _url("survey_answer", cast, pk=survey.pk)
    as_member.post(url, {"step": "0", "consent": "on"})
    as_member.post(url, {"step": "1", "chosen": [entry_for(survey, cast.viewer).pk], "action": "continue"})
    as_member.post(url, {"step": "1", "action": "continue"})
    assert not Tie.objects.exists()


def test_a_closed_survey_takes_no_answers(cast: Any, as_member: Any) -> None:
    survey = make_survey(cast.programme, cast.convenor)
    Survey.objects.filter(pk=survey.pk).update(closes_on=timezone.localdate() - timedelta(days=1))
    url = _url("survey_answer", cast, pk=survey.pk)
    assert "It closed on" in as_member.get(url).content.decode()
    assert as_member.post(url, {"step": "0", "consent": "on"}).status_code == 400
    assert Respondent.objects.filter(consented_at__isnull=False).count() == 0


def test_the_response_rate_is_live_and_counts_only_sent_answers(cast: Any, as_convenor: Any) -> None:
    survey = make_survey(cast.programme, cast.convenor)
    for user in (cast.member, cast.viewer, cast.facilitator):
        answer(survey, entry_for(survey, user), entry_for(survey, cast.convenor))
    answer(survey, entry_for(survey, cast.convenor), entry_for(survey, cast.member), submit=False)
    fragment = as_convenor.get(_url("survey_rate", cast, pk=survey.pk)).content.decode()
    assert 'data-live hx-trigger="live:refresh"' in fragment
    # Named viewers see the exact numbers, even below 8.
    assert "<strong>75%</strong> have answered: 3 of 4 people" in fragment


def test_members_see_small_response_counts_suppressed(cast: Any, as_member: Any) -> None:
    survey = make_survey(cast.programme, cast.convenor)
    answer(survey, entry_for(survey, cast.viewer), entry_for(survey, cast.convenor))
    page = as_member.get(_url("survey_detail", cast, pk=survey.pk)).content.decode()
    assert "Fewer than 8 people have answered so far" in page
    assert "1 of 4" not in page


def test_survey_list_and_detail_use_a_fixed_number_of_queries(
    cast: Any, as_convenor: Any, django_assert_max_num_queries: Any
) -> None:
    for i in range(5):
        make_survey(cast.programme, cast.convenor, title=f"Survey {i}")
    with django_assert_max_num_queries(10):
        assert "Survey 4" in as_convenor.get(_url("surveys", cast)).content.decode()
    survey = Survey.objects.first()
    with django_assert_max_num_queries(15):
        as_convenor.get(_url("survey_detail", cast, pk=survey.pk))


def test_a_long_list_is_searched_rather_than_shown_whole(cast: Any, as_member: Any) -> None:
    for i in range(70):
        StakeholderFactory(programme=cast.programme, name=f"Colleague {i:02d}")
    survey = make_survey(cast.programme, cast.convenor)
    url = _url("survey_answer", cast, pk=survey.pk)
    as_member.post(url, {"step": "0", "consent": "on"})
    first = as_member.get(url).content.decode()
    assert "Search for people by name" in first and "Colleague 05" not in first
    viewer = entry_for(survey, cast.viewer)
    found = as_member.post(url, {"step": "1", "chosen": [viewer.pk], "find": "colleague 1", "action": "find"})
    page = found.content.decode()
    assert "Colleague 15</label>" in page and "Colleague 25" not in page
    assert f'value="{viewer.pk}" checked' in page  # the choice so far is kept while searching
    assert Tie.objects.filter(target=viewer).count() == 1  # and already saved
